-- expect: memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
local s = "x"
while true do s = s .. s end
