-- expect: instruction_limit
-- limits: instructions=2000000 memory=16 timeout=2
-- A module whose body loops (lib/spin.lua) is bounded by the caller's budget.
return require("lib.spin")
