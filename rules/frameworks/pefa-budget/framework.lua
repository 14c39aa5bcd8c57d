--- pefa-budget: a PEFA-style framework for public-budget initiatives. Five PEFA 2016
-- performance indicators are the criteria (PI-2, PI-3, PI-11, PI-14, PI-16); their
-- dimensions are the indicators, each scored A, B, C or D from the budget data of the case
-- (the `budget:` block, README.md). Each indicator aggregates its dimensions as PEFA
-- prescribes: M1 (weakest link) for PI-2, M2 (averaging, through a conversion table derived
-- for this framework and not copied from PEFA: m2.lua) for the others. A dimension the case
-- says too little about is "insufficient information", PEFA's D*: it counts as D in the
-- aggregation and is reported apart.
-- @module frameworks.pefa-budget.framework

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"

local pi2 = require "frameworks.pefa-budget.pi2"
local pi3 = require "frameworks.pefa-budget.pi3"
local pi11 = require "frameworks.pefa-budget.pi11"
local pi14 = require "frameworks.pefa-budget.pi14"
local pi16 = require "frameworks.pefa-budget.pi16"

local L = c.L

--- A yearly series of lines: { year, lines: [ { budget, actual } ] }.
local function line_series(fields, path)
  fields[path] = "array"
  fields[path .. "[].year"] = "integer"
  fields[path .. "[].lines"] = "array"
  fields[path .. "[].lines[].budget"] = "number"
  fields[path .. "[].lines[].actual"] = "number"
end

