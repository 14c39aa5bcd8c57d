--- Criterion 7, fiscally responsible: every cost is known for every year, funded inside the
-- budget and its medium-term framework, compatible with the fiscal rule, worth its cost,
-- protected against fiscal risks, and monitored in the open.
--
-- Anchors: OECD Recommendation of the Council on Budgetary Governance (2015); PEFA 2016
-- (PI-11 public investment management, PI-16 medium-term perspective, PI-10 fiscal risk
-- reporting); IMF Public Investment Management Assessment (PIMA); national fiscal rules
-- (Costa Rica, Law 9635 of 2018).
-- @module frameworks.mecigep-core.criteria.fiscal

local m = require "mecigep"
local i18n = require "lib.i18n"
local fiscal_rules = require "lib.fiscal_rules"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, tostring, math = type, ipairs, tostring, math

local L = c.L

local REF = {
  oecd = "OECD (2015), Recommendation of the Council on Budgetary Governance (OECD/LEGAL/0410)",
  pi11 = "PEFA (2016), Framework for assessing public financial management, PI-11 Public investment management (economic analysis, selection, costing, monitoring)",
  pi16 = "PEFA (2016), PI-16 Medium-term perspective in expenditure budgeting",
  pi10 = "PEFA (2016), PI-10 Fiscal risk reporting",
  pima = "IMF (2018), Public Investment Management Assessment (PIMA): review of the framework and assessments",
  cr = "Costa Rica, Ley 9635 de Fortalecimiento de las Finanzas Públicas (2018), Título IV, regla fiscal",
  ftc = "IMF (2019), Fiscal Transparency Code, pillar III (fiscal risk analysis and management)",
  ppp = "OECD (2012), Recommendation of the Council on Principles for Public Governance of Public-Private Partnerships",
}

-- The outer years of the medium-term framework after the budget year (PEFA PI-16: the budget
-- year and two outer years), unless the case gives evidence.fiscal.mtef_last_year.
local MTEF_OUTER_YEARS = K.mtef_outer_years

