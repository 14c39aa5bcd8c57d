-- expect: memory_limit
-- limits: instructions=50000000 memory=16 timeout=2
local ok, err = pcall(collectgarbage, "stop")
assert(not ok and err:find("not available in rules", 1, true), "collectgarbage('stop') was not refused")
local keep = {}
local i = 0
while true do
  i = i + 1
  keep[i] = ("y"):rep(1000) .. i
end
