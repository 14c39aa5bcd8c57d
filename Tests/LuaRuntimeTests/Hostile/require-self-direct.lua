-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: requires itself
-- where: lib/selfish2.lua:1
-- A module that requires itself (not as a tail call): the error points at the module.
return require("lib.selfish2")
