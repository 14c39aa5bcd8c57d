-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: (error object is a table value)
error(setmetatable({}, { __tostring = function() while true do end end }))
