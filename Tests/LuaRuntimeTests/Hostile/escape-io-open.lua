-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: io
local ctx = ...
local f = io.open(ctx.dir .. "/created-by-rule.txt", "w")
f:write("pwned")
f:close()
