-- expect: value "ok"
-- limits: instructions=2000000 memory=16 timeout=2
-- __gc added to the metatable after setmetatable: the sandbox installed a copy, so no
-- finalizer exists and collecting the table runs nothing.
local mt = {}
local t = setmetatable({}, mt)
mt.__gc = function() while true do end end
t = nil
collectgarbage()
collectgarbage()
return "ok"
