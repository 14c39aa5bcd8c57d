-- expect: instruction_limit|memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- An empty match at each of 4 million positions, each replaced by a callback result.
local s = ("x"):rep(4 << 20)
return #s:gsub("", function() return "" end)
