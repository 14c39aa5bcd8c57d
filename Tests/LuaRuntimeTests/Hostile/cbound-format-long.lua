-- expect: instruction_limit
-- limits: instructions=20000000 memory=48 timeout=2
-- string.format copying 8 MiB per call, in a loop: charged by the bytes it copies.
local s = ("f"):rep(8 << 20)
while true do local _ = string.format("%s", s) end
