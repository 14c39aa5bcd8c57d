--- PI-16 Medium-term perspective in expenditure budgeting (PEFA 2016, pillar IV): whether
-- expenditure budgets are developed for the medium term within explicit ceilings, derived
-- from medium-term estimates and aligned with strategic plans. Four dimensions, aggregated
-- by M2 (averaging; m2.lua, a derived table).
--
-- 16.2 also reports, when the case gives a national fiscal rule's inputs, the ceiling on
-- spending growth the rule computes (lib.fiscal_rules, read only) next to the growth the
-- aggregate ceiling plans: a finding, which does not change the PEFA grade.
-- @module frameworks.pefa-budget.pi16

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"
local m2 = require "frameworks.pefa-budget.m2"
local fiscal_rules = require "lib.fiscal_rules"

local L = c.L
local PI = "PI-16 Medium-term perspective in expenditure budgeting"
local MT = "budget.medium_term"

local yn = c.yn

---------------------------------------------------------------------------------------------
-- 16.1 Medium-term expenditure estimates
---------------------------------------------------------------------------------------------

local ESTIMATES = MT .. ".estimates"

local ESTIMATES_LEVELS = {
  A = L("The annual budget presents estimates of expenditure for the budget year and the two following fiscal years allocated by administrative, economic, and program (or functional) classification.",
    "El presupuesto anual presenta estimaciones del gasto para el año del presupuesto y los dos siguientes, por clasificación administrativa, económica y programática (o funcional).",
    "O orçamento anual apresenta estimativas da despesa para o ano do orçamento e os dois seguintes, por classificação administrativa, econômica e programática (ou funcional).",
    "Le budget annuel présente des estimations des dépenses pour l'exercice budgétaire et les deux suivants, par classification administrative, économique et programmatique (ou fonctionnelle)."),
  B = L("The annual budget presents estimates of expenditure for the budget year and the two following fiscal years allocated by administrative and economic classification.",
    "El presupuesto anual presenta estimaciones del gasto para el año del presupuesto y los dos siguientes, por clasificación administrativa y económica.",
    "O orçamento anual apresenta estimativas da despesa para o ano do orçamento e os dois seguintes, por classificação administrativa e econômica.",
    "Le budget annuel présente des estimations des dépenses pour l'exercice budgétaire et les deux suivants, par classification administrative et économique."),
  C = L("The annual budget presents estimates of expenditure for the budget year and the two following fiscal years allocated by administrative or economic classification.",
    "El presupuesto anual presenta estimaciones del gasto para el año del presupuesto y los dos siguientes, por clasificación administrativa o económica.",
    "O orçamento anual apresenta estimativas da despesa para o ano do orçamento e os dois seguintes, por classificação administrativa ou econômica.",
    "Le budget annuel présente des estimations des dépenses pour l'exercice budgétaire et les deux suivants, par classification administrative ou économique."),
  D = c.BELOW_C,
}

local ESTIMATES_FINDING = L("The budget presents expenditure estimates for {years} year(s), by administrative classification: {administrative}; economic: {economic}; program or functional: {program}.",
  "El presupuesto presenta estimaciones de gasto para {years} año(s), por clasificación administrativa: {administrative}; económica: {economic}; programática o funcional: {program}.",
  "O orçamento apresenta estimativas de despesa para {years} ano(s), por classificação administrativa: {administrative}; econômica: {economic}; programática ou funcional: {program}.",
  "Le budget présente des estimations de dépenses sur {years} année(s), par classification administrative : {administrative} ; économique : {economic} ; programmatique ou fonctionnelle : {program}.")

local ESTIMATES_GAPS = {
  D = { priority = "high", horizon = "short", owner = "budget",
    text = L("With the next budget, present expenditure estimates for the budget year and the two following years by ministry, prepared by the budget directorate from the fiscal forecasts and current policies.",
      "Con el próximo presupuesto, presente estimaciones de gasto para el año del presupuesto y los dos siguientes por ministerio, preparadas por la dirección de presupuesto a partir de los pronósticos fiscales y las políticas vigentes.",
      "Com o próximo orçamento, apresente estimativas de despesa para o ano do orçamento e os dois seguintes por ministério, preparadas pela diretoria de orçamento a partir das projeções fiscais e das políticas vigentes.",
      "Avec le prochain budget, présentez des estimations de dépenses pour l'exercice budgétaire et les deux suivants par ministère, établies par la direction du budget à partir des prévisions budgétaires et des politiques en vigueur.") },
  C = { priority = "medium", horizon = "short", owner = "budget",
    text = L("In the next budget, present the three-year expenditure estimates by both administrative and economic classification, from the same chart of accounts as the annual appropriations.",
      "En el próximo presupuesto, presente las estimaciones de gasto a tres años por clasificación administrativa y económica a la vez, con el mismo clasificador que las asignaciones anuales.",
      "No próximo orçamento, apresente as estimativas de despesa de três anos por classificação administrativa e econômica ao mesmo tempo, com o mesmo classificador das dotações anuais.",
      "Dans le prochain budget, présentez les estimations de dépenses à trois ans à la fois par classification administrative et économique, avec la même nomenclature que les crédits annuels.") },
  B = { priority = "low", horizon = "medium", owner = "budget",
    text = L("Within two budget cycles, add a program (or functional) classification to the three-year estimates, so the legislature sees what each program will cost over the medium term.",
      "En dos ciclos presupuestarios, agregue una clasificación programática (o funcional) a las estimaciones a tres años, para que la asamblea legislativa vea cuánto costará cada programa en el mediano plazo.",
      "Em dois ciclos orçamentários, acrescente uma classificação programática (ou funcional) às estimativas de três anos, para que o legislativo veja quanto custará cada programa no médio prazo.",
      "D'ici deux cycles budgétaires, ajoutez une classification par programme (ou fonctionnelle) aux estimations à trois ans, afin que le parlement voie le coût de chaque programme à moyen terme.") },
}

