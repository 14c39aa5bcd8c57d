--- Calibration of the MECIGEP core framework: every threshold the rules use to separate one
-- level from the next, in one place, with why it is set where it is and where that comes from.
-- Change a value here and every rule that uses it follows; `mecigep test rules` then shows which
-- pinned levels move, and `mecigep robustness` checks that the levels still rest on facts.
--
-- Counts are "at least N items that satisfy the rung": a count never falls when a State
-- discloses one more item, so disclosure never costs a level (see docs/rules.md).
-- @module frameworks.mecigep-core.calibration

local M = {}

--- name = { value, rationale, reference }
M.table = {
  uncited_cap = { 2, "A level above 2 must rest on a document of the case's register (law, decree, budget line, study, minutes, contract, dataset); the State's word alone reaches 'partly documented' at most.",
    "MECIGEP methodology, 'What a level may rest on'; IMF PIMA (design on paper vs. readiness)" },
  baseline_recency_years = { 3, "A baseline figure older than three years before the launch no longer describes the problem the initiative meets.",
    "UN (2014), Fundamental Principles of Official Statistics (relevance, timeliness); OECD (2022), Recommendation on Public Policy Evaluation" },
  mtef_outer_years = { 2, "Funding is compared with the cost up to the medium-term framework: the budget year and two outer years, unless the case gives evidence.fiscal.mtef_last_year.",
    "PEFA (2016), PI-16 Medium-term perspective in expenditure budgeting" },
  funding_share_level3 = { 0.9, "'All' in PEFA's materiality words: at least 90 % of the cost inside the medium-term framework is secured.",
    "PEFA (2016), Field Guide: materiality thresholds (all >= 90 %, most >= 75 %)" },
  funding_share_level4 = { 1.0, "The whole cost inside the medium-term framework is secured, with a line in the medium-term framework after the launch year.",
    "PEFA (2016), PI-16; IMF (2018), PIMA institution 7 (multi-year budgeting)" },
  behavioural_follow_up_months = { 6, "A behavioural effect is worth scaling when it persists at least six months.",
    "OECD (2019), BASIC toolkit; Hallsworth and Kirkman (2020), Behavioral Insights" },
  barriers_classified = { 2, "A diagnosis rests on more than one barrier backed by data and placed in the ABCD lens.", "OECD (2019), BASIC toolkit (ABCD)" },
  techniques_linked = { 2, "Two or more techniques each tied to a diagnosed barrier.", "OECD (2019), BASIC toolkit (Strategy)" },
  techniques_cited = { 2, "Two or more techniques backed by evidence of what worked elsewhere.", "OECD (2019), BASIC toolkit; Nesta Standards of Evidence" },
  stakeholders_with_roles = { 3, "At level 4 the stakeholder map gives a role to at least three groups.", "OECD (2022), Guidelines for Citizen Participation Processes" },
  engagement_formats_level3 = { 2, "Two or more formats of engagement (survey, workshop, hearing...) reach different people.", "OECD (2022), Guidelines for Citizen Participation Processes; CLAD (2009)" },
  engagement_groups_level3 = { 3, "Three or more distinct groups took part.", "OGP (2021), Participation and Co-Creation Standards (inclusive participation)" },
  engagement_formats_level4 = { 3, "Three or more formats, one of them offline, with participants disaggregated.", "OECD (2022), Guidelines for Citizen Participation Processes" },
  governance_members = { 2, "A shared governance body has at least two members.", "OGP (2021), multi-stakeholder forum" },
  risks_mitigated = { 2, "Two or more rated risks with an owner and a mitigation, and no high risk without them.", "ISO 31000:2018; OECD OPSI" },
  risks_triggered = { 2, "Two or more risks with early-warning triggers, and a scheduled review.", "ISO 31000:2018" },
  system_map_actors = { 3, "A system map names at least three actors.", "OECD (2017), Systems Approaches to Public Sector Challenges" },
  toc_assumptions = { 2, "A theory of change at level 3 states two or more assumptions.", "OECD (2022), Recommendation on Public Policy Evaluation; Nesta (2013)" },
  toc_tracked = { 2, "At level 4 two or more assumptions are backed by evidence or tracked by an indicator.", "OECD (2022), Recommendation on Public Policy Evaluation" },
  studies_very_strong = { 2, "Two or more sourced studies at SMS 4 or more, one from the country or the region (replication).", "Nesta Standards of Evidence, level 4; Maryland SMS" },
  baseline_figures = { 2, "Two or more baseline figures (sourced and dated at level 3; published and disaggregated at level 4) measure the problem from more than one angle.",
    "UN (2014), Fundamental Principles of Official Statistics; OECD (2022), Recommendation on Public Policy Evaluation" },
  results_complete = { 2, "Two or more complete indicators (baseline, target, year, source, frequency), one of them an outcome.",
    "OECD (2022), Recommendation on Public Policy Evaluation; UNDG (2011), Results-Based Management Handbook" },
  results_owned = { 3, "At level 4, three or more complete indicators have a responsible unit.", "UNDG (2011), Results-Based Management Handbook" },
  diagnosis_methods = { 2, "A barrier diagnosis is triangulated with two or more methods, one observing behaviour.", "OECD (2019), BASIC toolkit (Analysis)" },
  controlled_sms = { 3, "A test or an evaluation is controlled from SMS 3 (a comparison group) up.", "Maryland Scientific Methods Scale" },
  strong_sms = { 3, "Evidence is strong from SMS 3 (a comparison group) up.", "Maryland SMS; Nesta Standards of Evidence, level 3" },
  very_strong_sms = { 4, "Very strong evidence controls for unobserved differences (SMS 4) or randomises (SMS 5).", "Maryland SMS" },
  complicated_loops_cap = { 2, "A problem called complicated with two or more feedback loops in its own system map is inconsistent: capped at 2.", "Snowden and Boone (2007), Cynefin; OECD (2017), Systems Approaches" },
  phases = { 2, "Phasing means two or more phases, dated.", "OECD OPSI; IMF (2018), PIMA (gates)" },
  coordination_members = { 2, "A named coordination mechanism has two or more members.", "OECD/DAC coherence criterion" },
  coordination_members_formal = { 3, "Formal coordination spans three or more agencies (or two levels of government).", "OECD/DAC coherence criterion" },
  coordination_levels = { 2, "Two levels of government (national and subnational) in the mechanism.", "OECD (2019), Making Decentralisation Work" },
  coordination_shared = { 2, "Two of: shared indicators, data sharing, a joint budget.", "OECD/DAC coherence criterion; OECD OPSI" },
  costing_years_level2 = { 2, "Costs by year, at least two years.", "PEFA (2016), PI-16" },
  costing_years_level3 = { 3, "Three or more costed years (the medium-term framework).", "PEFA (2016), PI-16; IMF PIMA institution 7" },
  costing_recurrent_after = { 2, "Recurrent costs in two or more years after launch.", "PEFA (2016), PI-11.3 (recurrent costs of investment)" },
  costing_years = { 5, "Five or more costed years with recurrent costs every year after launch, and a documented method (life-cycle costing).", "PEFA (2016), PI-11.3; IMF PIMA" },
  ceiling_years = { 3, "Three or more projected years within the fiscal rule, validated by the Ministry of Finance.", "OECD (2015), Recommendation on Budgetary Governance, principle 1" },
  appraisal_alternatives = { 2, "An appraisal compares two or more options.", "PEFA (2016), PI-11.1; IMF PIMA institution 8" },
  milestones_level2 = { 2, "Two or more dated milestones.", "OECD (2019), Strategic Foresight; UN CEPA" },
  milestones_level3 = { 3, "Three or more dated milestones, reaching beyond the end of the government's term.", "UN CEPA (2018), strategic planning and foresight" },
  interim_targets = { 2, "Two or more interim targets trace the trajectory to a long-run target.", "OECD (2022), Recommendation on Public Policy Evaluation" },
  research_methods = { 2, "User research with two or more methods.", "OECD (2022), Good Practice Principles for Public Service Design and Delivery" },
  research_segments = { 2, "User research covering two or more user segments.", "OECD (2022), Good Practice Principles for Public Service Design and Delivery" },
  journey_agencies = { 2, "A journey crossing two or more agencies (a life event).", "OECD (2022), Good Practice Principles; CLAD (2008)" },
  accessibility_languages = { 2, "Two or more languages count as a language dimension of accessibility.", "UN CRPD art. 9; CLAD (2008)" },
  accessibility_dimensions = { 3, "Three of four accessibility dimensions (offline channel, languages, disability standard, assisted digital).", "W3C WCAG 2.1; UN CRPD art. 9" },
  usability_users = { 5, "A usability round with five or more users finds most problems.", "Nielsen (2000), Why you only need to test with 5 users" },
  high_rating = { 4, "On a 1-5 likelihood or impact rating, 4 and 5 are high.", "ISO 31000:2018 (risk matrices)" },
  min_budget_share = { 0.001, "A budget below 0.1 % of the initiative's costed total (an evaluation budget of 1) is not a budget: it counts as missing.",
    "MECIGEP methodology, 'Placeholders are not answers'; evaluation budgets usually run at 1-5 % of programme cost (OECD DAC)" },
  scenarios_worked = { 2, "Two or more scenarios with a response.", "OECD (2019), Strategic Foresight for Better Policies" },
}

--- The values by name: `local K = require("frameworks.mecigep-core.calibration").values`.
M.values = {}
for name, entry in pairs(M.table) do M.values[name] = entry[1] end

return M
