-- expect: instruction_limit
-- limits: instructions=50000000 memory=32 timeout=2
-- utf8.len over 8 MiB, again and again: each call is long C work the hook cannot see, so each
-- is charged by the bytes it reads and the loop ends on the instruction budget.
local s = ("\u{e9}"):rep(4 << 20)
local n = 0
while true do n = n + utf8.len(s) end
