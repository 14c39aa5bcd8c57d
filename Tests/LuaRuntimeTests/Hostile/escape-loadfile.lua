-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: loadfile
local ctx = ...
return loadfile(ctx.victim)
