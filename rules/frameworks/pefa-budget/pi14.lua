--- PI-14 Macroeconomic and fiscal forecasting (PEFA 2016, pillar IV, policy-based fiscal
-- strategy and budgeting): robust macroeconomic and fiscal forecasts for the budget year and
-- the two following years, and the capacity to estimate the fiscal impact of other economic
-- circumstances. Three dimensions, aggregated by M2 (averaging; m2.lua, a derived table).
-- @module frameworks.pefa-budget.pi14

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"
local m2 = require "frameworks.pefa-budget.m2"

local L = c.L
local PI = "PI-14 Macroeconomic and fiscal forecasting"

local yn = c.yn

---------------------------------------------------------------------------------------------
-- 14.1 Macroeconomic forecasts
---------------------------------------------------------------------------------------------

local MACRO = "budget.forecasts.macro"

--- The key macroeconomic indicators PEFA names (consistent with PI-5, element 6).
local KEY = { "gdp_growth", "inflation", "interest_rate", "exchange_rate" }

local MACRO_LEVELS = {
  A = L("The government prepares forecasts of key macroeconomic indicators, which, together with the underlying assumptions, are included in budget documentation submitted to the legislature. These forecasts are updated at least once a year, cover the budget year and the two following fiscal years, and have been reviewed by an entity other than the preparing entity.",
    "El gobierno prepara pronósticos de los indicadores macroeconómicos clave que, con sus supuestos, se incluyen en la documentación presupuestaria presentada a la asamblea legislativa. Se actualizan al menos una vez al año, cubren el año del presupuesto y los dos siguientes, y han sido revisados por una entidad distinta de la que los preparó.",
    "O governo prepara projeções dos principais indicadores macroeconômicos que, com as suas premissas, são incluídas na documentação orçamentária enviada ao legislativo. São atualizadas pelo menos uma vez por ano, cobrem o ano do orçamento e os dois seguintes, e foram revisadas por uma entidade distinta da que as preparou.",
    "Le gouvernement établit des prévisions des principaux indicateurs macroéconomiques qui, avec leurs hypothèses, figurent dans la documentation budgétaire soumise au parlement. Elles sont actualisées au moins une fois par an, couvrent l'exercice budgétaire et les deux suivants, et ont été examinées par une entité autre que celle qui les a établies."),
  B = L("The government prepares forecasts of key macroeconomic indicators, which, together with the underlying assumptions, are included in budget documentation submitted to the legislature. These forecasts cover the budget year and the two following fiscal years.",
    "El gobierno prepara pronósticos de los indicadores macroeconómicos clave que, con sus supuestos, se incluyen en la documentación presupuestaria presentada a la asamblea legislativa. Cubren el año del presupuesto y los dos siguientes.",
    "O governo prepara projeções dos principais indicadores macroeconômicos que, com as suas premissas, são incluídas na documentação orçamentária enviada ao legislativo. Cobrem o ano do orçamento e os dois seguintes.",
    "Le gouvernement établit des prévisions des principaux indicateurs macroéconomiques qui, avec leurs hypothèses, figurent dans la documentation budgétaire soumise au parlement. Elles couvrent l'exercice budgétaire et les deux suivants."),
  C = L("The government prepares forecasts of key macroeconomic indicators for the budget year and the two following fiscal years.",
    "El gobierno prepara pronósticos de los indicadores macroeconómicos clave para el año del presupuesto y los dos siguientes.",
    "O governo prepara projeções dos principais indicadores macroeconômicos para o ano do orçamento e os dois seguintes.",
    "Le gouvernement établit des prévisions des principaux indicateurs macroéconomiques pour l'exercice budgétaire et les deux suivants."),
  D = c.BELOW_C,
}

