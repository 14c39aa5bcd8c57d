-- expect: instruction_limit|time_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- A plain (or special-free) find with a long needle. Lua's C lmemfind is O(n*m) (memcmp at
-- each candidate position): unbounded, this one runs for minutes (lua5.4: 0.26 s at 1e5
-- positions, 4.5 s at 4e5; here 2e6). Needles longer than 32 bytes must go through the
-- step-counted matcher.
local s = ("a"):rep(4 << 20)
local needle = ("a"):rep(2 << 20) .. "b"
return string.find(s, needle, 1, true), s:find(needle)
