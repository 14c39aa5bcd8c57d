-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local t = setmetatable({}, { __pairs = function(t)
  return function() return 1, 1 end, t, nil -- an iterator that never ends
end })
for k, v in pairs(t) do end
