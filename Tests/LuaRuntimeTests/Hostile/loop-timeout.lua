-- expect: time_limit
-- limits: instructions=1000000000000000 memory=16 timeout=0.3
local n = 0
while true do n = n + 1 end