local MACRO_FINDING = L("Macroeconomic forecasts cover {years} year(s); key indicators (GDP growth, inflation, interest rate, exchange rate) all forecast: {key}; in the budget documents with assumptions: {documents}; updated at least yearly: {updated}; reviewed by another entity: {reviewed}.",
  "Los pronósticos macroeconómicos cubren {years} año(s); todos los indicadores clave (crecimiento del PIB, inflación, tasa de interés, tipo de cambio) pronosticados: {key}; en los documentos del presupuesto con sus supuestos: {documents}; actualizados al menos una vez al año: {updated}; revisados por otra entidad: {reviewed}.",
  "As projeções macroeconômicas cobrem {years} ano(s); todos os indicadores-chave (crescimento do PIB, inflação, taxa de juros, taxa de câmbio) projetados: {key}; nos documentos orçamentários com as premissas: {documents}; atualizadas pelo menos uma vez por ano: {updated}; revisadas por outra entidade: {reviewed}.",
  "Les prévisions macroéconomiques couvrent {years} année(s) ; tous les indicateurs clés (croissance du PIB, inflation, taux d'intérêt, taux de change) prévus : {key} ; dans les documents budgétaires avec leurs hypothèses : {documents} ; actualisées au moins une fois par an : {updated} ; examinées par une autre entité : {reviewed}.")

local MACRO_GAPS = {
  D = { priority = "high", horizon = "short", owner = "macro",
    text = L("For the next budget, have the Ministry of Finance prepare, with the central bank, forecasts of GDP growth, inflation, interest rates and the exchange rate for the budget year and the two following years, and base every revenue and spending estimate on them.",
      "Para el próximo presupuesto, haga que el Ministerio de Hacienda prepare, con el banco central, pronósticos de crecimiento del PIB, inflación, tasas de interés y tipo de cambio para el año del presupuesto y los dos siguientes, y base en ellos toda estimación de ingresos y gastos.",
      "Para o próximo orçamento, faça o Ministério da Fazenda preparar, com o banco central, projeções de crescimento do PIB, inflação, taxas de juros e taxa de câmbio para o ano do orçamento e os dois seguintes, e baseie nelas toda estimativa de receitas e despesas.",
      "Pour le prochain budget, faites établir par le ministère des Finances, avec la banque centrale, des prévisions de croissance du PIB, d'inflation, de taux d'intérêt et de taux de change pour l'exercice budgétaire et les deux suivants, et fondez-y toute estimation de recettes et de dépenses.") },
  C = { priority = "medium", horizon = "short", owner = "macro",
    text = L("Include the three-year macroeconomic forecasts and their assumptions in the budget documentation submitted to the legislature with the next budget.",
      "Incluya los pronósticos macroeconómicos a tres años y sus supuestos en la documentación presupuestaria que se presente a la asamblea legislativa con el próximo presupuesto.",
      "Inclua as projeções macroeconômicas de três anos e as suas premissas na documentação orçamentária enviada ao legislativo com o próximo orçamento.",
      "Joignez les prévisions macroéconomiques à trois ans et leurs hypothèses à la documentation budgétaire soumise au parlement avec le prochain budget.") },
  B = { priority = "medium", horizon = "medium", owner = "macro",
    text = L("Within the next budget cycle, have an entity other than the forecasting unit (a fiscal council, the central bank or an expert panel) review the macroeconomic forecasts and assumptions and publish its opinion, and update the forecasts at least once a year.",
      "En el próximo ciclo presupuestario, haga que una entidad distinta de la unidad que pronostica (un consejo fiscal, el banco central o un panel de expertos) revise los pronósticos macroeconómicos y sus supuestos y publique su opinión, y actualice los pronósticos al menos una vez al año.",
      "No próximo ciclo orçamentário, faça uma entidade distinta da unidade que projeta (um conselho fiscal, o banco central ou um painel de especialistas) revisar as projeções macroeconômicas e as premissas e publicar o seu parecer, e atualize as projeções pelo menos uma vez por ano.",
      "Au cours du prochain cycle budgétaire, faites examiner les prévisions macroéconomiques et leurs hypothèses par une entité autre que la cellule de prévision (conseil budgétaire, banque centrale ou comité d'experts) qui publie son avis, et actualisez les prévisions au moins une fois par an.") },
}

