-- expect: value 1
-- limits: instructions=2000000 memory=16 timeout=2
-- Globals set here must be gone in the next call (the probe checks x_global == nil).
x_global = 1
_G.string_backup = string
return x_global
