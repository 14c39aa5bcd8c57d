-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: __mode
local cache = setmetatable({}, { __mode = "k" })
return cache
