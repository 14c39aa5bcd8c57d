-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- Coroutine A exhausts the budget. Only A and the main thread are tripped at once; B keeps
-- its 1000-instruction hook, and its next firing lands inside B's pcall (the loop body is
-- longer than the hook interval), which catches it. That firing must trip B for good.
local A = coroutine.create(function() while true do end end)
local B = coroutine.wrap(function()
  coroutine.resume(A)
  while true do
    pcall(function() for i = 1, 5000 do end end)
  end
end)
B()
