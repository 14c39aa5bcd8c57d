-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
local t = setmetatable({}, { __tostring = function(self) return "<" .. tostring(self) .. ">" end })
return tostring(t)
