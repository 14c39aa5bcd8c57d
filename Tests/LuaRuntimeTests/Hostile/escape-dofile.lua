-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: dofile
local ctx = ...
return dofile(ctx.victim)
