-- expect: value "none"
-- limits: instructions=2000000 memory=48 timeout=2
-- pattern: yes
-- The longest needle the C plain search still gets (32 bytes) over 16 MiB of near misses:
-- at most 32 comparisons per subject byte, so it must finish well within the deadline.
local s = ("a"):rep(16 << 20)
local needle = ("a"):rep(31) .. "b"
assert(#needle == 32)
local a = string.find(s, needle, 1, true)
local b = s:find(needle)
return (a == nil and b == nil) and "none" or "found"
