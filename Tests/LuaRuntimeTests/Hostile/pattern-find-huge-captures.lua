-- expect: memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- 32 nested captures of a 1 MiB subject: the host pushes 32 copies (32 MiB).
local s = ("c"):rep(1 << 20)
return select("#", s:match(("("):rep(32) .. ".*" .. (")"):rep(32)))
