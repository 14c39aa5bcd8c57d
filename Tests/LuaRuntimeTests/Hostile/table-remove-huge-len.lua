-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local t = setmetatable({}, { __len = function() return math.maxinteger // 2 end })
return table.remove(t, 1)
