-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- Every level catches and retries; the stop must still end the call.
local function spin() while true do end end
local function guard(depth)
  if depth == 0 then return spin() end
  while true do pcall(guard, depth - 1) end
end
guard(20)
