--- Checks every row of the derived M2 conversion tables (m2.lua) for the properties any
-- correct table has, and returns the tables. Run it in the rule sandbox:
--
--     mecigep sandbox rules/frameworks/pefa-budget/tools/m2_properties.lua --rules rules
--
-- It returns { ok = true, rows = { ["2"] = { AA = "A", ... }, ... } } or ok = false with the
-- problems found.
-- @module frameworks.pefa-budget.tools.m2_properties

local m2 = require "frameworks.pefa-budget.m2"

local SCORE = { A = 4, B = 3, C = 2, D = 1 }
local HALF = { D = 2, ["D+"] = 3, C = 4, ["C+"] = 5, B = 6, ["B+"] = 7, A = 8 }
local LETTERS = { "A", "B", "C", "D" }

local problems = {}
local function problem(text) problems[#problems + 1] = text end

--- The letters of a key, and their lowest and highest score.
local function bounds(key)
  local low, high = 4, 1
  for i = 1, #key do
    local s = SCORE[string.sub(key, i, i)]
    if s < low then low = s end
    if s > high then high = s end
  end
  return low, high
end

--- The key of a multiset of letters, best first.
local function key_of(letters)
  table.sort(letters, function(a, b) return SCORE[a] > SCORE[b] end)
  return table.concat(letters)
end

local rows = {}
for n = 2, 4 do
  local t = m2.table(n)
  local own = {}
  for _, key in ipairs(m2.multisets(n)) do
    local grade = t[key]
    own[key] = grade
    if grade == nil then problem(key .. ": no entry") else
      local low, high = bounds(key)
      local half = HALF[grade]
      -- between the lowest and the highest input
      if half < 2 * low or half > 2 * high then problem(key .. " -> " .. grade .. ": outside the inputs") end
      -- equal inputs give that grade
      if low == high and grade ~= string.sub(key, 1, 1) then problem(key .. " -> " .. grade .. ": not the common grade") end
      -- raising any one input never lowers the grade
      for i = 1, n do
        local letter = string.sub(key, i, i)
        for _, better in ipairs(LETTERS) do
          if SCORE[better] > SCORE[letter] then
            local letters = {}
            for j = 1, n do letters[j] = j == i and better or string.sub(key, j, j) end
            local raised = key_of(letters)
            if HALF[t[raised]] < half then
              problem(key .. " -> " .. grade .. " but " .. raised .. " -> " .. t[raised] .. ": not monotone")
            end
          end
        end
      end
    end
  end
  rows[tostring(n)] = own
end

return { ok = #problems == 0, problems = problems, rows = rows }
