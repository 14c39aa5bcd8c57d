-- expect: runtime
-- limits: instructions=50000000 memory=128 timeout=2
-- message: stack overflow
local function f() return 1 + f() end
return f()
