-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
return (("abc"):gsub(".", function() while true do end end))
