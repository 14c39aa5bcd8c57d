-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
local mt = {}
mt.__add = function(a, b) return a + b end
local v = setmetatable({}, mt)
return v + 1
