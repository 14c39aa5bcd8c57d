-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: requires itself
-- where: lib/selfish.lua:1
-- known-location-issue: lib/selfish.lua tail-calls require, so the error's level 2 is the sandbox's own require and the error points at (sandbox):395
return require("lib.selfish")
