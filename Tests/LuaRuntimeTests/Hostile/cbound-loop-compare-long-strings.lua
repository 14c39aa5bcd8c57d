-- expect: time_limit
-- limits: instructions=1000000000000000 memory=48 timeout=1
-- Two equal 16 MiB strings compared in a loop: one VM instruction each, but each reads 16 MiB.
-- The hook comes sooner as instructions get slow, so the deadline holds within a comparison.
local a = ("q"):rep(16 << 20)
local b = ("q"):rep(16 << 20 - 1) .. "q"
local n = 0
while true do
  if a < b then n = n + 1 end
end
