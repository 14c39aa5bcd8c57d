-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: bad argument #2 to 'rep'
-- line: 6
-- Errors inside charged library functions name the Lua function and point at the rule's line.
local s = string.rep("x", "many")
return s
