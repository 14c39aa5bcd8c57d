-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
local ok = pcall(function() local s = ("x"):rep(1 << 26) end)
-- The first failure was caught; allocate again as if nothing happened.
local t = {}
for i = 1, 10 do t[i] = ("w"):rep(1 << 20) .. i end
return ok
