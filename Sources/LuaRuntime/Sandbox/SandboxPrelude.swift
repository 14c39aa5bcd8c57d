/// The Lua that builds the sandbox. It runs once per state, with the full standard libraries,
/// under the chunk name "=(sandbox)" (the error reporter skips frames of that chunk so that
/// locations point at rule code). It returns the two functions the host calls:
/// `begin_call(seed)` (a fresh environment for one call) and the view kit (the pieces of a
/// read-only view's metatable, which the host's C decoder assembles like `seal` does).
public enum SandboxPrelude {
    static let chunkName = "=(sandbox)"

    /// The globals rule code can read (the `base` table below, plus `_G` and `load`).
    public static let globals: Set<String> = [
        "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget",
        "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall",
        "collectgarbage", "_VERSION", "null", "string", "table", "math", "utf8", "coroutine", "require",
        "_G", "load",
    ]

    static let lua: String = #"""
local host, MARK, null, patterns_chunk = ...

-- What the sandbox itself needs from the full libraries, captured before anything is hidden.
local raw_getmetatable, raw_setmetatable = debug.getmetatable, debug.setmetatable
local debug_getinfo = debug.getinfo
local plain_setmetatable = setmetatable
local rawget, rawset, rawlen, next, type, select, error, pcall, load, tostring =
  rawget, rawset, rawlen, next, type, select, error, pcall, load, tostring
local collectgarbage, math_tointeger, math_randomseed = collectgarbage, math.tointeger, math.randomseed
local s_find, s_byte, s_sub, s_format, s_rep = string.find, string.byte, string.sub, string.format, string.rep
local t_concat, t_pack, t_unpack, t_sort = table.concat, table.pack, table.unpack, table.sort
local t_insert, t_remove = table.insert, table.remove
local co_create, co_resume, co_close, co_status = coroutine.create, coroutine.resume, coroutine.close, coroutine.status

-- A private key: metatables made or copied by the sandbox carry it. "protected" ones cannot
-- be replaced by rule code.
local HOST = {}
local PROTECTED, USER = "protected", "user"

local function violate(message, level)
  host.violation(message)          -- records the kind in host state and stops the call
  error(message, (level or 1) + 1) -- reached only when budgets are not enforced
end

---------------------------------------------------------------------------------------------
-- Read-only views: an empty table whose metatable points at the real one.
---------------------------------------------------------------------------------------------
local function is_view(v)
  if type(v) ~= "table" then return false end
  local mt = raw_getmetatable(v)
  return mt ~= nil and rawget(mt, MARK) ~= nil
end

-- The table a view shows: kept under a private key for module views (whose __index is a
-- function), else the __index table.
local TARGET = {}
local function target_of(v)
  local mt = raw_getmetatable(v)
  local t = rawget(mt, TARGET)
  if t ~= nil then return t end
  return rawget(mt, "__index")
end

local function key_text(k)
  local tk = type(k)
  if tk == "string" or tk == "number" or tk == "boolean" then return tostring(k) end
  return tk
end

local function view_newindex(_, key)
  violate("attempt to modify a read-only table (field '" .. key_text(key) .. "')", 2)
end

local function view_len(v)
  return rawlen(target_of(v))
end

local function view_pairs(v)
  local mt = raw_getmetatable(v)
  local target, keys = rawget(mt, "__index"), rawget(mt, MARK)
  local i = 0
  if keys == true then
    local n = rawlen(target)
    return function()
      i = i + 1
      if i <= n then return i, target[i] end
    end, v, nil
  end
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, target[k] end
  end, v, nil
end

-- keys: an array of the target's keys in the order pairs() gives them, or nil for an array.
local function seal(target, keys)
  return plain_setmetatable({}, {
    __index = target, __newindex = view_newindex, __len = view_len, __pairs = view_pairs,
    __metatable = "read-only", [HOST] = PROTECTED, [MARK] = keys or true,
  })
end

local function key_before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "string" or ta == "number" then return a < b end
  return false
end

-- A read-only view of a library table, listing its keys in sorted order.
local function library_view(t)
  local keys = {}
  for k in next, t do keys[#keys + 1] = k end
  t_sort(keys, key_before)
  return seal(t, keys)
end

---------------------------------------------------------------------------------------------
-- Base functions that need guarding
---------------------------------------------------------------------------------------------
local function sandbox_tostring(v)
  local tv = type(v)
  if tv == "string" or tv == "number" or tv == "boolean" or tv == "nil" then return tostring(v) end
  if v == null then return "null" end
  if tv == "table" then
    local mt = raw_getmetatable(v)
    if mt ~= nil and rawget(mt, "__tostring") ~= nil then return tostring(v) end
  end
  return tv -- never an address: results must not depend on where Lua put an object
end

local function sandbox_print(...)
  local args = t_pack(...)
  for i = 1, args.n do args[i] = sandbox_tostring(args[i]) end
  host.print(t_concat(args, "\t", 1, args.n))
end

local FORBIDDEN_METAMETHODS = {
  __gc = "finalizers (__gc)", __close = "to-be-closed metamethods (__close)", __mode = "weak tables (__mode)",
}

-- Installs a copy of mt, so that adding __gc, __close or __mode to mt later has no effect.
local function sandbox_setmetatable(t, mt)
  if type(t) ~= "table" then
    error("bad argument #1 to 'setmetatable' (table expected, got " .. type(t) .. ")", 2)
  end
  local tm = type(mt)
  if tm ~= "nil" and tm ~= "table" then
    error("bad argument #2 to 'setmetatable' (nil or table expected)", 2)
  end
  local current = raw_getmetatable(t)
  if current ~= nil and rawget(current, HOST) == PROTECTED then
    violate("cannot change a protected metatable", 2)
  end
  if mt == nil then
    raw_setmetatable(t, nil)
    return t
  end
  local copy = {}
  for k, v in next, (is_view(mt) and target_of(mt) or mt) do
    local what = FORBIDDEN_METAMETHODS[k]
    if what then violate("setmetatable: " .. what .. " are not available in rules", 2) end
    copy[k] = v
  end
  if rawget(copy, "__metatable") ~= nil then
    copy[HOST] = PROTECTED
  else
    copy.__metatable = mt -- getmetatable(t) still answers mt
    copy[HOST] = USER
  end
  raw_setmetatable(t, copy)
  return t
end

local function sandbox_next(t, k)
  if is_view(t) then return next(target_of(t), k) end
  return next(t, k)
end

local function sandbox_rawget(t, k)
  if is_view(t) then return rawget(target_of(t), k) end
  return rawget(t, k)
end

local function sandbox_rawlen(v)
  if is_view(v) then return rawlen(target_of(v)) end
  return rawlen(v)
end

local function sandbox_rawset(t, k, v)
  if is_view(t) then violate("attempt to modify a read-only table (field '" .. key_text(k) .. "')", 2) end
  return rawset(t, k, v)
end

-- xpcall runs the handler after the error has unwound, with budgets in force, so that a
-- handler cannot run unbounded while the count hook is switched off.
local function sandbox_xpcall(f, handler, ...)
  local r = t_pack(pcall(f, ...))
  if r[1] then return t_unpack(r, 1, r.n) end
  local _, h = pcall(handler, r[2])
  return false, h
end

local GC_OPTIONS = { collect = true, count = true, step = true, isrunning = true }
local function sandbox_collectgarbage(opt, ...)
  if opt == nil then opt = "collect" end
  if not GC_OPTIONS[opt] then
    error("collectgarbage('" .. key_text(opt) .. "') is not available in rules: the host manages the collector", 2)
  end
  return collectgarbage(opt, ...)
end

-- Lua's parser is quadratic on long `or` chains and runs in C: bound what rules may load.
local MAX_LOAD_BYTES = 64 * 1024

local function sandbox_load(chunk, chunkname, mode, env)
  if mode ~= nil and mode ~= "t" and mode ~= "bt" and mode ~= "tb" then
    violate("load: only text chunks (mode 't') are allowed in rules", 3)
  end
  if type(chunk) == "function" then
    local pieces, reader = {}, chunk
    while true do
      local piece = reader()
      if piece == nil or piece == "" then break end
      if type(piece) ~= "string" then error("reader function must return a string", 3) end
      pieces[#pieces + 1] = piece
    end
    chunk = t_concat(pieces)
  end
  if type(chunk) == "string" and s_byte(chunk, 1) == 27 then
    violate("load: binary chunks are not allowed in rules", 3)
  end
  if type(chunk) == "string" and #chunk > MAX_LOAD_BYTES then
    return nil, "load: chunk of " .. #chunk .. " bytes; rules may load at most " .. MAX_LOAD_BYTES
      .. " bytes (Lua's parser cannot be interrupted)"
  end
  if chunkname == nil and type(chunk) == "string" then chunkname = chunk end
  if type(chunkname) == "string" and (s_sub(chunkname, 1, 9) == "=(sandbox" or s_sub(chunkname, 1, 9) == "@(sandbox") then
    chunkname = "=(load)" -- the sandbox's own chunk names are reserved
  end
  return load(chunk, chunkname, "t", env)
end

---------------------------------------------------------------------------------------------
-- Guarded library functions: C loops the count hook cannot interrupt
---------------------------------------------------------------------------------------------
local function guarded_rep(s, n, sep)
  if type(s) == "string" and #s == 0 and (sep == nil or (type(sep) == "string" and #sep == 0))
     and math_tointeger(n) then
    return "" -- C would loop n times copying nothing
  end
  return s_rep(s, n, sep)
end

local function guarded_format(fmt, ...)
  if type(fmt) == "string" then
    local i = 1
    while true do
      local p = s_find(fmt, "%", i, true)
      if not p then break end
      local c = s_find(fmt, "[^-+ #0-9.]", p + 1)
      if not c then break end
      if s_byte(fmt, c) == 112 then -- 'p'
        error("bad argument #1 to 'format' ('%p' prints addresses and is not available in rules)", 2)
      end
      i = c + 1
    end
  end
  local args = t_pack(...)
  for k = 1, args.n do
    local ta = type(args[k])
    if ta == "table" or ta == "function" or ta == "thread" or ta == "userdata" then
      args[k] = sandbox_tostring(args[k])
    end
  end
  return s_format(fmt, t_unpack(args, 1, args.n))
end

local function check_integer(v, n, fname)
  local i = math_tointeger(v)
  if i == nil then
    error("bad argument #" .. n .. " to '" .. fname .. "' (number has no integer representation)", 3)
  end
  return i
end

-- table.move in Lua: the C version loops e - f times even over absent elements.
local function guarded_move(a1, f, e, t, a2)
  if a2 == nil then a2 = a1 end
  f, e, t = check_integer(f, 2, "move"), check_integer(e, 3, "move"), check_integer(t, 4, "move")
  if e >= f then
    if t > e or t <= f or a1 ~= a2 then
      for i = 0, e - f do a2[t + i] = a1[f + i] end
    else
      for i = e - f, 0, -1 do a2[t + i] = a1[f + i] end
    end
  end
  return a2
end

-- table.insert / table.remove trust #t; a __len metamethod can make it huge, so tables with a
-- metatable take a Lua path the count hook can stop.
local function guarded_insert(t, ...)
  if raw_getmetatable(t) == nil then return t_insert(t, ...) end
  local nargs = select("#", ...)
  local e = #t + 1
  if nargs == 1 then
    t[e] = ...
    return
  end
  if nargs ~= 2 then error("wrong number of arguments to 'insert'", 2) end
  local pos, v = ...
  pos = check_integer(pos, 2, "insert")
  if pos < 1 or pos > e then error("bad argument #2 to 'insert' (position out of bounds)", 2) end
  for i = e, pos + 1, -1 do t[i] = t[i - 1] end
  t[pos] = v
end

local function guarded_remove(t, pos)
  if raw_getmetatable(t) == nil then
    if pos == nil then return t_remove(t) end
    return t_remove(t, pos)
  end
  local size = #t
  if pos == nil then pos = size else pos = check_integer(pos, 2, "remove") end
  if pos ~= size and (pos < 1 or pos > size + 1) then
    error("bad argument #2 to 'remove' (position out of bounds)", 2)
  end
  local v = t[pos]
  while pos < size do
    t[pos] = t[pos + 1]
    pos = pos + 1
  end
  if pos <= size then t[pos] = nil end
  return v
end

-- table.concat and table.sort read through metamethods from C; a C function as __index (such
-- as getmetatable) runs no instruction, so on tables with a metatable they take a Lua path.
local function guarded_concat(t, sep, i, j)
  if raw_getmetatable(t) == nil then return t_concat(t, sep, i, j) end
  if sep == nil then sep = "" end
  i = i == nil and 1 or check_integer(i, 3, "concat")
  j = j == nil and #t or check_integer(j, 4, "concat")
  local parts = {}
  for k = i, j do
    local v = t[k]
    local tv = type(v)
    if tv ~= "string" and tv ~= "number" then
      error("invalid value (at index " .. k .. ") in table for 'concat'", 2)
    end
    parts[#parts + 1] = v
  end
  return t_concat(parts, sep)
end

local function guarded_sort(t, comp)
  if raw_getmetatable(t) == nil then return t_sort(t, comp) end
  local n = #t
  local copy = {}
  for k = 1, n do copy[k] = t[k] end
  t_sort(copy, comp)
  for k = 1, n do t[k] = copy[k] end
end

-- After a stop, no coroutine is resumed again: each would otherwise run until its own next
-- hook, and nested loops that restart failed coroutines would multiply that work.
local function check_running()
  if host.stopped() then error("stopped by the sandbox", 3) end
end

local function guarded_resume(co, ...)
  check_running()
  return co_resume(co, ...)
end

local function guarded_wrap(f)
  local co = co_create(f)
  return function(...)
    check_running()
    local r = t_pack(co_resume(co, ...))
    if r[1] then return t_unpack(r, 2, r.n) end
    if co_status(co) == "dead" then co_close(co) end
    local e = r[2]
    if type(e) == "string" then error(e, 2) end
    error(e, 0)
  end
end

-- Pattern matching through the host's step-counted matcher.
local patterns = patterns_chunk(host.find_at, {
  find = string.find, match = string.match, gmatch = string.gmatch, gsub = string.gsub, sub = s_sub,
})

string.find, string.match, string.gmatch, string.gsub = patterns.find, patterns.match, patterns.gmatch, patterns.gsub
string.rep, string.format = guarded_rep, guarded_format
string.dump = nil
table.move, table.insert, table.remove = guarded_move, guarded_insert, guarded_remove
table.concat, table.sort = guarded_concat, guarded_sort
coroutine.resume, coroutine.wrap = guarded_resume, guarded_wrap

-- The string metatable serves method calls ("x"):upper(): hide it and its table.
local string_mt = raw_getmetatable("")
string_mt.__metatable = "string"
plain_setmetatable(string, {
  __index = function(_, k)
    if k == "dump" then violate("string.dump is not available in rules", 2) end
  end,
})

---------------------------------------------------------------------------------------------
-- The environment rule code sees
---------------------------------------------------------------------------------------------
local REMOVED = {
  io = "the io library", os = "the os library", debug = "the debug library",
  package = "the package library", dofile = "dofile", loadfile = "loadfile",
}

local loaded, loading = {}, {}

-- A deep, live, read-only view of a module's table: nested tables are wrapped when read.
local module_view
local function module_newindex(_, key)
  violate("attempt to modify a module's table (field '" .. key_text(key) .. "'); modules are shared by every call", 2)
end
module_view = function(t)
  if type(t) ~= "table" or is_view(t) then return t end
  local wrapped = {}
  local function wrap(v)
    if type(v) ~= "table" then return v end
    local w = wrapped[v]
    if w == nil then
      w = module_view(v)
      wrapped[v] = w
    end
    return w
  end
  return plain_setmetatable({}, {
    __index = function(_, k) return wrap(t[k]) end,
    __newindex = module_newindex,
    __len = function() return #t end,
    __pairs = function(v)
      local k = nil
      return function()
        local nk, nv = next(t, k)
        k = nk
        if nk ~= nil then return nk, wrap(nv) end
      end, v, nil
    end,
    __call = function(_, ...) return t(...) end,
    __metatable = "module", [HOST] = PROTECTED, [MARK] = true, [TARGET] = t,
  })
end
local base = {
  assert = assert, error = error, getmetatable = getmetatable, ipairs = ipairs,
  next = sandbox_next, pairs = pairs, pcall = pcall, print = sandbox_print, rawequal = rawequal,
  rawget = sandbox_rawget, rawlen = sandbox_rawlen, rawset = sandbox_rawset, select = select,
  setmetatable = sandbox_setmetatable, tonumber = tonumber, tostring = sandbox_tostring,
  type = type, xpcall = sandbox_xpcall, collectgarbage = sandbox_collectgarbage,
  _VERSION = _VERSION, null = null,
  string = library_view(string), table = library_view(table), math = library_view(math),
  utf8 = library_view(utf8), coroutine = library_view(coroutine),
}
plain_setmetatable(base, {
  __index = function(_, k)
    local what = REMOVED[k]
    if what then violate(what .. " is not available in rules", 2) end
  end,
  __metatable = "sandbox", [HOST] = PROTECTED,
})

local ENV_MT = { __index = base, __metatable = "sandbox", [HOST] = PROTECTED }

local function new_env()
  local env = plain_setmetatable({}, ENV_MT)
  env._G = env
  env.load = function(chunk, chunkname, mode, ...)
    if select("#", ...) > 0 then return sandbox_load(chunk, chunkname, mode, (...)) end
    return sandbox_load(chunk, chunkname, mode, env)
  end
  return env
end

-- Source positions, for the host's own modules only (never rule code): where a call was
-- made from, and where a function was defined.
local sandbox_info = {
  where = function(level)
    local info = debug_getinfo((level or 1) + 1, "Sl")
    if info == nil then return nil end
    return info.source, info.currentline
  end,
  function_source = function(f)
    if type(f) ~= "function" then return nil end
    local info = debug_getinfo(f, "S")
    return info.source, info.linedefined
  end,
}

-- require "a.b" reads <root>/a/b.lua through the host; modules get an environment of their own
-- and are cached for the life of the state.
local function sandbox_require(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
  end
  local value = loaded[name]
  if value ~= nil then return value end
  if #name > 200 or not s_find(name, "^[%w_%-]+$") and not s_find(name, "^[%w_%-][%w_%.%-]*[%w_%-]$")
     or s_find(name, "..", 1, true) then
    violate("require: '" .. name .. "' is not a module name (use dotted names such as \"lib.text\", not paths)", 2)
  end
  if loading[name] then error("require: module '" .. name .. "' requires itself", 2) end
  local source, chunkname, privileged = host.load_module(name)
  if source == nil then error(chunkname, 2) end
  local env = new_env()
  if privileged then env.sandbox_info = sandbox_info end
  local fn, err = load(source, chunkname, "t", env)
  if not fn then error(err, 0) end
  loading[name] = true
  value = fn(name)
  loading[name] = nil
  if value == nil then value = true end
  -- What a module returns is shared by every later call: hand out a deep read-only view, so
  -- that no call can change what another gets (the module's own code keeps its tables).
  value = module_view(value)
  loaded[name] = value
  return value
end
base.require = sandbox_require

-- Drop the libraries rule code must never reach from the real globals as well.
_G.debug, _G.dofile, _G.loadfile = nil, nil, nil

local function begin_call(seed)
  loading = {}
  math_randomseed(seed)
  return new_env()
end

-- What the host needs to build read-only views in C, the same way seal() does.
local view_kit = { newindex = view_newindex, len = view_len, pairs = view_pairs, host = HOST, protected = PROTECTED }

return begin_call, view_kit
"""#
}
