-- Rules that break the result contract: each must be a rule error, never a coerced or clamped level.
local m = require "mecigep"

local function fixed(id, value) return m.indicator { id = id, title = id, evaluate = function() return value end } end
local function returns(value) return function() return value end end

return m.framework {
  id = "contracts",
  version = "1.0.0",
  title = "Contracts",
  languages = { "en" },
  scale = m.scales.maturity,
  fields = { ["evidence.evaluation.design"] = "string" },
  criteria = {
    m.criterion { id = "levels", title = "Levels", indicators = {
      fixed("text_level", "3"), fixed("above_scale", 5), fixed("below_scale", -1), fixed("fraction", 2.5),
      fixed("good", 3),
      -- a misspelt path reads nothing: recorded as an undeclared read, with the nearest declared path
      m.indicator { id = "typo", title = "typo", evaluate = function(case, ctx)
        if case.evidence and case.evidence.evalution then return ctx.level(4) end
        return ctx.level(0)
      end },
    } },
    m.criterion { id = "agg_above", title = "Aggregation above the scale", aggregation = returns(7),
                  indicators = { fixed("a1", 2) } },
    m.criterion { id = "agg_text", title = "Aggregation as text", aggregation = returns("3"),
                  indicators = { fixed("a2", 2) } },
    m.criterion { id = "agg_score", title = "Aggregation as a score", aggregation = returns(2.6),
                  indicators = { fixed("a3", 2) } },
  },
}
