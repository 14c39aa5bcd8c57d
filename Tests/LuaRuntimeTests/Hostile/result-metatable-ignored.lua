-- expect: value {"real":1}
-- limits: instructions=2000000 memory=16 timeout=2
-- Conversion is raw: __index, __pairs and __len of the result do not run.
return setmetatable({ real = 1 }, {
  __index = function() while true do end end,
  __pairs = function() while true do end end,
  __len = function() while true do end end,
})
