-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: boom
-- A chunk loaded under the sandbox's own chunk name "=(sandbox)": load renames it "=(load)",
-- so the error is not mistaken for the sandbox's own (whose frames the reporter skips).
local f = load("local x = 1\nerror('boom')", "=(sandbox)")
f()
