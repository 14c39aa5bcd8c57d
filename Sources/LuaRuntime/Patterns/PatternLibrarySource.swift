/// The Lua side of the sandbox's pattern matching: string.find, string.match, string.gmatch and
/// string.gsub rebuilt on the host's step-counted matcher (`LuaPatternMatcher`), with Lua 5.4's
/// behaviour, argument checking and error messages.
///
/// The chunk is called as `chunk(find_at, orig)`:
/// - `find_at(s, p, init, anchored)` is the host primitive. `init` is 1-based, already in
///   1...#s+1. With `anchored == false` it scans from `init` and honours a leading '^' in `p`;
///   with `anchored == true` it tries `init` only and treats `p` as-is (the caller strips '^').
///   It returns nil, or `start, end_inclusive, captures...` (no captures when the pattern has
///   none; position captures are integers). It raises pattern errors; for messages located like
///   Lua's it should raise them at level 2 (`luaL_where(L, 2)`: the caller of the public function),
///   because this chunk always calls it directly from the public function (never as a tail call).
/// - `orig` holds the original C functions: `find` (used only for plain searches with short
///   needles, and to scan patterns and replacement strings for '%' and specials, which is linear),
///   `gsub` (used only to escape long plain needles, linear) and `sub`.
///
/// It returns `{ find = ..., match = ..., gmatch = ..., gsub = ... }`.
///
/// The Lua source sits alone between the two `#"""` lines so that tools can extract it (see
/// Tests/LuaRuntimeTests/Fixtures/pattern_wrappers_spec.lua).
enum PatternLibrarySource {
    static let lua: String = #"""
local find_at, orig = ...

assert(type(find_at) == "function", "pattern library: find_at expected")
assert(type(orig) == "table" and type(orig.find) == "function" and type(orig.gsub) == "function",
  "pattern library: original string functions expected")

local type, select, error, tonumber, next, rawget, rawequal =
  type, select, error, tonumber, next, rawget, rawequal
local math_type, math_tointeger = math.type, math.tointeger
local concat = table.concat
local orig_find, orig_gsub = orig.find, orig.gsub
-- Optional: the stock functions, charged for their work before they run (the sandbox passes
-- them); used for patterns that cannot backtrack (see `linear`).
local linear_find, linear_match, linear_gsub = orig.linear_find, orig.linear_match, orig.linear_gsub
-- Optional: the exact test of which patterns C's matcher cannot backtrack on (see `linear`).
local linear_test = orig.linear
local sub = orig.sub or string.sub
-- Calls a replacement function the way C gsub does: nothing inside can yield across it.
local ccall = orig.ccall or function(f, ...) return (f(...)) end
local byte = orig.byte or string.byte
-- Optional helpers that make argument errors name functions exactly like Lua does.
local dbg = type(debug) == "table" and debug or nil
local get_info = dbg and dbg.getinfo
local raw_getmetatable = dbg and dbg.getmetatable or getmetatable
local loaded = type(package) == "table" and type(package.loaded) == "table" and package.loaded or nil

-- Plain needles up to this length go to the C plain search (memchr/memcmp, at most this many
-- byte comparisons per subject byte); longer ones run through the step-counted matcher.
local PLAIN_LIMIT = 32
local SPECIALS = "[%^%$%*%+%?%.%(%[%%%-]"
local ESCAPABLE = "[%^%$%*%+%?%.%(%)%[%]%%%-]"

---------------------------------------------------------------------------------------------
-- Argument errors, worded like lauxlib's luaL_argerror / luaL_typeerror
---------------------------------------------------------------------------------------------

-- The name Lua gives a function found in package.loaded ("string.find"), like pushglobalfuncname.
local function global_name(func)
  if loaded == nil or func == nil then return nil end
  for mod_name, mod in next, loaded do
    if rawequal(mod, func) then return mod_name end
    if type(mod) == "table" and type(mod_name) == "string" then
      for key, value in next, mod do
        if rawequal(value, func) and type(key) == "string" then
          if mod_name == "_G" then return key end
          return mod_name .. "." .. key
        end
      end
    end
  end
  return nil
end

-- Raises "bad argument #arg to 'name' (msg)". `depth` is the stack level of the public
-- function as seen from here (2 when it calls arg_error directly).
local function arg_error(depth, fname, arg, msg)
  local name = fname
  if get_info then
    local info = get_info(depth, "nf")
    if info then
      name = info.name
      if info.namewhat == "method" then
        arg = arg - 1
        if arg == 0 then
          error("calling '" .. name .. "' on bad self (" .. msg .. ")", depth + 1)
        end
      end
      if name == nil then name = global_name(info.func) or ("string." .. fname) end
    end
  end
  error("bad argument #" .. arg .. " to '" .. name .. "' (" .. msg .. ")", depth + 1)
end

local function type_name(value, present)
  if not present then return "no value" end
  local mt = raw_getmetatable(value)
  if type(mt) == "table" then
    local name = rawget(mt, "__name")
    if type(name) == "string" then return name end
  end
  return type(value)
end

-- luaL_checklstring for a value that is not a string: numbers are converted, the rest raise.
-- `depth` is the level of the public function as seen from the caller of check_string.
local function check_string(value, arg, nargs, depth, fname)
  if type(value) == "number" then return value .. "" end
  arg_error(depth + 1, fname, arg, "string expected, got " .. type_name(value, arg <= nargs))
end

-- luaL_checkinteger for a non-nil value.
local function check_integer(value, arg, depth, fname)
  if math_type(value) == "integer" then return value end
  local number = value
  if type(value) == "string" then number = tonumber(value) end
  if number ~= nil and type(number) == "number" then
    local int = math_tointeger(number)
    if int then return int end
    arg_error(depth + 1, fname, arg, "number has no integer representation")
  end
  arg_error(depth + 1, fname, arg, "number expected, got " .. type_name(value, true))
end

-- posrelatI: a relative initial position (negative counts from the end), clipped to [1, inf).
local function start_position(init, len)
  if init > 0 then return init end
  if init == 0 or init < -len then return 1 end
  return len + init + 1
end

local function pass(...) return ... end

-- Whether C's matcher cannot backtrack on p, so that the stock function, charged up front, is
-- linear like the plain search. The sandbox passes the exact test (shim.h: clua_pattern_linear:
-- no capture, back-reference, %b or %f, and at most one quantifier, ending p); without it, a
-- conservative one: no quantifier, capture, back-reference, %b or %f anywhere (a '-' in a set or
-- an escaped '%*' also send p to the step-counted matcher). A stock call that raises (a
-- malformed pattern) is redone by the matcher, whose messages name the caller's line.
local function linear(p)
  if linear_test ~= nil then return linear_test(p) end
  return not orig_find(p, "[%*%+%-%?%(]") and not orig_find(p, "%%[bf%d]")
end

-- Whether looking keys up in a gsub replacement table runs no code and costs a lookup or two:
-- no metatable, or an __index that is a table without one (a frozen module table's contents).
-- The stock gsub may then do the lookups.
local function plain_lookup(t)
  local mt = raw_getmetatable(t)
  if mt == nil then return true end
  if dbg == nil or type(mt) ~= "table" then return false end
  local index = rawget(mt, "__index")
  return index == nil or (type(index) == "table" and raw_getmetatable(index) == nil)
end

---------------------------------------------------------------------------------------------
-- string.find and string.match
---------------------------------------------------------------------------------------------

local function find(...)
  local s, p, init, plain = ...
  if type(s) ~= "string" then s = check_string(s, 1, select("#", ...), 2, "find") end
  if type(p) ~= "string" then p = check_string(p, 2, select("#", ...), 2, "find") end
  local len = #s
  if init == nil then
    init = 1
  else
    init = start_position(check_integer(init, 3, 2, "find"), len)
    if init > len + 1 then return nil end -- start after the string's end: cannot find anything
  end
  if plain or not orig_find(p, SPECIALS) then -- a plain search
    if #p <= PLAIN_LIMIT then return orig_find(s, p, init, true) end
    p = orig_gsub(p, ESCAPABLE, "%%%0")
  elseif linear_find ~= nil and linear(p) then
    local ok, s1, e1 = pcall(linear_find, s, p, init)
    if ok then
      if s1 == nil then return nil end
      return s1, e1
    end
  end
  return pass(find_at(s, p, init, false))
end

local function match_results(s, s1, e1, ...)
  if s1 == nil then return nil end
  if select("#", ...) == 0 then return sub(s, s1, e1) end -- no captures: the whole match
  return ...
end

local function match(...)
  local s, p, init = ...
  if type(s) ~= "string" then s = check_string(s, 1, select("#", ...), 2, "match") end
  if type(p) ~= "string" then p = check_string(p, 2, select("#", ...), 2, "match") end
  local len = #s
  if init == nil then
    init = 1
  else
    init = start_position(check_integer(init, 3, 2, "match"), len)
    if init > len + 1 then return nil end
  end
  if linear_match ~= nil and linear(p) then
    local ok, m = pcall(linear_match, s, p, init)
    if ok then return m end
  end
  return match_results(s, find_at(s, p, init, false))
end

---------------------------------------------------------------------------------------------
-- string.gsub
---------------------------------------------------------------------------------------------

-- Splits a replacement string into literal pieces and capture references: integers 0-9 for
-- %0-%9, false for an invalid '%' (reported when a match uses the replacement, like Lua).
local function compile_replacement(repl)
  local tokens, count, pos = {}, 0, 1
  while true do
    local at = orig_find(repl, "%", pos, true)
    if at == nil then break end
    if at > pos then
      count = count + 1
      tokens[count] = sub(repl, pos, at - 1)
    end
    local c = byte(repl, at + 1)
    count = count + 1
    if c == 37 then -- '%%'
      tokens[count] = "%"
    elseif c ~= nil and c >= 48 and c <= 57 then -- '%0'-'%9'
      tokens[count] = c - 48
    else
      tokens[count] = false
    end
    pos = at + 2
  end
  if pos <= #repl then
    count = count + 1
    tokens[count] = sub(repl, pos)
  end
  return tokens
end

-- Unfinished captures. The host primitive reports a match that leaves a capture open as an
-- "unfinished capture" error, but C gsub only raises it when the replacement reads that capture
-- ("(a" with "x" gives "x"). For gsub, patterns that leave captures open are run with the
-- missing ')' added at the end (before a final '$'), which matches exactly the same text and
-- closes the captures; replace_one then raises for the ones that were open.

-- `classend`: the position after the single-character class at i, or nil when malformed (the
-- matcher then raises before any match succeeds).
local function class_end(p, i, len)
  local c = byte(p, i)
  if c == 37 then -- '%'
    if i + 1 > len then return nil end
    return i + 2
  elseif c == 91 then -- '['
    local j = i + 1
    if byte(p, j) == 94 then j = j + 1 end
    repeat
      if j > len then return nil end
      local d = byte(p, j)
      j = j + 1
      if d == 37 and j <= len then j = j + 1 end
    until byte(p, j) == 93
    return j + 1
  end
  return i + 1
end

local QUANTIFIER = { [42] = true, [43] = true, [45] = true, [63] = true } -- * + - ?

-- Walks p item by item as a successful match does. Returns false when every capture is
-- closed, or the pattern with the captures closed and the set of unfinished capture numbers.
local function analyse_captures(p)
  local len = #p
  local i, level, open, nopen = 1, 0, {}, 0
  local tail = len + 1 -- where the added ')' go
  while i <= len do
    local c = byte(p, i)
    if c == 40 then -- '('
      level = level + 1
      if byte(p, i + 1) == 41 then
        i = i + 2
      else
        nopen = nopen + 1
        open[nopen] = level
        i = i + 1
      end
    elseif c == 41 then -- ')'
      if nopen == 0 then return false end -- "invalid pattern capture" before any match
      open[nopen] = nil
      nopen = nopen - 1
      i = i + 1
    elseif c == 36 and i == len then -- a final '$'
      tail = i
      break
    else
      local d = c == 37 and byte(p, i + 1) or nil
      if d == 98 then -- %bxy
        i = i + 4
      elseif d == 102 then -- %f[set]
        if byte(p, i + 2) ~= 91 then return false end
        i = class_end(p, i + 2, len)
      elseif d ~= nil and d >= 48 and d <= 57 then -- %0-%9
        i = i + 2
      else
        i = class_end(p, i, len)
        if i ~= nil and QUANTIFIER[byte(p, i)] then i = i + 1 end
      end
      if i == nil then return false end
    end
  end
  if nopen == 0 then return false end
  local unfinished = {}
  for k = 1, nopen do unfinished[open[k]] = true end
  local closers = ""
  for _ = 1, nopen do closers = closers .. ")" end
  return { pattern = sub(p, 1, tail - 1) .. closers .. sub(p, tail), unfinished = unfinished }
end

local analyses, analyses_count = {}, 0
local function captures_analysis(p)
  local a = analyses[p]
  if a == nil then
    a = analyse_captures(p)
    if #p <= 256 then
      if analyses_count >= 64 then analyses, analyses_count = {}, 0 end
      analyses[p] = a
      analyses_count = analyses_count + 1
    end
  end
  return a
end

---------------------------------------------------------------------------------------------
-- string.gmatch
---------------------------------------------------------------------------------------------

local function gmatch(...)
  local s, p, init = ...
  if type(s) ~= "string" then s = check_string(s, 1, select("#", ...), 2, "gmatch") end
  if type(p) ~= "string" then p = check_string(p, 2, select("#", ...), 2, "gmatch") end
  local len = #s
  local src = 1
  if init ~= nil then
    src = start_position(check_integer(init, 3, 2, "gmatch"), len)
    if src > len + 1 then src = len + 2 end -- start after the string's end: nothing to find
  end
  -- gmatch does not anchor: a leading '^' is an ordinary character, which '%^' spells.
  local scan_p = p
  if byte(p, 1) == 94 then scan_p = "%" .. p end
  -- A match that leaves captures open moves the iteration on before its error (as in C).
  local unfinished = false
  if orig_find(p, "(", 1, true) then
    local analysis = captures_analysis(scan_p)
    if analysis then scan_p, unfinished = analysis.pattern, true end
  end
  local lastmatch = nil -- end (exclusive) of the last match
  local iterate
  local function deliver(s1, e1, ...)
    if s1 == nil then -- no match from src on: nothing later can match either
      src = len + 2
      return
    end
    local e = e1 + 1
    if e == lastmatch then -- an empty match right where the last one ended: skip it
      src = s1 + 1
      return iterate()
    end
    src, lastmatch = e, e
    if unfinished then error("unfinished capture", 2) end
    if select("#", ...) == 0 then return sub(s, s1, e1) end
    return ...
  end
  iterate = function()
    if src > len + 1 then return end
    return deliver(find_at(s, scan_p, src, false))
  end
  return iterate
end

-- The replacement for one match (add_s / add_value in lstrlib.c). Returns s1, e1 and the
-- value: a string or number to insert, false to keep the original text, or nil when the match
-- is rejected (an empty match where the previous one ended). Errors are raised at level 3:
-- the caller of gsub.
local function replace_one(s, repl, tr, tokens, unfinished, lastmatch, s1, e1, ...)
  if s1 == nil then return nil end
  if e1 + 1 == lastmatch then return s1, e1, nil end
  local value
  if tr == "string" then
    if tokens == nil then return s1, e1, repl end
    local ncap = select("#", ...)
    value = ""
    for i = 1, #tokens do
      local token = tokens[i]
      if type(token) == "string" then
        value = value .. token
      elseif token == false then
        error("invalid use of '%' in replacement string", 3)
      elseif token == 0 or (token == 1 and ncap == 0) then
        value = value .. sub(s, s1, e1)
      elseif token <= ncap then
        if unfinished and unfinished[token] then error("unfinished capture", 3) end
        value = value .. (select(token, ...))
      else
        error("invalid capture index %" .. token, 3)
      end
    end
    return s1, e1, value
  elseif tr == "table" then
    if select("#", ...) == 0 then
      value = repl[sub(s, s1, e1)]
    else
      if unfinished and unfinished[1] then error("unfinished capture", 3) end
      value = repl[(...)]
    end
  elseif select("#", ...) == 0 then
    value = ccall(repl, sub(s, s1, e1))
  else
    value = ccall(repl, ...)
  end
  if not value then return s1, e1, false end -- nil or false: keep the original text
  local vt = type(value)
  if vt ~= "string" and vt ~= "number" then
    error("invalid replacement value (a " .. vt .. ")", 3)
  end
  return s1, e1, value
end

local function gsub(...)
  local s, p, repl, max_n = ...
  if type(s) ~= "string" then s = check_string(s, 1, select("#", ...), 2, "gsub") end
  if type(p) ~= "string" then p = check_string(p, 2, select("#", ...), 2, "gsub") end
  local len = #s
  local tr = type(repl)
  if max_n == nil then
    max_n = len + 1
  else
    max_n = check_integer(max_n, 4, 2, "gsub")
  end
  local tokens = nil
  if tr == "number" then
    repl = repl .. ""
    tr = "string"
  end
  if tr == "string" then
    if orig_find(repl, "%", 1, true) then tokens = compile_replacement(repl) end
  elseif tr ~= "table" and tr ~= "function" then
    arg_error(2, "gsub", 3, "string/function/table expected, got " .. type_name(repl, select("#", ...) >= 3))
  end
  if (tr == "string" and tokens == nil or tr == "table" and plain_lookup(repl)) and linear_gsub ~= nil and linear(p) then
    local ok, r, k = pcall(linear_gsub, s, p, repl, max_n)
    if ok then return r, k end
  end
  local anchor = byte(p, 1) == 94
  if anchor then p = sub(p, 2) end
  local unfinished = nil
  if tr ~= "function" and orig_find(p, "(", 1, true) then
    local analysis = captures_analysis(p)
    if analysis then p, unfinished = analysis.pattern, analysis.unfinished end
  end
  local pieces, count = {}, 0
  local n, src, copied, lastmatch, changed = 0, 1, 1, nil, false
  while n < max_n do
    local s1, e1, value = replace_one(s, repl, tr, tokens, unfinished, lastmatch, find_at(s, p, src, anchor))
    if s1 == nil then break end -- no (further) match
    if value == nil then -- rejected empty match at src: step over one character
      if s1 > len then break end
      src = s1 + 1
    else
      n = n + 1
      if value ~= false then
        if s1 > copied then
          count = count + 1
          pieces[count] = sub(s, copied, s1 - 1)
        end
        count = count + 1
        pieces[count] = value
        copied = e1 + 1
        changed = true
      end
      src = e1 + 1
      lastmatch = src
    end
    if anchor then break end
  end
  if not changed then return s, n end
  if copied <= len then
    count = count + 1
    pieces[count] = sub(s, copied)
  end
  return concat(pieces, "", 1, count), n
end

return { find = find, match = match, gmatch = gmatch, gsub = gsub }
"""#
}
