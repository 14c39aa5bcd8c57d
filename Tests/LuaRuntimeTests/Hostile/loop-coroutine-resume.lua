-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- The coroutine is stopped; resume returns false to the rule code, which ignores it and
-- returns normally. The stop is sticky, so the call must still fail.
local co = coroutine.create(function() while true do end end)
local ok, err = coroutine.resume(co)
return { ok = ok, err = tostring(err) }
