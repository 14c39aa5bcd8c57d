-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
-- Catch the memory error over and over, keeping what was allocated.
local keep = {}
while true do
  pcall(function() while true do keep[#keep + 1] = ("q"):rep(4096) .. #keep end end)
end
