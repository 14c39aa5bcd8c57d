-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: os
local ctx = ...
os.remove(ctx.victim)
