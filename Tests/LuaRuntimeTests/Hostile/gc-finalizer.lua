-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: __gc
setmetatable({}, { __gc = function() while true do end end })
collectgarbage()
