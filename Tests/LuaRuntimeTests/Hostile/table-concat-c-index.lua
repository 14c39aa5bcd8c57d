-- expect: instruction_limit|time_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- table.concat over 2^40 slots whose __index is a C function (getmetatable) answering ""
-- (the protected metatable's __metatable field): no VM instruction, no allocation.
local t = setmetatable({}, { __metatable = "", __index = getmetatable })
return table.concat(t, "", 1, 1 << 40)
