-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- A gmatch iterator whose step blows the budget, called again after pcall caught it.
local it = ("a"):rep(2e4):gmatch(".-.-.-b")
while true do pcall(it) end
