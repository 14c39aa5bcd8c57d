--- PEFA's M2 (averaging) method as conversion tables for indicators of 2, 3 and 4 dimensions.
--
-- PROVENANCE: these tables are DERIVED here from a stated rule; they are not a copy of the
-- official PEFA table. PEFA 2016 (section 2.2 of the framework and of the Field Guide) scores
-- M2 indicators through a conversion table for 2, 3 and 4 dimensions, the same as in PEFA
-- 2011, which gives "an approximate average" of the dimension scores and is not a plain
-- arithmetic mean. We could not check the official table row by row against a source
-- available to us, so we derive one with the properties every correct table has, and say so
-- in every place it is used (README.md, the criteria's descriptions). Replace `M.grade` with
-- the official rows when they are checked; the rule tests pin the rows the example cases use.
--
-- The rule. Score D = 1, C = 2, B = 3, A = 4 and take the mean of the n dimensions. Grades
-- sit on half steps: D 1, D+ 1.5, C 2, C+ 2.5, B 3, B+ 3.5, A 4.
--   * a mean of 2 (C, the basic level) or more is rounded UP to the next half step (a
--     third or a quarter above a grade earns its "+"; published descriptions of the official
--     table say it lies at or above the plain average for 3 and 4 dimensions);
--   * a mean below 2 is rounded to the NEAREST half step, ties down, so that rounding never
--     lifts an indicator to the basic level C: D, C, C, C (mean 1.75) and D, D, B (mean 1.67)
--     give D+, and D, D, D, C (mean 1.25) stays D.
-- With 2 dimensions every mean is already a half step (A, B gives B+; D, B gives C), as in
-- the familiar two-dimension rows.
--
-- Properties, checked for every row by tools/m2_properties.lua (see README.md): the grade does not
-- depend on the order of the dimensions (keys are multisets); equal inputs give that grade;
-- the grade lies between the lowest and the highest input; raising one input never lowers
-- the grade.
-- @module frameworks.pefa-budget.m2

local M = {}

--- Grades by half steps: index 1 is D (2 half steps), 7 is A (8 half steps).
local GRADES = { "D", "D+", "C", "C+", "B", "B+", "A" }
--- Letters best first, as the engine writes table keys ("AAB").
local LETTERS = { "A", "B", "C", "D" }
local SCORE = { A = 4, B = 3, C = 2, D = 1 }

--- The M2 grade of n dimensions whose scores (D = 1 .. A = 4) add up to sum.
-- Integer arithmetic throughout, so no row depends on floating-point rounding.
-- @param sum the total score
-- @param n the number of dimensions (1 to 4)
-- @return the grade, such as "B+"
function M.grade(sum, n)
  local half
  if sum >= 2 * n then
    half = (2 * sum + n - 1) // n                -- ceil(2 * mean)
  else
    half = (4 * sum + n - 1) // (2 * n)          -- nearest half step, ties down: ceil(2 * mean - 1/2)
  end
  return GRADES[half - 1]
end

--- Every multiset of `size` letters, each written best first.
local function multisets(size)
  local out = {}
  local function build(start, prefix, left)
    if left == 0 then
      out[#out + 1] = prefix
      return
    end
    for i = start, #LETTERS do build(i, prefix .. LETTERS[i], left - 1) end
  end
  build(1, "", size)
  return out
end

--- The grade of one key ("ABD").
-- @param key letters of the dimension grades
-- @return the grade
function M.convert(key)
  local sum = 0
  for i = 1, #key do sum = sum + SCORE[string.sub(key, i, i)] end
  return M.grade(sum, #key)
end

--- The conversion table for an indicator of n dimensions, as the engine's `table`
-- aggregation reads it. Rows for fewer dimensions are included too: the engine leaves a
-- dimension whose rule fails out of the aggregation (the failure is reported on the
-- dimension), and the indicator is then converted with the table for the dimensions left.
-- @param n the number of dimensions (2 to 4)
-- @return { AA = "A", AB = "B+", ... }
function M.table(n)
  local t = {}
  for size = 1, n do
    for _, key in ipairs(multisets(size)) do t[key] = M.convert(key) end
  end
  return t
end

--- The aggregation declaration of an M2 indicator of n dimensions.
function M.aggregation(n)
  return { method = "table", table = M.table(n) }
end

M.multisets = multisets

return M