local macro = m.indicator {
  id = "pi14.macro",
  title = L("14.1 Macroeconomic forecasts", "14.1 Pronósticos macroeconómicos", "14.1 Projeções macroeconômicas", "14.1 Prévisions macroéconomiques"),
  question = L("Are forecasts of the key macroeconomic indicators prepared for three years, published with the budget and its assumptions, updated yearly and reviewed by another entity?",
    "¿Se preparan pronósticos de los indicadores macroeconómicos clave a tres años, publicados con el presupuesto y sus supuestos, actualizados cada año y revisados por otra entidad?",
    "São preparadas projeções dos principais indicadores macroeconômicos para três anos, publicadas com o orçamento e as suas premissas, atualizadas a cada ano e revisadas por outra entidade?",
    "Des prévisions des principaux indicateurs macroéconomiques sont-elles établies sur trois ans, publiées avec le budget et leurs hypothèses, actualisées chaque année et examinées par une autre entité ?"),
  levels = MACRO_LEVELS,
  references = { c.ref(PI, "14.1 Macroeconomic forecasts") },
  reads = c.reads({ MACRO .. ".variables", MACRO .. ".years_covered", MACRO .. ".in_budget_documents", MACRO .. ".assumptions",
    MACRO .. ".updated_annually", MACRO .. ".reviewed_by_other_entity" }),
  requires = { MACRO },
  evaluate = function(case, ctx)
    local f = case.budget.forecasts.macro
    local given = {}
    for _, v in ipairs(c.list(f.variables)) do given[v] = true end
    local key = true
    for _, k in ipairs(KEY) do key = key and given[k] == true end
    local years = c.number(f.years_covered) and f.years_covered or 0
    local documents = f.in_budget_documents == true and f.assumptions == true
    local c_met = key and years >= 3
    local grade = c.ladder(ctx, MACRO_LEVELS, {
      A = c_met and documents and f.updated_annually == true and f.reviewed_by_other_entity == true,
      B = c_met and documents,
      C = c_met,
    })
    return c.grade(ctx, grade, MACRO_FINDING, { MACRO }, MACRO_GAPS, { years = years, key = yn(key), documents = yn(documents),
      updated = yn(f.updated_annually), reviewed = yn(f.reviewed_by_other_entity) })
  end,
}

---------------------------------------------------------------------------------------------
-- 14.2 Fiscal forecasts
---------------------------------------------------------------------------------------------

local FISCAL = "budget.forecasts.fiscal"

local FISCAL_LEVELS = {
  A = L("The government prepares forecasts of the main fiscal indicators, including revenues (by type), aggregate expenditure, and the budget balance, for the budget year and two following fiscal years. These forecasts, together with the underlying assumptions and an explanation of the main differences from the forecasts made in the previous year's budget, are included in budget documentation submitted to the legislature.",
    "El gobierno prepara pronósticos de los principales indicadores fiscales, incluidos los ingresos (por tipo), el gasto agregado y el saldo presupuestario, para el año del presupuesto y los dos siguientes. Estos pronósticos, con sus supuestos y una explicación de las principales diferencias respecto de los del presupuesto del año anterior, se incluyen en la documentación presupuestaria presentada a la asamblea legislativa.",
    "O governo prepara projeções dos principais indicadores fiscais, incluindo as receitas (por tipo), a despesa agregada e o resultado orçamentário, para o ano do orçamento e os dois seguintes. Essas projeções, com as premissas e uma explicação das principais diferenças em relação às do orçamento do ano anterior, são incluídas na documentação orçamentária enviada ao legislativo.",
    "Le gouvernement établit des prévisions des principaux indicateurs budgétaires, dont les recettes (par type), les dépenses totales et le solde budgétaire, pour l'exercice budgétaire et les deux suivants. Ces prévisions, avec leurs hypothèses et une explication des principaux écarts par rapport à celles du budget de l'année précédente, figurent dans la documentation budgétaire soumise au parlement."),
  B = L("The government prepares forecasts of the main fiscal indicators, including revenues (by type), aggregate expenditure, and the budget balance, for the budget year and two following fiscal years. These forecasts, together with the underlying assumptions, are included in budget documentation submitted to the legislature.",
    "El gobierno prepara pronósticos de los principales indicadores fiscales, incluidos los ingresos (por tipo), el gasto agregado y el saldo presupuestario, para el año del presupuesto y los dos siguientes. Estos pronósticos, con sus supuestos, se incluyen en la documentación presupuestaria presentada a la asamblea legislativa.",
    "O governo prepara projeções dos principais indicadores fiscais, incluindo as receitas (por tipo), a despesa agregada e o resultado orçamentário, para o ano do orçamento e os dois seguintes. Essas projeções, com as premissas, são incluídas na documentação orçamentária enviada ao legislativo.",
    "Le gouvernement établit des prévisions des principaux indicateurs budgétaires, dont les recettes (par type), les dépenses totales et le solde budgétaire, pour l'exercice budgétaire et les deux suivants. Ces prévisions, avec leurs hypothèses, figurent dans la documentation budgétaire soumise au parlement."),
  C = L("The government prepares forecasts of revenue, expenditure and the budget balance for the budget year and the two following fiscal years.",
    "El gobierno prepara pronósticos de ingresos, gastos y saldo presupuestario para el año del presupuesto y los dos siguientes.",
    "O governo prepara projeções de receitas, despesas e resultado orçamentário para o ano do orçamento e os dois seguintes.",
    "Le gouvernement établit des prévisions de recettes, de dépenses et de solde budgétaire pour l'exercice budgétaire et les deux suivants."),
  D = c.BELOW_C,
}

