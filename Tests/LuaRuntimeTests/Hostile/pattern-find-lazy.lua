-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
return string.find(string.rep("a", 1e5), ".-.-.-.-b")
