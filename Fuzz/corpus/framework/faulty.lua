-- Indicators that fail in every way; the others must still be assessed.
local m = require "mecigep"

local function ind(id, f) return m.indicator { id = id, title = id, evaluate = f } end

return m.framework {
  id = "faulty",
  version = "1.0.0",
  title = "Faulty",
  languages = { "en" },
  scale = m.scales.maturity,
  criteria = {
    m.criterion { id = "c", title = "C", indicators = {
      ind("good", function() return 3 end),
      ind("loops", function() while true do end end),
      ind("raises", function(case) return case.nothing.here end),
      ind("off_scale", function() return 9 end),
      ind("returns_nothing", function() end),
      ind("escapes", function() return os.time() end),
      ind("writes", function(case) case.x = 1 end),
    } },
  },
}
