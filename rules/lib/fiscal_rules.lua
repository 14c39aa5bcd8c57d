--- National fiscal rules whose ceilings a rule can compute from a case's inputs.
--
-- Each rule is data: the thresholds and the share of average nominal GDP growth allowed.
-- Add a country's rule here, with its legal reference, and the fiscal indicators use it.
-- @module lib.fiscal_rules

local M = {}

--- Costa Rica, Law 9635 on Strengthening Public Finances (December 2018), Title IV, applied
-- from the 2020 budget: spending growth is capped at a share of the average nominal GDP growth
-- of the four years before the budget is drafted, by central-government debt-to-GDP ratio.
-- Scenario D (debt of 60 % of GDP or more) caps total spending; the others cap current
-- spending. For 2025 the debt ratio was 61.12 %, giving a 3.75 % ceiling.
M.costa_rica_9635 = {
  id = "costa_rica_9635",
  name = "Costa Rica, Ley 9635 (2018), Título IV",
  tiers = {
    { below = 30, share = 1.00, scenario = "A", applies_to = "current" },
    { below = 45, share = 0.85, scenario = "B", applies_to = "current" },
    { below = 60, share = 0.75, scenario = "C", applies_to = "current" },
    { below = math.huge, share = 0.65, scenario = "D", applies_to = "total" },
  },
}

--- The rules this module knows, by id.
M.rules = { costa_rica_9635 = M.costa_rica_9635 }

--- The ceiling on spending growth (percent) a tiered rule gives.
-- @param rule a rule table (such as `M.costa_rica_9635`) or its id
-- @param debt_to_gdp debt as a percentage of GDP (61.12)
-- @param avg_nominal_gdp_growth average nominal GDP growth, percent (5.77)
-- @return the ceiling in percent (rounded to 2 decimals), the scenario letter, and what the
--   ceiling applies to ("current" or "total"); nil when an input is missing
function M.ceiling(rule, debt_to_gdp, avg_nominal_gdp_growth)
  if type(rule) == "string" then rule = M.rules[rule] end
  if type(rule) ~= "table" or type(debt_to_gdp) ~= "number" or type(avg_nominal_gdp_growth) ~= "number" then
    return nil
  end
  for _, tier in ipairs(rule.tiers) do
    if debt_to_gdp < tier.below then
      local limit = math.floor(avg_nominal_gdp_growth * tier.share * 100 + 0.5) / 100
      return limit, tier.scenario, tier.applies_to
    end
  end
  return nil
end

return M
