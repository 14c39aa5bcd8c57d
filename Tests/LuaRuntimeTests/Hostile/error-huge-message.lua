-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: xxxxxxxxxx
-- line: 8
-- A 3 MiB error message with a 16 MiB cap comes back whole, with its location. (From 4 MiB on,
-- the traceback buffer of the message handler grows by doubling and the call ends as
-- memory_limit instead: see error-huge-message-8mib.lua.)
error(("x"):rep(3 << 20), 0)
