-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: protected metatable
setmetatable(_G, { __index = function() return "hijacked" end })
