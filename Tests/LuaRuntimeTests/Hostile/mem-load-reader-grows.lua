-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
-- A load reader that never returns nil or "": the sandbox collects its pieces.
local piece = ("-"):rep(100000)
return load(function() return piece end)