local FIELDS = {
  ["identification.country"] = { type = "country", required = true },
  ["identification.agency"] = "string",
  ["identification.title"] = "string",
  ["identification.thematic_area"] = "string",
  ["identification.instrument"] = "string",
  ["identification.planned_launch"] = "date",
  ["identification.language"] = { type = "string", values = { "en", "es", "pt", "fr" } },
  ["illustrative"] = "string",
  ["implementation_challenges"] = "array",
  ["implementation_challenges[].id"] = "string",
  ["implementation_challenges[].pefa"] = "array",

  ["budget"] = "object",
  ["budget.currency"] = "string",
  ["budget.last_completed_year"] = "integer",
  ["budget.total_expenditure"] = "number",

  ["budget.expenditure"] = "object",
  ["budget.expenditure.contingency"] = "array",
  ["budget.expenditure.contingency[].year"] = "integer",
  ["budget.expenditure.contingency[].original_budget"] = "number",
  ["budget.expenditure.contingency[].charged"] = "number",
  ["budget.revenue"] = "object",
  ["budget.revenue.aggregate"] = "array",
  ["budget.revenue.aggregate[].year"] = "integer",
  ["budget.revenue.aggregate[].budget"] = "number",
  ["budget.revenue.aggregate[].actual"] = "number",

  ["budget.investment"] = "object",
  ["budget.investment.projects"] = "array",
  ["budget.investment.major_projects_count"] = "integer",
  ["budget.expenditure.by_function[].total_budget"] = "number",
  ["budget.expenditure.by_function[].total_actual"] = "number",
  ["budget.expenditure.by_economic_type[].total_budget"] = "number",
  ["budget.expenditure.by_economic_type[].total_actual"] = "number",
  ["budget.revenue.by_category[].total_budget"] = "number",
  ["budget.revenue.by_category[].total_actual"] = "number",
  ["budget.investment.projects[].name"] = "string",
  ["budget.investment.projects[].total_cost"] = "number",
  ["budget.investment.projects[].major"] = "boolean",
  ["budget.investment.projects[].appraisal"] = "object",
  ["budget.investment.projects[].appraisal.analysed"] = "boolean",
  ["budget.investment.projects[].appraisal.national_guidelines"] = "boolean",
  ["budget.investment.projects[].appraisal.published"] = "boolean",
  ["budget.investment.projects[].appraisal.reviewed_externally"] = "boolean",
  ["budget.investment.projects[].prioritized_centrally"] = "boolean",
  ["budget.investment.projects[].costing"] = "object",
  ["budget.investment.projects[].costing.total_capital_cost"] = "number",
  ["budget.investment.projects[].costing.life_cycle_cost"] = "number",
  ["budget.investment.projects[].costing.capital_years"] = "integer",
  ["budget.investment.projects[].costing.recurrent_years"] = "integer",
  ["budget.investment.projects[].monitored"] = "boolean",
  ["budget.investment.selection_criteria"] = "object",
  ["budget.investment.selection_criteria.standard"] = "boolean",
  ["budget.investment.selection_criteria.published"] = "boolean",
  ["budget.investment.monitoring"] = "object",
  ["budget.investment.monitoring.standard_procedures"] = "boolean",
  ["budget.investment.monitoring.compliance"] = { type = "string", values = { "high", "partial", "low" } },
  ["budget.investment.monitoring.reporting"] = { type = "string", values = { "published", "prepared", "none" } },

  ["budget.forecasts"] = "object",
  ["budget.forecasts.macro"] = "object",
  ["budget.forecasts.macro.variables"] = "array",
  ["budget.forecasts.macro.variables[]"] = "string",
  ["budget.forecasts.macro.years_covered"] = "integer",
  ["budget.forecasts.macro.in_budget_documents"] = "boolean",
  ["budget.forecasts.macro.assumptions"] = "boolean",
  ["budget.forecasts.macro.updated_annually"] = "boolean",
  ["budget.forecasts.macro.reviewed_by_other_entity"] = "boolean",
  ["budget.forecasts.macro.reviewer"] = "string",
  ["budget.forecasts.fiscal"] = "object",
  ["budget.forecasts.fiscal.revenue"] = { type = "string", values = { "by_type", "total", "none" } },
  ["budget.forecasts.fiscal.expenditure"] = "boolean",
  ["budget.forecasts.fiscal.balance"] = "boolean",
  ["budget.forecasts.fiscal.years_covered"] = "integer",
  ["budget.forecasts.fiscal.in_budget_documents"] = "boolean",
  ["budget.forecasts.fiscal.assumptions"] = "boolean",
  ["budget.forecasts.fiscal.explains_changes"] = "boolean",
  ["budget.forecasts.sensitivity"] = "object",
  ["budget.forecasts.sensitivity.alternative_scenarios"] = "integer",
  ["budget.forecasts.sensitivity.published"] = "boolean",
  ["budget.forecasts.sensitivity.discussed_in_budget"] = "boolean",
  ["budget.forecasts.sensitivity.qualitative"] = "boolean",

  ["budget.medium_term"] = "object",
  ["budget.medium_term.estimates"] = "object",
  ["budget.medium_term.estimates.years_covered"] = "integer",
  ["budget.medium_term.estimates.classifications"] = "array",
  ["budget.medium_term.estimates.classifications[]"] = { type = "string",
    values = { "administrative", "economic", "program", "functional" } },
  ["budget.medium_term.ceilings"] = "object",
  ["budget.medium_term.ceilings.aggregate_years"] = "integer",
  ["budget.medium_term.ceilings.ministry_years"] = "integer",
  ["budget.medium_term.ceilings.approved_on"] = "date",
  ["budget.medium_term.ceilings.first_circular_on"] = "date",
  ["budget.medium_term.strategic_plans"] = "object",
  ["budget.medium_term.strategic_plans.ministries"] = "integer",
  ["budget.medium_term.strategic_plans.with_plans"] = "integer",
  ["budget.medium_term.strategic_plans.costed"] = "integer",
  ["budget.medium_term.strategic_plans.proposals"] = "integer",
  ["budget.medium_term.strategic_plans.aligned"] = "integer",
  ["budget.medium_term.changes"] = "object",
  ["budget.medium_term.changes.total"] = "integer",
  ["budget.medium_term.changes.explained"] = "integer",
  ["budget.medium_term.changes.level"] = { type = "string", values = { "ministry", "aggregate" } },

  ["budget.fiscal_rule"] = "object",
  ["budget.fiscal_rule.rule"] = "string",
  ["budget.fiscal_rule.budget_year"] = "integer",
  ["budget.fiscal_rule.debt_to_gdp"] = "number",
  ["budget.fiscal_rule.avg_nominal_gdp_growth"] = "number",
  ["budget.fiscal_rule.planned_growth"] = "number",
}
line_series(FIELDS, "budget.expenditure.by_function")
line_series(FIELDS, "budget.expenditure.by_economic_type")
line_series(FIELDS, "budget.revenue.by_category")

