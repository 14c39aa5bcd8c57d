-- expect: value ""
-- limits: instructions=2000000 memory=16 timeout=2
return string.rep("", 1e18)
