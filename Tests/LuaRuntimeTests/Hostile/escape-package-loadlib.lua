-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: package
local system = package.loadlib("libc.so.6", "system")
return system("id")
