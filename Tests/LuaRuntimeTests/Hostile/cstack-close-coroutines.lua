-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: __close
-- Lua 5.4.4 bug "C-stack overflow with deep nesting of coroutine.close" (a segfault).
local coro = false
for i = 1, 1000 do
  local previous = coro
  coro = coroutine.create(function()
    local cc <close> = setmetatable({}, { __close = function()
      if previous then assert(coroutine.close(previous)) end
    end })
    coroutine.yield()
  end)
  assert(coroutine.resume(coro))
end
return coroutine.close(coro)
