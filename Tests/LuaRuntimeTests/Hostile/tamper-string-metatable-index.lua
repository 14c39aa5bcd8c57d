-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: attempt to index a string value
-- getmetatable("") answers the string "string", not the metatable, so this assignment
-- indexes a string and fails without touching the shared string metatable.
getmetatable("").__index = {}
