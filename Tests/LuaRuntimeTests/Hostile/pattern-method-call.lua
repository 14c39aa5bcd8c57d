-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- The same bomb through the string metatable ("s":find) rather than the string table.
local s = ("a"):rep(1e5)
return s:find(".-.-.-.-b")
