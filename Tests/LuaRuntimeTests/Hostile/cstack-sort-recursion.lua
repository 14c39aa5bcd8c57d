-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
local function s() table.sort({ 3, 2, 1 }, function(a, b) s() return a < b end) end
s()