local FISCAL_FINDING = L("Fiscal forecasts cover {years} year(s); revenue: {revenue}; aggregate expenditure: {expenditure}; budget balance: {balance}; in the budget documents with assumptions: {documents}; differences from last year's forecasts explained: {explained}.",
  "Los pronósticos fiscales cubren {years} año(s); ingresos: {revenue}; gasto agregado: {expenditure}; saldo presupuestario: {balance}; en los documentos del presupuesto con sus supuestos: {documents}; diferencias con los pronósticos del año anterior explicadas: {explained}.",
  "As projeções fiscais cobrem {years} ano(s); receitas: {revenue}; despesa agregada: {expenditure}; resultado orçamentário: {balance}; nos documentos orçamentários com as premissas: {documents}; diferenças em relação às projeções do ano anterior explicadas: {explained}.",
  "Les prévisions budgétaires couvrent {years} année(s) ; recettes : {revenue} ; dépenses totales : {expenditure} ; solde budgétaire : {balance} ; dans les documents budgétaires avec leurs hypothèses : {documents} ; écarts avec les prévisions de l'an dernier expliqués : {explained}.")

local REVENUE_WORDS = {
  by_type = L("by type", "por tipo", "por tipo", "par type"),
  total = L("total only", "solo el total", "só o total", "total seulement"),
}

local FISCAL_GAPS = {
  D = { priority = "high", horizon = "short", owner = "macro",
    text = L("For the next budget, prepare forecasts of revenue, aggregate expenditure and the budget balance for the budget year and the two following years, from the macroeconomic forecast and current policies.",
      "Para el próximo presupuesto, prepare pronósticos de ingresos, gasto agregado y saldo presupuestario para el año del presupuesto y los dos siguientes, a partir del pronóstico macroeconómico y de las políticas vigentes.",
      "Para o próximo orçamento, prepare projeções de receitas, despesa agregada e resultado orçamentário para o ano do orçamento e os dois seguintes, a partir da projeção macroeconômica e das políticas vigentes.",
      "Pour le prochain budget, établissez des prévisions de recettes, de dépenses totales et de solde budgétaire pour l'exercice budgétaire et les deux suivants, à partir de la prévision macroéconomique et des politiques en vigueur.") },
  C = { priority = "medium", horizon = "short", owner = "macro",
    text = L("With the next budget, submit to the legislature the three-year fiscal forecasts with revenue by type (main taxes, non-tax revenue, grants) and the assumptions behind them (rates, bases, growth).",
      "Con el próximo presupuesto, presente a la asamblea legislativa los pronósticos fiscales a tres años con los ingresos por tipo (principales impuestos, ingresos no tributarios, donaciones) y sus supuestos (tasas, bases, crecimiento).",
      "Com o próximo orçamento, envie ao legislativo as projeções fiscais de três anos com as receitas por tipo (principais tributos, receitas não tributárias, doações) e as suas premissas (alíquotas, bases, crescimento).",
      "Avec le prochain budget, soumettez au parlement les prévisions budgétaires à trois ans avec les recettes par type (principaux impôts, recettes non fiscales, dons) et leurs hypothèses (taux, assiettes, croissance).") },
  B = { priority = "low", horizon = "short", owner = "macro",
    text = L("In the next budget documents, add a table that reconciles the new three-year fiscal forecasts with those of last year's budget and explains each main difference (economic changes, new policies, technical revisions).",
      "En los próximos documentos presupuestarios, agregue un cuadro que concilie los nuevos pronósticos fiscales a tres años con los del presupuesto del año anterior y explique cada diferencia principal (cambios económicos, nuevas políticas, revisiones técnicas).",
      "Nos próximos documentos orçamentários, acrescente uma tabela que concilie as novas projeções fiscais de três anos com as do orçamento do ano anterior e explique cada diferença principal (mudanças econômicas, novas políticas, revisões técnicas).",
      "Dans les prochains documents budgétaires, ajoutez un tableau qui rapproche les nouvelles prévisions budgétaires à trois ans de celles du budget précédent et explique chaque écart principal (évolution économique, mesures nouvelles, révisions techniques).") },
}

