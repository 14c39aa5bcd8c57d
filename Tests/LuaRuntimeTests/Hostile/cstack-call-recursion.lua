-- expect: runtime
-- limits: instructions=50000000 memory=64 timeout=2
-- message: stack overflow
local callable
callable = setmetatable({}, { __call = function(self, n) return 1 + self(n + 1) end })
return callable(1)
