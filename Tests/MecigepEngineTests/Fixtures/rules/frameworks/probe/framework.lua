--- A framework for the robustness probe's tests: one honest indicator and three that a
-- State could game (keywords, omission, disclosure), each in the way issue 10 found them.
local m = require "mecigep"

local function count_words(s, word)
  local n = 0
  for _ in string.gmatch(string.lower(s or ""), word) do n = n + 1 end
  return n
end

return m.framework {
  id = "probe", version = "1.0.0", title = "Probe", languages = { "en" }, scale = m.scales.maturity,
  fields = { ["plan.text"] = "string", ["plan.budget"] = "number", ["risks"] = "array", ["documents"] = "array" },
  criteria = { m.criterion { id = "c", title = "C", indicators = {
    -- Honest: one level per cited document, at most 4.
    m.indicator { id = "honest", title = "Documents", reads = { "documents" }, requires = { "documents" },
      evaluate = function(case)
        local n = 0
        for _, d in ipairs(case.documents) do if type(d) == "table" and d.id then n = n + 1 end end
        return math.min(4, n)
      end },
    -- Keywords: the level counts a word in free text.
    m.indicator { id = "keywords", title = "Evaluation plan", reads = { "plan.text" },
      evaluate = function(case)
        local plan = case.plan or {}
        return math.min(4, count_words(plan.text, "evaluation"))
      end },
    -- Omission pays: a budget below 1000 is "weak", no budget at all is fine.
    m.indicator { id = "omission", title = "Budget", reads = { "plan.budget" },
      evaluate = function(case)
        local plan = case.plan or {}
        if plan.budget == nil then return 3 end
        return plan.budget >= 1000 and 4 or 1
      end },
    -- Disclosure lowers: every risk listed costs a level.
    m.indicator { id = "disclosure", title = "Risks", reads = { "risks" },
      evaluate = function(case)
        return math.max(0, 4 - #(case.risks or {}))
      end },
  } } },
}
