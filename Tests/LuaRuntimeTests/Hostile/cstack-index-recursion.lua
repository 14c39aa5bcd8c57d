-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
local t
t = setmetatable({}, { __index = function(self, k) return self[k .. "x"] end })
return t.a
