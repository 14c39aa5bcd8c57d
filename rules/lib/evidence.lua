--- Strength of evidence: the Maryland Scientific Methods Scale (SMS, 1-5) and the Nesta
-- Standards of Evidence (1-5).
--
-- Maryland SMS (Sherman et al., 1997; as used by the UK What Works Centre for Local Economic
-- Growth): 1 correlation at one point in time; 2 before-and-after without a comparison group,
-- or a cross-section with controls; 3 before-and-after with a comparison group
-- (difference-in-differences); 4 comparison that also accounts for unobserved differences
-- (regression discontinuity, instrumental variables, natural experiments); 5 random assignment.
--
-- Nesta Standards of Evidence (Puttick and Ludlow, 2013): 1 a logical, coherent account of
-- what is done and why it matters; 2 data showing change, without proving causation;
-- 3 causality shown with a comparison or control group; 4 one or more independent replication
-- evaluations confirming the result; 5 manuals, systems and procedures that ensure
-- consistent replication (ready to scale).
-- @module lib.evidence

local i18n = require "lib.i18n"
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, string, math = type, ipairs, string, math
local L = i18n.L

local M = {}

--- The SMS level each study design reaches when the case gives no explicit `sms_level`.
-- Designs that are not impact studies (case studies, expert opinion) have none.
M.DESIGN_SMS = {
  rct = 5, ab_test = 5, randomised = 5, randomized = 5,
  regression_discontinuity = 4, instrumental_variables = 4, natural_experiment = 4,
  quasi_experimental = 3, difference_in_differences = 3, matching = 3, systematic_review = 3,
  before_after = 2, cross_section = 2,
  observational = 1, correlation = 1,
}

--- Names of the SMS levels in the four languages.
M.SMS_LABELS = {
  [1] = L("SMS 1 (correlation at one point in time)", "SMS 1 (correlación en un momento dado)",
          "SMS 1 (correlação num único momento)", "SMS 1 (corrélation à un moment donné)"),
  [2] = L("SMS 2 (before-and-after, no comparison group)", "SMS 2 (antes y después, sin grupo de comparación)",
          "SMS 2 (antes e depois, sem grupo de comparação)", "SMS 2 (avant-après, sans groupe de comparaison)"),
  [3] = L("SMS 3 (comparison group, before and after)", "SMS 3 (grupo de comparación, antes y después)",
          "SMS 3 (grupo de comparação, antes e depois)", "SMS 3 (groupe de comparaison, avant et après)"),
  [4] = L("SMS 4 (comparison controlling for unobserved differences)",
          "SMS 4 (comparación que controla diferencias no observadas)",
          "SMS 4 (comparação que controla diferenças não observadas)",
          "SMS 4 (comparaison contrôlant les différences non observées)"),
  [5] = L("SMS 5 (randomised trial)", "SMS 5 (ensayo aleatorizado)", "SMS 5 (ensaio aleatorizado)",
          "SMS 5 (essai randomisé)"),
}

--- The SMS level of one study: its `sms_level` when valid, else the level of its `design`,
-- else nil (not an impact study). A declared `sms_level` never exceeds what the declared
-- `design` can reach: a before-and-after study called "SMS 5" counts as SMS 2.
-- @param item a study `{ design =, sms_level = }`
-- @return integer 1-5 or nil
function M.sms(item)
  if type(item) ~= "table" then return nil end
  local by_design = type(item.design) == "string" and M.DESIGN_SMS[item.design] or nil
  local level = item.sms_level
  if type(level) == "number" and level == math.floor(level) and level >= 1 and level <= 5 then
    level = math.floor(level)
    if by_design and level > by_design then return by_design end
    return level
  end
  return by_design
end

--- Whether a study's declared `sms_level` claims more than its `design` supports.
-- @param item a study
-- @return boolean
function M.overclaimed(item)
  if type(item) ~= "table" or type(item.sms_level) ~= "number" or type(item.design) ~= "string" then return false end
  local by_design = M.DESIGN_SMS[item.design]
  return by_design ~= nil and item.sms_level > by_design
end

--- Whether a study names where it comes from (a source or a document).
-- @param item a study
-- @return boolean
function M.is_sourced(item)
  if type(item) ~= "table" then return false end
  local function given(v) return type(v) == "string" and string.find(v, "%S") ~= nil end
  return given(item.source) or given(item.document)
end

--- The strongest sourced study: its SMS level and position, and how many sourced studies
-- reach SMS 3 or more.
-- @param items a list of studies
-- @return best SMS level (0 when none), index of that study, count at SMS >= 3, count sourced
function M.best(items)
  local best, at, strong, sourced = 0, nil, 0, 0
  for i, item in ipairs(items or {}) do
    if M.is_sourced(item) then
      sourced = sourced + 1
      local level = M.sms(item) or 0
      if level > best then best, at = level, i end
      if level >= 3 then strong = strong + 1 end
    end
  end
  return best, at, strong, sourced
end

--- The Nesta level of a body of evidence.
-- @param items studies `{ design, sms_level, source, independent, manualised }`
-- @param has_theory whether the case gives a theory of change (Nesta level 1)
-- @return integer 0-5
function M.nesta(items, has_theory)
  local level = has_theory and 1 or 0
  local causal, independent_causal, manualised = 0, 0, false
  for _, item in ipairs(items or {}) do
    if M.is_sourced(item) then
      local sms = M.sms(item) or 0
      if sms >= 1 and level < 2 then level = 2 end
      if sms >= 3 then
        causal = causal + 1
        if item.independent == true then independent_causal = independent_causal + 1 end
        if item.manualised == true then manualised = true end
      end
    end
  end
  if causal >= 1 then level = 3 end
  if causal >= 2 and independent_causal >= 1 then level = 4 end
  if level == 4 and manualised then level = 5 end
  return level
end

return M
