-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: _ENV
-- An explicit nil environment must not fall back to the real globals.
local f = load("return io.open", "x", "t", nil)
return f()
