-- expect: memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
return #string.rep("x", 2^30)
