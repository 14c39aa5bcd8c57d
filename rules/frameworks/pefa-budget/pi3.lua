--- PI-3 Revenue outturn (PEFA 2016, pillar I, budget reliability): how far revenue collected
-- departed from the originally approved budget, in total and in composition. Two
-- dimensions, aggregated by M2 (averaging; m2.lua, a derived table).
--
--   3.1 actual revenue was between 97 % and 106 % (A), 94 % and 112 % (B), 92 % and 116 % (C)
--       of budgeted revenue in at least two of the last three completed years;
--   3.2 the variance in revenue composition (GFS three-digit categories or comparable) was
--       below 5 % (A), 10 % (B), 15 % (C) in two of the last three years.
-- @module frameworks.pefa-budget.pi3

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"
local outturn = require "frameworks.pefa-budget.outturn"
local m2 = require "frameworks.pefa-budget.m2"

local L = c.L
local PI = "PI-3 Revenue outturn"

local ASK = L("Send, for each of the last three completed years, the revenue in the originally approved budget and the revenue collected, in total and by category (main tax types, non-tax revenue, grants), from the budget law and the audited or execution accounts, before the peer-review meeting.",
  "Envíe, para cada uno de los tres últimos ejercicios cerrados, los ingresos del presupuesto originalmente aprobado y los efectivamente recaudados, en total y por categoría (principales impuestos, ingresos no tributarios, donaciones), tomados de la ley de presupuesto y de las cuentas auditadas o de ejecución, antes de la reunión de revisión entre pares.",
  "Envie, para cada um dos três últimos exercícios encerrados, as receitas do orçamento originalmente aprovado e as efetivamente arrecadadas, no total e por categoria (principais tributos, receitas não tributárias, doações), extraídas da lei orçamentária e das contas auditadas ou de execução, antes da reunião de revisão por pares.",
  "Transmettez, pour chacun des trois derniers exercices clos, les recettes du budget initialement approuvé et les recettes encaissées, au total et par catégorie (principaux impôts, recettes non fiscales, dons), tirées de la loi de finances et des comptes audités ou d'exécution, avant la réunion d'examen par les pairs.")

local AGGREGATE_LEVELS = {
  A = L("Actual revenue was between 97% and 106% of budgeted revenue in at least two of the last three years.",
    "Los ingresos efectivos estuvieron entre el 97 % y el 106 % de los presupuestados en al menos dos de los últimos tres años.",
    "A receita efetiva ficou entre 97% e 106% da receita orçada em pelo menos dois dos últimos três anos.",
    "Les recettes effectives se sont situées entre 97 % et 106 % des recettes inscrites au budget au moins deux des trois dernières années."),
  B = L("Actual revenue was between 94% and 112% of budgeted revenue in at least two of the last three years.",
    "Los ingresos efectivos estuvieron entre el 94 % y el 112 % de los presupuestados en al menos dos de los últimos tres años.",
    "A receita efetiva ficou entre 94% e 112% da receita orçada em pelo menos dois dos últimos três anos.",
    "Les recettes effectives se sont situées entre 94 % et 112 % des recettes inscrites au budget au moins deux des trois dernières années."),
  C = L("Actual revenue was between 92% and 116% of budgeted revenue in at least two of the last three years.",
    "Los ingresos efectivos estuvieron entre el 92 % y el 116 % de los presupuestados en al menos dos de los últimos tres años.",
    "A receita efetiva ficou entre 92% e 116% da receita orçada em pelo menos dois dos últimos três anos.",
    "Les recettes effectives se sont situées entre 92 % et 116 % des recettes inscrites au budget au moins deux des trois dernières années."),
  D = c.BELOW_C,
}

