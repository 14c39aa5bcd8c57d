-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
return string.match(("a"):rep(3e4), "(a*)*b")
