-- Pattern functions compared with the real lua5.4: PatternLibraryTests runs this file in both
-- and expects the same text. Each case is { function, arguments... }.
local cases = {
  {"find", "hello world", "o w"}, {"find", "hello world", "l+"}, {"find", "hello", "l", -2}, {"find", "a.b", ".", 1, true},
  {"find", "hello", "(h)(e)"}, {"find", "hello", "()ll()"}, {"match", "key = value", "(%w+)%s*=%s*(%w+)"},
  {"match", "hello", ".-"}, {"match", "  trim  ", "^%s*(.-)%s*$"}, {"match", "2024-05-01", "^(%d+)-(%d+)-(%d+)$"},
  {"find", "THE (quick) fox", "%((%a+)%)"}, {"match", "f(a(b)c)d", "%b()"}, {"find", "THE (quick) fox", "%f[%a]%a+", 5},
  {"gsub", "hello world", "o", "0"}, {"gsub", "hello world", "(o)", "[%1]"}, {"gsub", "abc", "", "-"},
  {"gsub", "hello world", "%w+", "%0 %0", 1}, {"gsub", "abc", "^a", "X"}, {"gsub", "abc", "^b", "X"},
  {"gsub", "$name is $age", "%$(%w+)", {name="Ana", age=30}}, {"gsub", "abc", "%w", function(c) return c:upper() .. "." end},
  {"gsub", "abc", "b", false}, {"gsub", "a,b,,c", ",", ";"}, {"gsub", "hello", "l*", "X"}, {"match", "x=1", "()=()"},
  {"gsub", "abc", "(a)(b)", "%2%1"}, {"find", "a+b", "+", 1, true}, {"match", "caf\195\169 ol\195\161", "%a+"},
  {"gsub", "hello world from lua", "(%w+) (%w+)", "%2 %1"}, {"match", "^caret", "^^c"},
}
local out = {}
for i, c in ipairs(cases) do
  local f = string[c[1]]
  local r = table.pack(pcall(f, table.unpack(c, 2)))
  local parts = {}
  for k = 1, r.n do parts[#parts + 1] = tostring(r[k]) end
  out[#out + 1] = i .. ":" .. table.concat(parts, ",")
end
local g = {}
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do g[#g + 1] = k .. v end
out[#out + 1] = "gmatch:" .. table.concat(g, ";")
local e = {}
for w in string.gmatch("abc", "") do e[#e + 1] = "[" .. w .. "]" end
out[#out + 1] = "gmatch-empty:" .. table.concat(e)
local e2 = {}
for w in string.gmatch("hello world", "%a*") do e2[#e2 + 1] = "<" .. w .. ">" end
out[#out + 1] = "gmatch-star:" .. table.concat(e2)
local e3 = {}
for w in string.gmatch("^a^b", "^.") do e3[#e3 + 1] = w end
out[#out + 1] = "gmatch-caret:" .. table.concat(e3, ",")
for _, bad in ipairs({ "%", "[a", "(a", "a)", "%b", "%f", "%1" }) do
  local ok, err = pcall(string.find, "abc", bad)
  out[#out + 1] = "bad " .. bad .. ":" .. tostring(ok) .. ":" .. tostring(err)
end
local ok, err = pcall(string.gsub, "abc", "b", "%2")
out[#out + 1] = "badrepl:" .. tostring(err)
ok, err = pcall(string.gsub, "abc", "b", "%")
out[#out + 1] = "badrepl2:" .. tostring(err)
ok, err = pcall(string.gsub, "abc", "b", {b = {}})
out[#out + 1] = "badvalue:" .. tostring(err)
return table.concat(out, "\n")
