-- expect: value "nil"
-- limits: instructions=2000000 memory=16 timeout=2
-- The parser links the jump list of an 'or' chain in quadratic time; load() runs in C,
-- where the count hook and so the deadline never fire. 80k terms take ~10 s in lua5.4.
local f = load("local x = a" .. (" or a"):rep(80000))
return type(f)
-- load() refuses chunks over 64 KiB (it returns nil and a message), which bounds the parser.
