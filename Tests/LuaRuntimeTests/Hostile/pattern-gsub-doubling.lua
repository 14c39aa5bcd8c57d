-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
-- pattern: yes
-- One match per round (the whole string), so the rounds are cheap and memory doubles.
local s = "xx"
while true do s = s:gsub("x+", "%0%0") end