local fiscal = m.indicator {
  id = "pi14.fiscal",
  title = L("14.2 Fiscal forecasts", "14.2 Pronósticos fiscales", "14.2 Projeções fiscais", "14.2 Prévisions budgétaires"),
  question = L("Are revenue (by type), aggregate expenditure and the budget balance forecast for three years and submitted with their assumptions and an explanation of changes from last year?",
    "¿Se pronostican a tres años los ingresos (por tipo), el gasto agregado y el saldo presupuestario, y se presentan con sus supuestos y una explicación de los cambios respecto del año anterior?",
    "As receitas (por tipo), a despesa agregada e o resultado orçamentário são projetados para três anos e enviados com as premissas e uma explicação das mudanças em relação ao ano anterior?",
    "Les recettes (par type), les dépenses totales et le solde budgétaire sont-ils prévus sur trois ans et soumis avec leurs hypothèses et une explication des changements par rapport à l'an dernier ?"),
  levels = FISCAL_LEVELS,
  references = { c.ref(PI, "14.2 Fiscal forecasts") },
  reads = c.reads({ FISCAL .. ".revenue", FISCAL .. ".expenditure", FISCAL .. ".balance", FISCAL .. ".years_covered",
    FISCAL .. ".in_budget_documents", FISCAL .. ".assumptions", FISCAL .. ".explains_changes" }),
  requires = { FISCAL },
  evaluate = function(case, ctx)
    local f = case.budget.forecasts.fiscal
    local years = c.number(f.years_covered) and f.years_covered or 0
    local core = f.expenditure == true and f.balance == true and years >= 3
    local by_type = core and f.revenue == "by_type"
    local documents = f.in_budget_documents == true and f.assumptions == true
    local grade = c.ladder(ctx, FISCAL_LEVELS, {
      A = by_type and documents and f.explains_changes == true,
      B = by_type and documents,
      C = core and (f.revenue == "by_type" or f.revenue == "total"),
    })
    return c.grade(ctx, grade, FISCAL_FINDING, { FISCAL }, FISCAL_GAPS, { years = years,
      revenue = REVENUE_WORDS[f.revenue] or c.NO, expenditure = yn(f.expenditure), balance = yn(f.balance),
      documents = yn(documents), explained = yn(f.explains_changes) })
  end,
}

---------------------------------------------------------------------------------------------
-- 14.3 Macrofiscal sensitivity analysis
---------------------------------------------------------------------------------------------

local SENSITIVITY = "budget.forecasts.sensitivity"

