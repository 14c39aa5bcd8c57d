-- expect: sandbox_violation
-- limits: instructions=2000000 memory=16 timeout=2
-- A module's table is cached for the life of the state, so require hands out a deep read-only
-- view: changing it is a violation, and the next call (the probe requires lib.good and checks
-- answer == 42) sees the module unchanged.
local good = require("lib.good")
good.answer = 0
good.twice = function() while true do end end
return good.answer
