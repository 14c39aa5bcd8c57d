-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
local function f() return coroutine.wrap(f)() end
return f()
