-- expect: instruction_limit
-- limits: instructions=50000000 memory=32 timeout=2
-- Thousands of references to one long string, sorted: every comparison reads the string to its
-- end inside C, where the hook cannot run. Sorting is charged for n log n comparisons of strings
-- that long, so the budget refuses it at once instead of running for minutes.
local s = ("x"):rep(4 << 20)
local t = {}
for i = 1, 3000 do t[i] = s end
table.sort(t)
return "sorted"
