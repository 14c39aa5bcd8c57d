-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: (error object is a table value)
-- line: 5
error(setmetatable({}, { __tostring = function() error("x") end }))