return m.framework {
  id = "pefa-budget",
  version = "1.1.0",
  title = L("PEFA-style public budget framework", "Marco de presupuesto público al estilo PEFA",
    "Marco de orçamento público no estilo PEFA", "Cadre budgétaire public inspiré du PEFA"),
  description = L(
    "Five PEFA 2016 indicators for a public-budget initiative: expenditure composition outturn (PI-2), revenue outturn (PI-3), public investment management (PI-11), macroeconomic and fiscal forecasting (PI-14) and the medium-term perspective in expenditure budgeting (PI-16). Each dimension is scored A-D (C is the basic level of good practice); PI-2 aggregates by M1 (weakest link), the others by M2 (averaging) through a conversion table derived for this framework, not the official PEFA table. Insufficient information is D* in PEFA: counted as D, reported apart. The overall grade is a MECIGEP summary, not a PEFA score: PEFA does not aggregate across indicators. Recommendations are non-binding.",
    "Cinco indicadores PEFA 2016 para una iniciativa de presupuesto público: composición del gasto ejecutado (ID-2), ingresos efectivos (ID-3), gestión de la inversión pública (ID-11), previsiones macroeconómicas y fiscales (ID-14) y perspectiva de mediano plazo en la presupuestación del gasto (ID-16). Cada dimensión se califica de A a D (C es el nivel básico de buenas prácticas); el ID-2 se agrega por M1 (eslabón más débil) y los demás por M2 (promedio) con una tabla de conversión derivada para este marco, no la tabla oficial del PEFA. La información insuficiente es D* en el PEFA: cuenta como D y se informa aparte. La calificación global es un resumen del MECIGEP, no una calificación PEFA: el PEFA no agrega entre indicadores. Las recomendaciones no son vinculantes.",
    "Cinco indicadores PEFA 2016 para uma iniciativa de orçamento público: composição da despesa executada (ID-2), receita executada (ID-3), gestão do investimento público (ID-11), previsões macroeconômicas e fiscais (ID-14) e perspectiva de médio prazo na orçamentação da despesa (ID-16). Cada dimensão recebe nota de A a D (C é o nível básico de boas práticas); o ID-2 é agregado por M1 (elo mais fraco) e os demais por M2 (média) com uma tabela de conversão derivada para este marco, não a tabela oficial do PEFA. A informação insuficiente é D* no PEFA: conta como D e é informada à parte. A nota global é um resumo do MECIGEP, não uma nota PEFA: o PEFA não agrega entre indicadores. As recomendações não são vinculantes.",
    "Cinq indicateurs PEFA 2016 pour une initiative de budget public : composition des dépenses exécutées (PI-2), recettes effectives (PI-3), gestion des investissements publics (PI-11), prévisions macroéconomiques et budgétaires (PI-14) et perspective à moyen terme de la budgétisation des dépenses (PI-16). Chaque dimension est notée de A à D (C est le niveau de base des bonnes pratiques) ; le PI-2 est agrégé par M1 (maillon faible) et les autres par M2 (moyenne) au moyen d'une table de conversion dérivée pour ce cadre, et non de la table officielle du PEFA. L'information insuffisante est un D* dans le PEFA : elle compte comme D et est signalée à part. La note globale est une synthèse du MECIGEP, non une note PEFA : le PEFA n'agrège pas les indicateurs entre eux. Les recommandations ne sont pas contraignantes."),
  scale = m.scales.pefa,
  insufficient = "lowest",
  -- The budget lines of a year are what the composition dimensions measure: one more line may
  -- change the variance either way (and a line beyond the year's totals makes the year
  -- inconsistent, so not scored). Omission is caught by the totals: when a year gives
  -- total_budget and total_actual, lines that fall short of them leave the year unscored.
  weaknesses = { "budget.expenditure.by_function[].lines", "budget.expenditure.by_economic_type[].lines",
    "budget.revenue.by_category[].lines" },
  -- PEFA has no method to aggregate across indicators. The overall grade is a summary for the
  -- MECIGEP report: the mean of the indicator scores (D = 1 .. A = 4, "+" = half), rounded down.
  aggregation = "weighted_mean",
  references = {
    c.PEFA,
    "PEFA Secretariat (2018), PEFA Handbook Volume II: PEFA Assessment Fieldguide, 2nd edition",
    "IMF (2018), Public Investment Management Assessment (PIMA): review of the framework and assessments",
  },
  fields = FIELDS,
  criteria = { pi2, pi3, pi11, pi14, pi16 },
}
