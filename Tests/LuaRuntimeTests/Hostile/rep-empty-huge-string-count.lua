-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- The count as a numeric string, through the method syntax. rep loops n times in C even when
-- it copies nothing: it is charged for those n steps, so the budget stops it at once.
return (""):rep("1e18", "")
