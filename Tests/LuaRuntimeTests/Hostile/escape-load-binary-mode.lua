-- expect: value ["nil","attempt to load a text chunk (mode is 'b')"]
-- limits: instructions=2000000 memory=16 timeout=2
-- Mode "b" alone refuses a text chunk, as in Lua; nothing ever loads a binary chunk.
local f, err = load("return 1", "x", "b")
return { tostring(f), err }
