-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- rep loops n times in C even when it copies nothing: charged for those steps, stopped at once.
return string.rep("", 1e18)