local estimates = m.indicator {
  id = "pi16.estimates",
  title = L("16.1 Medium-term expenditure estimates", "16.1 Estimaciones de gasto de mediano plazo", "16.1 Estimativas de despesa de médio prazo",
    "16.1 Estimations des dépenses à moyen terme"),
  question = L("Does the annual budget present expenditure estimates for the budget year and the two following years, and by which classifications?",
    "¿El presupuesto anual presenta estimaciones de gasto para el año del presupuesto y los dos siguientes, y con qué clasificaciones?",
    "O orçamento anual apresenta estimativas de despesa para o ano do orçamento e os dois seguintes, e com quais classificações?",
    "Le budget annuel présente-t-il des estimations de dépenses pour l'exercice budgétaire et les deux suivants, et selon quelles classifications ?"),
  levels = ESTIMATES_LEVELS,
  references = { c.ref(PI, "16.1 Medium-term expenditure estimates") },
  reads = c.reads({ ESTIMATES .. ".years_covered", ESTIMATES .. ".classifications" }),
  requires = { ESTIMATES },
  evaluate = function(case, ctx)
    local e = case.budget.medium_term.estimates
    local years = c.number(e.years_covered) and e.years_covered or 0
    local has = {}
    for _, k in ipairs(c.list(e.classifications)) do has[k] = true end
    local admin, econ = has.administrative == true, has.economic == true
    local program = has.program == true or has.functional == true
    local three = years >= 3
    local grade = c.ladder(ctx, ESTIMATES_LEVELS, {
      A = three and admin and econ and program,
      B = three and admin and econ,
      C = three and (admin or econ),
    })
    return c.grade(ctx, grade, ESTIMATES_FINDING, { ESTIMATES }, ESTIMATES_GAPS, { years = years,
      administrative = yn(admin), economic = yn(econ), program = yn(program) })
  end,
}

---------------------------------------------------------------------------------------------
-- 16.2 Medium-term expenditure ceilings
---------------------------------------------------------------------------------------------

local CEILINGS = MT .. ".ceilings"
local RULE = "budget.fiscal_rule"

local CEILINGS_LEVELS = {
  A = L("Aggregate and ministry-level expenditure ceilings for the budget year and the two following fiscal years are approved by government before the first budget circular is issued.",
    "Los techos de gasto agregado y por ministerio para el año del presupuesto y los dos siguientes son aprobados por el gobierno antes de emitir la primera circular presupuestaria.",
    "Os tetos de despesa agregada e por ministério para o ano do orçamento e os dois seguintes são aprovados pelo governo antes da emissão da primeira circular orçamentária.",
    "Les plafonds de dépenses globaux et par ministère pour l'exercice budgétaire et les deux suivants sont approuvés par le gouvernement avant la diffusion de la première circulaire budgétaire."),
  B = L("Aggregate expenditure ceilings for the budget year and the two following fiscal years and ministry-level ceilings for the budget year are approved by government before the first budget circular is issued.",
    "Los techos de gasto agregado para el año del presupuesto y los dos siguientes, y los techos por ministerio para el año del presupuesto, son aprobados por el gobierno antes de emitir la primera circular presupuestaria.",
    "Os tetos de despesa agregada para o ano do orçamento e os dois seguintes, e os tetos por ministério para o ano do orçamento, são aprovados pelo governo antes da emissão da primeira circular orçamentária.",
    "Les plafonds de dépenses globaux pour l'exercice budgétaire et les deux suivants, et les plafonds par ministère pour l'exercice budgétaire, sont approuvés par le gouvernement avant la diffusion de la première circulaire budgétaire."),
  C = L("Aggregate expenditure ceilings for the budget year and the two following fiscal years are approved by the government before the first budget circular is issued.",
    "Los techos de gasto agregado para el año del presupuesto y los dos siguientes son aprobados por el gobierno antes de emitir la primera circular presupuestaria.",
    "Os tetos de despesa agregada para o ano do orçamento e os dois seguintes são aprovados pelo governo antes da emissão da primeira circular orçamentária.",
    "Les plafonds de dépenses globaux pour l'exercice budgétaire et les deux suivants sont approuvés par le gouvernement avant la diffusion de la première circulaire budgétaire."),
  D = c.BELOW_C,
}

local CEILINGS_FINDING = L("Ceilings approved on {approved}, first budget circular issued on {circular} (approved before it: {before}); aggregate ceilings cover {aggregate} year(s), ministry ceilings {ministry} year(s).",
  "Techos aprobados el {approved}, primera circular presupuestaria emitida el {circular} (aprobados antes: {before}); los techos agregados cubren {aggregate} año(s) y los techos por ministerio {ministry} año(s).",
  "Tetos aprovados em {approved}, primeira circular orçamentária emitida em {circular} (aprovados antes: {before}); os tetos agregados cobrem {aggregate} ano(s) e os tetos por ministério {ministry} ano(s).",
  "Plafonds approuvés le {approved}, première circulaire budgétaire diffusée le {circular} (approuvés avant : {before}) ; les plafonds globaux couvrent {aggregate} année(s) et les plafonds par ministère {ministry} année(s).")

