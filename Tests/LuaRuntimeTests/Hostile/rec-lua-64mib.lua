-- expect: memory_limit
-- limits: instructions=50000000 memory=64 timeout=2
local function f() return 1 + f() end
-- With a 64 MiB cap the Lua stack (1e6 slots) and its call records do not fit: memory runs out first.
return f()
