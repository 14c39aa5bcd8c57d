-- expect: value "printed"
-- limits: instructions=2000000 memory=32 timeout=2 log=4096
-- log: capped
print(("y"):rep(8 << 20))
return "printed"
