-- The sandbox's string.find, match, gmatch and gsub (Sources/CLuaPatterns) against Lua 5.4's.
--
-- PatternLibraryTests runs this file in the sandbox and in stock lua5.4 and compares what it
-- returns line by line: one line per check, the check's label and every value the call returned
-- or the error it raised (chunk names left out, lines kept), so both must answer alike: results,
-- captures, argument and pattern errors, empty-match rules, replacement strings, tables and
-- functions, unfinished captures, method calls and names in messages.
--
-- (It began as the specification of the Lua wrappers the sandbox used before the functions moved
-- to C, which compared the wrappers with the real library in one interpreter.)

local real = string
local pack, unpack, concat = table.pack, table.unpack, table.concat
local lines = {}

local function show(v)
  local t = math.type(v) or type(v)
  if t == "string" then
    v = real.gsub(v, "^[^\n]-:(%d+): ", "@%1: ") -- an error's chunk name differs between hosts
    -- bytes past ASCII as codes: the result must be valid UTF-8, and results may cut a character
    return (real.gsub(real.format("%q", v), "[\128-\255]", function(c) return "\\" .. real.byte(c) end))
  end
  if t == "integer" or t == "float" or t == "boolean" or t == "nil" then return t .. ":" .. tostring(v) end
  return t
end

local function show_pack(r)
  local out = {}
  for i = 1, r.n do out[i] = show(r[i]) end
  return "(" .. r.n .. ") " .. concat(out, ", ")
end

