-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: __close
do
  local x <close> = setmetatable({}, { __close = function() while true do end end })
end
