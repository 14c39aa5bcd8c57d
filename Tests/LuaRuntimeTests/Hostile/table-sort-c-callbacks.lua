-- expect: memory_limit|instruction_limit|time_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- table.sort over 2^31 - 2 slots with C callbacks only (__index, __newindex, comparator).
local t = setmetatable({}, {
  __metatable = "", __index = getmetatable, __newindex = rawequal,
  __len = function() return (1 << 31) - 2 end,
})
table.sort(t, math.type)
return "sorted"
-- Sorting a table with a metatable copies it into a plain array in Lua first: the copy is
-- bounded by the memory cap (here) or the instruction budget.
