-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: too many results to unpack
return table.unpack({}, 1, 1e8)
