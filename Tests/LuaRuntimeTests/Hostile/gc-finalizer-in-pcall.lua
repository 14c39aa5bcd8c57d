-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: __gc
-- The violation is sticky: catching it does not let the call go on.
pcall(setmetatable, {}, { __gc = function() while true do end end })
return "carried on"
