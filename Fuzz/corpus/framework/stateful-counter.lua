-- Hostile rules: a closure made at load time by a factory keeps a counter in its upvalue.
local m = require "mecigep"

local function make_counter()
  local n = 0
  return function()
    n = n + 1 -- way: factory_upvalue
    return n
  end
end
local next_number = make_counter()

local function t(en) return { en = en, es = en, pt = en, fr = en } end

return m.framework {
  id = "stateful-counter",
  version = "1.0.0",
  title = t("Hostile: closure counter"),
  scale = m.scales.maturity,
  criteria = {
    m.criterion { id = "all", title = t("All"), indicators = {
      m.indicator { id = "counter", title = t("counter"), evaluate = function(_, ctx)
        return ctx.level(math.min(next_number(), 4))
      end },
    } },
  },
}
