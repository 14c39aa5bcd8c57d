-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: read-only
coroutine.wrap = function() error("hijacked") end
