-- expect: memory_limit
-- limits: instructions=2000000000 memory=16 timeout=2
-- After a memory stop only the main thread is tripped at once; the coroutine that caught the
-- error goes on spinning inside pcall until its own hook fires and trips it.
coroutine.wrap(function()
  pcall(function() local s = "x" while true do s = s .. s end end)
  while true do
    pcall(function() for i = 1, 5000 do end end)
  end
end)()
