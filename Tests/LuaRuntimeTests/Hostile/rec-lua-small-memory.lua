-- expect: memory_limit
-- limits: instructions=50000000 memory=4 timeout=2
local function f() return 1 + f() end
return f()
