-- expect: time_limit|instruction_limit
-- limits: instructions=1000000000000000 memory=64 timeout=1
-- Copying a 16 MiB string again and again: one CONCAT instruction each. Large allocations check
-- the time too, so the loop meets the deadline.
local s = ("c"):rep(16 << 20)
while true do local _ = s .. "!" end
