-- expect: value ""
-- limits: instructions=2000000 memory=16 timeout=2
-- The count as a numeric string, through the method syntax.
return (""):rep("1e18", "")
