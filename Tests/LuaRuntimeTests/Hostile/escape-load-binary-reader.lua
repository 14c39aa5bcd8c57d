-- expect: value ["nil","attempt to load a binary chunk (binary chunks are not available in rules)"]
-- limits: instructions=2000000 memory=16 timeout=2
-- The binary signature arrives through a reader function, one byte at a time: refused like any
-- binary chunk, with nil and a message, as load reports any chunk it cannot load.
local pieces, i = { "\27", "L", "u", "a", "\84" }, 0
local f, err = load(function() i = i + 1 return pieces[i] end)
return { tostring(f), err }
