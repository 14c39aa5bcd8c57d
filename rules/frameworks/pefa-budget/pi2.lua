--- PI-2 Expenditure composition outturn (PEFA 2016, pillar I, budget reliability): how far
-- reallocations during execution changed the composition of spending approved by the
-- legislature. Three dimensions, aggregated by M1 (weakest link), as PEFA prescribes.
--
--   2.1 by function (or administrative / programme heads) and 2.2 by economic type: the
--       composition variance was below 5 % (A), 10 % (B), 15 % (C) in at least two of the
--       last three completed years;
--   2.3 expenditure charged to contingency votes, as a share of the original budget, on
--       average over the last three years: below 3 % (A), 3-6 % inclusive (B), above 6 % and
--       below 10 % (C).
-- @module frameworks.pefa-budget.pi2

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"
local outturn = require "frameworks.pefa-budget.outturn"

local L = c.L
local PI = "PI-2 Expenditure composition outturn"

local function variance_levels(by)
  return {
    A = c.fmt(L("Variance in expenditure composition {by} was less than 5% in at least two of the last three years.",
      "La varianza en la composición del gasto {by} fue inferior al 5 % en al menos dos de los últimos tres años.",
      "A variância na composição da despesa {by} foi inferior a 5% em pelo menos dois dos últimos três anos.",
      "La variance de la composition des dépenses {by} a été inférieure à 5 % au moins deux des trois dernières années."), { by = by }),
    B = c.fmt(L("Variance in expenditure composition {by} was less than 10% in at least two of the last three years.",
      "La varianza en la composición del gasto {by} fue inferior al 10 % en al menos dos de los últimos tres años.",
      "A variância na composição da despesa {by} foi inferior a 10% em pelo menos dois dos últimos três anos.",
      "La variance de la composition des dépenses {by} a été inférieure à 10 % au moins deux des trois dernières années."), { by = by }),
    C = c.fmt(L("Variance in expenditure composition {by} was less than 15% in at least two of the last three years.",
      "La varianza en la composición del gasto {by} fue inferior al 15 % en al menos dos de los últimos tres años.",
      "A variância na composição da despesa {by} foi inferior a 15% em pelo menos dois dos últimos três anos.",
      "La variance de la composition des dépenses {by} a été inférieure à 15 % au moins deux des trois dernières années."), { by = by }),
    D = c.BELOW_C,
  }
end

