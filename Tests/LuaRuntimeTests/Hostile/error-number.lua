-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: 42
error(42)
