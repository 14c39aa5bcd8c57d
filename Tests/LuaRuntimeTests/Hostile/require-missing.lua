-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: module 'missing.mod' not found; looked for
-- message: missing/mod.lua
return require("missing.mod")
