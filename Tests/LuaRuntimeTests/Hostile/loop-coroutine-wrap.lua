-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local f = coroutine.wrap(function() while true do end end)
f()
