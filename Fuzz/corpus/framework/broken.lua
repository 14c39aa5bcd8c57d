-- Every structural mistake the loader must report at once.
local m = require "mecigep"

return m.framework {
  id = "broken",
  version = "one",
  title = { en = "Broken", es = "Roto" },
  scale = m.scales.maturity,
  criteria = {
    m.criterion {
      id = "a",
      title = "A",
      weight = -1,
      aggregation = "median",
      indicators = {
        m.indicator { id = "x", title = "X", evaluate = function() return 1 end, reads = { "bad..path" } },
        m.indicator { id = "x", title = "X again", evaluate = function() return 1 end },
        m.indicator { id = "y", title = "Y", levels = { [7] = "seven" } },
      },
    },
    m.criterion { id = "a", title = "A again", indicators = {} },
  },
}
