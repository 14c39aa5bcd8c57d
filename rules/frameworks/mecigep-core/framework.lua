--- The MECIGEP core framework: seven criteria of a good public initiative about to be launched
-- (long-term, evidence-based, co-designed, user-centred, behaviourally informed,
-- complexity-aware, fiscally responsible), each with indicators a rule checks against the
-- case on the maturity scale 0-4.
--
-- The case format is described in docs/cases.md and docs/schemas/case.schema.json. A field
-- left out means "not reported" (insufficient information); `none` or `[]` means "there is
-- none" (level 0).
-- @module frameworks.mecigep-core.framework

local m = require "mecigep"
local L = require("lib.i18n").L
local placeholders = require "lib.placeholders"

local long_term = require "frameworks.mecigep-core.criteria.long_term"
local evidence_based = require "frameworks.mecigep-core.criteria.evidence_based"
local co_designed = require "frameworks.mecigep-core.criteria.co_designed"
local user_centred = require "frameworks.mecigep-core.criteria.user_centred"
local behavioural = require "frameworks.mecigep-core.criteria.behavioural"
local complexity = require "frameworks.mecigep-core.criteria.complexity"
local fiscal = require "frameworks.mecigep-core.criteria.fiscal"

local THEMATIC_AREAS = { "open_government", "strategic_planning", "public_budget", "civil_service", "coordination",
  "evaluation", "digital_transformation", "decentralization", "public_services", "behavioral_sciences", "other" }