local RULE_FINDING = L("{rule}: a central-government debt of {debt} of GDP (scenario {scenario}) and an average nominal GDP growth of {growth} cap the growth of {applies} spending at {limit}; the aggregate ceiling plans a growth of {planned}.",
  "{rule}: una deuda del Gobierno Central de {debt} del PIB (escenario {scenario}) y un crecimiento promedio del PIB nominal de {growth} limitan el crecimiento del gasto {applies} a {limit}; el techo agregado prevé un crecimiento de {planned}.",
  "{rule}: uma dívida do governo central de {debt} do PIB (cenário {scenario}) e um crescimento médio do PIB nominal de {growth} limitam o crescimento da despesa {applies} a {limit}; o teto agregado prevê um crescimento de {planned}.",
  "{rule} : une dette de l'administration centrale de {debt} du PIB (scénario {scenario}) et une croissance moyenne du PIB nominal de {growth} plafonnent la croissance des dépenses {applies} à {limit} ; le plafond global prévoit une croissance de {planned}.")

local APPLIES = {
  total = L("total", "total", "total", "totales"),
  current = L("current", "corriente", "corrente", "courantes"),
}


local RULE_BREACH = L("Before the budget is submitted, bring the aggregate ceiling within the fiscal rule's cap ({limit}), or state which escape clause of the rule applies and why, in the budget's fiscal-rule annex.",
  "Antes de presentar el presupuesto, ajuste el techo agregado al límite de la regla fiscal ({limit}), o indique qué cláusula de escape de la regla se aplica y por qué, en el anexo de regla fiscal del presupuesto.",
  "Antes de enviar o orçamento, ajuste o teto agregado ao limite da regra fiscal ({limit}), ou indique qual cláusula de escape da regra se aplica e por quê, no anexo de regra fiscal do orçamento.",
  "Avant le dépôt du budget, ramenez le plafond global sous la limite de la règle budgétaire ({limit}), ou indiquez quelle clause dérogatoire de la règle s'applique et pourquoi, dans l'annexe du budget consacrée à la règle.")

local CEILINGS_GAPS = {
  D = { priority = "high", horizon = "short", owner = "budget",
    text = L("For the next budget round, have the Council of Ministers approve aggregate expenditure ceilings for the budget year and the two following years before the budget directorate issues the first budget circular, and send the ceilings with the circular.",
      "Para la próxima ronda presupuestaria, haga que el Consejo de Ministros apruebe los techos de gasto agregado del año del presupuesto y los dos siguientes antes de que la dirección de presupuesto emita la primera circular, y envíe los techos con la circular.",
      "Para a próxima rodada orçamentária, faça o Conselho de Ministros aprovar os tetos de despesa agregada do ano do orçamento e dos dois seguintes antes de a diretoria de orçamento emitir a primeira circular, e envie os tetos com a circular.",
      "Pour le prochain cycle budgétaire, faites approuver par le Conseil des ministres les plafonds de dépenses globaux de l'exercice budgétaire et des deux suivants avant que la direction du budget ne diffuse la première circulaire, et joignez les plafonds à la circulaire.") },
  C = { priority = "medium", horizon = "short", owner = "budget",
    text = L("In the next budget round, split the approved aggregate ceiling into ministry ceilings for the budget year and have the government approve them before the first budget circular is issued.",
      "En la próxima ronda presupuestaria, reparta el techo agregado aprobado en techos por ministerio para el año del presupuesto y haga que el gobierno los apruebe antes de emitir la primera circular presupuestaria.",
      "Na próxima rodada orçamentária, reparta o teto agregado aprovado em tetos por ministério para o ano do orçamento e faça o governo aprová-los antes da emissão da primeira circular orçamentária.",
      "Lors du prochain cycle budgétaire, répartissez le plafond global approuvé en plafonds par ministère pour l'exercice budgétaire et faites-les approuver par le gouvernement avant la diffusion de la première circulaire budgétaire.") },
  B = { priority = "low", horizon = "medium", owner = "budget",
    text = L("Within two budget rounds, extend the ministry ceilings approved before the first circular to the two years after the budget year, and use them as the starting point of the next year's budget.",
      "En dos rondas presupuestarias, extienda los techos por ministerio aprobados antes de la primera circular a los dos años posteriores al del presupuesto, y úselos como punto de partida del presupuesto del año siguiente.",
      "Em duas rodadas orçamentárias, estenda os tetos por ministério aprovados antes da primeira circular aos dois anos posteriores ao do orçamento, e use-os como ponto de partida do orçamento do ano seguinte.",
      "D'ici deux cycles budgétaires, étendez les plafonds par ministère approuvés avant la première circulaire aux deux années suivant l'exercice budgétaire, et servez-vous-en comme point de départ du budget de l'année suivante.") },
}

