-- Hostile rules: a variable declared at load time and assigned in every call.
local m = require "mecigep"
local count = 0

local function t(en) return { en = en, es = en, pt = en, fr = en } end

return m.framework {
  id = "stateful-upvalue",
  version = "1.0.0",
  title = t("Hostile: upvalue"),
  scale = m.scales.maturity,
  criteria = {
    m.criterion { id = "all", title = t("All"), indicators = {
      m.indicator { id = "counter", title = t("counter"), evaluate = function(_, ctx)
        count = count + 1 -- way: scalar_upvalue
        return ctx.level(math.min(count, 4))
      end },
    } },
  },
}
