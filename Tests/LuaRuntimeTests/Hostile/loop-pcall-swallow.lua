-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local caught = 0
while true do
  pcall(function() while true do end end)
  caught = caught + 1
end