return m.framework {
  id = "mecigep-core",
  version = "2.0.4",
  title = L("MECIGEP core framework", "Marco básico del MECIGEP", "Marco básico do MECIGEP", "Cadre de base du MECIGEP"),
  description = L(
    "Seven criteria of an initiative ready to launch: long-term, evidence-based, co-designed, user-centred, behaviourally informed, complexity-aware and fiscally responsible. Levels 0-4; an indicator without information is reported apart and counts as level 0 in the averages, so leaving information out never raises a level. Recommendations are non-binding.",
    "Siete criterios de una iniciativa lista para su lanzamiento: de largo plazo, basada en evidencia, codiseñada, centrada en las personas usuarias, informada por las ciencias del comportamiento, consciente de la complejidad y fiscalmente responsable. Niveles 0-4; un indicador sin información se informa aparte y cuenta como nivel 0 en los promedios, de modo que omitir información nunca eleva un nivel. Las recomendaciones no son vinculantes.",
    "Sete critérios de uma iniciativa pronta para o lançamento: de longo prazo, baseada em evidências, codesenhada, centrada nos usuários, informada pelas ciências comportamentais, consciente da complexidade e fiscalmente responsável. Níveis 0-4; um indicador sem informação é informado à parte e conta como nível 0 nas médias, de modo que omitir informação nunca eleva um nível. As recomendações não são vinculantes.",
    "Sept critères d'une initiative prête à être lancée : à long terme, fondée sur des données probantes, co-conçue, centrée sur les usagers, éclairée par les sciences comportementales, attentive à la complexité et budgétairement responsable. Niveaux 0 à 4 ; un indicateur sans information est signalé à part et compte comme niveau 0 dans les moyennes, de sorte qu'omettre une information n'élève jamais un niveau. Les recommandations ne sont pas contraignantes."),
  scale = m.scales.maturity,
  -- The seven criteria weigh the same: the mechanism presents them as equally necessary.
  aggregation = "weighted_mean",
  -- PEFA's D*: an indicator without information counts as level 0, so omission never pays.
  insufficient = "lowest",
  -- The published case format: `validate` and `assess` apply it exactly (docs/cases.md).
  schema = "case.schema.json",
  -- "por definir", "TBD", "à préciser"...: not answers; the engine treats them as missing.
  placeholders = placeholders.words,
  -- Lists whose items can be the weakness an indicator measures: disclosing one more unfunded
  -- cost inside the medium-term framework, or one more unmitigated high risk, may lower a level
  -- (and the finding says so). Everywhere else, disclosing more never lowers a level.
  weaknesses = { "evidence.fiscal.costing", "evidence.fiscal.risks", "evidence.complexity.risks",
    -- a diagnosed barrier no technique addresses is what bi.techniques measures
    "evidence.behavioural.barriers" },
  references = {
    "OECD (2022), Recommendation of the Council on Public Policy Evaluation",
    "OECD (2017), Recommendation of the Council on Open Government, provision 8",
    "OECD (2022), Good Practice Principles for Public Service Design and Delivery in the Digital Age",
    "OECD (2019), Tools and Ethics for Applied Behavioural Insights: The BASIC Toolkit",
    "OECD (2017), Systems Approaches to Public Sector Challenges",
    "OECD (2015), Recommendation of the Council on Budgetary Governance",
    "PEFA (2016), Framework for assessing public financial management",
    "IMF (2018), Public Investment Management Assessment",
    "UN CEPA (2018), Principles of effective governance for sustainable development",
    "CLAD (2008), Carta Iberoamericana de Calidad en la Gestión Pública",
    "CLAD (2009), Carta Iberoamericana de Participación Ciudadana en la Gestión Pública",
    "CLAD (2016), Carta Iberoamericana de Gobierno Abierto",
    "CLAD (2003), Carta Iberoamericana de la Función Pública",
    "OECD/SIGMA (2023), The Principles of Public Administration (strategic framework, policy development and coordination)",
    "Andrews, M., Pritchett, L. and Woolcock, M. (2017), Building State Capability: Evidence, Analysis, Action (problem-driven iterative adaptation, PDIA)",
  },
  fields = {
    ["id"] = "string",
    -- Identification
    ["identification.country"] = { type = "country", required = true },
    ["identification.planned_launch"] = "date",
    ["identification.thematic_area"] = { type = "string", values = THEMATIC_AREAS },
    ["identification.instrument"] = { type = "string", values = { "policy", "program", "project", "initiative" } },
    ["language"] = { type = "string", values = { "en", "es", "pt", "fr" } },
    -- Problem and baseline
    ["problem.affected_population.size"] = "number",
    ["problem.baseline[].value"] = "number",
    ["problem.baseline[].year"] = "integer",
    ["problem.baseline[].source"] = "string",
    ["problem.baseline[].document"] = "string",
    ["problem.baseline[].disaggregation"] = "array",
    ["problem.baseline[].indicator"] = "string",
    ["documents[].id"] = "string",
    ["documents[].url"] = "string",
    -- Theory of change and evidence
    ["theory_of_change.description"] = "string",
    ["theory_of_change.assumptions"] = "array",
    ["theory_of_change.evidence[].title"] = "string",
    ["theory_of_change.evidence[].design"] = "string",
    ["theory_of_change.evidence[].sms_level"] = "integer",
    ["theory_of_change.evidence[].year"] = "integer",
    ["theory_of_change.evidence[].context"] = { type = "string", values = { "same_country", "region", "international" } },
    ["theory_of_change.evidence[].independent"] = "boolean",
    ["theory_of_change.evidence[].manualised"] = "boolean",
    -- Results framework
    ["results_framework[].level"] = { type = "string", values = { "output", "outcome", "impact" } },
    ["results_framework[].indicator"] = "string",
    ["results_framework[].frequency"] = {
      type = "string", values = { "monthly", "quarterly", "semiannual", "annual", "biennial", "once" },
    },
    ["results_framework[].baseline"] = "number",
    ["results_framework[].target"] = "number",
    ["results_framework[].target_year"] = "integer",
    ["results_framework[].interim_targets"] = "array",
    ["results_framework[].interim_targets[].year"] = "integer",
    ["results_framework[].interim_targets[].value"] = "number",
    -- Design
    ["design.horizon_years"] = "integer",
    ["design.partners"] = "array",
    ["design.partners[]"] = "string",
    ["design.channels"] = "array",
    ["design.channels[]"] = {
      type = "string", values = { "online", "mobile", "phone", "in_person", "mail", "intermediaries" },
    },
    ["design.milestones[].date"] = "date",
    ["design.legal_basis.year"] = "integer",
    ["design.alignment[].sdg"] = "integer",
    ["implementation_challenges"] = "array",
    ["implementation_challenges[].id"] = "string",
    ["implementation_challenges[].description"] = "string",
    ["implementation_challenges[].criteria"] = "array",
    ["questions_for_peers[].id"] = "string",
    ["questions_for_peers[].criteria"] = "array",
    ["identification.government_term_end"] = "date",
    ["design.milestones[].kind"] = "string",
    ["design.legal_basis.instrument"] = "string",
    ["design.legal_basis.status"] = "string",
    ["design.legal_basis.number"] = "string",
    ["theory_of_change.chain[].stage"] = "string",
    ["theory_of_change.chain[].assumptions"] = "array",
    ["evidence.behavioural.target_behaviours[].kind"] = "string",
    ["evidence.co_design.activities[].format"] = "string",
    ["evidence.long_term.continuity.cross_party_endorsed"] = "boolean",
    ["evidence.fiscal.mtef_last_year"] = "integer",
    -- Long-term
    ["evidence.long_term.term_ends"] = "date",
    ["evidence.long_term.government_term_years"] = "integer",
    ["evidence.long_term.continuity.reports_to_legislature"] = "boolean",
    -- Evidence-based
    ["evidence.evidence_based.evaluation.report_date"] = "date",
    ["evidence.evidence_based.evaluation.budget"] = "number",
    ["evidence.evidence_based.evaluation.independent"] = "boolean",
    ["evidence.evidence_based.evaluation.publication"] = "boolean",
    ["evidence.evidence_based.evaluation.management_response"] = "boolean",
    -- Co-designed
    ["evidence.co_design.activities[].date"] = "date",
    ["evidence.co_design.activities[].stage"] = { type = "string", values = { "diagnosis", "design", "implementation", "evaluation" } },
    ["evidence.co_design.activities[].level"] = { type = "string", values = { "inform", "consult", "involve", "collaborate", "empower" } },
    ["evidence.co_design.activities[].participants"] = "integer",
    ["evidence.co_design.activities[].offline"] = "boolean",
    ["evidence.co_design.response.inputs_received"] = "integer",
    ["evidence.co_design.response.inputs_adopted"] = "integer",
    ["evidence.co_design.response.published"] = "boolean",
    ["evidence.co_design.response.reasons_given"] = "boolean",
    ["evidence.co_design.response.returned_to_participants"] = "boolean",
    ["evidence.co_design.governance.decision_rights"] = { type = "string", values = { "advisory", "co_decision", "binding" } },
    ["evidence.co_design.governance.public_minutes"] = "boolean",
    -- User-centred
    ["evidence.user_centred.research[].sample_size"] = "integer",
    ["evidence.user_centred.research_after_launch"] = "boolean",
    ["evidence.user_centred.journeys[].validated_with_users"] = "boolean",
    ["evidence.user_centred.accessibility.languages"] = "array",
    ["evidence.user_centred.accessibility.tested_with_disabled_users"] = "boolean",
    ["evidence.user_centred.standards.max_days"] = "number",
    ["evidence.user_centred.standards.cost_to_user"] = "number",
    ["evidence.user_centred.standards.once_only"] = "boolean",
    ["evidence.user_centred.standards.published"] = "boolean",
    ["evidence.user_centred.metrics[].kind"] = { type = "string", values = { "satisfaction", "completion", "time", "cost", "other" } },
    ["evidence.user_centred.metrics[].target"] = "number",
    ["evidence.user_centred.prototype_tests[].date"] = "date",
    ["evidence.user_centred.prototype_tests[].participants"] = "integer",
    -- Behaviourally informed
    ["evidence.behavioural.target_behaviours[].measure_source"] = { type = "string", values = { "administrative", "observed", "self_report" } },
    ["evidence.behavioural.barriers[].abcd"] = { type = "string", values = { "attention", "belief", "choice", "determination" } },
    ["evidence.behavioural.test.sample_size"] = "integer",
    ["evidence.behavioural.test.follow_up_months"] = "number",
    ["evidence.behavioural.test.publication"] = "boolean",
    ["evidence.behavioural.ethics.independent"] = "boolean",
    ["evidence.behavioural.ethics.transparency"] = "boolean",
    ["evidence.behavioural.ethics.data_protection"] = "boolean",
    ["evidence.behavioural.ethics.publish_all_results"] = "boolean",
    ["evidence.behavioural.scaling.budget"] = "number",
    ["evidence.behavioural.scaling.heterogeneity"] = "boolean",
    ["evidence.behavioural.scaling.monitoring_after_scale"] = "boolean",
    -- Complexity-aware
    ["evidence.complexity.domain"] = { type = "string", values = { "clear", "complicated", "complex", "chaotic", "none" } },
    ["evidence.complexity.approach"] = { type = "string", values = { "full_rollout", "phased_rollout", "pilot", "probes", "adaptive", "rapid_response" } },
    ["evidence.complexity.reassessment.date"] = "date",
    ["evidence.complexity.phases[].start"] = "date",
    ["evidence.complexity.phases[].end"] = "date",
    ["evidence.complexity.phases[].gate.options"] = "array",
    ["evidence.complexity.learning.adaptation_log"] = "boolean",
    ["evidence.complexity.learning.user_feedback"] = "boolean",
    ["evidence.complexity.coordination.shared_indicators"] = "boolean",
    ["evidence.complexity.coordination.data_sharing"] = "boolean",
    ["evidence.complexity.coordination.joint_budget"] = "boolean",
    -- Fiscally responsible
    ["evidence.fiscal.costing[].year"] = "integer",
    ["evidence.fiscal.costing[].kind"] = { type = "string", values = { "capital", "recurrent" } },
    ["evidence.fiscal.costing[].amount"] = "number",
    ["evidence.fiscal.funding[].source"] = { type = "string", values = { "budget", "mtef", "own_revenue", "loan", "grant", "ppp", "other", "unidentified" } },
    ["evidence.fiscal.funding[].amount"] = "number",
    ["evidence.fiscal.funding[].year"] = "integer",
    ["evidence.fiscal.funding[].secured"] = "boolean",
    ["evidence.fiscal.ceiling.limit_pct"] = "number",
    ["evidence.fiscal.ceiling.debt_to_gdp"] = "number",
    ["evidence.fiscal.ceiling.avg_nominal_gdp_growth"] = "number",
    ["evidence.fiscal.ceiling.projected_growth_pct"] = "number",
    ["evidence.fiscal.ceiling.projections[].year"] = "integer",
    ["evidence.fiscal.ceiling.projections[].growth_pct"] = "number",
    ["evidence.fiscal.ceiling.projections[].limit_pct"] = "number",
    ["evidence.fiscal.appraisal.method"] = { type = "string", values = { "cba", "cea", "multi_criteria", "none" } },
    ["evidence.fiscal.appraisal.npv"] = "number",
    ["evidence.fiscal.appraisal.bcr"] = "number",
    ["evidence.fiscal.appraisal.cost_per_outcome"] = "number",
    ["evidence.fiscal.appraisal.score"] = "number",
    ["evidence.fiscal.appraisal.discount_rate"] = "number",
    ["evidence.fiscal.appraisal.alternatives"] = "integer",
    ["evidence.fiscal.appraisal.sensitivity"] = "boolean",
    ["evidence.fiscal.appraisal.published"] = "boolean",
    ["evidence.fiscal.risks[].type"] = { type = "string", values = { "overrun", "contingent_liability", "ppp", "guarantee", "exchange_rate", "demand", "revenue", "other" } },
    ["evidence.fiscal.risks[].amount"] = "number",
    ["evidence.fiscal.contingency_pct"] = "number",
    ["evidence.fiscal.risk_disclosure"] = "boolean",
    ["evidence.fiscal.monitoring.frequency"] = { type = "string", values = { "monthly", "quarterly", "semiannual", "annual" } },
    ["evidence.fiscal.monitoring.financial"] = "boolean",
    ["evidence.fiscal.monitoring.physical"] = "boolean",
    ["evidence.fiscal.monitoring.published"] = "boolean",
    ["evidence.fiscal.monitoring.open_data"] = "boolean",
    ["evidence.fiscal.monitoring.corrective_procedure"] = "boolean",
  },
  criteria = { long_term, evidence_based, co_designed, user_centred, behavioural, complexity, fiscal },
}
