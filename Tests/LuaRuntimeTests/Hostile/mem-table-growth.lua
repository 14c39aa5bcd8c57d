-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
local t = {}
while true do t[#t + 1] = {} end
