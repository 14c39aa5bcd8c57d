-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
local t = {}
local i = 0
while true do i = i + 1; t["key" .. i] = i end