local function costing_rows(case)
  local rows = {}
  for _, r in ipairs(c.list(case, "evidence.fiscal.costing")) do
    if type(r) == "table" and type(r.amount) == "number" then rows[#rows + 1] = r end
  end
  return rows
end

local function currency(case)
  local cur = c.get(case, "evidence.fiscal.currency")
  if c.is_text(cur) then return cur end
  return ""
end

---------------------------------------------------------------------------------------------
-- fr.costing
---------------------------------------------------------------------------------------------
local COSTING_GAPS = {
  [1] = {
    finding = L("The initiative has no costing.", "La iniciativa no tiene costeo.", "A iniciativa não tem custeio.", "L'initiative n'est pas chiffrée."),
    text = L("Cost the initiative year by year, separating investment (capital) from operation and maintenance (recurrent), before the budget submission and {before_launch}.",
      "Costee la iniciativa año por año, separando la inversión (capital) de la operación y el mantenimiento (recurrente), antes de la presentación del presupuesto y {before_launch}.",
      "Custeie a iniciativa ano a ano, separando o investimento (capital) da operação e manutenção (recorrente), antes do envio do orçamento e {before_launch}.",
      "Chiffrez l'initiative année par année, en séparant l'investissement (capital) du fonctionnement et de l'entretien (récurrent), avant le dépôt du budget et {before_launch}."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.costing" },
  },
  [2] = {
    finding = L("The costing is a single total or covers a single year.", "El costeo es un total único o cubre un solo año.",
      "O custeio é um total único ou cobre um só ano.", "Le chiffrage est un total unique ou ne couvre qu'une année."),
    text = L("Cost every year from the launch until operation is stable, by kind of cost (capital, recurrent), before the budget submission.",
      "Costee cada año desde el lanzamiento hasta que la operación sea estable, por tipo de costo (capital, recurrente), antes de la presentación del presupuesto.",
      "Custeie cada ano desde o lançamento até que a operação seja estável, por tipo de custo (capital, recorrente), antes do envio do orçamento.",
      "Chiffrez chaque année, du lancement jusqu'à la stabilisation du fonctionnement, par nature de coût (investissement, récurrent), avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.costing[].year" },
  },
  [3] = {
    finding = L("The costing covers {years} year(s), with recurrent costs (operation, maintenance) in fewer than two years after the launch.",
      "El costeo cubre {years} año(s), con costos recurrentes (operación, mantenimiento) en menos de dos años posteriores al lanzamiento.",
      "O custeio cobre {years} ano(s), com custos recorrentes (operação, manutenção) em menos de dois anos posteriores ao lançamento.",
      "Le chiffrage couvre {years} année(s), avec des coûts récurrents (fonctionnement, entretien) sur moins de deux années après le lancement."),
    text = L("Publish the costing for years 2-5 of operation, including maintenance, staff and licences, before the budget submission.",
      "Publique el costeo de los años 2 a 5 de operación, incluidos mantenimiento, personal y licencias, antes de la presentación del presupuesto.",
      "Publique o custeio dos anos 2 a 5 de operação, incluindo manutenção, pessoal e licenças, antes do envio do orçamento.",
      "Publiez le chiffrage des années 2 à 5 de fonctionnement, y compris l'entretien, le personnel et les licences, avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.costing[].kind", "evidence.fiscal.costing[].year" },
  },
  [4] = {
    finding = L("The costing covers fewer than five years, leaves a year after launch without recurrent costs, or does not document its method.",
      "El costeo cubre menos de cinco años, deja un año posterior al lanzamiento sin costos recurrentes o no documenta su método.",
      "O custeio cobre menos de cinco anos, deixa um ano posterior ao lançamento sem custos recorrentes ou não documenta seu método.",
      "Le chiffrage couvre moins de cinq ans, laisse une année après le lancement sans coûts récurrents ou ne documente pas sa méthode."),
    text = L("Extend the costing to at least five years with recurrent costs in every year, and document the method and unit costs so the budget office can check it, before the budget submission.",
      "Extienda el costeo a al menos cinco años con costos recurrentes en cada año, y documente el método y los costos unitarios para que la oficina de presupuesto pueda verificarlo, antes de la presentación del presupuesto.",
      "Estenda o custeio a pelo menos cinco anos com custos recorrentes em cada ano, e documente o método e os custos unitários para que o órgão de orçamento possa verificá-lo, antes do envio do orçamento.",
      "Étendez le chiffrage à au moins cinq ans avec des coûts récurrents chaque année, et documentez la méthode et les coûts unitaires pour que la direction du budget puisse le vérifier, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.costing", "evidence.fiscal.costing_method" },
  },
}

local costing = m.indicator {
  id = "fr.costing",
  title = L("Multi-year capital and recurrent costing", "Costeo plurianual de capital y recurrente",
    "Custeio plurianual de capital e recorrente", "Chiffrage pluriannuel des coûts d'investissement et récurrents"),
  question = L("Are capital and recurrent costs stated for every year from launch through at least five years, with a documented method?",
    "¿Se indican los costos de capital y recurrentes de cada año desde el lanzamiento hasta al menos cinco años, con un método documentado?",
    "Os custos de capital e recorrentes são indicados para cada ano desde o lançamento até pelo menos cinco anos, com um método documentado?",
    "Les coûts d'investissement et récurrents sont-ils indiqués pour chaque année, du lancement à au moins cinq ans, avec une méthode documentée ?"),
  reads = c.reads { "evidence.fiscal.costing[].year", "evidence.fiscal.costing[].kind", "evidence.fiscal.costing[].amount",
    "evidence.fiscal.costing_method", "evidence.fiscal.currency", "identification.planned_launch" },
  requires = { "evidence.fiscal" },
  references = { REF.oecd, REF.pi11, REF.pi16, REF.pima },
  levels = {
    [0] = L("No costing.", "Sin costeo.", "Sem custeio.", "Aucun chiffrage."),
    [1] = L("A single total, or a single year.", "Un total único, o un solo año.", "Um total único, ou um só ano.",
      "Un total unique, ou une seule année."),
    [2] = L("Costs by year, but short or without recurrent costs after launch.", "Costos por año, pero cortos o sin costos recurrentes después del lanzamiento.",
      "Custos por ano, mas curtos ou sem custos recorrentes após o lançamento.", "Coûts par année, mais sur une courte période ou sans coûts récurrents après le lancement."),
    [3] = L("Costs over three or more years, with recurrent costs (operation, maintenance) in two or more years after launch.",
      "Costos en tres o más años, con costos recurrentes (operación, mantenimiento) en dos o más años posteriores al lanzamiento.",
      "Custos em três ou mais anos, com custos recorrentes (operação, manutenção) em dois ou mais anos após o lançamento.",
      "Coûts sur trois ans ou plus, avec des coûts récurrents (fonctionnement, entretien) sur deux années ou plus après le lancement."),
    [4] = L("As level 3, five or more years, recurrent costs every year after launch, documented method.",
      "Como el nivel 3, cinco o más años, costos recurrentes cada año posterior al lanzamiento, método documentado.",
      "Como o nível 3, cinco ou mais anos, custos recorrentes em cada ano após o lançamento, método documentado.",
      "Comme le niveau 3, cinq ans ou plus, coûts récurrents chaque année après le lancement, méthode documentée."),
  },
  evaluate = function(case, ctx)
    local state = c.state(case, "evidence.fiscal.costing")
    if state == "absent" then return c.insufficient(ctx, "evidence.fiscal.costing") end
    local rows = costing_rows(case)
    local launch_year = c.launch_year(case)
    local years, recurrent_years, n_years = {}, {}, 0
    local capital_total, recurrent_total = 0, 0
    local first, last
    for _, r in ipairs(rows) do
      if math.type(r.year) == "integer" then
        if not years[r.year] then
          years[r.year] = true
          n_years = n_years + 1
        end
        if first == nil or r.year < first then first = r.year end
        if last == nil or r.year > last then last = r.year end
        if r.kind == "recurrent" then recurrent_years[r.year] = true end
      end
      if r.kind == "capital" then
        capital_total = capital_total + r.amount
      elseif r.kind == "recurrent" then
        recurrent_total = recurrent_total + r.amount
      end
    end
    local start = launch_year or first
    local after, every_after = 0, true
    if start and last then
      for y = start + 1, math.max(last, start + 4) do
        if recurrent_years[y] then after = after + 1 elseif y <= start + K.costing_years - 1 then every_after = false end
      end
    else
      every_after = false
    end
    local method = c.is_text(c.get(case, "evidence.fiscal.costing_method"))
    local level = c.ladder(ctx, {
      #rows >= 1,
      n_years >= K.costing_years_level2,
      n_years >= K.costing_years_level3 and after >= K.costing_recurrent_after,
      n_years >= K.costing_years and every_after and method,
    })
    if first then
      c.finding(ctx, case, L("Costed years {span}: capital {capital}, recurrent {recurrent} {currency}.",
        "Años costeados {span}: capital {capital}, recurrente {recurrent} {currency}.",
        "Anos custeados {span}: capital {capital}, recorrente {recurrent} {currency}.",
        "Années chiffrées {span} : investissement {capital}, récurrent {recurrent} {currency}."),
        { "evidence.fiscal.costing" },
        { span = first == last and tostring(first) or (first .. "-" .. last), capital = i18n.number(capital_total), recurrent = i18n.number(recurrent_total),
          currency = currency(case) })
    end
    return c.finish(ctx, case, level, COSTING_GAPS, { "evidence.fiscal.costing" }, { years = n_years })
  end,
}

---------------------------------------------------------------------------------------------
-- fr.funding
---------------------------------------------------------------------------------------------
-- Sources that can be appropriated in a budget line: the budget itself, the medium-term
-- framework, own revenue, and external loans or grants once they are written into the budget
-- (secured, with the budget line named). External financing that is only pledged (not secured,
-- or with no budget line) does not count.
local BUDGET_SOURCES = { budget = true, mtef = true, own_revenue = true, loan = true, grant = true }
local NAMED_SOURCES = { budget = true, mtef = true, own_revenue = true, loan = true, grant = true, ppp = true, other = true }

local FUNDING_GAPS = {
  [1] = {
    finding = L("No funding source is identified.", "No se identifica ninguna fuente de financiamiento.",
      "Nenhuma fonte de financiamento é identificada.", "Aucune source de financement n'est identifiée."),
    text = L("Identify the funding source of every cost (budget line, loan, grant) with the Ministry of Finance, before the budget submission.",
      "Identifique con el Ministerio de Hacienda la fuente de financiamiento de cada costo (partida presupuestaria, préstamo, donación), antes de la presentación del presupuesto.",
      "Identifique com o Ministério da Fazenda a fonte de financiamento de cada custo (dotação orçamentária, empréstimo, doação), antes do envio do orçamento.",
      "Identifiez avec le ministère des Finances la source de financement de chaque coût (ligne budgétaire, prêt, don), avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.funding" },
  },
  [2] = {
    finding = L("Sources are named, but no amount is secured in a budget line (a loan or grant that is only pledged does not count).",
      "Se nombran fuentes, pero ningún monto está asegurado en una partida presupuestaria (un préstamo o donación solo comprometido no cuenta).",
      "Fontes são nomeadas, mas nenhum valor está assegurado numa dotação orçamentária (um empréstimo ou doação apenas prometido não conta).",
      "Des sources sont citées, mais aucun montant n'est garanti sur une ligne budgétaire (un prêt ou un don seulement annoncé ne compte pas)."),
    text = L("Secure the launch-year amount in an identified budget line, {before_launch}.",
      "Asegure el monto del año de lanzamiento en una partida presupuestaria identificada, {before_launch}.",
      "Assegure o valor do ano de lançamento numa dotação orçamentária identificada, {before_launch}.",
      "Garantissez le montant de l'année de lancement sur une ligne budgétaire identifiée, {before_launch}."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.funding[].secured", "evidence.fiscal.funding[].budget_line" },
  },
  [3] = {
    finding = L("Secured funding covers {pct} % of the costed total ({funded} of {total} {currency}).",
      "El financiamiento asegurado cubre el {pct} % del total costeado ({funded} de {total} {currency}).",
      "O financiamento assegurado cobre {pct} % do total custeado ({funded} de {total} {currency}).",
      "Le financement garanti couvre {pct} % du total chiffré ({funded} sur {total} {currency})."),
    text = L("Close the funding gap: secure the missing amount or cut the scope so that at least 90 % of the costed total is funded, before the budget submission.",
      "Cierre la brecha de financiamiento: asegure el monto faltante o reduzca el alcance para que al menos el 90 % del total costeado esté financiado, antes de la presentación del presupuesto.",
      "Feche a lacuna de financiamento: assegure o valor faltante ou reduza o escopo para que pelo menos 90 % do total custeado esteja financiado, antes do envio do orçamento.",
      "Comblez le besoin de financement : garantissez le montant manquant ou réduisez le périmètre pour qu'au moins 90 % du total chiffré soit financé, avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.funding", "evidence.fiscal.costing" },
  },
  [4] = {
    finding = L("The years after the launch are not funded in the medium-term expenditure framework, or funding falls short of the full cost.",
      "Los años posteriores al lanzamiento no están financiados en el marco de gasto de mediano plazo, o el financiamiento no cubre el costo total.",
      "Os anos posteriores ao lançamento não estão financiados no quadro de despesas de médio prazo, ou o financiamento não cobre o custo total.",
      "Les années suivant le lancement ne sont pas financées dans le cadre de dépenses à moyen terme, ou le financement ne couvre pas le coût total."),
    text = L("Include the recurrent costs of the years after the launch in the medium-term expenditure framework, so that operation does not depend on each year's negotiation, before the next budget cycle.",
      "Incluya los costos recurrentes de los años posteriores al lanzamiento en el marco de gasto de mediano plazo, para que la operación no dependa de la negociación de cada año, antes del próximo ciclo presupuestario.",
      "Inclua os custos recorrentes dos anos posteriores ao lançamento no quadro de despesas de médio prazo, para que a operação não dependa da negociação de cada ano, antes do próximo ciclo orçamentário.",
      "Inscrivez les coûts récurrents des années suivant le lancement dans le cadre de dépenses à moyen terme, pour que le fonctionnement ne dépende pas de la négociation annuelle, avant le prochain cycle budgétaire."),
    priority = "medium", horizon = "medium", owner = "finance", evidence = { "evidence.fiscal.funding[].source" },
  },
}

local funding = m.indicator {
  id = "fr.funding",
  title = L("Funding inside the budget and the medium-term framework", "Financiamiento dentro del presupuesto y el marco de mediano plazo",
    "Financiamento dentro do orçamento e do quadro de médio prazo", "Financement dans le budget et le cadre à moyen terme"),
  question = L("Is the full cost funded from identified, secured sources, with the years after launch in the medium-term expenditure framework?",
    "¿El costo total está financiado con fuentes identificadas y aseguradas, con los años posteriores al lanzamiento en el marco de gasto de mediano plazo?",
    "O custo total está financiado com fontes identificadas e asseguradas, com os anos posteriores ao lançamento no quadro de despesas de médio prazo?",
    "Le coût total est-il financé par des sources identifiées et garanties, avec les années suivant le lancement dans le cadre de dépenses à moyen terme ?"),
  reads = c.reads { "evidence.fiscal.mtef_last_year", "evidence.fiscal.funding[].source", "evidence.fiscal.funding[].amount", "evidence.fiscal.funding[].year",
    "evidence.fiscal.funding[].secured", "evidence.fiscal.funding[].budget_line", "evidence.fiscal.costing[].amount",
    "identification.planned_launch" },
  requires = { "evidence.fiscal" },
  references = { REF.oecd, REF.pi16, REF.pima },
  levels = {
    [0] = L("No funding source identified.", "Sin fuente de financiamiento identificada.", "Sem fonte de financiamento identificada.",
      "Aucune source de financement identifiée."),
    [1] = L("Sources named, nothing secured.", "Fuentes nombradas, nada asegurado.", "Fontes nomeadas, nada assegurado.", "Sources citées, rien de garanti."),
    [2] = L("Some funding (budget, or a loan or grant appropriated in the budget) secured in a budget line.",
      "Parte del financiamiento (presupuesto, o un préstamo o donación incorporado al presupuesto) asegurada en una partida presupuestaria.",
      "Parte do financiamento (orçamento, ou um empréstimo ou doação incorporado ao orçamento) assegurada numa dotação orçamentária.",
      "Une partie du financement (budget, ou un prêt ou un don inscrit au budget) garantie sur une ligne budgétaire."),
    [3] = L("Secured funding covers 90 % or more of the costed total.", "El financiamiento asegurado cubre el 90 % o más del total costeado.",
      "O financiamento assegurado cobre 90 % ou mais do total custeado.", "Le financement garanti couvre 90 % ou plus du total chiffré."),
    [4] = L("Full cost covered, with the years after launch in the medium-term framework.", "Costo total cubierto, con los años posteriores al lanzamiento en el marco de mediano plazo.",
      "Custo total coberto, com os anos posteriores ao lançamento no quadro de médio prazo.", "Coût total couvert, avec les années suivant le lancement dans le cadre à moyen terme."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.fiscal.funding")
    if state == "absent" then return c.insufficient(ctx, "evidence.fiscal.funding") end
    list = state == "given" and type(list) == "table" and list or {}
    -- Funding is compared with the cost inside the medium-term framework (the budget year and
    -- its outer years): costed out-years beyond it are planning, not funding gaps.
    local launch_year = c.launch_year(case)
    local window_end = c.get(case, "evidence.fiscal.mtef_last_year")
    if math.type(window_end) ~= "integer" then window_end = launch_year and (launch_year + MTEF_OUTER_YEARS) or nil end
    local function inside(year)
      return math.type(year) ~= "integer" or window_end == nil or year <= window_end
    end
    local total = 0
    for _, r in ipairs(costing_rows(case)) do
      if inside(r.year) then total = total + r.amount end
    end
    -- a costed item without an amount inside the window is an unknown cost: coverage cannot be
    -- established (leaving an amount out must not make the funding look complete)
    local unpriced = 0
    for _, r in ipairs(c.list(case, "evidence.fiscal.costing")) do
      if type(r) == "table" and type(r.amount) ~= "number" and inside(r.year) then unpriced = unpriced + 1 end
    end
    if unpriced > 0 then
      c.finding(ctx, case, L("{n} costed item(s) inside the medium-term framework have no amount: the share funded cannot be established.",
        "{n} partida(s) costeada(s) dentro del marco de mediano plazo no tienen monto: no puede establecerse la parte financiada.",
        "{n} item(ns) custeado(s) dentro do marco de médio prazo não têm valor: não se pode estabelecer a parte financiada.",
        "{n} poste(s) chiffré(s) dans le cadre à moyen terme n'ont pas de montant : la part financée ne peut être établie."),
        { "evidence.fiscal.costing" }, { n = unpriced })
    end
    local named, secured_line, funded, mtef_after = false, false, 0, false
    for _, f in ipairs(list) do
      if type(f) == "table" and NAMED_SOURCES[f.source] then
        named = true
        local secured = f.secured == true and type(f.amount) == "number"
        if secured and inside(f.year) then
          funded = funded + f.amount
          if BUDGET_SOURCES[f.source] and c.is_text(f.budget_line) then secured_line = true end
          if f.source == "mtef" and (launch_year == nil or (math.type(f.year) == "integer" and f.year > launch_year)) then
            mtef_after = true
          end
        end
      end
    end
    local coverage = total > 0 and funded / total or 0
    local level = c.ladder(ctx, {
      named,
      secured_line,
      total > 0 and unpriced == 0 and coverage >= K.funding_share_level3,
      total > 0 and unpriced == 0 and coverage >= K.funding_share_level4 and mtef_after,
    })
    if total > 0 then
      c.finding(ctx, case, L("Secured funding: {funded} of a costed total of {total} {currency} ({pct} %).",
        "Financiamiento asegurado: {funded} de un total costeado de {total} {currency} ({pct} %).",
        "Financiamento assegurado: {funded} de um total custeado de {total} {currency} ({pct} %).",
        "Financement garanti : {funded} sur un total chiffré de {total} {currency} ({pct} %)."),
        { "evidence.fiscal.funding", "evidence.fiscal.costing" },
        { funded = i18n.number(funded), total = i18n.number(total), currency = currency(case),
          pct = i18n.number(math.floor(coverage * 1000 + 0.5) / 10) })
    elseif named then
      c.finding(ctx, case, L("Funding cannot be compared with the cost: the case gives no costing.",
        "El financiamiento no puede compararse con el costo: el caso no presenta costeo.",
        "O financiamento não pode ser comparado com o custo: o caso não apresenta custeio.",
        "Le financement ne peut être comparé au coût : le cas ne donne aucun chiffrage."),
        { "evidence.fiscal.costing" })
    end
    return c.finish(ctx, case, level, FUNDING_GAPS, { "evidence.fiscal.funding" },
      { pct = i18n.number(math.floor(coverage * 1000 + 0.5) / 10), funded = i18n.number(funded),
        total = i18n.number(total), currency = currency(case) })
  end,
}

---------------------------------------------------------------------------------------------
-- fr.fiscal_rule
---------------------------------------------------------------------------------------------
local RULE_GAPS = {
  [1] = {
    finding = L("The case does not check the initiative against a fiscal rule or spending ceiling, or the projected spending breaches the ceiling with no offset.",
      "El caso no verifica la iniciativa frente a una regla fiscal o techo de gasto, o el gasto proyectado supera el techo sin compensación.",
      "O caso não verifica a iniciativa frente a uma regra fiscal ou teto de gasto, ou o gasto projetado ultrapassa o teto sem compensação.",
      "Le cas ne confronte pas l'initiative à une règle budgétaire ou à un plafond de dépenses, ou la dépense projetée dépasse le plafond sans compensation."),
    text = L("Check with the Ministry of Finance that the initiative fits the fiscal rule or the institution's spending ceiling; if it does not, identify the spending it will replace, before the budget submission.",
      "Verifique con el Ministerio de Hacienda que la iniciativa cabe en la regla fiscal o en el techo de gasto de la institución; si no cabe, identifique el gasto que reemplazará, antes de la presentación del presupuesto.",
      "Verifique com o Ministério da Fazenda se a iniciativa cabe na regra fiscal ou no teto de gasto da instituição; se não couber, identifique o gasto que ela substituirá, antes do envio do orçamento.",
      "Vérifiez avec le ministère des Finances que l'initiative respecte la règle budgétaire ou le plafond de dépenses de l'institution ; sinon, identifiez la dépense qu'elle remplacera, avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.ceiling" },
  },
  [2] = {
    finding = L("Compliance with the fiscal rule is asserted without figures.", "Se afirma el cumplimiento de la regla fiscal sin cifras.",
      "Afirma-se o cumprimento da regra fiscal sem números.", "Le respect de la règle budgétaire est affirmé sans chiffres."),
    text = L("State the ceiling that applies (in % growth or amount) and the projected spending growth of the institution with the initiative, before the budget submission.",
      "Indique el techo aplicable (en % de crecimiento o monto) y el crecimiento proyectado del gasto de la institución con la iniciativa, antes de la presentación del presupuesto.",
      "Indique o teto aplicável (em % de crescimento ou valor) e o crescimento projetado do gasto da instituição com a iniciativa, antes do envio do orçamento.",
      "Indiquez le plafond applicable (en % de croissance ou en montant) et la croissance projetée des dépenses de l'institution avec l'initiative, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.ceiling.limit_pct", "evidence.fiscal.ceiling.projected_growth_pct" },
  },
  [3] = {
    finding = L("The ceiling and the projection cannot be compared: one of them is missing.",
      "El techo y la proyección no pueden compararse: falta uno de los dos.",
      "O teto e a projeção não podem ser comparados: falta um dos dois.",
      "Le plafond et la projection ne peuvent être comparés : l'un des deux manque."),
    text = L("Give both the ceiling and the projected growth, so that compliance can be verified, before the budget submission.",
      "Indique tanto el techo como el crecimiento proyectado, para que pueda verificarse el cumplimiento, antes de la presentación del presupuesto.",
      "Indique tanto o teto quanto o crescimento projetado, para que o cumprimento possa ser verificado, antes do envio do orçamento.",
      "Indiquez à la fois le plafond et la croissance projetée, afin que le respect puisse être vérifié, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.ceiling" },
  },
  [4] = {
    finding = L("Compliance is checked for one year only, or is not validated by the Ministry of Finance.",
      "El cumplimiento se verifica solo para un año, o no está validado por el Ministerio de Hacienda.",
      "O cumprimento é verificado só para um ano, ou não é validado pelo Ministério da Fazenda.",
      "Le respect n'est vérifié que pour une année, ou n'est pas validé par le ministère des Finances."),
    text = L("Project compliance for at least three years of the medium-term fiscal framework and have the Ministry of Finance validate it, before the budget submission.",
      "Proyecte el cumplimiento para al menos tres años del marco fiscal de mediano plazo y hágalo validar por el Ministerio de Hacienda, antes de la presentación del presupuesto.",
      "Projete o cumprimento para pelo menos três anos do quadro fiscal de médio prazo e faça-o validar pelo Ministério da Fazenda, antes do envio do orçamento.",
      "Projetez le respect sur au moins trois années du cadre budgétaire à moyen terme et faites-le valider par le ministère des Finances, avant le dépôt du budget."),
    priority = "low", horizon = "medium", owner = "finance", evidence = { "evidence.fiscal.ceiling.projections", "evidence.fiscal.ceiling.validated_by" },
  },
}

local fiscal_rule = m.indicator {
  id = "fr.fiscal_rule",
  title = L("Compliance with the fiscal rule or ceiling", "Cumplimiento de la regla fiscal o el techo", "Cumprimento da regra fiscal ou do teto",
    "Respect de la règle budgétaire ou du plafond"),
  question = L("Does the institution's projected spending with the initiative stay within the fiscal rule or ceiling, for several years, validated by the Ministry of Finance?",
    "¿El gasto proyectado de la institución con la iniciativa se mantiene dentro de la regla fiscal o el techo, durante varios años, validado por el Ministerio de Hacienda?",
    "O gasto projetado da instituição com a iniciativa permanece dentro da regra fiscal ou do teto, por vários anos, validado pelo Ministério da Fazenda?",
    "Les dépenses projetées de l'institution avec l'initiative restent-elles dans la règle budgétaire ou le plafond, sur plusieurs années, avec validation du ministère des Finances ?"),
  reads = c.reads { "evidence.fiscal.ceiling.rule", "evidence.fiscal.ceiling.limit_pct", "evidence.fiscal.ceiling.debt_to_gdp",
    "evidence.fiscal.ceiling.avg_nominal_gdp_growth", "evidence.fiscal.ceiling.projected_growth_pct",
    "evidence.fiscal.ceiling.projections[].growth_pct", "evidence.fiscal.ceiling.projections[].limit_pct",
    "evidence.fiscal.ceiling.offset", "evidence.fiscal.ceiling.validated_by", "evidence.fiscal.ceiling.statement" },
  requires = { "evidence.fiscal" },
  references = { REF.oecd, REF.cr, "IMF (2022), Fiscal Rules Dataset (national fiscal rules)" },
  levels = {
    [0] = L("No check against a rule or ceiling, or a breach with no offset.", "Sin verificación frente a una regla o techo, o un incumplimiento sin compensación.",
      "Sem verificação frente a uma regra ou teto, ou um descumprimento sem compensação.", "Aucune vérification au regard d'une règle ou d'un plafond, ou un dépassement sans compensation."),
    [1] = L("Compliance asserted without figures.", "Cumplimiento afirmado sin cifras.", "Cumprimento afirmado sem números.", "Respect affirmé sans chiffres."),
    [2] = L("The ceiling or the projection is quantified, not both.", "El techo o la proyección está cuantificado, no ambos.",
      "O teto ou a projeção está quantificado, não ambos.", "Le plafond ou la projection est chiffré, pas les deux."),
    [3] = L("Ceiling and projection quantified; the projection fits (or an offset is identified).",
      "Techo y proyección cuantificados; la proyección cabe (o se identifica una compensación).",
      "Teto e projeção quantificados; a projeção cabe (ou uma compensação é identificada).",
      "Plafond et projection chiffrés ; la projection respecte le plafond (ou une compensation est identifiée)."),
    [4] = L("As level 3, for three or more years, validated by the Ministry of Finance.", "Como el nivel 3, para tres o más años, validado por el Ministerio de Hacienda.",
      "Como o nível 3, para três ou mais anos, validado pelo Ministério da Fazenda.", "Comme le niveau 3, sur trois ans ou plus, validé par le ministère des Finances."),
  },
  evaluate = function(case, ctx)
    local state, r = c.state(case, "evidence.fiscal.ceiling")
    if state == "absent" then return c.insufficient(ctx, "evidence.fiscal.ceiling") end
    if type(r) ~= "table" then r = {} end
    local limit = type(r.limit_pct) == "number" and r.limit_pct or nil
    local rule = fiscal_rules.rules[r.rule or ""]
    if rule then
      local computed, scenario, applies_to = fiscal_rules.ceiling(rule, r.debt_to_gdp, r.avg_nominal_gdp_growth)
      if computed then
        c.finding(ctx, case, L("Under {rule}, central-government debt of {debt} % of GDP (scenario {scenario}) caps {applies} spending growth at {limit} % (from average nominal GDP growth of {growth} %).",
          "Según {rule}, una deuda del gobierno central del {debt} % del PIB (escenario {scenario}) limita el crecimiento del gasto {applies} al {limit} % (a partir de un crecimiento promedio del PIB nominal del {growth} %).",
          "Segundo {rule}, uma dívida do governo central de {debt} % do PIB (cenário {scenario}) limita o crescimento do gasto {applies} a {limit} % (a partir de um crescimento médio do PIB nominal de {growth} %).",
          "Selon {rule}, une dette de l'administration centrale de {debt} % du PIB (scénario {scenario}) plafonne la croissance des dépenses {applies} à {limit} % (à partir d'une croissance moyenne du PIB nominal de {growth} %)."),
          { "evidence.fiscal.ceiling.debt_to_gdp", "evidence.fiscal.ceiling.avg_nominal_gdp_growth" },
          { rule = rule.name, debt = i18n.number(r.debt_to_gdp), scenario = scenario,
            applies = applies_to == "total" and L("total", "total", "total", "totales") or L("current", "corriente", "corrente", "courantes"),
            limit = i18n.number(computed), growth = i18n.number(r.avg_nominal_gdp_growth) })
        if limit and math.abs(limit - computed) > 0.01 then
          c.finding(ctx, case, L("The case states a ceiling of {stated} %, but the rule gives {limit} %; the rule's value is used.",
            "El caso indica un techo del {stated} %, pero la regla da {limit} %; se usa el valor de la regla.",
            "O caso indica um teto de {stated} %, mas a regra dá {limit} %; usa-se o valor da regra.",
            "Le cas indique un plafond de {stated} %, mais la règle donne {limit} % ; la valeur de la règle est retenue."),
            { "evidence.fiscal.ceiling.limit_pct" }, { stated = i18n.number(limit), limit = i18n.number(computed) })
        end
        limit = computed
      end
    end
    local projected = type(r.projected_growth_pct) == "number" and r.projected_growth_pct or nil
    local offset = c.is_text(r.offset)
    local breach = limit ~= nil and projected ~= nil and projected > limit + 1e-9
    if breach then
      c.finding(ctx, case, L("Projected spending growth of {p} % exceeds the ceiling of {limit} %.",
        "El crecimiento proyectado del gasto, de {p} %, supera el techo de {limit} %.",
        "O crescimento projetado do gasto, de {p} %, ultrapassa o teto de {limit} %.",
        "La croissance projetée des dépenses, de {p} %, dépasse le plafond de {limit} %."),
        { "evidence.fiscal.ceiling.projected_growth_pct" }, { p = i18n.number(projected), limit = i18n.number(limit) })
    end
    local years_ok, years_checked = 0, 0
    for _, p in ipairs(c.list(r.projections)) do
      if type(p) == "table" and type(p.growth_pct) == "number" then
        local cap = type(p.limit_pct) == "number" and p.limit_pct or limit
        if cap then
          years_checked = years_checked + 1
          if p.growth_pct <= cap + 1e-9 then years_ok = years_ok + 1 end
        end
      end
    end
    local level = c.ladder(ctx, {
      state == "given" and not (breach and not offset),
      limit ~= nil or projected ~= nil,
      limit ~= nil and projected ~= nil and (not breach or offset),
      years_checked >= K.ceiling_years and years_ok == years_checked and c.is_text(r.validated_by),
    })
    return c.finish(ctx, case, level, RULE_GAPS, { "evidence.fiscal.ceiling" })
  end,
}

---------------------------------------------------------------------------------------------
-- fr.appraisal
---------------------------------------------------------------------------------------------
local MONETARY = { cba = true, cea = true }
local APPRAISAL_METHODS = { cba = true, cea = true, multi_criteria = true }

local APPRAISAL_GAPS = {
  [1] = {
    finding = L("No economic appraisal of the initiative.", "Sin evaluación económica ex ante de la iniciativa.",
      "Sem avaliação econômica ex ante da iniciativa.", "Aucune évaluation socio-économique de l'initiative."),
    text = L("Appraise the initiative before committing funds: a cost-benefit or cost-effectiveness analysis against the status quo, before the budget submission.",
      "Evalúe la iniciativa antes de comprometer fondos: un análisis costo-beneficio o costo-efectividad frente a la situación actual, antes de la presentación del presupuesto.",
      "Avalie a iniciativa antes de comprometer recursos: uma análise custo-benefício ou custo-efetividade frente à situação atual, antes do envio do orçamento.",
      "Évaluez l'initiative avant d'engager des fonds : une analyse coûts-avantages ou coût-efficacité par rapport au statu quo, avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.appraisal" },
  },
  [2] = {
    finding = L("Benefits are asserted without an appraisal method or a figure.", "Los beneficios se afirman sin método de evaluación ni cifras.",
      "Os benefícios são afirmados sem método de avaliação nem números.", "Les bénéfices sont affirmés sans méthode d'évaluation ni chiffres."),
    text = L("Quantify the appraisal: net present value or benefit-cost ratio, or cost per unit of outcome, before the budget submission.",
      "Cuantifique la evaluación: valor actual neto o relación beneficio-costo, o costo por unidad de resultado, antes de la presentación del presupuesto.",
      "Quantifique a avaliação: valor presente líquido ou relação benefício-custo, ou custo por unidade de resultado, antes do envio do orçamento.",
      "Chiffrez l'évaluation : valeur actuelle nette ou ratio avantages-coûts, ou coût par unité de résultat, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.appraisal.method" },
  },
  [3] = {
    finding = L("The appraisal compares no alternatives, omits sensitivity analysis or the discount rate, or shows costs above benefits.",
      "La evaluación no compara alternativas, omite el análisis de sensibilidad o la tasa de descuento, o muestra costos superiores a los beneficios.",
      "A avaliação não compara alternativas, omite a análise de sensibilidade ou a taxa de desconto, ou mostra custos superiores aos benefícios.",
      "L'évaluation ne compare pas d'options, omet l'analyse de sensibilité ou le taux d'actualisation, ou montre des coûts supérieurs aux bénéfices."),
    text = L("Compare at least two options (including the status quo) with the official social discount rate and a sensitivity analysis of costs and take-up; redesign or drop the initiative if costs exceed benefits, before the budget submission.",
      "Compare al menos dos opciones (incluida la situación actual) con la tasa social de descuento oficial y un análisis de sensibilidad de costos y adopción; rediseñe o descarte la iniciativa si los costos superan los beneficios, antes de la presentación del presupuesto.",
      "Compare pelo menos duas opções (incluindo a situação atual) com a taxa social de desconto oficial e uma análise de sensibilidade de custos e adesão; redesenhe ou descarte a iniciativa se os custos superarem os benefícios, antes do envio do orçamento.",
      "Comparez au moins deux options (dont le statu quo) avec le taux d'actualisation social officiel et une analyse de sensibilité des coûts et du recours ; revoyez ou abandonnez l'initiative si les coûts dépassent les bénéfices, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.appraisal" },
  },
  [4] = {
    finding = L("The appraisal is neither independently reviewed nor published.", "La evaluación no tiene revisión independiente ni se publica.",
      "A avaliação não tem revisão independente nem é publicada.", "L'évaluation n'est ni revue de manière indépendante ni publiée."),
    text = L("Have the appraisal reviewed by a unit independent of the sponsor (for example the national investment system) and publish it with the budget, before the budget submission.",
      "Haga revisar la evaluación por una unidad independiente del promotor (por ejemplo el sistema nacional de inversión pública) y publíquela con el presupuesto, antes de la presentación del presupuesto.",
      "Faça revisar a avaliação por uma unidade independente do proponente (por exemplo o sistema nacional de investimento público) e publique-a com o orçamento, antes do envio do orçamento.",
      "Faites revoir l'évaluation par une unité indépendante du porteur (par exemple le système national d'investissement public) et publiez-la avec le budget, avant le dépôt du budget."),
    priority = "low", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.appraisal.independent_review", "evidence.fiscal.appraisal.published" },
  },
}

-- A multi-criteria analysis (options scored against weighted criteria) is a method; with a
-- stated result (scores, a ranking of the options) it reaches level 2. It does not value costs
-- and benefits in money, so it cannot reach level 3 (a monetary appraisal).
local MULTI_CRITERIA_GAPS = {
  APPRAISAL_GAPS[1],
  {
    finding = L("The appraisal states its method (multi-criteria analysis), but gives no result: no score or ranking of the options.",
      "La evaluación indica su método (análisis multicriterio), pero no da resultado: ni puntajes ni clasificación de las opciones.",
      "A avaliação indica seu método (análise multicritério), mas não dá resultado: nem pontuações nem classificação das opções.",
      "L'évaluation indique sa méthode (analyse multicritère), mais ne donne pas de résultat : ni notes ni classement des options."),
    text = L("Report the result of the multi-criteria analysis: the criteria and their weights, and the score and ranking of each option (the status quo included), before the budget submission.",
      "Informe el resultado del análisis multicriterio: los criterios y sus ponderaciones, y el puntaje y la clasificación de cada opción (incluida la situación actual), antes de la presentación del presupuesto.",
      "Informe o resultado da análise multicritério: os critérios e seus pesos, e a pontuação e a classificação de cada opção (incluindo a situação atual), antes do envio do orçamento.",
      "Publiez le résultat de l'analyse multicritère : les critères et leurs pondérations, ainsi que la note et le rang de chaque option (statu quo compris), avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance",
    evidence = { "evidence.fiscal.appraisal.method", "evidence.fiscal.appraisal.score", "evidence.fiscal.appraisal.ranking" },
  },
  {
    finding = L("The multi-criteria analysis ranks the options but does not value their costs and benefits in money, so it cannot show that benefits cover costs.",
      "El análisis multicriterio clasifica las opciones pero no valora en dinero sus costos y beneficios, por lo que no puede mostrar que los beneficios cubren los costos.",
      "A análise multicritério classifica as opções mas não valora em dinheiro seus custos e benefícios, por isso não pode mostrar que os benefícios cobrem os custos.",
      "L'analyse multicritère classe les options mais ne valorise pas leurs coûts et bénéfices en argent ; elle ne peut donc pas montrer que les bénéfices couvrent les coûts."),
    text = L("Complement the multi-criteria ranking with a cost-benefit or cost-effectiveness analysis of the preferred option against the status quo, with the official social discount rate and a sensitivity analysis, before the budget submission.",
      "Complemente la clasificación multicriterio con un análisis costo-beneficio o costo-efectividad de la opción preferida frente a la situación actual, con la tasa social de descuento oficial y un análisis de sensibilidad, antes de la presentación del presupuesto.",
      "Complemente a classificação multicritério com uma análise custo-benefício ou custo-efetividade da opção preferida frente à situação atual, com a taxa social de desconto oficial e uma análise de sensibilidade, antes do envio do orçamento.",
      "Complétez le classement multicritère par une analyse coûts-avantages ou coût-efficacité de l'option retenue par rapport au statu quo, avec le taux d'actualisation social officiel et une analyse de sensibilité, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.appraisal.method" },
  },
  APPRAISAL_GAPS[4],
}

-- A monetary method (cost-benefit, cost-effectiveness) named without its figure.
local METHOD_NAMES = {
  cba = L("cost-benefit analysis", "análisis costo-beneficio", "análise custo-benefício", "analyse coûts-avantages"),
  cea = L("cost-effectiveness analysis", "análisis costo-efectividad", "análise custo-efetividade", "analyse coût-efficacité"),
}
local METHOD_NO_RESULT_GAPS = {
  APPRAISAL_GAPS[1],
  {
    finding = L("The appraisal states its method ({method}), but gives no figure: no net present value, benefit-cost ratio or cost per outcome.",
      "La evaluación indica su método ({method}), pero no da cifras: ni valor actual neto, ni relación beneficio-costo, ni costo por resultado.",
      "A avaliação indica seu método ({method}), mas não dá números: nem valor presente líquido, nem relação benefício-custo, nem custo por resultado.",
      "L'évaluation indique sa méthode ({method}), mais ne donne aucun chiffre : ni valeur actuelle nette, ni ratio avantages-coûts, ni coût par résultat."),
    text = APPRAISAL_GAPS[2].text,
    priority = "medium", horizon = "short", owner = "finance",
    evidence = { "evidence.fiscal.appraisal.npv", "evidence.fiscal.appraisal.bcr", "evidence.fiscal.appraisal.cost_per_outcome" },
  },
  APPRAISAL_GAPS[3],
  APPRAISAL_GAPS[4],
}

local appraisal = m.indicator {
  id = "fr.appraisal",
  title = L("Cost-benefit or cost-effectiveness appraisal", "Evaluación costo-beneficio o costo-efectividad",
    "Avaliação custo-benefício ou custo-efetividade", "Évaluation coûts-avantages ou coût-efficacité"),
  question = L("Is the initiative appraised against alternatives, with a positive result robust to sensitivity analysis, independently reviewed and published?",
    "¿La iniciativa se evalúa frente a alternativas, con un resultado positivo robusto al análisis de sensibilidad, revisado de forma independiente y publicado?",
    "A iniciativa é avaliada frente a alternativas, com um resultado positivo robusto à análise de sensibilidade, revisado de forma independente e publicado?",
    "L'initiative est-elle évaluée par rapport à d'autres options, avec un résultat positif robuste à l'analyse de sensibilité, revu de manière indépendante et publié ?"),
  reads = c.reads { "evidence.fiscal.appraisal.method", "evidence.fiscal.appraisal.npv", "evidence.fiscal.appraisal.bcr",
    "evidence.fiscal.appraisal.cost_per_outcome", "evidence.fiscal.appraisal.score", "evidence.fiscal.appraisal.ranking",
    "evidence.fiscal.appraisal.discount_rate",
    "evidence.fiscal.appraisal.alternatives", "evidence.fiscal.appraisal.sensitivity",
    "evidence.fiscal.appraisal.independent_review", "evidence.fiscal.appraisal.published" },
  requires = { "evidence.fiscal" },
  references = { REF.pi11, REF.pima, REF.oecd },
  levels = {
    [0] = L("No appraisal.", "Sin evaluación.", "Sem avaliação.", "Aucune évaluation."),
    [1] = L("Benefits asserted without method or figures.", "Beneficios afirmados sin método ni cifras.", "Benefícios afirmados sem método nem números.",
      "Bénéfices affirmés sans méthode ni chiffres."),
    [2] = L("A method with a quantified result (for a multi-criteria analysis, the scores or ranking of the options; this is as far as a non-monetised appraisal goes).",
      "Un método con resultado cuantificado (en un análisis multicriterio, los puntajes o la clasificación de las opciones; una evaluación no monetaria no pasa de aquí).",
      "Um método com resultado quantificado (numa análise multicritério, as pontuações ou a classificação das opções; uma avaliação não monetária não passa daqui).",
      "Une méthode avec un résultat chiffré (pour une analyse multicritère, les notes ou le classement des options ; une évaluation non monétaire ne va pas au-delà)."),
    [3] = L("Monetary appraisal against two or more options, with sensitivity analysis (and discount rate), showing benefits at least equal to costs.",
      "Evaluación monetaria frente a dos o más opciones, con análisis de sensibilidad (y tasa de descuento), que muestra beneficios al menos iguales a los costos.",
      "Avaliação monetária frente a duas ou mais opções, com análise de sensibilidade (e taxa de desconto), que mostra benefícios pelo menos iguais aos custos.",
      "Évaluation monétaire face à deux options ou plus, avec analyse de sensibilité (et taux d'actualisation), montrant des bénéfices au moins égaux aux coûts."),
    [4] = L("As level 3, independently reviewed and published.", "Como el nivel 3, con revisión independiente y publicada.",
      "Como o nível 3, com revisão independente e publicada.", "Comme le niveau 3, revue de manière indépendante et publiée."),
  },
  evaluate = function(case, ctx)
    local state, a = c.state(case, "evidence.fiscal.appraisal")
    if state == "absent" then return c.insufficient(ctx, "evidence.fiscal.appraisal") end
    if type(a) ~= "table" then a = {} end
    local multi_criteria = a.method == "multi_criteria"
    local result = type(a.npv) == "number" or type(a.bcr) == "number" or type(a.cost_per_outcome) == "number"
      or (multi_criteria and (type(a.score) == "number" or c.given(a.ranking)))
    local favourable = (type(a.npv) ~= "number" or a.npv >= 0) and (type(a.bcr) ~= "number" or a.bcr >= 1)
    local discounted = a.method ~= "cba" or type(a.discount_rate) == "number"
    if not favourable then
      c.finding(ctx, case, L("The appraisal shows costs above benefits (net present value below zero or benefit-cost ratio below 1).",
        "La evaluación muestra costos superiores a los beneficios (valor actual neto negativo o relación beneficio-costo menor que 1).",
        "A avaliação mostra custos superiores aos benefícios (valor presente líquido negativo ou relação benefício-custo menor que 1).",
        "L'évaluation montre des coûts supérieurs aux bénéfices (valeur actuelle nette négative ou ratio avantages-coûts inférieur à 1)."),
        { "evidence.fiscal.appraisal.npv", "evidence.fiscal.appraisal.bcr" })
    end
    local level = c.ladder(ctx, {
      state == "given",
      APPRAISAL_METHODS[a.method] == true and result,
      MONETARY[a.method] == true and result and favourable and discounted
        and type(a.alternatives) == "number" and a.alternatives >= K.appraisal_alternatives and a.sensitivity == true,
      c.given(a.independent_review) and a.published == true,
    })
    local gaps = APPRAISAL_GAPS
    if multi_criteria then
      gaps = MULTI_CRITERIA_GAPS
    elseif METHOD_NAMES[a.method] then
      gaps = METHOD_NO_RESULT_GAPS
    end
    return c.finish(ctx, case, level, gaps, { "evidence.fiscal.appraisal" },
      { method = METHOD_NAMES[a.method] or "" })
  end,
}

---------------------------------------------------------------------------------------------
-- fr.fiscal_risks
---------------------------------------------------------------------------------------------
local CONTINGENT = { contingent_liability = true, ppp = true, guarantee = true }

local RISKS_GAPS = {
  [1] = {
    finding = L("No fiscal risk is identified; every initiative carries at least a risk of cost overrun.",
      "No se identifica ningún riesgo fiscal; toda iniciativa conlleva al menos un riesgo de sobrecosto.",
      "Nenhum risco fiscal é identificado; toda iniciativa tem pelo menos um risco de sobrecusto.",
      "Aucun risque budgétaire n'est identifié ; toute initiative comporte au moins un risque de dépassement de coûts."),
    text = L("Identify the fiscal risks: cost overruns, demand above forecast, exchange-rate exposure, guarantees or PPP commitments, before the budget submission.",
      "Identifique los riesgos fiscales: sobrecostos, demanda superior a la prevista, exposición cambiaria, garantías o compromisos de APP, antes de la presentación del presupuesto.",
      "Identifique os riscos fiscais: sobrecustos, demanda acima do previsto, exposição cambial, garantias ou compromissos de PPP, antes do envio do orçamento.",
      "Identifiez les risques budgétaires : dépassements de coûts, demande supérieure aux prévisions, exposition au change, garanties ou engagements de PPP, avant le dépôt du budget."),
    priority = "high", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.risks" },
  },
  [2] = {
    finding = L("Fiscal risks are named but not quantified.", "Los riesgos fiscales se nombran pero no se cuantifican.",
      "Os riscos fiscais são nomeados mas não quantificados.", "Les risques budgétaires sont cités mais non chiffrés."),
    text = L("Quantify each fiscal risk (the amount at stake), starting with any guarantee or PPP commitment, before the budget submission.",
      "Cuantifique cada riesgo fiscal (el monto en juego), comenzando por cualquier garantía o compromiso de APP, antes de la presentación del presupuesto.",
      "Quantifique cada risco fiscal (o valor em jogo), começando por qualquer garantia ou compromisso de PPP, antes do envio do orçamento.",
      "Chiffrez chaque risque budgétaire (le montant en jeu), en commençant par toute garantie ou tout engagement de PPP, avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.risks[].amount" },
  },
  [3] = {
    finding = L("Not every fiscal risk is quantified and mitigated, or no contingency reserve is budgeted.",
      "No todos los riesgos fiscales están cuantificados y mitigados, o no se presupuesta una reserva de contingencia.",
      "Nem todos os riscos fiscais estão quantificados e mitigados, ou não se orça uma reserva de contingência.",
      "Tous les risques budgétaires ne sont pas chiffrés et atténués, ou aucune réserve pour imprévus n'est budgétée."),
    text = L("Quantify and mitigate every fiscal risk and budget a contingency reserve sized on them (commonly 5-15 % of capital cost), before the budget submission.",
      "Cuantifique y mitigue cada riesgo fiscal y presupueste una reserva de contingencia dimensionada según ellos (habitualmente 5-15 % del costo de capital), antes de la presentación del presupuesto.",
      "Quantifique e mitigue cada risco fiscal e orce uma reserva de contingência dimensionada segundo eles (habitualmente 5-15 % do custo de capital), antes do envio do orçamento.",
      "Chiffrez et atténuez chaque risque budgétaire et budgétez une réserve pour imprévus calibrée sur ces risques (souvent 5 à 15 % du coût d'investissement), avant le dépôt du budget."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.risks", "evidence.fiscal.contingency_pct" },
  },
  [4] = {
    finding = L("The fiscal risks are not disclosed in the budget's fiscal risk statement, or cost overrun is not covered.",
      "Los riesgos fiscales no se divulgan en la declaración de riesgos fiscales del presupuesto, o no se cubre el riesgo de sobrecosto.",
      "Os riscos fiscais não são divulgados na declaração de riscos fiscais do orçamento, ou o risco de sobrecusto não é coberto.",
      "Les risques budgétaires ne sont pas publiés dans la déclaration des risques budgétaires, ou le risque de dépassement n'est pas couvert."),
    text = L("Disclose the initiative's fiscal risks, including any contingent liability, in the fiscal risk statement that accompanies the budget, and include cost overrun among them, {first_year}.",
      "Divulgue los riesgos fiscales de la iniciativa, incluido cualquier pasivo contingente, en la declaración de riesgos fiscales que acompaña al presupuesto, e incluya entre ellos el sobrecosto, {first_year}.",
      "Divulgue os riscos fiscais da iniciativa, incluindo qualquer passivo contingente, na declaração de riscos fiscais que acompanha o orçamento, e inclua entre eles o sobrecusto, {first_year}.",
      "Publiez les risques budgétaires de l'initiative, y compris tout passif éventuel, dans la déclaration des risques budgétaires jointe au budget, en y incluant le dépassement de coûts, {first_year}."),
    priority = "low", horizon = "medium", owner = "finance", evidence = { "evidence.fiscal.risk_disclosure" },
  },
}

local fiscal_risks = m.indicator {
  id = "fr.fiscal_risks",
  title = L("Fiscal risks (overruns, contingent liabilities, PPPs)", "Riesgos fiscales (sobrecostos, pasivos contingentes, APP)",
    "Riscos fiscais (sobrecustos, passivos contingentes, PPP)", "Risques budgétaires (dépassements, passifs éventuels, PPP)"),
  question = L("Are fiscal risks quantified, mitigated, covered by a contingency reserve and disclosed with the budget?",
    "¿Los riesgos fiscales están cuantificados, mitigados, cubiertos por una reserva de contingencia y divulgados con el presupuesto?",
    "Os riscos fiscais estão quantificados, mitigados, cobertos por uma reserva de contingência e divulgados com o orçamento?",
    "Les risques budgétaires sont-ils chiffrés, atténués, couverts par une réserve pour imprévus et publiés avec le budget ?"),
  reads = c.reads { "evidence.fiscal.risks[].type", "evidence.fiscal.risks[].amount", "evidence.fiscal.risks[].mitigation",
    "evidence.fiscal.contingency_pct", "evidence.fiscal.risk_disclosure" },
  requires = { "evidence.fiscal" },
  references = { REF.pi10, REF.ftc, REF.ppp, REF.pima },
  levels = {
    [0] = L("No fiscal risk identified.", "Sin riesgos fiscales identificados.", "Sem riscos fiscais identificados.", "Aucun risque budgétaire identifié."),
    [1] = L("Risks named without amounts.", "Riesgos nombrados sin montos.", "Riscos nomeados sem valores.", "Risques cités sans montants."),
    [2] = L("Some risks quantified.", "Algunos riesgos cuantificados.", "Alguns riscos quantificados.", "Certains risques chiffrés."),
    [3] = L("Every risk quantified and mitigated, with a contingency reserve.", "Cada riesgo cuantificado y mitigado, con reserva de contingencia.",
      "Cada risco quantificado e mitigado, com reserva de contingência.", "Chaque risque chiffré et atténué, avec une réserve pour imprévus."),
    [4] = L("As level 3, cost overrun covered and risks disclosed with the budget.", "Como el nivel 3, con sobrecosto cubierto y riesgos divulgados con el presupuesto.",
      "Como o nível 3, com sobrecusto coberto e riscos divulgados com o orçamento.", "Comme le niveau 3, dépassement couvert et risques publiés avec le budget."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.fiscal.risks")
    if state == "absent" then return c.insufficient(ctx, "evidence.fiscal.risks") end
    list = state == "given" and type(list) == "table" and list or {}
    local total, quantified, mitigated, overrun, contingent_unquantified = 0, 0, 0, false, false
    for _, r in ipairs(list) do
      if type(r) == "table" or c.is_text(r) then total = total + 1 end
      if type(r) == "table" then
        local has_amount = type(r.amount) == "number"
        if has_amount then
          quantified = quantified + 1
          if c.is_text(r.mitigation) then mitigated = mitigated + 1 end
        elseif CONTINGENT[r.type] then
          contingent_unquantified = true
        end
        if r.type == "overrun" then overrun = true end
      end
    end
    if contingent_unquantified then
      c.finding(ctx, case, L("A contingent liability, guarantee or PPP commitment is listed without an amount.",
        "Se enumera un pasivo contingente, garantía o compromiso de APP sin monto.",
        "Lista-se um passivo contingente, garantia ou compromisso de PPP sem valor.",
        "Un passif éventuel, une garantie ou un engagement de PPP est cité sans montant."),
        { "evidence.fiscal.risks" })
    end
    local contingency = c.get(case, "evidence.fiscal.contingency_pct")
    local level = c.ladder(ctx, {
      total >= 1,
      quantified >= 1,
      total > 0 and mitigated == total and type(contingency) == "number" and contingency > 0,
      overrun and c.get(case, "evidence.fiscal.risk_disclosure") == true,
    })
    return c.finish(ctx, case, level, RISKS_GAPS, { "evidence.fiscal.risks" })
  end,
}

---------------------------------------------------------------------------------------------
-- fr.execution_monitoring
---------------------------------------------------------------------------------------------
local FREQUENT = { monthly = true, quarterly = true }

local MONITORING_GAPS = {
  [1] = {
    finding = L("No monitoring of budget execution is planned.", "No se prevé el seguimiento de la ejecución presupuestaria.",
      "Não se prevê o acompanhamento da execução orçamentária.", "Aucun suivi de l'exécution budgétaire n'est prévu."),
    text = L("Plan execution monitoring: who tracks spending against the budget and how often, {before_launch}.",
      "Planifique el seguimiento de la ejecución: quién controla el gasto frente al presupuesto y con qué frecuencia, {before_launch}.",
      "Planeje o acompanhamento da execução: quem controla o gasto frente ao orçamento e com que frequência, {before_launch}.",
      "Prévoyez le suivi de l'exécution : qui suit les dépenses par rapport au budget et à quelle fréquence, {before_launch}."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.monitoring" },
  },
  [2] = {
    finding = L("Monitoring is announced, without a frequency or financial tracking.", "Se anuncia un seguimiento, sin frecuencia ni control financiero.",
      "Anuncia-se um acompanhamento, sem frequência nem controle financeiro.", "Un suivi est annoncé, sans fréquence ni suivi financier."),
    text = L("Track financial execution (committed and paid against budget) at a set frequency, {before_launch}.",
      "Controle la ejecución financiera (comprometido y pagado frente al presupuesto) con una frecuencia fija, {before_launch}.",
      "Controle a execução financeira (empenhado e pago frente ao orçamento) com uma frequência fixa, {before_launch}.",
      "Suivez l'exécution financière (engagé et payé par rapport au budget) à une fréquence fixe, {before_launch}."),
    priority = "medium", horizon = "short", owner = "finance", evidence = { "evidence.fiscal.monitoring.financial", "evidence.fiscal.monitoring.frequency" },
  },
  [3] = {
    finding = L("Monitoring does not combine financial and physical progress at least quarterly, has no responsible unit, or is not published.",
      "El seguimiento no combina avance financiero y físico al menos trimestralmente, no tiene unidad responsable o no se publica.",
      "O acompanhamento não combina avanço financeiro e físico pelo menos trimestralmente, não tem unidade responsável ou não é publicado.",
      "Le suivi ne combine pas avancement financier et physique au moins chaque trimestre, n'a pas de service responsable ou n'est pas publié."),
    text = L("Publish a quarterly report of financial and physical progress (money spent against outputs delivered), prepared by a named unit, {first_year}.",
      "Publique un informe trimestral de avance financiero y físico (dinero gastado frente a productos entregados), elaborado por una unidad designada, {first_year}.",
      "Publique um relatório trimestral de avanço financeiro e físico (dinheiro gasto frente a produtos entregues), elaborado por uma unidade designada, {first_year}.",
      "Publiez un rapport trimestriel d'avancement financier et physique (dépenses par rapport aux réalisations livrées), préparé par un service désigné, {first_year}."),
    priority = "medium", horizon = "medium", owner = "finance", evidence = { "evidence.fiscal.monitoring" },
  },
  [4] = {
    finding = L("Execution data are not open, not externally audited, or no corrective procedure is set.",
      "Los datos de ejecución no son abiertos, no tienen auditoría externa o no hay un procedimiento correctivo.",
      "Os dados de execução não são abertos, não têm auditoria externa ou não há um procedimento corretivo.",
      "Les données d'exécution ne sont pas ouvertes, ne font pas l'objet d'un audit externe, ou aucune procédure corrective n'est prévue."),
    text = L("Publish execution data as open data, include the initiative in the supreme audit institution's programme, and set the procedure that triggers corrective action when execution deviates, {first_year}.",
      "Publique los datos de ejecución como datos abiertos, incluya la iniciativa en el programa de la entidad fiscalizadora superior y fije el procedimiento que activa medidas correctivas cuando la ejecución se desvía, {first_year}.",
      "Publique os dados de execução como dados abertos, inclua a iniciativa no programa do tribunal de contas e defina o procedimento que aciona medidas corretivas quando a execução se desvia, {first_year}.",
      "Publiez les données d'exécution en données ouvertes, inscrivez l'initiative au programme de l'institution supérieure de contrôle et fixez la procédure déclenchant des mesures correctives en cas d'écart d'exécution, {first_year}."),
    priority = "low", horizon = "medium", owner = "finance", evidence = { "evidence.fiscal.monitoring.open_data", "evidence.fiscal.monitoring.external_audit" },
  },
}

local monitoring = m.indicator {
  id = "fr.execution_monitoring",
  title = L("Execution monitoring and publication", "Seguimiento de la ejecución y publicación", "Acompanhamento da execução e publicação",
    "Suivi de l'exécution et publication"),
  question = L("Will financial and physical execution be tracked at least quarterly, published as open data, audited and corrected when it deviates?",
    "¿La ejecución financiera y física se seguirá al menos trimestralmente, se publicará como datos abiertos, se auditará y se corregirá cuando se desvíe?",
    "A execução financeira e física será acompanhada pelo menos trimestralmente, publicada como dados abertos, auditada e corrigida quando se desviar?",
    "L'exécution financière et physique sera-t-elle suivie au moins chaque trimestre, publiée en données ouvertes, auditée et corrigée en cas d'écart ?"),
  reads = c.reads { "evidence.fiscal.monitoring.statement", "evidence.fiscal.monitoring.frequency", "evidence.fiscal.monitoring.financial",
    "evidence.fiscal.monitoring.physical", "evidence.fiscal.monitoring.unit", "evidence.fiscal.monitoring.published",
    "evidence.fiscal.monitoring.open_data", "evidence.fiscal.monitoring.external_audit",
    "evidence.fiscal.monitoring.corrective_procedure" },
  requires = { "evidence.fiscal" },
  references = { REF.oecd, REF.pi11, "PEFA (2016), PI-28 In-year budget reports; PI-30 External audit", REF.pima },
  levels = {
    [0] = L("No execution monitoring.", "Sin seguimiento de la ejecución.", "Sem acompanhamento da execução.", "Aucun suivi de l'exécution."),
    [1] = L("Monitoring announced.", "Seguimiento anunciado.", "Acompanhamento anunciado.", "Suivi annoncé."),
    [2] = L("Financial execution tracked at a set frequency.", "Ejecución financiera controlada con frecuencia fija.",
      "Execução financeira controlada com frequência fixa.", "Exécution financière suivie à fréquence fixe."),
    [3] = L("Financial and physical progress, at least quarterly, by a named unit, published.",
      "Avance financiero y físico, al menos trimestral, por una unidad designada, publicado.",
      "Avanço financeiro e físico, pelo menos trimestral, por uma unidade designada, publicado.",
      "Avancement financier et physique, au moins trimestriel, par un service désigné, publié."),
    [4] = L("As level 3, open data, external audit and a corrective procedure.", "Como el nivel 3, datos abiertos, auditoría externa y procedimiento correctivo.",
      "Como o nível 3, dados abertos, auditoria externa e procedimento corretivo.", "Comme le niveau 3, données ouvertes, audit externe et procédure corrective."),
  },
  evaluate = function(case, ctx)
    local state, mo = c.state(case, "evidence.fiscal.monitoring")
    if state == "absent" then return c.insufficient(ctx, "evidence.fiscal.monitoring") end
    if type(mo) ~= "table" then mo = {} end
    local financial = mo.financial == true and c.is_text(mo.frequency)
    local level = c.ladder(ctx, {
      state == "given",
      financial,
      financial and mo.physical == true and FREQUENT[mo.frequency] == true and c.is_text(mo.unit) and mo.published == true,
      mo.open_data == true and c.given(mo.external_audit) and mo.corrective_procedure == true,
    })
    return c.finish(ctx, case, level, MONITORING_GAPS, { "evidence.fiscal.monitoring" })
  end,
}

return m.criterion {
  id = "fiscal",
  title = L("Fiscally responsible", "Fiscalmente responsable", "Fiscalmente responsável", "Budgétairement responsable"),
  description = L(
    "Weakest link (PEFA M1): the criterion takes its lowest indicator. One unfunded cost, one breach of the fiscal rule or one hidden liability undermines the rest, however good.",
    "Eslabón más débil (PEFA M1): el criterio toma su indicador más bajo. Un costo sin financiamiento, un incumplimiento de la regla fiscal o un pasivo oculto socava todo lo demás, por bueno que sea.",
    "Elo mais fraco (PEFA M1): o critério assume seu indicador mais baixo. Um custo sem financiamento, um descumprimento da regra fiscal ou um passivo oculto compromete todo o resto, por melhor que seja.",
    "Maillon faible (PEFA M1) : le critère prend son indicateur le plus bas. Un coût non financé, un dépassement de la règle budgétaire ou un passif caché compromet tout le reste, aussi bon soit-il."),
  aggregation = "weakest_link",
  indicators = c.indicators { costing, funding, fiscal_rule, appraisal, fiscal_risks, monitoring },
}
