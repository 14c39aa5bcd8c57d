-- Extends tiny: drops one indicator, replaces another, changes a weight, adds a criterion.
local m = require "mecigep"

return m.extend("tiny", {
  id = "tiny-addon",
  version = "0.1.0",
  title = "Tiny add-on",
  skip = { "targets" },
  weights = { fiscal = 3 },
  replace = {
    funding = m.indicator {
      id = "funding",
      title = "Funding source (strict)",
      evaluate = function() return 0 end,
    },
  },
  criteria = {
    m.criterion {
      id = "digital",
      title = "Digital",
      indicators = {
        m.indicator { id = "channels", title = "Channels", evaluate = function() return 4 end },
      },
    },
  },
})
