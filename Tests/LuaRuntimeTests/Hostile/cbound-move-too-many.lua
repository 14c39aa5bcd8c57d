-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: too many elements to move
-- Stock Lua refuses this range at once; so does the sandbox, with the same message.
table.move({}, 0, math.maxinteger, 1)
