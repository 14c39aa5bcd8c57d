-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: binary
return load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64")
