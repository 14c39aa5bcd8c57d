-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local t = setmetatable({}, { __len = function() return 1e15 end })
table.insert(t, 1, "x")
return #t
