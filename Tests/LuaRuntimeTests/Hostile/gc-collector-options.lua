-- expect: value [false,false,false,false,false,true,true]
-- limits: instructions=2000000 memory=16 timeout=2
-- The collector is the host's: modes and parameters are refused with a plain error, and the
-- options that stay are harmless even with extreme arguments.
return {
  (pcall(collectgarbage, "stop")), (pcall(collectgarbage, "generational")),
  (pcall(collectgarbage, "incremental", 1, 1, 1)), (pcall(collectgarbage, "setpause", 0)),
  (pcall(collectgarbage, "setstepmul", 1e9)),
  (pcall(collectgarbage, "step", math.maxinteger)), (pcall(collectgarbage, "step", math.mininteger)),
}
