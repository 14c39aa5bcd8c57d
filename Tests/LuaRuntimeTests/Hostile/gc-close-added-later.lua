-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: variable 'x' got a non-closable value
-- line: 9
local mt = {}
local t = setmetatable({}, mt)
mt.__close = function() while true do end end
do
  local x <close> = t
end
return "closed"
