-- expect: value "nil"
-- limits: instructions=2000000 memory=16 timeout=2
-- The same with the escape list of an if/elseif chain: 80k branches take ~10 s in lua5.4.
local f = load("if x then " .. ("elseif x then "):rep(80000) .. "end")
return type(f)
-- load() refuses chunks over 64 KiB (it returns nil and a message), which bounds the parser.
