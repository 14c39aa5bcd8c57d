-- expect: memory_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- An 8 MiB error message with a 16 MiB cap: the handler's traceback needs a second copy, and
-- that copy does not fit. (At 3 MiB it does: see error-huge-message.lua.)
error(("x"):rep(8 << 20), 0)