local DATES_MISSING = L("The case does not give both the date the ceilings were approved and the date the first budget circular was issued, which this dimension compares.",
  "El caso no indica a la vez la fecha de aprobación de los techos y la fecha de emisión de la primera circular presupuestaria, que esta dimensión compara.",
  "O caso não indica ao mesmo tempo a data de aprovação dos tetos e a data de emissão da primeira circular orçamentária, que esta dimensão compara.",
  "Le cas n'indique pas à la fois la date d'approbation des plafonds et celle de la première circulaire budgétaire, que cette dimension compare.")

local DATES_ASK = L("Send the date the government approved the expenditure ceilings and the date the first budget circular was issued (with the circular), before the peer-review meeting.",
  "Envíe la fecha en que el gobierno aprobó los techos de gasto y la fecha de emisión de la primera circular presupuestaria (con la circular), antes de la reunión de revisión entre pares.",
  "Envie a data em que o governo aprovou os tetos de despesa e a data de emissão da primeira circular orçamentária (com a circular), antes da reunião de revisão por pares.",
  "Transmettez la date à laquelle le gouvernement a approuvé les plafonds de dépenses et celle de la première circulaire budgétaire (avec la circulaire), avant la réunion d'examen par les pairs.")

--- The fiscal rule's finding (and a recommendation when the plan exceeds the cap), if the
-- case gives the rule's inputs.
local function fiscal_rule(case, ctx)
  local r = case.budget.fiscal_rule
  if type(r) ~= "table" then return end
  local limit, scenario, applies = fiscal_rules.ceiling(r.rule, r.debt_to_gdp, r.avg_nominal_gdp_growth)
  if limit == nil then return end
  local known = fiscal_rules.rules[r.rule]
  local planned = c.number(r.planned_growth) and r.planned_growth or nil
  ctx.finding(c.fmt(RULE_FINDING, { rule = known and known.name or r.rule, debt = c.pct(r.debt_to_gdp, 2), scenario = scenario,
    growth = c.pct(r.avg_nominal_gdp_growth, 2), applies = APPLIES[applies] or applies, limit = c.pct(limit, 2),
    planned = planned and c.pct(planned, 2) or c.NOT_STATED }), { RULE })
  -- A finding, not a condition of the grade: it is not recorded with ctx.check.
  if planned == nil or planned <= limit then return end
  c.recommend(ctx, { text = c.fmt(RULE_BREACH, { limit = c.pct(limit, 2) }), priority = "high", horizon = "short", owner = "budget" })
end

