-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- Exponential backtracking within the matcher's depth limit (150 < 200).
return string.match(("a"):rep(200), ("a?"):rep(150) .. ("a"):rep(150))
