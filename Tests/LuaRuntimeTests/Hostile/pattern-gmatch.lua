-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
local n = 0
for m in ("a"):rep(5e4):gmatch("a-a-a-b") do n = n + 1 end
return n