--- Recommendations for a variance dimension, by the grade given.
local function variance_gaps(heads)
  return {
    D = { priority = "high", horizon = "short", owner = "budget",
      text = c.fmt(L("Before the next budget is submitted, list the {heads} whose outturn moved most from the approved budget in each of the last three years, and have the budget directorate cap in-year transfers between them (for example at 10% of the receiving line), with legislative approval above the cap.",
        "Antes de presentar el próximo presupuesto, identifique {heads} cuya ejecución más se apartó del presupuesto aprobado en cada uno de los tres últimos años, y haga que la dirección de presupuesto limite las transferencias entre ellas durante el ejercicio (por ejemplo al 10 % de la línea que recibe), con aprobación legislativa por encima del límite.",
        "Antes de enviar o próximo orçamento, identifique {heads} cuja execução mais se afastou do orçamento aprovado em cada um dos três últimos anos, e faça a diretoria de orçamento limitar as transferências entre elas durante o exercício (por exemplo a 10% da linha que recebe), com aprovação legislativa acima do limite.",
        "Avant le dépôt du prochain budget, recensez {heads} dont l'exécution s'est le plus écartée du budget approuvé au cours de chacune des trois dernières années, et faites plafonner par la direction du budget les virements en cours d'exercice entre elles (par exemple à 10 % de la ligne bénéficiaire), avec approbation parlementaire au-delà du plafond."),
        { heads = heads }) },
    C = { priority = "medium", horizon = "medium", owner = "budget",
      text = c.fmt(L("From the next budget cycle, publish with each quarterly execution report the reasons for every reallocation above 10% of a line among the {heads}, and revise the forecasting method of the three lines with the largest deviations.",
        "A partir del próximo ciclo presupuestario, publique con cada informe trimestral de ejecución las razones de cada reasignación superior al 10 % de una línea entre {heads}, y revise el método de estimación de las tres líneas con mayores desvíos.",
        "A partir do próximo ciclo orçamentário, publique com cada relatório trimestral de execução as razões de cada remanejamento superior a 10% de uma linha entre {heads}, e revise o método de estimativa das três linhas com maiores desvios.",
        "À partir du prochain cycle budgétaire, publiez avec chaque rapport trimestriel d'exécution les motifs de toute réallocation supérieure à 10 % d'une ligne entre {heads}, et révisez la méthode de prévision des trois lignes aux écarts les plus importants."),
        { heads = heads }) },
    B = { priority = "low", horizon = "medium", owner = "budget",
      text = c.fmt(L("Within the next fiscal year, require the budget directorate's prior approval for transfers above 5% between {heads}, and report them to the legislature every quarter.",
        "Dentro del próximo ejercicio, exija la aprobación previa de la dirección de presupuesto para las transferencias superiores al 5 % entre {heads}, e infórmelas trimestralmente a la asamblea legislativa.",
        "No próximo exercício, exija a aprovação prévia da diretoria de orçamento para transferências superiores a 5% entre {heads}, e informe-as trimestralmente ao legislativo.",
        "Au cours du prochain exercice, soumettez à l'accord préalable de la direction du budget les virements supérieurs à 5 % entre {heads}, et rendez-en compte au parlement chaque trimestre."),
        { heads = heads }) },
  }
end

local ASK_SERIES = L("Send, for each of the last three completed years, the originally approved budget and the outturn of every line used (the ten main functions or the 20 largest heads), from the budget law and the execution report, before the peer-review meeting.",
  "Envíe, para cada uno de los tres últimos ejercicios cerrados, el presupuesto originalmente aprobado y la ejecución de cada línea utilizada (las diez funciones principales o las 20 partidas más grandes), tomados de la ley de presupuesto y del informe de ejecución, antes de la reunión de revisión entre pares.",
  "Envie, para cada um dos três últimos exercícios encerrados, o orçamento originalmente aprovado e a execução de cada linha utilizada (as dez funções principais ou as 20 maiores rubricas), extraídos da lei orçamentária e do relatório de execução, antes da reunião de revisão por pares.",
  "Transmettez, pour chacun des trois derniers exercices clos, le budget initialement approuvé et l'exécution de chaque ligne retenue (les dix fonctions principales ou les 20 principaux chapitres), tirés de la loi de finances et du rapport d'exécution, avant la réunion d'examen par les pairs.")

local by_function = outturn.composition {
  id = "pi2.function",
  path = "budget.expenditure.by_function",
  title = L("2.1 Expenditure composition outturn by function", "2.1 Composición del gasto ejecutado por función",
    "2.1 Composição da despesa executada por função", "2.1 Composition des dépenses exécutées par fonction"),
  question = L("How much did the composition of spending by function (or by administrative or programme head) change between the approved budget and the outturn, net of the change in the total?",
    "¿Cuánto cambió la composición del gasto por función (o por partida administrativa o programa) entre el presupuesto aprobado y la ejecución, descontado el cambio del total?",
    "Quanto mudou a composição da despesa por função (ou por rubrica administrativa ou programa) entre o orçamento aprovado e a execução, descontada a variação do total?",
    "Dans quelle mesure la composition des dépenses par fonction (ou par chapitre administratif ou programme) a-t-elle changé entre le budget approuvé et l'exécution, hors variation du total ?"),
  levels = variance_levels(L("by program, administrative or functional classification", "por clasificación programática, administrativa o funcional",
    "por classificação programática, administrativa ou funcional", "par classification programmatique, administrative ou fonctionnelle")),
  references = { c.ref(PI, "2.1 Expenditure composition outturn by function") },
  subject = L("by function", "por función", "por função", "par fonction"),
  limits = { A = 5, B = 10, C = 15 },
  gaps = variance_gaps(L("functional or administrative lines", "las líneas funcionales o administrativas", "as linhas funcionais ou administrativas",
    "les lignes fonctionnelles ou administratives")),
  ask = ASK_SERIES,
  owner = "budget",
  aggregate = true,
}

