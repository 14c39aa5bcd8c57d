-- Aggregations chosen by the framework: thresholds, piecewise and a Lua function.
local m = require "mecigep"

local function fixed(id, level) return m.indicator { id = id, title = id, evaluate = function() return level end } end

return m.framework {
  id = "custom",
  version = "2.0.0",
  title = "Custom",
  languages = { "en" },
  scale = m.scales.maturity,
  aggregation = function(inputs)
    local best = 0
    for _, input in ipairs(inputs) do
      if input.score > best then best = input.score end
    end
    return best
  end,
  criteria = {
    m.criterion { id = "sigma", title = "SIGMA-style points", indicators = { fixed("p1", 2), fixed("p2", 3), fixed("p3", 1) },
                  aggregation = { method = "thresholds", of = "sum", cutoffs = {
                    { min = 0, level = 0 }, { min = 3, level = 1 }, { min = 5, level = 2 }, { min = 8, level = 3 }, { min = 11, level = 4 },
                  } } },
    m.criterion { id = "linear", title = "Piecewise", indicators = { fixed("q1", 4), fixed("q2", 2) },
                  aggregation = { method = "piecewise", of = "mean", points = { { 0, 0 }, { 2, 1 }, { 4, 4 } } } },
  },
}
