-- expect: time_limit|instruction_limit
-- limits: instructions=1000000000000000 memory=16 timeout=0.3
-- pattern: yes
-- A huge instruction budget and a short deadline: the matcher must watch the clock too. Today
-- find_at gives the matcher every remaining instruction as steps and never reads the clock,
-- so this O(n^4) search runs for hours.
return string.find(string.rep("a", 1e5), ".-.-.-.-b")