local by_economic_type = outturn.composition {
  id = "pi2.economic",
  path = "budget.expenditure.by_economic_type",
  title = L("2.2 Expenditure composition outturn by economic type", "2.2 Composición del gasto ejecutado por tipo económico",
    "2.2 Composição da despesa executada por categoria econômica", "2.2 Composition des dépenses exécutées par nature économique"),
  question = L("How much did the composition of spending by economic type (wages, goods and services, interest, transfers, capital...) change between the approved budget and the outturn, net of the change in the total?",
    "¿Cuánto cambió la composición del gasto por tipo económico (remuneraciones, bienes y servicios, intereses, transferencias, capital...) entre el presupuesto aprobado y la ejecución, descontado el cambio del total?",
    "Quanto mudou a composição da despesa por categoria econômica (pessoal, bens e serviços, juros, transferências, capital...) entre o orçamento aprovado e a execução, descontada a variação do total?",
    "Dans quelle mesure la composition des dépenses par nature économique (personnel, biens et services, intérêts, transferts, capital...) a-t-elle changé entre le budget approuvé et l'exécution, hors variation du total ?"),
  levels = variance_levels(L("by economic classification", "por clasificación económica", "por classificação econômica", "par classification économique")),
  references = { c.ref(PI, "2.2 Expenditure composition outturn by economic type") },
  subject = L("by economic type", "por tipo económico", "por categoria econômica", "par nature économique"),
  limits = { A = 5, B = 10, C = 15 },
  gaps = variance_gaps(L("economic categories (two-digit GFS)", "las categorías económicas (dos dígitos del MEFP)",
    "as categorias econômicas (dois dígitos do MEFP)", "les catégories économiques (deux chiffres du MSFP)")),
  ask = ASK_SERIES,
  owner = "budget",
}

---------------------------------------------------------------------------------------------
-- 2.3 Expenditure from contingency reserves
---------------------------------------------------------------------------------------------

local CONTINGENCY_LEVELS = {
  A = L("Actual expenditure charged to a contingency vote was on average less than 3% of the original budget.",
    "El gasto efectivamente imputado a una partida de contingencia fue en promedio inferior al 3 % del presupuesto original.",
    "A despesa efetivamente imputada a uma dotação de contingência foi em média inferior a 3% do orçamento original.",
    "Les dépenses effectivement imputées à un crédit pour dépenses imprévues ont été en moyenne inférieures à 3 % du budget initial."),
  B = L("Actual expenditure charged to a contingency vote averaged between 3% and 6%, inclusive, of the original budget.",
    "El gasto efectivamente imputado a una partida de contingencia promedió entre el 3 % y el 6 %, inclusive, del presupuesto original.",
    "A despesa efetivamente imputada a uma dotação de contingência ficou em média entre 3% e 6%, inclusive, do orçamento original.",
    "Les dépenses effectivement imputées à un crédit pour dépenses imprévues ont représenté en moyenne entre 3 % et 6 %, inclus, du budget initial."),
  C = L("Actual expenditure charged to a contingency vote was on average more than 6% but less than 10% of the original budget.",
    "El gasto efectivamente imputado a una partida de contingencia fue en promedio superior al 6 % pero inferior al 10 % del presupuesto original.",
    "A despesa efetivamente imputada a uma dotação de contingência foi em média superior a 6% mas inferior a 10% do orçamento original.",
    "Les dépenses effectivement imputées à un crédit pour dépenses imprévues ont été en moyenne supérieures à 6 % mais inférieures à 10 % du budget initial."),
  D = c.BELOW_C,
}