local SENSITIVITY_LEVELS = {
  A = L("The government prepares a range of fiscal forecast scenarios based on alternative macroeconomic assumptions, and these are published together with its central forecast.",
    "El gobierno prepara un conjunto de escenarios de pronóstico fiscal basados en supuestos macroeconómicos alternativos, y los publica junto con su pronóstico central.",
    "O governo prepara um conjunto de cenários de projeção fiscal baseados em premissas macroeconômicas alternativas, e os publica junto com a sua projeção central.",
    "Le gouvernement établit un éventail de scénarios de prévision budgétaire fondés sur d'autres hypothèses macroéconomiques, et les publie avec sa prévision centrale."),
  B = L("The government prepares, for internal use, a range of fiscal forecast scenarios based on alternative macroeconomic assumptions. The budget documents include discussion of forecast sensitivities.",
    "El gobierno prepara, para uso interno, un conjunto de escenarios de pronóstico fiscal basados en supuestos macroeconómicos alternativos. Los documentos presupuestarios discuten la sensibilidad de los pronósticos.",
    "O governo prepara, para uso interno, um conjunto de cenários de projeção fiscal baseados em premissas macroeconômicas alternativas. Os documentos orçamentários discutem a sensibilidade das projeções.",
    "Le gouvernement établit, pour son usage interne, un éventail de scénarios de prévision budgétaire fondés sur d'autres hypothèses macroéconomiques. Les documents budgétaires analysent la sensibilité des prévisions."),
  C = L("The macrofiscal forecasts prepared by the government include a qualitative assessment of the impact of alternative macroeconomic assumptions.",
    "Los pronósticos macrofiscales del gobierno incluyen una evaluación cualitativa del impacto de supuestos macroeconómicos alternativos.",
    "As projeções macrofiscais do governo incluem uma avaliação qualitativa do impacto de premissas macroeconômicas alternativas.",
    "Les prévisions macro-budgétaires du gouvernement comprennent une appréciation qualitative de l'incidence d'autres hypothèses macroéconomiques."),
  D = c.BELOW_C,
}

local SENSITIVITY_FINDING = L("Alternative fiscal scenarios prepared: {scenarios}; published with the central forecast: {published}; sensitivities discussed in the budget documents: {discussed}; qualitative assessment of alternative assumptions: {qualitative}.",
  "Escenarios fiscales alternativos preparados: {scenarios}; publicados con el pronóstico central: {published}; sensibilidades discutidas en los documentos presupuestarios: {discussed}; evaluación cualitativa de supuestos alternativos: {qualitative}.",
  "Cenários fiscais alternativos preparados: {scenarios}; publicados com a projeção central: {published}; sensibilidades discutidas nos documentos orçamentários: {discussed}; avaliação qualitativa de premissas alternativas: {qualitative}.",
  "Scénarios budgétaires alternatifs établis : {scenarios} ; publiés avec la prévision centrale : {published} ; sensibilités analysées dans les documents budgétaires : {discussed} ; appréciation qualitative d'autres hypothèses : {qualitative}.")

local SENSITIVITY_GAPS = {
  D = { priority = "medium", horizon = "short", owner = "macro",
    text = L("In the next budget's macro-fiscal chapter, state how revenue, spending and the deficit would change if growth, inflation, the exchange rate or interest rates turned out differently from the central forecast.",
      "En el capítulo macrofiscal del próximo presupuesto, indique cómo cambiarían los ingresos, el gasto y el déficit si el crecimiento, la inflación, el tipo de cambio o las tasas de interés resultaran distintos del pronóstico central.",
      "No capítulo macrofiscal do próximo orçamento, indique como mudariam as receitas, a despesa e o déficit se o crescimento, a inflação, a taxa de câmbio ou as taxas de juros fossem diferentes da projeção central.",
      "Dans le chapitre macro-budgétaire du prochain budget, indiquez comment les recettes, les dépenses et le déficit évolueraient si la croissance, l'inflation, le taux de change ou les taux d'intérêt s'écartaient de la prévision centrale.") },
  C = { priority = "medium", horizon = "medium", owner = "macro",
    text = L("Within the next budget cycle, have the macro-fiscal unit run at least two alternative scenarios (for example lower growth and a higher interest rate) through the fiscal forecast, and discuss their results in the budget documents.",
      "En el próximo ciclo presupuestario, haga que la unidad macrofiscal simule al menos dos escenarios alternativos (por ejemplo menor crecimiento y mayor tasa de interés) en el pronóstico fiscal, y discuta sus resultados en los documentos presupuestarios.",
      "No próximo ciclo orçamentário, faça a unidade macrofiscal simular pelo menos dois cenários alternativos (por exemplo menor crescimento e maior taxa de juros) na projeção fiscal, e discuta os resultados nos documentos orçamentários.",
      "Au cours du prochain cycle budgétaire, faites simuler par la cellule macro-budgétaire au moins deux scénarios alternatifs (par exemple croissance plus faible et taux d'intérêt plus élevé) dans la prévision budgétaire, et analysez leurs résultats dans les documents budgétaires.") },
  B = { priority = "low", horizon = "short", owner = "macro",
    text = L("Publish the alternative fiscal scenarios, with their assumptions, next to the central forecast in the next budget documents.",
      "Publique los escenarios fiscales alternativos, con sus supuestos, junto al pronóstico central en los próximos documentos presupuestarios.",
      "Publique os cenários fiscais alternativos, com as suas premissas, ao lado da projeção central nos próximos documentos orçamentários.",
      "Publiez les scénarios budgétaires alternatifs, avec leurs hypothèses, à côté de la prévision centrale dans les prochains documents budgétaires.") },
}

