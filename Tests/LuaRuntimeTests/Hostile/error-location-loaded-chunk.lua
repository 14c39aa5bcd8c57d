-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- line: 7
-- A chunk loaded from a string may name itself anything ("@/etc/passwd"): the error is reported
-- at the nearest frame of a chunk the host loaded itself, the line that ran the loaded chunk.
local f = load("error('from a loaded chunk')", "@/etc/passwd")
f()