local function record(label, r)
  lines[#lines + 1] = label .. " => " .. show_pack(r)
end

local function describe(args)
  local out = {}
  for i = 1, args.n do out[i] = show(args[i]) end
  return concat(out, ", ")
end

-- Calls through an upvalue named `f`, so that names and locations in messages are the same.
local function via_upvalue(f, args)
  return pack(pcall(function() local r = pack(f(unpack(args, 1, args.n))) return r end))
end
local function flatten(r)
  if not r[1] then return r end
  local inner = r[2]
  local out = { true, n = inner.n + 1 }
  for i = 1, inner.n do out[i + 1] = inner[i] end
  return out
end

local function check_call(name, ...)
  local args = pack(...)
  local label = name .. "(" .. describe(args) .. ")"
  record(label .. " [pcall]", pack(pcall(real[name], ...)))
  record(label .. " [call]", flatten(via_upvalue(real[name], args)))
end

-- Runs a gmatch iterator to the end (at most 300 steps), recording every call's results.
local function drain(gmatch, args)
  local trace = { n = 0 }
  local ok, it = pcall(gmatch, unpack(args, 1, args.n))
  if not ok then
    trace.n = 2
    trace[1], trace[2] = "error", it
    return trace
  end
  for _ = 1, 300 do
    local r = pack(pcall(it))
    for i = 1, r.n do trace[trace.n + i] = r[i] end
    trace.n = trace.n + r.n + 1
    trace[trace.n] = "|"
    if not r[1] or r.n == 1 or r[2] == nil then
      -- one more call after the end must also return nothing
      local again = pack(pcall(it))
      for i = 1, again.n do trace[trace.n + i] = again[i] end
      trace.n = trace.n + again.n
      break
    end
  end
  return trace
end

local function check_gmatch(...)
  local args = pack(...)
  record("gmatch(" .. describe(args) .. ")", drain(real.gmatch, args))
end

---------------------------------------------------------------------------------------------
-- Cases
---------------------------------------------------------------------------------------------

local subjects = {
  "", "a", "hello world", "hello", "  trim me  ", "key = value, other=thing", "abc123def456",
  "f(a(b)c)d (x)", "THE (quick) brown fox", "aaa", "a.b.c", "x^y^z", "^^caret", "a,b,,c,",
  "caf\195\169 ol\195\161", "line1\nline2\n", "a\0b\0c", "%d%%", "[x]-[y]", "a-b+c*d?e",
}
local patterns = {
  "", "a", "l", "o w", "l+", "l*", "l-", "l?", ".", ".-", ".*", "%a+", "%d+", "%s*", "%w+", "%p",
  "(%a+)", "(h)(e)", "()ll()", "()", "(%w+)%s*=%s*(%w+)", "^%s*(.-)%s*$", "^h", "^", "$", "^$",
  "o$", "%b()", "%f[%a]%a+", "%f[%w]%w+", "[%a_][%w_]*", "[^,]*", ",", "(a)%1", "(%a)%1",
  "^^", "^^c", "%^", "x^", "[", "%", "(", ")", "(()", "%1", "%b", "%f", "%fx", "[a-", "%z",
  "\0", "%.", "[.]", "a)", "]", "[]]", "[^]]", "a%-b", "-", "%-", "%+", "+", "*", "?",
  ".-b", "(.-)%s", "(a*(.-)c)", "%d%%", "%%", "[%d%%]+", "%u+", "()a*()",
}
local inits = { nil, 1, 2, 3, 0, -1, -2, -3, -100, 5, 6, 12, 100, 2.0, "2", "0x3", " 3 ", 1.5, "x", {}, true }

-- find, match, gmatch over every subject x pattern x some inits.
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    check_call("find", s, p)
    check_call("match", s, p)
    check_gmatch(s, p)
    check_call("find", s, p, 1, true)
    check_call("find", s, p, 2, 1)
    check_call("find", s, p, -3, false)
  end
end
for _, s in ipairs({ "hello world", "", "aaa", "x^y^z" }) do
  for _, p in ipairs({ "l", "o", "", "^h", "^", "()", "%a*", "a*", "^x" }) do
    for i = 1, #inits do
      check_call("find", s, p, inits[i])
      check_call("match", s, p, inits[i])
      check_gmatch(s, p, inits[i])
      check_call("find", s, p, inits[i], true)
    end
  end
end

-- Argument checking.
local bad_values = { nil, true, {}, assert, 12, 1.5, -0.0, 2^63, "x", setmetatable({}, { __name = "MyType" }) }
for i = 1, #bad_values do
  local v = bad_values[i]
  check_call("find", v, "a")
  check_call("find", "a", v)
  check_call("find", "a1.5", v, 1)
  check_call("match", v, "a")
  check_call("match", "1", v)
  check_call("match", "abc", "b", v)
  check_gmatch(v, "a")
  check_gmatch("abc", v)
  check_gmatch("abc", ".", v)
  check_call("gsub", v, "a", "b")
  check_call("gsub", "abc", v, "b")
  check_call("gsub", "a1b", "%d", v)
  check_call("gsub", "aaa", "a", "b", v)
  check_call("gsub", "aaa", "a", v, v)
end
check_call("find")
check_call("find", "a")
check_call("match")
check_call("match", "a")
check_call("gsub")
check_call("gsub", "a")
check_call("gsub", "a", "a")
check_call("gsub", "a", "a", nil)
check_call("gsub", "a", "a", nil, 1)
check_call("find", 123, 2)
check_call("find", 1.5, ".")
check_call("match", 2^53, "%d+")
check_call("gsub", 12, "x", "y")
check_call("gsub", 12.5, "%.", ",")
check_call("gsub", 12, "1", 3)
check_call("gsub", "a1", "%d", 2.5)
check_gmatch(123, "%d")

-- gsub: replacement strings.
local repls = {
  "", "x", "%0", "%1", "%2", "[%1]", "%2%1", "%%", "%", "%a", "a%", "%%1", "%0%0", "<%1|%2|%3>",
  "%9", "x%0y%%z", "%1%", "\0%0\0",
}
local gsub_patterns = {
  "", "a", "l", "l*", "l+", "(l)", "(l)(l)", "()", "()l", "%w+", "(%w+)", "(%w+) (%w+)", "^h", "^",
  "^(h)", "o$", "$", "x*", ".-", "(.-)", "%s*", "[aeiou]", "%f[%w]", "(h)(e)(l)", "^l", ")", "(",
  "%",
}
local gsub_subjects = { "", "hello world", "hello", "aaa", "abc", "  x  " }
for _, s in ipairs(gsub_subjects) do
  for _, p in ipairs(gsub_patterns) do
    for _, r in ipairs(repls) do
      check_call("gsub", s, p, r)
    end
    check_call("gsub", s, p, "#", 0)
    check_call("gsub", s, p, "#", 1)
    check_call("gsub", s, p, "#", 2)
    check_call("gsub", s, p, "#", -1)
    check_call("gsub", s, p, "#", "2")
    check_call("gsub", s, p, "#", 2.0)
    check_call("gsub", s, p, 7)
    check_call("gsub", s, p, 1.5)
  end
end

-- gsub: tables and functions.
local tables = {
  {}, { hello = "HI", world = 42, l = 1.5, o = false, a = true, x = {} },
  setmetatable({}, { __index = function(_, k) return "<" .. tostring(k) .. ">" end }),
  { [1] = "one", [2] = "two", [3] = "three", [6] = "six" },
}
local functions = {
  function() return nil end,
  function() return false end,
  function(a) return a end,
  function(a, b) return tostring(a) .. "/" .. tostring(b) end,
  function(...) return select("#", ...) end,
  function() return 2^63 end,
  function() return 7 end,
  function() return {} end,
  function() return true end,
  function(a) return a == "l" and "L" or nil end,
}
for _, s in ipairs(gsub_subjects) do
  for _, p in ipairs(gsub_patterns) do
    for _, t in ipairs(tables) do check_call("gsub", s, p, t) end
    for _, f in ipairs(functions) do check_call("gsub", s, p, f) end
    check_call("gsub", s, p, functions[3], 1)
  end
end

-- Errors raised inside a replacement function pass through unchanged.
check_call("gsub", "abc", "b", function() error("boom") end)
check_call("gsub", "abc", "b", function() error({ code = 1 }) end)
check_call("gsub", "abc", "b", function() error("boom", 0) end)

-- Numbers in replacement results and captures.
check_call("gsub", "abc", "()", "%1")
check_call("gsub", "abc", "()", { [1] = "one", [2] = 2.5 })
check_call("gsub", "abc", "()(.)", "%2%1")
check_call("gsub", "abc", ".", { a = 1, b = 1.0, c = -0.0 })

-- The empty-match rule (lastmatch) in gsub and gmatch.
for _, p in ipairs({ "", "a*", "b*", "%w*", "()", "x?", "a-", ".-", "%f[%w]", "%f[%W]", "$", "^" }) do
  for _, s in ipairs({ "", "a", "abc", "aXbXc", "aa bb", "hello world" }) do
    check_call("gsub", s, p, "-")
    check_call("gsub", s, p, "<%0>")
    check_gmatch(s, p)
    check_gmatch(s, p, 2)
    check_gmatch(s, p, -1)
    check_gmatch(s, p, #s + 1)
    check_gmatch(s, p, #s + 2)
  end
end

-- Pattern errors and their locations.
for _, p in ipairs({ "%", "[a", "(a", "a)", "%b", "%bx", "%f", "%fx", "%1", "(a%1)", "(()", "[%",
                     real.rep("()", 33), real.rep("a?", 250) }) do
  for _, name in ipairs({ "find", "match" }) do check_call(name, real.rep("a", 260), p) end
  check_gmatch("abc", p)
  check_call("gsub", "abc", p, "%1")
  check_call("gsub", "abc", p, {})
  check_call("gsub", "abc", p, functions[4])
end

-- Errors inside a generic for: located at the loop, in both.
local function loop_errors(gm, s, p)
  return pack(pcall(function()
    local n = 0
    for _ in gm(s, p) do n = n + 1 end
    return n
  end))
end
for _, p in ipairs({ "(", "a)", "%", "(a%2)", "[", "%f", "a*", "(a*", real.rep("a?", 220) }) do
  record("for-in gmatch " .. p, loop_errors(string.gmatch, real.rep("a", 230), p))
end

-- Plain find, short and long needles (long ones run through the matcher).
local long = real.rep("ab", 40) .. "^$*+?.([%-)]" .. real.rep("z", 20)
local hay = real.rep("x", 50) .. long .. real.rep("y", 10) .. long
for _, needle in ipairs({ long, long .. "!", real.rep("x", 40), real.rep("x", 51), "([%", "a)b", real.rep(")", 40),
                          real.rep("y", 33) }) do
  for _, init in ipairs({ 1, 2, 60, -40, #hay, #hay + 1, #hay + 2 }) do
    check_call("find", hay, needle, init, true)
    check_call("find", hay .. needle, needle, init)
    check_call("find", hay, needle, init)
  end
end

-- Random cases.
local seed = 54
local function random(m, n) -- the same numbers in both interpreters
  seed = (seed * 1103515245 + 12345) % 2147483648
  if n == nil then m, n = 1, m end
  return m + seed % (n - m + 1)
end
local atoms = { "a", "b", ".", "%a", "%s", "[ab]", "[^a]", "()", "(", ")", "%1", "x", "$", "^", "%b()", "%f[%a]", " " }
local quants = { "", "", "*", "+", "-", "?" }
local letters = { "a", "b", " ", "x", "(", ")", "^" }
for _ = 1, 1500 do
  local parts = {}
  for _ = 1, random(0, 4) do
    local atom = atoms[random(#atoms)]
    if #atom == 1 and atom ~= "(" and atom ~= ")" or atom == "%a" or atom == "%s" or atom:sub(1, 1) == "[" then
      atom = atom .. quants[random(#quants)]
    end
    parts[#parts + 1] = atom
  end
  local p = concat(parts)
  local sp = {}
  for _ = 1, random(0, 10) do sp[#sp + 1] = letters[random(#letters)] end
  local s = concat(sp)
  local init = random(-12, 12)
  local which = random(5)
  if which == 1 then check_call("find", s, p, init)
  elseif which == 2 then check_call("match", s, p, init)
  elseif which == 3 then check_gmatch(s, p, init)
  elseif which == 4 then check_call("gsub", s, p, repls[random(#repls)], random(-1, 4))
  else check_call("gsub", s, p, functions[random(#functions)]) end
end

---------------------------------------------------------------------------------------------
-- Method calls and names in messages: install each library in the string table in turn
---------------------------------------------------------------------------------------------

local function method_results()
  local out = {}
  local function record(f)
    local r = pack(pcall(f))
    out[#out + 1] = r
  end
  record(function() local s = "hello"; local r = pack(s:find("l+")) return r[1], r[2], r.n end)
  record(function() local s = "hello"; local r = pack(s:find({})) return r.n end)
  record(function() local s = "hello"; local r = pack(s:find("l", {})) return r.n end)
  record(function() local s = "hello"; local r = pack(s:match()) return r.n end)
  record(function() local s = "hello"; local r = pack(s:gsub()) return r.n end)
  record(function() local s = "hello"; local r = pack(s:gsub("l")) return r.n end)
  record(function() local s = "hello"; local r = pack(s:gsub("l", nil)) return r.n end)
  record(function() local s = "hello"; local r = pack(s:gsub("l", "x", "y")) return r.n end)
  record(function() local s = "hello"; local r = pack(s:gmatch({})) return r.n end)
  record(function() local s = "hello"; local r = pack(s.gsub()) return r.n end)
  record(function() local t = { gsub = string.gsub }; local r = pack(t:gsub("x", "y")) return r.n end)
  record(function() local t = { find = string.find }; local r = pack(t:find("x")) return r.n end)
  record(function() local r = pack(string.find("abc", "%")) return r.n end)
  record(function() local r = pack(string.gsub("abc", "b", "%2")) return r.n end)
  record(function() local r = pack(string.gsub("abc", "b", "%")) return r.n end)
  record(function() local r = pack(string.gsub("abc", "b", { b = {} })) return r.n end)
  record(function() for _ in string.gmatch("abc", "(") do end return 1 end)
  record(function() return pcall(string.find) end)
  record(function() return pcall(string.gsub, "a", "a", {}, {}) end)
  record(function() local s = "x"; local r = pack(s:rep(2)) return r[1] end)
  return out
end
local methods = method_results()
for i = 1, #methods do record("method/name case " .. i, methods[i]) end

---------------------------------------------------------------------------------------------
-- Unfinished captures: C gsub only complains when the replacement reads them
---------------------------------------------------------------------------------------------

for _, p in ipairs({ "(a", "((a)", "(a)(b", "(a(b)", "(a)(b$", "(a$", "((a$", "(a%$", "(%)", "([)]",
                     "([)]$", "(%b()", "(%f[a]a", "(a*", "(a-", "(a?)(b", "()(a", "(a)()(", "(.-)(",
                     "(%d+)%s*(", "(a)%1(", "^(a", "((((a", "(a)(", "(a)(b)(c" }) do
  for _, s in ipairs({ "", "abc", "a(b)c", "aab", "ba$" }) do
    for _, r in ipairs({ "x", "%0", "%1", "%2", "%3", "%%", "<%0>", "%9", "%" }) do
      check_call("gsub", s, p, r)
    end
    check_call("gsub", s, p, { a = "A" })
    check_call("gsub", s, p, {})
    check_call("gsub", s, p, function() return "F" end)
    check_call("gsub", s, p, "x", 1)
    check_call("find", s, p)
    check_call("match", s, p)
    check_gmatch(s, p)
  end
end


return concat(lines, "\n")
