-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
return table.move({}, 1, 1e12, 2)
