-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- Same shape with a violation: the tripped thread is the coroutine that hit it (C), not B.
local C = coroutine.create(function() return io end)
coroutine.wrap(function()
  coroutine.resume(C)
  while true do
    pcall(function() for i = 1, 5000 do end end)
  end
end)()
