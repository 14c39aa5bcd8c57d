-- expect: value ["nil","attempt to load a binary chunk (binary chunks are not available in rules)"]
-- limits: instructions=2000000 memory=16 timeout=2
-- A binary chunk is refused with nil and a message, as load reports any chunk it cannot load.
return { tostring(load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64")), select(2, load("\27Lua")) }
