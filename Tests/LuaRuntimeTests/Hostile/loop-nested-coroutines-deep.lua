-- expect: instruction_limit|time_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- After the stop, each coroutine that has not hit its own hook yet runs up to 1000 more
-- instructions before it is stopped, and a new coroutine inherits its creator's count.
-- Every level restarts its child many times before its own hook fires, so the work after the
-- stop grows geometrically with depth: depth 2 ends in 0.17 s, depth 3 in 1.7 s, depth 4 was
-- still running after 100 s (budget: 2 s). Nothing checks the deadline once a stop is set.
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
local outer = nest(5)
while true do coroutine.resume(outer) end
