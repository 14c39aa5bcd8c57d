-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: protected metatable
assert(getmetatable(string) == "read-only")
setmetatable(string, nil)
