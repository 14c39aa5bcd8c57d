-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- A C function as __index (type(t, k) answers "table") runs no VM instruction: concat over a
-- billion such elements would loop in C. It is charged for the range before it starts.
local t = setmetatable({}, { __index = type })
return #table.concat(t, "", 1, 1e9)
