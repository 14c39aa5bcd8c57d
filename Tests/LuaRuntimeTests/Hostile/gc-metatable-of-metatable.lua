-- expect: value "ok"
-- limits: instructions=2000000 memory=16 timeout=2
-- A metatable whose own __index would answer __gc/__close/__mode: Lua looks metamethods up
-- raw, and the sandbox copies raw fields only.
local sneaky = setmetatable({}, { __index = function(_, k)
  if k == "__gc" or k == "__close" or k == "__mode" then return function() while true do end end end
end })
local t = setmetatable({}, sneaky)
t = nil
collectgarbage()
local ok, err = pcall(function() local x <close> = setmetatable({}, sneaky) end)
assert(not ok and err:find("non-closable", 1, true), tostring(err))
return "ok"
