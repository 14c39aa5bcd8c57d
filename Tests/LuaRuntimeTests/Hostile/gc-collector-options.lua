-- expect: value [false,false,false,false,false,false,false]
-- limits: instructions=2000000 memory=16 timeout=2
-- The collector is the host's: modes and parameters are refused with a plain error, and so are
-- "step" and "count", whose answers depend on what earlier calls left in the heap.
return {
  (pcall(collectgarbage, "stop")), (pcall(collectgarbage, "generational")),
  (pcall(collectgarbage, "incremental", 1, 1, 1)), (pcall(collectgarbage, "setpause", 0)),
  (pcall(collectgarbage, "setstepmul", 1e9)),
  (pcall(collectgarbage, "step", math.maxinteger)), (pcall(collectgarbage, "step", math.mininteger)),
}