local CONTINGENCY_FINDING = L("Expenditure charged to contingency votes averaged {average} of the original budget ({series}).",
  "El gasto imputado a partidas de contingencia promedió {average} del presupuesto original ({series}).",
  "A despesa imputada a dotações de contingência foi em média {average} do orçamento original ({series}).",
  "Les dépenses imputées aux crédits pour dépenses imprévues ont représenté en moyenne {average} du budget initial ({series}).")

local CONTINGENCY_MISSING = L("The contingency series covers {n} of the last three completed years; this dimension averages all three.",
  "La serie de contingencias cubre {n} de los tres últimos ejercicios cerrados; esta dimensión promedia los tres.",
  "A série de contingências cobre {n} dos três últimos exercícios encerrados; esta dimensão faz a média dos três.",
  "La série des dépenses imprévues couvre {n} des trois derniers exercices clos ; cette dimension fait la moyenne des trois.")

local CONTINGENCY_ASK = L("Send the original budget and the expenditure charged to contingency votes (or the contingency reserve) for each of the last three completed years, from the execution reports, before the peer-review meeting.",
  "Envíe el presupuesto original y el gasto imputado a partidas de contingencia (o a la reserva de contingencia) de cada uno de los tres últimos ejercicios cerrados, tomados de los informes de ejecución, antes de la reunión de revisión entre pares.",
  "Envie o orçamento original e a despesa imputada a dotações de contingência (ou à reserva de contingência) de cada um dos três últimos exercícios encerrados, extraídos dos relatórios de execução, antes da reunião de revisão por pares.",
  "Transmettez le budget initial et les dépenses imputées aux crédits pour dépenses imprévues (ou à la réserve) pour chacun des trois derniers exercices clos, tirés des rapports d'exécution, avant la réunion d'examen par les pairs.")

local CONTINGENCY_GAPS = {
  D = { priority = "high", horizon = "short", owner = "budget",
    text = L("In the next budget law, cap the contingency reserve at 3% of the budget, restrict it to unforeseeable and urgent spending, and have the budget directorate publish every charge to it within a month.",
      "En la próxima ley de presupuesto, limite la reserva de contingencia al 3 % del presupuesto, restrínjala a gastos imprevisibles y urgentes, y haga que la dirección de presupuesto publique cada imputación en el plazo de un mes.",
      "Na próxima lei orçamentária, limite a reserva de contingência a 3% do orçamento, restrinja-a a despesas imprevisíveis e urgentes, e faça a diretoria de orçamento publicar cada imputação no prazo de um mês.",
      "Dans la prochaine loi de finances, plafonnez la réserve pour dépenses imprévues à 3 % du budget, réservez-la aux dépenses imprévisibles et urgentes, et faites publier par la direction du budget chaque imputation dans le mois.") },
  C = { priority = "medium", horizon = "short", owner = "budget",
    text = L("Before the next budget is drafted, move the recurring items now paid from the contingency vote into the ministries' own appropriations, and set written criteria for what the reserve may pay.",
      "Antes de elaborar el próximo presupuesto, traslade a las asignaciones propias de los ministerios los gastos recurrentes que hoy se pagan con la partida de contingencia, y fije por escrito qué puede pagar la reserva.",
      "Antes de elaborar o próximo orçamento, transfira para as dotações próprias dos ministérios as despesas recorrentes hoje pagas pela dotação de contingência, e defina por escrito o que a reserva pode pagar.",
      "Avant l'élaboration du prochain budget, inscrivez dans les crédits propres des ministères les dépenses récurrentes aujourd'hui payées sur le crédit pour dépenses imprévues, et fixez par écrit ce que la réserve peut financer.") },
  B = { priority = "low", horizon = "medium", owner = "budget",
    text = L("Review each year, with the execution report, which charges to the contingency vote were foreseeable, and budget them in the ministries' appropriations the following year.",
      "Revise cada año, con el informe de ejecución, qué imputaciones a la partida de contingencia eran previsibles, y presupuéstelas al año siguiente en las asignaciones de los ministerios.",
      "Revise a cada ano, com o relatório de execução, quais imputações à dotação de contingência eram previsíveis, e orce-as no ano seguinte nas dotações dos ministérios.",
      "Examinez chaque année, avec le rapport d'exécution, quelles imputations au crédit pour dépenses imprévues étaient prévisibles, et inscrivez-les l'année suivante dans les crédits des ministères.") },
}

