-- expect: instruction_limit
-- limits: instructions=5000000 memory=16 timeout=5 log=4096
-- log: capped
for i = 1, 1e6 do print(("x"):rep(1000)) end
