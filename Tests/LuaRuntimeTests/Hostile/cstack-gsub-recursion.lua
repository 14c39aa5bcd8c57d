-- expect: runtime
-- limits: instructions=50000000 memory=64 timeout=2
-- message: stack overflow
-- gsub is Lua now (the step-counted pattern library), so this is Lua recursion: with a 16 MiB
-- cap the wrapper frames run out of memory first (memory_limit), with 64 MiB the Lua stack.
local function f(s) return (s:gsub(".", f)) end
return f("a")
