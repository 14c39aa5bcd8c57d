-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local t = setmetatable({}, { __index = function() while true do end end })
return t.anything
