-- expect: memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
return #string.rep("", 1e9, "x")
