-- expect: memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- The table is small (one shared 64 KiB string, 1024 times); the result would be 64 MiB.
local piece = ("z"):rep(65536)
local t = {}
for i = 1, 1024 do t[i] = piece end
return #table.concat(t)