local sensitivity = m.indicator {
  id = "pi14.sensitivity",
  title = L("14.3 Macrofiscal sensitivity analysis", "14.3 Análisis de sensibilidad macrofiscal", "14.3 Análise de sensibilidade macrofiscal",
    "14.3 Analyse de sensibilité macro-budgétaire"),
  question = L("Does the government estimate, and publish, how its fiscal forecasts would change under alternative macroeconomic assumptions?",
    "¿El gobierno estima, y publica, cómo cambiarían sus pronósticos fiscales con supuestos macroeconómicos alternativos?",
    "O governo estima, e publica, como as suas projeções fiscais mudariam com premissas macroeconômicas alternativas?",
    "Le gouvernement estime-t-il, et publie-t-il, l'évolution de ses prévisions budgétaires sous d'autres hypothèses macroéconomiques ?"),
  levels = SENSITIVITY_LEVELS,
  references = { c.ref(PI, "14.3 Macrofiscal sensitivity analysis"), "IMF (2019), Fiscal Transparency Code, pillar III (fiscal risk analysis and management)" },
  reads = c.reads({ SENSITIVITY .. ".alternative_scenarios", SENSITIVITY .. ".published", SENSITIVITY .. ".discussed_in_budget",
    SENSITIVITY .. ".qualitative" }),
  requires = { SENSITIVITY },
  evaluate = function(case, ctx)
    local s = case.budget.forecasts.sensitivity
    local scenarios = c.number(s.alternative_scenarios) and s.alternative_scenarios or 0
    local range = scenarios >= 2
    local grade = c.ladder(ctx, SENSITIVITY_LEVELS, {
      A = range and s.published == true,
      B = range and s.discussed_in_budget == true,
      C = s.qualitative == true or s.discussed_in_budget == true or scenarios >= 1,
    })
    return c.grade(ctx, grade, SENSITIVITY_FINDING, { SENSITIVITY }, SENSITIVITY_GAPS, { scenarios = scenarios,
      published = yn(s.published), discussed = yn(s.discussed_in_budget), qualitative = yn(s.qualitative) })
  end,
}

return m.criterion {
  id = "pi14",
  title = L("PI-14 Macroeconomic and fiscal forecasting", "ID-14 Previsiones macroeconómicas y fiscales",
    "ID-14 Previsões macroeconômicas e fiscais", "PI-14 Prévisions macroéconomiques et budgétaires"),
  description = L("Robust macroeconomic and fiscal forecasts for the budget year and two following years, and the capacity to estimate the fiscal impact of other economic circumstances. Aggregated by M2 (averaging) through a conversion table derived for this framework (see README.md), not the official PEFA table.",
    "Pronósticos macroeconómicos y fiscales sólidos para el año del presupuesto y los dos siguientes, y capacidad de estimar el impacto fiscal de otras circunstancias económicas. Se agrega por M2 (promedio) con una tabla de conversión derivada para este marco (véase README.md), no la tabla oficial del PEFA.",
    "Projeções macroeconômicas e fiscais sólidas para o ano do orçamento e os dois seguintes, e capacidade de estimar o impacto fiscal de outras circunstâncias econômicas. Agregado por M2 (média) com uma tabela de conversão derivada para este marco (ver README.md), não a tabela oficial do PEFA.",
    "Prévisions macroéconomiques et budgétaires solides pour l'exercice budgétaire et les deux suivants, et capacité d'estimer l'incidence budgétaire d'autres conjonctures. Agrégé par M2 (moyenne) au moyen d'une table de conversion dérivée pour ce cadre (voir README.md), et non de la table officielle du PEFA."),
  references = { c.PEFA .. ", " .. PI .. " (M2)" },
  aggregation = m2.aggregation(3),
  indicators = { macro, fiscal, sensitivity },
}
