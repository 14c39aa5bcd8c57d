-- PEFA-style letters with M1 and M2, insufficient information counting as the lowest level.
local m = require "mecigep"

local function level_from(case, field)
  local v = case.scores and case.scores[field]
  if v == nil then return nil end
  return v
end

local function dimension(id)
  return m.indicator {
    id = id,
    title = "Dimension " .. id,
    evaluate = function(case, ctx)
      local v = level_from(case, id)
      if v == nil then return ctx.insufficient("scores." .. id) end
      return v
    end,
  }
end

return m.framework {
  id = "letters",
  version = "1.0.0",
  title = "Letters",
  languages = { "en" },
  scale = m.scales.pefa,
  insufficient = "lowest",
  aggregation = "weakest_link",
  criteria = {
    m.criterion { id = "m1", title = "Weakest link", aggregation = "weakest_link",
                  indicators = { dimension("a"), dimension("b"), dimension("c") } },
    m.criterion { id = "m2", title = "Averaging", indicators = { dimension("d"), dimension("e") },
                  aggregation = { method = "table", table = {
                    AA = "A", AB = "B+", AC = "B", AD = "C+", BB = "B", BC = "C+", BD = "C", CC = "C", CD = "D+", DD = "D",
                  } } },
  },
}
