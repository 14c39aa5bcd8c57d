-- expect: value 0
-- limits: instructions=2000000 memory=16 timeout=2
-- known-issue: module values are cached for the life of the state and are writable, so one call can change (or poison) what every later call gets from require
-- A module's table is cached for the life of the state. Changing it here must not reach
-- the next call (the probe requires lib.good and checks answer == 42).
local good = require("lib.good")
good.answer = 0
good.twice = function() while true do end end
return good.answer
