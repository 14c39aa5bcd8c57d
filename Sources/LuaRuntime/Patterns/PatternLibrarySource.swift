/// Lua 5.4's `string.find`, `match`, `gmatch` and `gsub`, rebuilt on the host's step-counted
/// matcher. Loaded once per state as "=(sandbox patterns)" and called as
/// `chunk(find_at, orig)`, where `find_at(s, p, init, anchored)` returns the 1-based start,
/// the inclusive end and the captures of the first match at or after `init` (only at `init`
/// when `anchored`), or nil; `orig` holds the C functions, used for plain searches (linear).
/// The loops that walk a subject are Lua, so the count hook bounds them too.
enum PatternLibrarySource {
    static let lua: String = #"""
local find_at, orig = ...

local type, tostring, error, select = type, tostring, error, select
local t_concat, t_unpack, t_pack = table.concat, table.unpack, table.pack
local s_sub, s_byte, plain_find = orig.sub, string.byte, orig.find
local math_tointeger = math.tointeger

local SPECIALS = "^$*+?.([%-"

local function check_string(v, n, fname)
  local tv = type(v)
  if tv == "string" then return v end
  if tv == "number" then return tostring(v) end
  error("bad argument #" .. n .. " to 'string." .. fname .. "' (string expected, got " .. (v == nil and "no value" or tv) .. ")", 3)
end

local function check_init(v, n, fname, len)
  local i
  if v == nil then
    i = 1
  else
    i = math_tointeger(v)
    if i == nil then
      local tv = type(v)
      if tv == "number" then
        error("bad argument #" .. n .. " to 'string." .. fname .. "' (number has no integer representation)", 3)
      end
      error("bad argument #" .. n .. " to 'string." .. fname .. "' (number expected, got " .. tv .. ")", 3)
    end
  end
  -- posrelatI in lstrlib.c
  if i > 0 then return i end
  if i == 0 then return 1 end
  if i < -len then return 1 end
  return len + i + 1
end

local function has_specials(p)
  return plain_find(p, "[%^%$%*%+%?%.%(%[%%%-]") ~= nil
end

local function find(s, p, init, plain)
  s = check_string(s, 1, "find")
  p = check_string(p, 2, "find")
  local len = #s
  init = check_init(init, 3, "find", len)
  if init > len + 1 then return nil end
  if plain or not has_specials(p) then
    return plain_find(s, p, init, true)
  end
  return find_at(s, p, init, false)
end

local function match(s, p, init)
  s = check_string(s, 1, "match")
  p = check_string(p, 2, "match")
  local len = #s
  init = check_init(init, 3, "match", len)
  if init > len + 1 then return nil end
  local r = t_pack(find_at(s, p, init, false))
  if r[1] == nil then return nil end
  if r.n == 2 then return s_sub(s, r[1], r[2]) end
  return t_unpack(r, 3, r.n)
end

-- A leading '^' is a literal in gmatch (it cannot anchor an iteration): escape it.
local function literal_caret(p)
  if s_byte(p, 1) == 94 then return "%^" .. s_sub(p, 2) end
  return p
end

local function gmatch(s, p, init)
  s = check_string(s, 1, "gmatch")
  p = check_string(p, 2, "gmatch")
  local len = #s
  local pos = check_init(init, 3, "gmatch", len)
  if pos > len + 1 then pos = len + 2 end
  local pattern = literal_caret(p)
  local lastmatch = nil
  return function()
    while pos <= len + 1 do
      local r = t_pack(find_at(s, pattern, pos, false))
      if r[1] == nil then
        pos = len + 2
        return nil
      end
      local after = r[2] + 1
      if after == lastmatch then
        -- an empty match where the last one ended: move on one character
        pos = r[1] + 1
      else
        pos, lastmatch = after, after
        if r.n == 2 then return s_sub(s, r[1], r[2]) end
        return t_unpack(r, 3, r.n)
      end
    end
    return nil
  end
end

-- The value of capture i (0-based) for a replacement: a string or a position.
local function capture(r, i, whole)
  if i >= r.n - 2 then
    if i ~= 0 then error("invalid capture index %" .. (i + 1), 0) end
    return whole
  end
  return r[3 + i]
end

local function expand(repl, r, whole)
  if not plain_find(repl, "%", 1, true) then return repl end
  local out, i, n = {}, 1, #repl
  while i <= n do
    local at = plain_find(repl, "%", i, true)
    if not at then
      out[#out + 1] = s_sub(repl, i)
      break
    end
    out[#out + 1] = s_sub(repl, i, at - 1)
    local c = s_byte(repl, at + 1)
    if c == 37 then
      out[#out + 1] = "%"
    elseif c == 48 then
      out[#out + 1] = whole
    elseif c and c >= 49 and c <= 57 then
      out[#out + 1] = tostring(capture(r, c - 49, whole))
    else
      error("invalid use of '%' in replacement string", 0)
    end
    i = at + 2
  end
  return t_concat(out)
end

local function gsub(s, p, repl, max_n)
  s = check_string(s, 1, "gsub")
  p = check_string(p, 2, "gsub")
  local tr = type(repl)
  if tr == "number" then
    repl = tostring(repl)
    tr = "string"
  elseif tr ~= "string" and tr ~= "table" and tr ~= "function" then
    error("bad argument #3 to 'string.gsub' (string/function/table expected, got " .. (repl == nil and "nil" or tr) .. ")", 2)
  end
  local len = #s
  if max_n == nil then
    max_n = len + 1
  else
    local m = math_tointeger(max_n)
    if m == nil then
      error("bad argument #4 to 'string.gsub' (number expected, got " .. type(max_n) .. ")", 2)
    end
    max_n = m
  end
  local anchor = s_byte(p, 1) == 94
  local pattern = anchor and s_sub(p, 2) or p
  local out, count, changed = {}, 0, false
  local src, lastmatch = 1, nil
  while count < max_n do
    local r
    if anchor then
      r = t_pack(find_at(s, pattern, src, true))
    else
      r = t_pack(find_at(s, pattern, src, false))
      if r[1] ~= nil and r[1] > src then
        out[#out + 1] = s_sub(s, src, r[1] - 1)
        src = r[1]
      end
    end
    local after = r[1] ~= nil and r[2] + 1 or nil
    if after ~= nil and after ~= lastmatch then
      count = count + 1
      local whole = s_sub(s, r[1], r[2])
      local value
      if tr == "string" then
        value = expand(repl, r, whole)
      else
        local key = r.n > 2 and r[3] or whole
        if tr == "table" then value = repl[key] else
          if r.n > 2 then value = repl(t_unpack(r, 3, r.n)) else value = repl(whole) end
        end
      end
      if value == nil or value == false then
        out[#out + 1] = whole
      else
        local tv = type(value)
        if tv ~= "string" and tv ~= "number" then
          error("invalid replacement value (a " .. tv .. ")", 2)
        end
        out[#out + 1] = tostring(value)
        changed = true
      end
      src, lastmatch = after, after
    elseif r[1] == nil and not anchor then
      break
    elseif src <= len then
      out[#out + 1] = s_sub(s, src, src)
      src = src + 1
    else
      break
    end
    if anchor then break end
  end
  if not changed then return s, count end
  if src <= len then out[#out + 1] = s_sub(s, src) end
  return t_concat(out), count
end

return { find = find, match = match, gmatch = gmatch, gsub = gsub }
"""#
}
