-- expect: value 3
-- limits: instructions=2000000 memory=16 timeout=2
-- __mode added after setmetatable does not make the table weak: entries survive collection.
local mt = {}
local t = setmetatable({}, mt)
mt.__mode = "kv"
t[1] = {}
t[{}] = true
t.x = {}
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(t) do n = n + 1 end
return n
