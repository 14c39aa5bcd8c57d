-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local t = { 5, 4, 3, 2, 1 }
table.sort(t, function(a, b) while true do end end)
return t
