-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
local s = ("a"):rep(2e4)
while true do pcall(string.find, s, ".-.-.-b") end