local ceilings = m.indicator {
  id = "pi16.ceilings",
  title = L("16.2 Medium-term expenditure ceilings", "16.2 Techos de gasto de mediano plazo", "16.2 Tetos de despesa de médio prazo",
    "16.2 Plafonds de dépenses à moyen terme"),
  question = L("Are aggregate and ministry expenditure ceilings for the budget year and the two following years approved by government before the first budget circular?",
    "¿Los techos de gasto agregado y por ministerio para el año del presupuesto y los dos siguientes son aprobados por el gobierno antes de la primera circular presupuestaria?",
    "Os tetos de despesa agregada e por ministério para o ano do orçamento e os dois seguintes são aprovados pelo governo antes da primeira circular orçamentária?",
    "Les plafonds de dépenses globaux et par ministère pour l'exercice budgétaire et les deux suivants sont-ils approuvés par le gouvernement avant la première circulaire budgétaire ?"),
  levels = CEILINGS_LEVELS,
  references = { c.ref(PI, "16.2 Medium-term expenditure ceilings"),
    "Costa Rica, Ley 9635 de Fortalecimiento de las Finanzas Públicas (2018), Título IV, regla fiscal (when the case gives its inputs)" },
  reads = c.reads({ CEILINGS .. ".aggregate_years", CEILINGS .. ".ministry_years", CEILINGS .. ".approved_on", CEILINGS .. ".first_circular_on",
    RULE .. ".rule", RULE .. ".debt_to_gdp", RULE .. ".avg_nominal_gdp_growth", RULE .. ".planned_growth" }),
  requires = { CEILINGS },
  evaluate = function(case, ctx)
    local e = case.budget.medium_term.ceilings
    fiscal_rule(case, ctx)
    local absent = {}
    for _, field in ipairs({ "approved_on", "first_circular_on" }) do
      if type(e[field]) ~= "string" then absent[#absent + 1] = CEILINGS .. "." .. field end
    end
    if #absent > 0 then return c.missing(ctx, absent, DATES_MISSING, DATES_ASK, "budget") end
    local before = e.approved_on < e.first_circular_on   -- YYYY-MM-DD compares as text
    local aggregate = c.number(e.aggregate_years) and e.aggregate_years or 0
    local ministry = c.number(e.ministry_years) and e.ministry_years or 0
    local grade = c.ladder(ctx, CEILINGS_LEVELS, {
      A = before and aggregate >= 3 and ministry >= 3,
      B = before and aggregate >= 3 and ministry >= 1,
      C = before and aggregate >= 3,
    })
    return c.grade(ctx, grade, CEILINGS_FINDING, { CEILINGS }, CEILINGS_GAPS, { approved = e.approved_on,
      circular = e.first_circular_on, before = yn(before), aggregate = aggregate, ministry = ministry })
  end,
}

---------------------------------------------------------------------------------------------
-- 16.3 Alignment of strategic plans and medium-term budgets
---------------------------------------------------------------------------------------------

local PLANS = MT .. ".strategic_plans"

local PLANS_LEVELS = {
  A = L("Medium-term strategic plans are prepared and costed for most ministries. Most expenditure policy proposals in the approved medium-term budget estimates align with the strategic plans.",
    "La mayoría de los ministerios tienen planes estratégicos de mediano plazo preparados y costeados. La mayoría de las propuestas de política de gasto de las estimaciones presupuestarias de mediano plazo aprobadas se alinean con esos planes.",
    "A maioria dos ministérios tem planos estratégicos de médio prazo preparados e custeados. A maioria das propostas de política de despesa das estimativas orçamentárias de médio prazo aprovadas está alinhada com esses planos.",
    "La plupart des ministères disposent de plans stratégiques à moyen terme établis et chiffrés. La plupart des propositions de dépenses des estimations budgétaires à moyen terme approuvées sont alignées sur ces plans."),
  B = L("Medium-term strategic plans are prepared for the majority of ministries and include cost information. The majority of expenditure policy proposals in the approved medium-term budget estimates align with the strategic plans.",
    "La mayoría simple de los ministerios tienen planes estratégicos de mediano plazo con información de costos. La mayoría simple de las propuestas de política de gasto de las estimaciones de mediano plazo aprobadas se alinean con esos planes.",
    "A maioria simples dos ministérios tem planos estratégicos de médio prazo com informação de custos. A maioria simples das propostas de política de despesa das estimativas de médio prazo aprovadas está alinhada com esses planos.",
    "La majorité des ministères disposent de plans stratégiques à moyen terme comportant des informations sur les coûts. La majorité des propositions de dépenses des estimations à moyen terme approuvées sont alignées sur ces plans."),
  C = L("Medium-term strategic plans are prepared for some ministries. Some expenditure policy proposals in the annual budget estimates align with the strategic plans.",
    "Algunos ministerios tienen planes estratégicos de mediano plazo. Algunas propuestas de política de gasto de las estimaciones presupuestarias anuales se alinean con esos planes.",
    "Alguns ministérios têm planos estratégicos de médio prazo. Algumas propostas de política de despesa das estimativas orçamentárias anuais estão alinhadas com esses planos.",
    "Certains ministères disposent de plans stratégiques à moyen terme. Certaines propositions de dépenses des estimations budgétaires annuelles sont alignées sur ces plans."),
  D = c.BELOW_C,
}

local PLANS_FINDING = L("{with_plans} of {ministries} ministries have medium-term strategic plans, {costed} of them costed; {aligned} of {proposals} expenditure policy proposals align with the plans.",
  "{with_plans} de {ministries} ministerios tienen planes estratégicos de mediano plazo, {costed} de ellos costeados; {aligned} de {proposals} propuestas de política de gasto se alinean con los planes.",
  "{with_plans} de {ministries} ministérios têm planos estratégicos de médio prazo, {costed} deles custeados; {aligned} de {proposals} propostas de política de despesa estão alinhadas com os planos.",
  "{with_plans} des {ministries} ministères disposent de plans stratégiques à moyen terme, dont {costed} chiffrés ; {aligned} des {proposals} propositions de dépenses sont alignées sur ces plans.")

local PLANS_GAPS = {
  D = { priority = "high", horizon = "medium", owner = "planning",
    text = L("Within the next budget cycle, have at least the largest spending ministries prepare a medium-term strategic plan with priorities and targets, and require every new spending proposal to name the plan objective it serves.",
      "En el próximo ciclo presupuestario, haga que al menos los ministerios que más gastan preparen un plan estratégico de mediano plazo con prioridades y metas, y exija que cada nueva propuesta de gasto indique el objetivo del plan al que sirve.",
      "No próximo ciclo orçamentário, faça pelo menos os ministérios que mais gastam prepararem um plano estratégico de médio prazo com prioridades e metas, e exija que cada nova proposta de despesa indique o objetivo do plano a que serve.",
      "Au cours du prochain cycle budgétaire, faites établir au moins par les ministères les plus dépensiers un plan stratégique à moyen terme avec priorités et cibles, et exigez que chaque nouvelle proposition de dépense indique l'objectif du plan qu'elle sert.") },
  C = { priority = "medium", horizon = "medium", owner = "planning",
    text = L("Over the next two budget cycles, extend costed strategic plans to the majority of ministries, and have the budget directorate reject spending proposals that do not trace to a plan objective.",
      "En los próximos dos ciclos presupuestarios, extienda los planes estratégicos costeados a la mayoría de los ministerios, y haga que la dirección de presupuesto rechace las propuestas de gasto que no se vinculen con un objetivo del plan.",
      "Nos próximos dois ciclos orçamentários, estenda os planos estratégicos custeados à maioria dos ministérios, e faça a diretoria de orçamento rejeitar as propostas de despesa que não se vinculem a um objetivo do plano.",
      "Au cours des deux prochains cycles budgétaires, étendez les plans stratégiques chiffrés à la majorité des ministères, et faites rejeter par la direction du budget les propositions de dépenses qui ne se rattachent à aucun objectif du plan.") },
  B = { priority = "low", horizon = "medium", owner = "planning",
    text = L("Cost the strategic plans of the remaining ministries with the same method as the budget estimates, and publish each year how the approved medium-term estimates fund each plan.",
      "Costee los planes estratégicos de los ministerios restantes con el mismo método que las estimaciones presupuestarias, y publique cada año cómo las estimaciones de mediano plazo aprobadas financian cada plan.",
      "Custeie os planos estratégicos dos ministérios restantes com o mesmo método das estimativas orçamentárias, e publique a cada ano como as estimativas de médio prazo aprovadas financiam cada plano.",
      "Chiffrez les plans stratégiques des ministères restants selon la même méthode que les estimations budgétaires, et publiez chaque année la façon dont les estimations à moyen terme approuvées financent chaque plan.") },
}

local PLANS_MISSING = L("The case does not give the number of ministries and of expenditure policy proposals this dimension compares.",
  "El caso no indica el número de ministerios y de propuestas de política de gasto que esta dimensión compara.",
  "O caso não indica o número de ministérios e de propostas de política de despesa que esta dimensão compara.",
  "Le cas n'indique pas le nombre de ministères et de propositions de dépenses que cette dimension compare.")

local PLANS_ASK = L("State how many ministries there are, how many have a medium-term strategic plan and how many of those plans are costed, and how many expenditure policy proposals there were and how many align with the plans, before the peer-review meeting.",
  "Indique cuántos ministerios hay, cuántos tienen un plan estratégico de mediano plazo y cuántos de esos planes están costeados, y cuántas propuestas de política de gasto hubo y cuántas se alinean con los planes, antes de la reunión de revisión entre pares.",
  "Indique quantos ministérios há, quantos têm um plano estratégico de médio prazo e quantos desses planos são custeados, e quantas propostas de política de despesa houve e quantas estão alinhadas com os planos, antes da reunião de revisão por pares.",
  "Indiquez combien il y a de ministères, combien disposent d'un plan stratégique à moyen terme et combien de ces plans sont chiffrés, ainsi que le nombre de propositions de dépenses et combien sont alignées sur les plans, avant la réunion d'examen par les pairs.")

local alignment = m.indicator {
  id = "pi16.alignment",
  title = L("16.3 Alignment of strategic plans and medium-term budgets", "16.3 Alineación de los planes estratégicos y los presupuestos de mediano plazo",
    "16.3 Alinhamento dos planos estratégicos com os orçamentos de médio prazo", "16.3 Alignement des plans stratégiques et des budgets à moyen terme"),
  question = L("Do ministries have costed medium-term strategic plans, and do the expenditure proposals in the medium-term budget align with them?",
    "¿Los ministerios tienen planes estratégicos de mediano plazo costeados, y las propuestas de gasto del presupuesto de mediano plazo se alinean con ellos?",
    "Os ministérios têm planos estratégicos de médio prazo custeados, e as propostas de despesa do orçamento de médio prazo estão alinhadas com eles?",
    "Les ministères disposent-ils de plans stratégiques à moyen terme chiffrés, et les propositions de dépenses du budget à moyen terme y sont-elles alignées ?"),
  levels = PLANS_LEVELS,
  references = { c.ref(PI, "16.3 Alignment of strategic plans and medium-term budgets") },
  reads = c.reads({ PLANS .. ".ministries", PLANS .. ".with_plans", PLANS .. ".costed", PLANS .. ".proposals", PLANS .. ".aligned" }),
  requires = { PLANS },
  evaluate = function(case, ctx)
    local p = case.budget.medium_term.strategic_plans
    if not (c.number(p.ministries) and p.ministries > 0 and c.number(p.proposals) and p.proposals > 0) then
      return c.missing(ctx, { PLANS .. ".ministries", PLANS .. ".proposals" }, PLANS_MISSING, PLANS_ASK, "planning")
    end
    local function n(v) return c.number(v) and v or 0 end
    local plans = c.share(n(p.with_plans), p.ministries)
    local costed = c.share(math.min(n(p.costed), n(p.with_plans)), p.ministries)
    local aligned = c.share(n(p.aligned), p.proposals)
    local S = c.SHARE
    local grade = c.ladder(ctx, PLANS_LEVELS, {
      A = costed >= S.most and aligned >= S.most,
      B = costed >= S.majority and aligned >= S.majority,
      C = plans >= S.some and aligned >= S.some,
    })
    return c.grade(ctx, grade, PLANS_FINDING, { PLANS }, PLANS_GAPS, { ministries = p.ministries, with_plans = n(p.with_plans),
      costed = n(p.costed), proposals = p.proposals, aligned = n(p.aligned) })
  end,
}

---------------------------------------------------------------------------------------------
-- 16.4 Consistency of budgets with previous year's estimates
---------------------------------------------------------------------------------------------

local CHANGES = MT .. ".changes"

local CHANGES_LEVELS = {
  A = L("The budget documents provide an explanation of all changes to expenditure estimates between the last medium-term budget and the current medium-term budget at the ministry level.",
    "Los documentos presupuestarios explican todos los cambios en las estimaciones de gasto entre el último presupuesto de mediano plazo y el actual, a nivel de ministerio.",
    "Os documentos orçamentários explicam todas as mudanças nas estimativas de despesa entre o último orçamento de médio prazo e o atual, no nível de ministério.",
    "Les documents budgétaires expliquent toutes les modifications des estimations de dépenses entre le dernier budget à moyen terme et le budget actuel, au niveau des ministères."),
  B = L("The budget documents provide an explanation of most of the changes to expenditure estimates between the last medium-term budget and the current medium-term budget at the ministry level.",
    "Los documentos presupuestarios explican la mayoría de los cambios en las estimaciones de gasto entre el último presupuesto de mediano plazo y el actual, a nivel de ministerio.",
    "Os documentos orçamentários explicam a maioria das mudanças nas estimativas de despesa entre o último orçamento de médio prazo e o atual, no nível de ministério.",
    "Les documents budgétaires expliquent la plupart des modifications des estimations de dépenses entre le dernier budget à moyen terme et le budget actuel, au niveau des ministères."),
  C = L("The budget documents provide an explanation of some of the changes to expenditure estimates between the last medium-term budget and the current medium-term budget at the aggregate level.",
    "Los documentos presupuestarios explican algunos de los cambios en las estimaciones de gasto entre el último presupuesto de mediano plazo y el actual, a nivel agregado.",
    "Os documentos orçamentários explicam algumas das mudanças nas estimativas de despesa entre o último orçamento de médio prazo e o atual, no nível agregado.",
    "Les documents budgétaires expliquent certaines des modifications des estimations de dépenses entre le dernier budget à moyen terme et le budget actuel, au niveau global."),
  D = c.BELOW_C,
}

local CHANGES_FINDING = L("{explained} of {total} changes to the expenditure estimates since the last medium-term budget are explained, at the {level} level.",
  "Se explican {explained} de {total} cambios en las estimaciones de gasto desde el último presupuesto de mediano plazo, a nivel {level}.",
  "São explicadas {explained} de {total} mudanças nas estimativas de despesa desde o último orçamento de médio prazo, no nível {level}.",
  "{explained} des {total} modifications des estimations de dépenses depuis le dernier budget à moyen terme sont expliquées, au niveau {level}.")

local LEVEL_WORDS = {
  ministry = L("ministry", "de ministerio", "de ministério", "des ministères"),
  aggregate = L("aggregate", "agregado", "agregado", "global"),
}

local NO_CHANGES = L("No expenditure estimate changed between the last medium-term budget and the current one: the budget is consistent with the previous year's estimates.",
  "Ninguna estimación de gasto cambió entre el último presupuesto de mediano plazo y el actual: el presupuesto es coherente con las estimaciones del año anterior.",
  "Nenhuma estimativa de despesa mudou entre o último orçamento de médio prazo e o atual: o orçamento é coerente com as estimativas do ano anterior.",
  "Aucune estimation de dépenses n'a changé entre le dernier budget à moyen terme et le budget actuel : le budget est cohérent avec les estimations de l'année précédente.")

local CHANGES_GAPS = {
  D = { priority = "medium", horizon = "short", owner = "budget",
    text = L("In the next budget documents, add a table that compares the new estimates for each year with those of last year's medium-term budget and explains, at least in total, why they changed (new policies, economic parameters, technical revisions).",
      "En los próximos documentos presupuestarios, agregue un cuadro que compare las nuevas estimaciones de cada año con las del presupuesto de mediano plazo del año anterior y explique, al menos en total, por qué cambiaron (nuevas políticas, parámetros económicos, revisiones técnicas).",
      "Nos próximos documentos orçamentários, acrescente uma tabela que compare as novas estimativas de cada ano com as do orçamento de médio prazo do ano anterior e explique, pelo menos no total, por que mudaram (novas políticas, parâmetros econômicos, revisões técnicas).",
      "Dans les prochains documents budgétaires, ajoutez un tableau qui compare les nouvelles estimations de chaque année à celles du budget à moyen terme de l'année précédente et explique, au moins globalement, pourquoi elles ont changé (mesures nouvelles, paramètres économiques, révisions techniques).") },
  C = { priority = "medium", horizon = "medium", owner = "budget",
    text = L("From the next budget, explain the changes to the estimates ministry by ministry, and have each ministry's budget submission include the reconciliation with last year's estimates.",
      "A partir del próximo presupuesto, explique los cambios en las estimaciones ministerio por ministerio, y haga que la propuesta presupuestaria de cada ministerio incluya la conciliación con las estimaciones del año anterior.",
      "A partir do próximo orçamento, explique as mudanças nas estimativas ministério por ministério, e faça a proposta orçamentária de cada ministério incluir a conciliação com as estimativas do ano anterior.",
      "À partir du prochain budget, expliquez les modifications des estimations ministère par ministère, et faites figurer dans la proposition budgétaire de chaque ministère le rapprochement avec les estimations de l'année précédente.") },
  B = { priority = "low", horizon = "short", owner = "budget",
    text = L("In the next budget documents, explain every remaining change to the ministry estimates, so that the legislature can trace each one to a decision.",
      "En los próximos documentos presupuestarios, explique cada cambio restante en las estimaciones por ministerio, para que la asamblea legislativa pueda vincular cada uno con una decisión.",
      "Nos próximos documentos orçamentários, explique cada mudança restante nas estimativas por ministério, para que o legislativo possa vincular cada uma a uma decisão.",
      "Dans les prochains documents budgétaires, expliquez chaque modification restante des estimations par ministère, afin que le parlement puisse rattacher chacune à une décision.") },
}

local CHANGES_MISSING = L("The case does not say how many estimates changed since the last medium-term budget.",
  "El caso no indica cuántas estimaciones cambiaron desde el último presupuesto de mediano plazo.",
  "O caso não indica quantas estimativas mudaram desde o último orçamento de médio prazo.",
  "Le cas n'indique pas combien d'estimations ont changé depuis le dernier budget à moyen terme.")

local CHANGES_ASK = L("State how many ministry estimates changed between the last medium-term budget and the current one, how many of the changes the budget documents explain, and at which level, before the peer-review meeting.",
  "Indique cuántas estimaciones por ministerio cambiaron entre el último presupuesto de mediano plazo y el actual, cuántos de esos cambios explican los documentos presupuestarios y a qué nivel, antes de la reunión de revisión entre pares.",
  "Indique quantas estimativas por ministério mudaram entre o último orçamento de médio prazo e o atual, quantas dessas mudanças os documentos orçamentários explicam e em que nível, antes da reunião de revisão por pares.",
  "Indiquez combien d'estimations par ministère ont changé entre le dernier budget à moyen terme et le budget actuel, combien de ces modifications les documents budgétaires expliquent et à quel niveau, avant la réunion d'examen par les pairs.")

local consistency = m.indicator {
  id = "pi16.consistency",
  title = L("16.4 Consistency of budgets with previous year's estimates", "16.4 Coherencia de los presupuestos con las estimaciones del año anterior",
    "16.4 Coerência dos orçamentos com as estimativas do ano anterior", "16.4 Cohérence des budgets avec les estimations de l'année précédente"),
  question = L("Do the budget documents explain the changes to the expenditure estimates since last year's medium-term budget, ministry by ministry?",
    "¿Los documentos presupuestarios explican, ministerio por ministerio, los cambios en las estimaciones de gasto desde el presupuesto de mediano plazo del año anterior?",
    "Os documentos orçamentários explicam, ministério por ministério, as mudanças nas estimativas de despesa desde o orçamento de médio prazo do ano anterior?",
    "Les documents budgétaires expliquent-ils, ministère par ministère, les modifications des estimations de dépenses depuis le budget à moyen terme de l'année précédente ?"),
  levels = CHANGES_LEVELS,
  references = { c.ref(PI, "16.4 Consistency of budgets with previous year's estimates") },
  reads = c.reads({ CHANGES .. ".total", CHANGES .. ".explained", CHANGES .. ".level" }),
  requires = { CHANGES },
  evaluate = function(case, ctx)
    local ch = case.budget.medium_term.changes
    if not c.number(ch.total) then
      return c.missing(ctx, { CHANGES .. ".total" }, CHANGES_MISSING, CHANGES_ASK, "budget")
    end
    if ctx.check(L("no estimate changed since the last medium-term budget", "ninguna estimación cambió desde el último presupuesto de mediano plazo",
      "nenhuma estimativa mudou desde o último orçamento de médio prazo", "aucune estimation n'a changé depuis le dernier budget à moyen terme"),
      ch.total == 0) then
      ctx.finding(NO_CHANGES, { CHANGES .. ".total" })
      return ctx.level("A")
    end
    local explained = c.number(ch.explained) and math.min(ch.explained, ch.total) or 0
    local share = c.share(explained, ch.total)
    local ministry = ch.level == "ministry"
    local S = c.SHARE
    local grade = c.ladder(ctx, CHANGES_LEVELS, {
      A = ministry and share >= S.all,
      B = ministry and share >= S.most,
      C = share >= S.some,
    })
    return c.grade(ctx, grade, CHANGES_FINDING, { CHANGES }, CHANGES_GAPS, { explained = explained, total = ch.total,
      level = LEVEL_WORDS[ch.level] or c.NOT_STATED })
  end,
}

return m.criterion {
  id = "pi16",
  title = L("PI-16 Medium-term perspective in expenditure budgeting", "ID-16 Perspectiva de mediano plazo para la presupuestación del gasto",
    "ID-16 Perspectiva de médio prazo na orçamentação da despesa", "PI-16 Perspective à moyen terme de la budgétisation des dépenses"),
  description = L("Expenditure budgets developed for the medium term within explicit ceilings, derived from medium-term estimates and aligned with strategic plans. Aggregated by M2 (averaging) through a conversion table derived for this framework (see README.md), not the official PEFA table.",
    "Presupuestos de gasto elaborados con horizonte de mediano plazo dentro de techos explícitos, derivados de estimaciones de mediano plazo y alineados con los planes estratégicos. Se agrega por M2 (promedio) con una tabla de conversión derivada para este marco (véase README.md), no la tabla oficial del PEFA.",
    "Orçamentos de despesa elaborados com horizonte de médio prazo dentro de tetos explícitos, derivados de estimativas de médio prazo e alinhados com os planos estratégicos. Agregado por M2 (média) com uma tabela de conversão derivada para este marco (ver README.md), não a tabela oficial do PEFA.",
    "Budgets de dépenses élaborés à moyen terme dans des plafonds explicites, issus d'estimations à moyen terme et alignés sur les plans stratégiques. Agrégé par M2 (moyenne) au moyen d'une table de conversion dérivée pour ce cadre (voir README.md), et non de la table officielle du PEFA."),
  references = { c.PEFA .. ", " .. PI .. " (M2)" },
  aggregation = m2.aggregation(4),
  indicators = { estimates, ceilings, alignment, consistency },
}
