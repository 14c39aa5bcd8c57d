-- expect: value "done"
-- limits: instructions=2000000 memory=16 timeout=2
-- Lua 5.4.4 bug "Lua-stack overflow when C stack overflows while handling an error":
-- this crashes an unpatched lua5.4 through the real xpcall; the sandbox's xpcall runs the
-- handler after unwinding, so it must come back as an ordinary failure.
local function loop() assert(pcall(loop)) end
local ok = xpcall(loop, loop)
assert(ok == false)
return "done"
