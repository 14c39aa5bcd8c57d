-- expect: value [0,0]
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- An exhausted gmatch iterator returns no value in lua5.4 (select("#") is 0).
local it = ("a"):gmatch("a")
it()
return { select("#", it()), select("#", string.gmatch("abc", ".", math.maxinteger)()) }
