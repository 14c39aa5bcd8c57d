-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
local mt = {}
mt.__lt = function(a, b) return a < b end
local a, b = setmetatable({}, mt), setmetatable({}, mt)
return a < b
