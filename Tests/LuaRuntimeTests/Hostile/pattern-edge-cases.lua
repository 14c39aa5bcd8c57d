-- expect: value ["2,2","nil","nil","4,3","nil","nil","2,2","2,2","3,3","2,2","nil","1","3","nil","-a-b-c-,4","1bc,3","aabbcc,3","abc,0","abc,0","hell[o] world,1","a","nil","3","x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x,x","too many captures","malformed pattern (ends with '%')","malformed pattern (missing ']')","unfinished capture","malformed pattern (missing arguments to '%b')","missing '[' after '%f' in pattern","invalid capture index %2","invalid use of '%' in replacement string","invalid replacement value (a table)"]
-- limits: instructions=2000000 memory=16 timeout=2
-- pattern: yes
-- Edge cases of the pattern functions, pinned to what lua5.4 (5.4.4) answers: extreme init
-- values, empty matches, replacement tables, capture limits and malformed-pattern messages.
local function s(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, ",", 1, t.n)
end
local function e(f, ...)
  local ok, err = pcall(f, ...)
  return ok and "ok" or (tostring(err):gsub("^.-:%d+: ", ""))
end
return {
  s(string.find("abc", "b", math.mininteger)),
  s(string.find("abc", "b", math.maxinteger)),
  s(string.find("abc", "", math.maxinteger)),
  s(string.find("abc", "", 4)),
  s(string.find("abc", "", 5)),
  s(string.find("abc", "b", -1)),
  s(string.find("abc", "b", -2)),
  s(string.find("abc", "b", 0)),
  s(string.find("abc", "c", -math.maxinteger)),
  s(string.find("a.c", ".", 1, true)),
  s(string.find("abc", "", 10, true)),
  s(string.match("abc", "()", math.mininteger)),
  s(string.match("abc", "()", -1)),
  s(string.match("abc", "()", math.maxinteger)),
  s(("abc"):gsub("", "-")),
  s(("abc"):gsub(".", { a = 1, c = false })),
  s(("abc"):gsub("%w", "%0%0", math.maxinteger)),
  s(("abc"):gsub("%w", "%0%0", math.mininteger)),
  s(("abc"):gsub("%w", "%0%0", 0)),
  s(("hello world"):gsub("(o)", "[%1]", 1)),
  s(string.gmatch("abc", ".", math.mininteger)()),
  s((string.gmatch("abc", ".", math.maxinteger)())),
  s(string.gmatch("abc", "()", -1)()),
  s(string.match(("x"):rep(300), ("(x)"):rep(32))),
  e(string.match, ("x"):rep(300), ("(x)"):rep(33)),
  e(string.find, "a", "%"),
  e(string.find, "a", "[a"),
  e(string.find, "a", "(()"),
  e(string.find, "a", "%b"),
  e(string.find, "a", "%f"),
  e(string.gsub, "abc", "(b)", "%2"),
  e(string.gsub, "abc", "b", "%x"),
  e(string.gsub, "abc", "b", function() return {} end),
}
