-- expect: value "refused"
-- limits: instructions=2000000 memory=16 timeout=2
-- load() of deeply nested source fails cleanly (C stack overflow in the parser).
local src = "return " .. ("("):rep(30000) .. "1" .. (")"):rep(30000)
local f, err = load(src)
assert(f == nil and err:find("overflow", 1, true), tostring(err))
return "refused"
