-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: requires itself
-- where: lib/selfish.lua:1
-- A module that requires itself in a tail call (`return require(...)`): its frame stays (require
-- is called through C), so the error points at the module, not at the sandbox or the caller.
return require("lib.selfish")
