-- expect: value "ok"
-- limits: instructions=2000000 memory=16 timeout=2
-- log: table	function	thread
print({}, print, coroutine.running())
return "ok"
