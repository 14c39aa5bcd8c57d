-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: read-only
local case = ...
assert(case.a == 1)
case.a = 2