local aggregate = outturn.aggregate {
  id = "pi3.aggregate",
  path = "budget.revenue.aggregate",
  title = L("3.1 Aggregate revenue outturn", "3.1 Ingresos efectivos totales", "3.1 Receita total executada", "3.1 Recettes effectives totales"),
  question = L("How close was the revenue collected to the revenue in the originally approved budget in the last three completed years?",
    "¿Cuán cerca estuvieron los ingresos recaudados de los del presupuesto originalmente aprobado en los tres últimos ejercicios cerrados?",
    "Quão perto a receita arrecadada ficou da receita do orçamento originalmente aprovado nos três últimos exercícios encerrados?",
    "Dans quelle mesure les recettes encaissées ont-elles été proches de celles du budget initialement approuvé au cours des trois derniers exercices clos ?"),
  levels = AGGREGATE_LEVELS,
  references = { c.ref(PI, "3.1 Aggregate revenue outturn") },
  subject = L("revenue", "Ingresos", "Receitas", "Recettes"),
  bands = { A = { 97, 106 }, B = { 94, 112 }, C = { 92, 116 } },
  ask = ASK,
  owner = "revenue",
  gaps = {
    D = { priority = "high", horizon = "short", owner = "revenue",
      text = L("Before the next budget is submitted, have the tax policy unit and the tax administration agree one revenue forecast per tax, built from the macroeconomic forecast and tax-by-tax elasticities, and publish with the budget a comparison of the last three years' forecasts with collections.",
        "Antes de presentar el próximo presupuesto, haga que la unidad de política tributaria y la administración tributaria acuerden una sola estimación de ingresos por impuesto, basada en el pronóstico macroeconómico y en elasticidades por impuesto, y publique con el presupuesto una comparación de las estimaciones de los tres últimos años con lo recaudado.",
        "Antes de enviar o próximo orçamento, faça a unidade de política tributária e a administração tributária acordarem uma única estimativa de receita por tributo, baseada na projeção macroeconômica e em elasticidades por tributo, e publique com o orçamento uma comparação das estimativas dos três últimos anos com a arrecadação.",
        "Avant le dépôt du prochain budget, faites convenir par la cellule de politique fiscale et l'administration fiscale d'une prévision unique par impôt, fondée sur la prévision macroéconomique et des élasticités par impôt, et publiez avec le budget une comparaison des prévisions des trois dernières années avec les encaissements.") },
    C = { priority = "medium", horizon = "medium", owner = "revenue",
      text = L("Within the next budget cycle, document the revenue forecasting method (base, elasticities, policy changes), have it reviewed by the central bank or a fiscal council, and explain in the budget the causes of the last year's deviation.",
        "En el próximo ciclo presupuestario, documente el método de estimación de ingresos (base, elasticidades, cambios de política), haga que lo revise el banco central o un consejo fiscal, y explique en el presupuesto las causas del desvío del último año.",
        "No próximo ciclo orçamentário, documente o método de estimativa de receitas (base, elasticidades, mudanças de política), submeta-o à revisão do banco central ou de um conselho fiscal, e explique no orçamento as causas do desvio do último ano.",
        "Au cours du prochain cycle budgétaire, documentez la méthode de prévision des recettes (assiette, élasticités, mesures nouvelles), faites-la examiner par la banque centrale ou un conseil budgétaire, et expliquez dans le budget les causes de l'écart de la dernière année.") },
    B = { priority = "low", horizon = "medium", owner = "revenue",
      text = L("Update the revenue forecast at mid-year with the first semester's collections and publish the revision, from the next fiscal year.",
        "Actualice a mitad de año la estimación de ingresos con la recaudación del primer semestre y publique la revisión, a partir del próximo ejercicio.",
        "Atualize no meio do ano a estimativa de receitas com a arrecadação do primeiro semestre e publique a revisão, a partir do próximo exercício.",
        "Actualisez à mi-année la prévision de recettes avec les encaissements du premier semestre et publiez la révision, à partir du prochain exercice.") },
  },
}

local COMPOSITION_LEVELS = {
  A = L("Variance in revenue composition was less than 5% in two of the last three years.",
    "La varianza en la composición de los ingresos fue inferior al 5 % en dos de los últimos tres años.",
    "A variância na composição da receita foi inferior a 5% em dois dos últimos três anos.",
    "La variance de la composition des recettes a été inférieure à 5 % deux des trois dernières années."),
  B = L("Variance in revenue composition was less than 10% in two of the last three years.",
    "La varianza en la composición de los ingresos fue inferior al 10 % en dos de los últimos tres años.",
    "A variância na composição da receita foi inferior a 10% em dois dos últimos três anos.",
    "La variance de la composition des recettes a été inférieure à 10 % deux des trois dernières années."),
  C = L("Variance in revenue composition was less than 15% in two of the last three years.",
    "La varianza en la composición de los ingresos fue inferior al 15 % en dos de los últimos tres años.",
    "A variância na composição da receita foi inferior a 15% em dois dos últimos três anos.",
    "La variance de la composition des recettes a été inférieure à 15 % deux des trois dernières années."),
  D = c.BELOW_C,
}