local contingency = m.indicator {
  id = "pi2.contingency",
  title = L("2.3 Expenditure from contingency reserves", "2.3 Gasto con cargo a reservas para contingencias",
    "2.3 Despesa com recursos da reserva de contingência", "2.3 Dépenses imputées aux réserves pour imprévus"),
  question = L("On average over the last three years, how much spending was charged to contingency votes, as a share of the original budget?",
    "En promedio de los últimos tres años, ¿cuánto gasto se imputó a partidas de contingencia, como proporción del presupuesto original?",
    "Em média nos últimos três anos, quanto da despesa foi imputada a dotações de contingência, em proporção do orçamento original?",
    "En moyenne sur les trois dernières années, quelle part des dépenses a été imputée aux crédits pour dépenses imprévues, par rapport au budget initial ?"),
  levels = CONTINGENCY_LEVELS,
  references = { c.ref(PI, "2.3 Expenditure from contingency reserves") },
  reads = c.reads({ "budget.expenditure.contingency[].year", "budget.expenditure.contingency[].original_budget",
    "budget.expenditure.contingency[].charged", "budget.last_completed_year" }),
  requires = { "budget.expenditure.contingency" },
  evaluate = function(case, ctx)
    local path = "budget.expenditure.contingency"
    local rows, missing = c.last_three(c.list(ctx.get(path)), case.budget.last_completed_year)
    local series, total = {}, 0
    for _, r in ipairs(rows) do
      local share = c.number(r.charged) and c.outturn(r.original_budget, r.charged)
      if share then
        series[#series + 1] = { year = r.year, value = share }
        total = total + share
      else
        missing = missing + 1
      end
    end
    if missing > 0 then
      return c.missing(ctx, { path }, CONTINGENCY_MISSING, CONTINGENCY_ASK, "budget", { n = 3 - missing })
    end
    local average = total / 3
    local grade = c.ladder(ctx, CONTINGENCY_LEVELS, { A = average < 3, B = average <= 6, C = average < 10 })
    return c.grade(ctx, grade, CONTINGENCY_FINDING, { path }, CONTINGENCY_GAPS,
      { average = c.pct(average), series = c.series(series) })
  end,
}

return m.criterion {
  id = "pi2",
  title = L("PI-2 Expenditure composition outturn", "ID-2 Composición del gasto ejecutado",
    "ID-2 Composição da despesa executada", "PI-2 Composition des dépenses exécutées"),
  description = L("Extent to which reallocations during execution changed the composition of approved spending. Aggregated by M1 (weakest link): the lowest dimension, with \"+\" when another is higher.",
    "Medida en que las reasignaciones durante la ejecución cambiaron la composición del gasto aprobado. Se agrega por M1 (eslabón más débil): la dimensión más baja, con \"+\" si otra es más alta.",
    "Medida em que os remanejamentos durante a execução mudaram a composição da despesa aprovada. Agregado por M1 (elo mais fraco): a dimensão mais baixa, com \"+\" se outra for mais alta.",
    "Mesure dans laquelle les réallocations en cours d'exécution ont modifié la composition des dépenses approuvées. Agrégé par M1 (maillon faible) : la dimension la plus basse, avec « + » si une autre est plus haute."),
  references = { c.PEFA .. ", " .. PI .. " (M1)" },
  aggregation = "weakest_link",
  indicators = { by_function, by_economic_type, contingency },
}
