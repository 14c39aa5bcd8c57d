-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
local co = coroutine.wrap(function()
  local s = "ab"
  while true do s = s .. s end
end)
co()
