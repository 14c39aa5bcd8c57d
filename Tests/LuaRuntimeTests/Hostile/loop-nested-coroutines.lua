-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
local function nest(depth)
  return coroutine.create(function()
    if depth == 0 then while true do end end
    local inner = nest(depth - 1)
    while true do
      local ok = coroutine.resume(inner)
      if not ok then inner = nest(depth - 1) end -- swallow and start again
    end
  end)
end
local outer = nest(2)
while true do coroutine.resume(outer) end
