-- expect: instruction_limit
-- limits: instructions=50000000 memory=48 timeout=2
-- string.upper over 8 MiB in a loop: charged by the bytes it reads.
local s = ("a"):rep(8 << 20)
while true do local _ = s:upper() end
