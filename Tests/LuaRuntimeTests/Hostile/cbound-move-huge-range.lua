-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- A valid but enormous range of absent elements: the C loop is charged for every element.
table.move({}, 1, 1 << 40, 2)
