-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: mode
return load("return 1", "x", "b")
