-- expect: instruction_limit
-- limits: instructions=2000000 memory=48 timeout=2
-- pattern: yes
-- A 32-byte needle over 16 MiB of near misses: every position is a candidate whose comparison
-- is work, charged as it is done (a step per candidate and per 16 bytes compared), so the search
-- stops at the instruction budget instead of running uncounted in C.
local s = ("a"):rep(16 << 20)
local needle = ("a"):rep(31) .. "b"
assert(#needle == 32)
local a = string.find(s, needle, 1, true)
local b = s:find(needle)
return (a == nil and b == nil) and "none" or "found"