local composition = outturn.composition {
  id = "pi3.composition",
  path = "budget.revenue.by_category",
  title = L("3.2 Revenue composition outturn", "3.2 Composición de los ingresos efectivos", "3.2 Composição da receita executada",
    "3.2 Composition des recettes effectives"),
  question = L("How much did the composition of revenue by category (main taxes, non-tax revenue, grants) differ between the approved budget and the collections, net of the change in the total?",
    "¿Cuánto difirió la composición de los ingresos por categoría (principales impuestos, ingresos no tributarios, donaciones) entre el presupuesto aprobado y lo recaudado, descontado el cambio del total?",
    "Quanto a composição da receita por categoria (principais tributos, receitas não tributárias, doações) diferiu entre o orçamento aprovado e a arrecadação, descontada a variação do total?",
    "Dans quelle mesure la composition des recettes par catégorie (principaux impôts, recettes non fiscales, dons) a-t-elle différé entre le budget approuvé et les encaissements, hors variation du total ?"),
  levels = COMPOSITION_LEVELS,
  references = { c.ref(PI, "3.2 Revenue composition outturn") },
  subject = L("of revenue by category", "de los ingresos por categoría", "da receita por categoria", "des recettes par catégorie"),
  limits = { A = 5, B = 10, C = 15 },
  ask = ASK,
  owner = "revenue",
  gaps = {
    D = { priority = "high", horizon = "short", owner = "revenue",
      text = L("Before the next budget is submitted, forecast each main tax separately (VAT, income taxes, customs, excises) from its own base, and publish with the budget the forecast and the collection of each for the last three years.",
        "Antes de presentar el próximo presupuesto, estime cada impuesto principal por separado (IVA, impuestos a la renta, aduanas, selectivos) a partir de su propia base, y publique con el presupuesto la estimación y la recaudación de cada uno en los tres últimos años.",
        "Antes de enviar o próximo orçamento, estime cada tributo principal separadamente (IVA, impostos sobre a renda, aduana, seletivos) a partir da sua própria base, e publique com o orçamento a estimativa e a arrecadação de cada um nos três últimos anos.",
        "Avant le dépôt du prochain budget, prévoyez chaque impôt principal séparément (TVA, impôts sur le revenu, douanes, accises) à partir de sa propre assiette, et publiez avec le budget la prévision et l'encaissement de chacun pour les trois dernières années.") },
    C = { priority = "medium", horizon = "medium", owner = "revenue",
      text = L("In the next budget cycle, explain in the budget documents the three revenue categories with the largest deviations last year, and adjust their forecasting method with the tax administration's collection data.",
        "En el próximo ciclo presupuestario, explique en los documentos del presupuesto las tres categorías de ingresos con mayores desvíos el año pasado, y ajuste su método de estimación con los datos de recaudación de la administración tributaria.",
        "No próximo ciclo orçamentário, explique nos documentos orçamentários as três categorias de receita com maiores desvios no ano passado, e ajuste o seu método de estimativa com os dados de arrecadação da administração tributária.",
        "Au cours du prochain cycle budgétaire, expliquez dans les documents budgétaires les trois catégories de recettes aux écarts les plus importants l'an dernier, et ajustez leur méthode de prévision avec les données d'encaissement de l'administration fiscale.") },
    B = { priority = "low", horizon = "medium", owner = "revenue",
      text = L("From the next fiscal year, reconcile each quarter the collections by category with the budget forecast and publish the differences.",
        "A partir del próximo ejercicio, concilie cada trimestre la recaudación por categoría con la estimación del presupuesto y publique las diferencias.",
        "A partir do próximo exercício, concilie a cada trimestre a arrecadação por categoria com a estimativa orçamentária e publique as diferenças.",
        "À partir du prochain exercice, rapprochez chaque trimestre les encaissements par catégorie de la prévision budgétaire et publiez les écarts.") },
  },
}

return m.criterion {
  id = "pi3",
  title = L("PI-3 Revenue outturn", "ID-3 Ingresos efectivos", "ID-3 Receita executada", "PI-3 Recettes effectives"),
  description = L("Change in revenue between the originally approved budget and the end-of-year outturn. Aggregated by M2 (averaging) through a conversion table derived for this framework (see README.md), not the official PEFA table.",
    "Variación de los ingresos entre el presupuesto originalmente aprobado y la ejecución al cierre. Se agrega por M2 (promedio) con una tabla de conversión derivada para este marco (véase README.md), no la tabla oficial del PEFA.",
    "Variação da receita entre o orçamento originalmente aprovado e a execução no fim do exercício. Agregado por M2 (média) com uma tabela de conversão derivada para este marco (ver README.md), não a tabela oficial do PEFA.",
    "Écart des recettes entre le budget initialement approuvé et l'exécution en fin d'exercice. Agrégé par M2 (moyenne) au moyen d'une table de conversion dérivée pour ce cadre (voir README.md), et non de la table officielle du PEFA."),
  references = { c.PEFA .. ", " .. PI .. " (M2)" },
  aggregation = m2.aggregation(2),
  indicators = { aggregate, composition },
}
