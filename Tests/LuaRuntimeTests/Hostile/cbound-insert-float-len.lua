-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: object length is not an integer
-- line: 6
-- A __len that is not an integer: refused with stock Lua's message, at the rule's line.
table.insert(setmetatable({}, { __len = function() return 1.5 end }), "x")
