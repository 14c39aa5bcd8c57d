-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- line: 4
while true do end
