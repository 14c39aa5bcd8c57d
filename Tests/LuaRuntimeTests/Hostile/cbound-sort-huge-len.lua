-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: array too big
-- A __len that claims more elements than Lua can sort: refused at once, as stock Lua does.
table.sort(setmetatable({}, { __len = function() return math.maxinteger end }))
