-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- message: binary
-- The binary signature arrives through a reader function, one byte at a time.
local pieces, i = { "\27", "L", "u", "a", "\84" }, 0
return load(function() i = i + 1 return pieces[i] end)
