-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: protected metatable
local case = ...
setmetatable(case, nil)
case.a = 2
