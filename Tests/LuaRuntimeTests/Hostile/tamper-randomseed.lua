-- expect: value true
-- limits: instructions=2000000 memory=16 timeout=2
-- Reseeding is allowed, but the next call starts from the configured seed again (the probe
-- compares math.random with a fresh runtime's).
math.randomseed(42)
for i = 1, 1000 do math.random() end
return math.random(1, 10) >= 1
