/// The Lua that builds the sandbox. It runs once per state, with the full standard libraries,
/// under the chunk name "=(sandbox)" (the error reporter skips frames of that chunk so that
/// locations point at rule code). It returns the two functions the host calls:
/// `begin_call(seed, privileged)` (a fresh environment for one call; host chunks get the
/// engine's internal entry points) and the view kit (the pieces of a read-only view's
/// metatable, which the host's C decoder assembles like `seal` does).
///
/// Once a module has loaded (`require` returns), everything it can reach is **frozen**: its
/// table, its globals, every table reachable from them, from its functions' upvalues and from
/// their metatables. A frozen table keeps its identity but holds nothing itself; its contents
/// live behind a protected metatable (the same shape as a read-only view), so every write by
/// any means is a sandbox violation. A function that assigns a variable that outlives the call
/// (an upvalue of a function defined at load time) is refused when the module loads.
public enum SandboxPrelude {
    static let chunkName = "=(sandbox)"

    /// The globals rule code can read (the `base` table below, plus `_G` and `load`).
    public static let globals: Set<String> = [
        "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget",
        "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall",
        "collectgarbage", "_VERSION", "null", "string", "table", "math", "utf8", "coroutine", "require",
        "_G", "load", "warn",
    ]

    static let lua: String = #"""
local host, MARK, null, charged, ccall, c_tostring = ...

-- What the sandbox itself needs from the full libraries, captured before anything is hidden.
local raw_getmetatable, raw_setmetatable = debug.getmetatable, debug.setmetatable
local debug_getinfo = debug.getinfo
local plain_setmetatable, plain_getmetatable = setmetatable, getmetatable
local rawget, rawset, rawlen, next, type, select, error, pcall, load, tostring, pairs =
  rawget, rawset, rawlen, next, type, select, error, pcall, load, tostring, pairs
local collectgarbage, math_randomseed = collectgarbage, math.randomseed
local s_find, s_match, s_byte, s_sub, s_dump = string.find, string.match, string.byte, string.sub, string.dump
local t_concat, t_pack, t_unpack = table.concat, table.pack, table.unpack
local co_create, co_resume, co_close, co_status = coroutine.create, coroutine.resume, coroutine.close, coroutine.status
-- pairs in the sandbox's key order, in C (shim.h: clua_push_ordered_keys): 1..n for a sequence,
-- else numbers, strings and booleans sorted (numbers first, then strings, then booleans, each in
-- Lua's `<` order), then other keys (tables, functions) in `next` order, which is not defined.
local ordered_keys, pairs_raw, pairs_index, pairs_list, pairs_view = host.ordered_keys, host.pairs_raw,
  host.pairs_index, host.pairs_list, host.pairs_view
-- A frozen table's keys in that order, listed at its first pairs and kept in its metatable
-- (MARK, false until then); not charged: its freezing was (shim.h: clua_frozen_keys).
local frozen_keys = host.frozen_keys

-- A private key: metatables made or copied by the sandbox carry it. "protected" ones belong to
-- the host (views, frozen tables, environments): changing them is a violation. "locked" ones are
-- rule metatables with a __metatable field: changing them is an ordinary error, as in Lua.
local HOST = {}
local PROTECTED, USER, LOCKED = "protected", "user", "locked"
-- Keys of a frozen table's metatable: the contents, and the marker itself.
local TARGET, FROZEN = {}, {}
-- The mark of a host module's read-only views (internals.metatable_setter): no raw writes.
local HOST_VIEW = {}
-- What getmetatable answers for a frozen table that had no metatable: nil, as before.
local NO_METATABLE = {}

local function violate(message, level, source, line)
  host.violation(message, source, line) -- records the kind in host state and stops the call
  error(message, (level or 1) + 1)      -- reached only when budgets are not enforced
end

---------------------------------------------------------------------------------------------
-- Read-only views: an empty table whose metatable points at the real one. Frozen tables have
-- the same shape, so everything that reads through views reads through them.
---------------------------------------------------------------------------------------------
local function is_view(v)
  if type(v) ~= "table" then return false end
  local mt = raw_getmetatable(v)
  return mt ~= nil and rawget(mt, MARK) ~= nil
end

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

-- What a view's metatable `mt` keeps as its keys (MARK): the list it was sealed with, true for
-- a list view, and for a frozen table the list made at its first pairs (false until then).
local function sealed_keys(v, mt)
  local keys = rawget(mt, MARK)
  if keys == false then
    keys = frozen_keys(target_of(v))
    rawset(mt, MARK, keys)
  end
  return keys
end

-- pairs over a view: the keys it was sealed with (read raw), or a list view's positions
-- 1..#target (read as target[i]).
local function view_pairs(v)
  local target, keys = target_of(v), sealed_keys(v, raw_getmetatable(v))
  if keys == true then return pairs_list(v, target, rawlen(target), false) end
  return pairs_list(v, target, keys, true)
end

-- keys: an array of the target's keys in the order pairs() gives them, or nil for an array.
local function seal(target, keys)
  return plain_setmetatable({}, {
    __index = target, __newindex = view_newindex, __len = view_len, __pairs = view_pairs,
    __metatable = "read-only", [HOST] = PROTECTED, [MARK] = keys or true,
  })
end

-- A read-only view of a library table, listing its keys in sorted order.
local function library_view(t)
  return seal(t, ordered_keys(t))
end

---------------------------------------------------------------------------------------------
-- Library functions charged for their work (see clua_charged in shim.h): the originals run
-- with the caller's stack, so results and error messages are stock Lua's.
---------------------------------------------------------------------------------------------
local COST = { bytes1 = 1, sub = 2, byte = 3, utf8len = 4, nargs = 5, rep = 6, format = 7, allbytes = 8,
               tconcat = 9, tunpack = 10, tlen = 11, tmove = 12, tsort = 13 }
local CHARGED = {
  [string] = { upper = "bytes1", lower = "bytes1", reverse = "bytes1", sub = "sub", byte = "byte",
               char = "nargs", rep = "rep", format = "format", pack = "allbytes", unpack = "allbytes" },
  [table] = { concat = "tconcat", unpack = "tunpack", insert = "tlen", remove = "tlen", move = "tmove",
              sort = "tsort", pack = "nargs" },
  [utf8] = { len = "utf8len", codepoint = "byte", char = "nargs", offset = "bytes1" },
}
for library, functions in next, CHARGED do
  for name, kind in next, functions do
    library[name] = charged(library[name], COST[kind])
  end
end
local charged_select, charged_tonumber = charged(select, COST.nargs), charged(tonumber, COST.bytes1)

---------------------------------------------------------------------------------------------
-- Base functions that need guarding
---------------------------------------------------------------------------------------------
-- tostring never shows an address (results must not depend on where Lua put an object); it
-- is C (clua_tostring), so its errors read like stock Lua's.
local sandbox_tostring = c_tostring

-- An argument error worded as lauxlib words it: the function's name as the caller wrote it
-- (or its global name when called through pcall), at the caller's line.
-- depth: how many frames lie between this function and the wrapper that was called (1 when
-- the wrapper calls it directly).
local function raise_argument(depth, arg, global, extra)
  local info = debug_getinfo(depth + 1, "n")
  local name = info and info.name
  if info and info.namewhat == "method" then
    arg = arg - 1
    if arg == 0 then error("calling '" .. name .. "' on bad self (" .. extra .. ")", depth + 2) end
  end
  error("bad argument #" .. arg .. " to '" .. (name or global) .. "' (" .. extra .. ")", depth + 2)
end

local function argument_error(arg, global, extra)
  raise_argument(2, arg, global, extra)
end

-- (depth: as raise_argument's, counted from the caller of type_error; 2 by default)
local function type_error(arg, global, expected, n, v, depth)
  local got
  if n < arg then got = "no value" else
    local mt = raw_getmetatable(v)
    local named = mt and rawget(mt, "__name")
    got = type(named) == "string" and named or (v == null and "light userdata" or type(v))
  end
  raise_argument(depth or 2, arg, global, expected .. " expected, got " .. got)
end

-- luaL_where(level): "chunk:line: " of the function at that level, as Lua prefixes messages.
local function where(level)
  local info = debug_getinfo(level + 1, "Sl")
  if info and info.currentline > 0 then return info.short_src .. ":" .. info.currentline .. ": " end
  return ""
end

local function sandbox_print(...)
  local args = t_pack(...)
  for i = 1, args.n do args[i] = sandbox_tostring(args[i]) end
  host.print(t_concat(args, "\t", 1, args.n))
end

local function sandbox_getmetatable(...)
  local mt = plain_getmetatable(...)
  if mt == NO_METATABLE then return nil end
  return mt
end

local FORBIDDEN_METAMETHODS = {
  __gc = "finalizers (__gc)", __close = "to-be-closed metamethods (__close)", __mode = "weak tables (__mode)",
}

-- Installs a copy of mt, so that adding __gc, __close or __mode to mt later has no effect.
local function sandbox_setmetatable(...)
  local n, t, mt = select("#", ...), ...
  if type(t) ~= "table" then type_error(1, "setmetatable", "table", n, t) end
  local tm = type(mt)
  if tm ~= "nil" and tm ~= "table" or n < 2 then type_error(2, "setmetatable", "nil or table", n, mt) end
  local current = raw_getmetatable(t)
  if current ~= nil then
    local owner = rawget(current, HOST)
    if owner == PROTECTED then
      if rawget(current, FROZEN) then
        violate("attempt to change the metatable of a frozen table: tables of a framework and its modules are frozen once loaded", 2)
      end
      violate("cannot change a protected metatable", 2)
    elseif owner == LOCKED then
      error("cannot change a protected metatable", 2)
    end
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
    copy[HOST] = LOCKED
  else
    copy.__metatable = mt -- getmetatable(t) still answers mt
    copy[HOST] = USER
  end
  raw_setmetatable(t, copy)
  return t
end

local function sandbox_next(...)
  local t, k = ...
  if is_view(t) then return next(target_of(t), k) end
  if type(t) ~= "table" then type_error(1, "next", "table", select("#", ...), t) end
  return next(t, k)
end

local function sandbox_rawget(t, k)
  if is_view(t) then return rawget(target_of(t), k) end
  return rawget(t, k)
end

local function sandbox_rawlen(...)
  local v = ...
  if is_view(v) then return rawlen(target_of(v)) end
  local tv = type(v)
  if tv ~= "table" and tv ~= "string" then type_error(1, "rawlen", "table or string", select("#", ...), v) end
  return rawlen(v)
end

local function frozen_violation(t, k)
  local mt = raw_getmetatable(t)
  if rawget(mt, "__metatable") == "sandbox" then
    violate("assignment to global '" .. key_text(k) .. "' after the module was loaded: globals of rule files "
      .. "are frozen once loaded, so no call can leave state for the next; use a local", 3)
  end
  violate("attempt to modify a frozen table (field '" .. key_text(k) .. "'): tables of a framework and its "
    .. "modules are frozen once loaded, so no call can leave state for the next; build a new table in the call", 3)
end

local function sandbox_rawset(t, k, v)
  if is_view(t) then
    if rawget(raw_getmetatable(t), FROZEN) then frozen_violation(t, k) end
    violate("attempt to modify a read-only table (field '" .. key_text(k) .. "')", 2)
  end
  if type(t) == "table" then -- a host module's view (internals.metatable_setter): read-only too
    local mt = raw_getmetatable(t)
    if mt ~= nil and rawget(mt, HOST_VIEW) then
      violate("attempt to modify a read-only table (field '" .. key_text(k) .. "')", 2)
    end
  end
  return rawset(t, k, v)
end

-- pairs walks tables in a defined order (see ordered_keys), so that results never depend on
-- Lua's hash order, which differs from one state to the next; listing the keys is charged.
local function sandbox_pairs(...)
  if select("#", ...) == 0 then error("bad argument #1 to 'pairs' (value expected)", 2) end
  local t = ...
  local mt = raw_getmetatable(t)
  if mt ~= nil then
    local handler = rawget(mt, "__pairs")
    if handler ~= nil then
      local f, s, k = handler(t)
      return f, s, k
    end
  end
  if type(t) ~= "table" then return next, t, nil end -- next raises, as in Lua
  return pairs_raw(t)
end

-- xpcall runs the handler after the error has unwound, with budgets in force, so that a
-- handler cannot run unbounded while the count hook is switched off.
local function sandbox_xpcall(...)
  local n, f, handler = select("#", ...), ...
  if type(handler) ~= "function" then type_error(2, "xpcall", "function", n, handler) end
  local r = t_pack(pcall(f, select(3, ...)))
  if r[1] then return t_unpack(r, 1, r.n) end
  -- As in Lua, an error in the handler is handled by the handler again, until it gives up.
  local e = r[2]
  for _ = 1, 200 do
    local ok, h = pcall(handler, e)
    if ok then return false, h end
    e = h
  end
  return false, "error in error handling"
end

-- warn: warnings are off in stock lua5.4 until "@on"; rules have no console, so they stay off
-- (the arguments are still checked as Lua checks them).
local function sandbox_warn(...)
  local n = select("#", ...)
  if n == 0 then type_error(1, "warn", "string", 0, nil) end
  for i = 1, n do
    local v = select(i, ...)
    if type(v) ~= "string" and type(v) ~= "number" then type_error(i, "warn", "string", n, v) end
  end
end

local GC_OPTIONS = { collect = true, isrunning = true }
local GC_REFUSED = { stop = true, restart = true, incremental = true, generational = true, setpause = true,
                     setstepmul = true }
local function sandbox_collectgarbage(opt, ...)
  if opt == nil then opt = "collect" end
  if not GC_OPTIONS[opt] then
    if opt == "count" or opt == "step" then
      error("collectgarbage('" .. opt .. "') is not available in rules: the heap holds what earlier calls left, "
        .. "so a result that depended on it would depend on them", 2)
    end
    if GC_REFUSED[opt] then
      error("collectgarbage('" .. key_text(opt) .. "') is not available in rules: the host manages the collector", 2)
    end
    if type(opt) ~= "string" then type_error(1, "collectgarbage", "string", 1, opt) end
    argument_error(1, "collectgarbage", "invalid option '" .. opt .. "'")
  end
  return collectgarbage(opt, ...)
end

-- math.randomseed() with no argument seeds from the call's own seed, never from the clock.
local call_seed = 0
local function sandbox_randomseed(...)
  if select("#", ...) == 0 then return math_randomseed(call_seed) end
  return math_randomseed(...)
end

-- Lua's parser is quadratic on long `or` chains and runs in C: bound what rules may load.
local MAX_LOAD_BYTES = 64 * 1024

local function sandbox_load(chunk, chunkname, mode, env)
  if type(chunk) == "function" then
    -- the reader runs behind a C boundary (it cannot yield, as in Lua), and an error it raises
    -- becomes load's answer, as in Lua
    local pieces, reader = {}, chunk
    while true do
      local ok, piece = pcall(ccall, reader)
      if not ok then return nil, piece end
      if piece == nil or piece == "" then break end
      if type(piece) ~= "string" then return nil, where(2) .. "reader function must return a string" end
      pieces[#pieces + 1] = piece
    end
    chunk = t_concat(pieces)
    if chunkname == nil then chunkname = "=(load)" end
  end
  if type(chunk) == "string" then
    if s_byte(chunk, 1) == 27 then
      return nil, "attempt to load a binary chunk (binary chunks are not available in rules)"
    end
    if type(mode) == "string" and not s_find(mode, "t", 1, true) then
      return nil, "attempt to load a text chunk (mode is '" .. mode .. "')"
    end
    if #chunk > MAX_LOAD_BYTES then
      return nil, "load: chunk of " .. #chunk .. " bytes; rules may load at most " .. MAX_LOAD_BYTES
        .. " bytes (Lua's parser cannot be interrupted)"
    end
  end
  if chunkname == nil and type(chunk) == "string" then chunkname = chunk end
  if type(chunkname) == "string" and (s_sub(chunkname, 1, 9) == "=(sandbox" or s_sub(chunkname, 1, 9) == "@(sandbox") then
    chunkname = "=(load)" -- the sandbox's own chunk names are reserved
  end
  return load(chunk, chunkname, "t", env)
end

---------------------------------------------------------------------------------------------
-- Coroutines
---------------------------------------------------------------------------------------------
-- After a stop, no coroutine is resumed again: each would otherwise run until its own next
-- hook, and nested loops that restart failed coroutines would multiply that work. A coroutine
-- created while a module loads belongs to that load: resuming it later would carry its stack
-- (its locals, where it stopped) from one call to the next.
local LOAD_THREADS = plain_setmetatable({}, { __mode = "k" })
local load_stack = {}    -- ids of the modules being loaded, innermost last
local loading_ids = {}   -- the same ids, as a set
local next_load_id = 0

local function check_running(co)
  if host.stopped() then error("stopped by the sandbox", 3) end
  local owner = LOAD_THREADS[co]
  if owner ~= nil and not loading_ids[owner] then
    violate("a coroutine created while a module was loading cannot be resumed afterwards: it would carry "
      .. "state from one call to the next; create coroutines inside the call that uses them", 3)
  end
end

local function mark_thread(co)
  local depth = #load_stack
  if depth > 0 then LOAD_THREADS[co] = load_stack[depth] end
  return co
end

local function guarded_create(...)
  local f = ...
  if type(f) ~= "function" then type_error(1, "coroutine.create", "function", select("#", ...), f) end
  host.exact_only() -- a fast crossing watches the main thread only: run this call again exactly
  return mark_thread(co_create(f))
end

local function guarded_resume(...)
  local co = ...
  if type(co) ~= "thread" then type_error(1, "coroutine.resume", "thread", select("#", ...), co) end
  check_running(co)
  return co_resume(...)
end

local function guarded_wrap(...)
  local f = ...
  if type(f) ~= "function" then type_error(1, "coroutine.wrap", "function", select("#", ...), f) end
  host.exact_only()
  local co = mark_thread(co_create(f))
  return function(...)
    check_running(co)
    local r = t_pack(co_resume(co, ...))
    if r[1] then return t_unpack(r, 2, r.n) end
    if co_status(co) == "dead" then co_close(co) end
    local e = r[2]
    if type(e) == "string" then error(where(2) .. e, 0) end -- as Lua's wrap: the caller's place first
    error(e, 0)
  end
end

-- Pattern matching in C (clua_patterns.c): Lua's answers and messages, every unit of matching
-- work charged to the budget; a gmatch iterator used in a call other than its own is a violation.
local patterns = host.patterns(violate)
string.find, string.match, string.gmatch, string.gsub = patterns.find, patterns.match, patterns.gmatch, patterns.gsub
string.dump = nil
coroutine.create, coroutine.resume, coroutine.wrap = guarded_create, guarded_resume, guarded_wrap
math.randomseed = sandbox_randomseed

-- The string metatable serves method calls ("x"):upper(): hide it and its table.
local string_mt = raw_getmetatable("")
string_mt.__metatable = "string"
plain_setmetatable(string, {
  __index = function(_, k)
    if k == "dump" then violate("string.dump is not available in rules", 2) end
  end,
})

---------------------------------------------------------------------------------------------
-- Freezing what a module can reach once it has loaded
---------------------------------------------------------------------------------------------
local SKIP = plain_setmetatable({}, { __mode = "k" }) -- the host's own tables: never frozen

local function frozen_newindex(t, k)
  frozen_violation(t, k)
end

-- Moves t's contents behind a protected metatable: t keeps its identity, holds nothing itself
-- and reads as before; its keys are listed as ordered_keys lists them. In C (shim.h,
-- clua_freeze_table): in Lua it was a third of a framework's load.
local freeze_table = host.freeze_kit(HOST, MARK, TARGET, FROZEN, PROTECTED, NO_METATABLE,
                                     frozen_newindex, view_len, view_pairs)

-- Everything reachable from a value, for freezing: tables (their keys, values and metatables),
-- functions' upvalues, and each function defined in rule code checked, once per distinct
-- bytecode, for assignments to variables that outlive a call. In C (shim.h, clua_freeze_reach):
-- it returns the first such assignment (source, line, name), or nothing. Checked per dump, not
-- per chunk name and lines: load() lets a module give two different functions the same name
-- and lines.
local reach = host.reach_kit(SKIP, MARK, HOST, PROTECTED, s_dump, host.upvalue_writes)

local function freeze_module(value, env)
  local seen, checked, tables = {}, {}, {}
  local source, line, name = reach(value, seen, checked, tables)
  if source == nil then source, line, name = reach(env, seen, checked, tables) end
  if source ~= nil then
    violate("assignment to '" .. name .. "', a variable that outlives one call "
      .. "(declared outside the function that assigns it): rule state must live in the call, so make it "
      .. "a local of that function, or compute it once while the module loads", 3, source, line)
  end
  for i = 1, #tables do freeze_table(tables[i]) end
end

---------------------------------------------------------------------------------------------
-- The environment rule code sees
---------------------------------------------------------------------------------------------
local REMOVED = {
  io = "the io library", os = "the os library", debug = "the debug library",
  package = "the package library", dofile = "dofile", loadfile = "loadfile",
}

local loaded, loading = {}, {}

local base = {
  assert = assert, error = error, getmetatable = sandbox_getmetatable, ipairs = ipairs,
  next = sandbox_next, pairs = sandbox_pairs, pcall = pcall, print = sandbox_print, rawequal = rawequal, warn = sandbox_warn,
  rawget = sandbox_rawget, rawlen = sandbox_rawlen, rawset = sandbox_rawset, select = charged_select,
  setmetatable = sandbox_setmetatable, tonumber = charged_tonumber, tostring = sandbox_tostring,
  type = type, xpcall = sandbox_xpcall, collectgarbage = sandbox_collectgarbage,
  _VERSION = _VERSION, null = null,
  string = library_view(string), table = library_view(table), math = library_view(math),
  utf8 = library_view(utf8), coroutine = library_view(coroutine),
}
local LIBRARIES = { string = base.string, table = base.table, math = base.math, utf8 = base.utf8,
                    coroutine = base.coroutine }
plain_setmetatable(base, {
  __index = function(_, k)
    local what = REMOVED[k]
    if what then violate(what .. " is not available in rules", 2) end
  end,
  __metatable = "sandbox", [HOST] = PROTECTED,
})
SKIP[base] = true
for _, view in next, LIBRARIES do SKIP[view] = true end

-- pairs(_G) lists the environment's own globals and the sandbox's, in sorted order.
local function env_pairs(env)
  local own = is_view(env) and target_of(env) or env
  local names = {}
  for k in next, own do names[k] = true end
  for k in next, base do names[k] = true end
  return pairs_index(env, names)
end

local ENV_MT = { __index = base, __pairs = env_pairs, __metatable = "sandbox", [HOST] = PROTECTED }
SKIP[ENV_MT] = true

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
SKIP[sandbox_info] = true

-- The engine's entry points: host modules register them here; host chunks (never rule code)
-- find them as `sandbox_internal` in their environment.
local internals = {}
SKIP[internals] = true

-- A frozen module environment's reads in one step. Frozen, the environment reads through its
-- contents (the module's own globals), whose misses go on to the sandbox's globals: three
-- tables for every `type` or `ipairs` a rule names. Now it reads through one table that holds
-- the sandbox's globals with the module's own over them, and base's metatable (a removed library
-- is still a violation): the same value for every name, in one lookup. rawget, rawlen and pairs
-- still see the module's own globals (the frozen table's target), and neither part can change
-- once the module is frozen (base is complete before any module loads).
local BASE_MT = raw_getmetatable(base)
local function globals_in_one_step(env)
  local mt = raw_getmetatable(env)
  if mt == nil or not rawget(mt, FROZEN) then return end
  local globals = {}
  for k, v in next, base do globals[k] = v end
  for k, v in next, rawget(mt, TARGET) do globals[k] = v end
  plain_setmetatable(globals, BASE_MT)
  SKIP[globals] = true
  rawset(mt, "__index", globals)
end

-- require "a.b" reads <root>/a/b.lua through the host; modules get an environment of their own,
-- are cached for the life of the state, and are frozen once loaded. Rule code calls it through
-- a C function (`host.entry`, below), so that a module ending in `return require(...)` keeps its
-- frame and an error about that require points at the module's line: the caller is therefore
-- three levels up from here (this function, the C entry, the caller).
local function sandbox_require(...)
  local name = ...
  if type(name) == "number" then name = tostring(name) end -- as luaL_checkstring converts it
  if type(name) ~= "string" then type_error(1, "require", "string", select("#", ...), name, 3) end
  local value = loaded[name]
  if value ~= nil then return value end
  local library = LIBRARIES[name]
  if library ~= nil then return library end
  if REMOVED[name] then violate(REMOVED[name] .. " is not available in rules", 3) end
  if #name > 200 or not s_find(name, "^[%w_%-]+$") and not s_find(name, "^[%w_%-][%w_%.%-]*[%w_%-]$")
     or s_find(name, "..", 1, true) then
    violate("require: '" .. name .. "' is not a module name (use dotted names such as \"lib.text\", not paths)", 3)
  end
  if loading[name] then error("require: module '" .. name .. "' requires itself", 3) end
  local source, chunkname, privileged, binary = host.load_module(name)
  if source == nil then error(chunkname, 3) end
  local env = new_env()
  if privileged then
    env.sandbox_info = sandbox_info
    env.sandbox_internal = internals
  end
  -- (binary: the file's text compiled by the host ahead of time, ModulePrecompiler)
  -- (through pcall: Lua's parser runs under the message handler of the call around it, which
  -- would give an error the parser raises as a runtime error — Lua out of C stack, modules
  -- nested too deep — a traceback and a place in the sandbox; under pcall it has neither, and
  -- error() below places it at the require that went too deep)
  local parsed, fn, err = pcall(load, source, chunkname, binary and "b" or "t", env)
  if not parsed then fn, err = nil, fn end
  if not fn then
    -- a syntax error: its place is in the module's file, which only the parser's message names
    host.locate(err, chunkname, tonumber(s_match(err, ":(%d+):") or ""))
    error(err, 0)
  end
  next_load_id = next_load_id + 1
  local id = next_load_id
  loading[name] = true
  load_stack[#load_stack + 1] = id
  loading_ids[id] = true
  value = fn(name) -- an error leaves the load marks behind: begin_call clears them for the next call
  loading_ids[id] = nil
  load_stack[#load_stack] = nil
  loading[name] = nil
  if value == nil then value = true end
  -- What a module returns is shared by every later call: freeze all it can reach, so that no
  -- call can change what another gets.
  freeze_module(value, env)
  globals_in_one_step(env)
  loaded[name] = value
  return value
end
base.require = host.entry(sandbox_require)

-- Drop the libraries rule code must never reach from the real globals as well.
_G.debug, _G.dofile, _G.loadfile = nil, nil, nil

local function begin_call(seed, privileged)
  loading = {}
  load_stack, loading_ids = {}, {}
  call_seed = seed
  math_randomseed(seed)
  local env = new_env()
  if privileged then env.sandbox_internal = internals end
  return env
end

--- For host modules: a function that gives a table the metatable `mt` as it is (the sandbox's
--- setmetatable installs a copy per table). With `protected`, `mt` becomes the host's (the
--- engine's traced case views): rule code can neither change it (setmetatable) nor write past
--- it (rawset); both are violations, as for the sandbox's own read-only views.
function internals.metatable_setter(mt, protected)
  if protected then
    rawset(mt, HOST, PROTECTED)
    rawset(mt, HOST_VIEW, true)
  end
  return function(t) return raw_setmetatable(t, mt) end
end

-- For host code that runs several rule calls in one crossing (the engine evaluates a case's
-- indicators this way): what begin_call resets for each call, with fresh budgets from the host.
-- The environment is not renewed: rule functions run in their modules' environments.
function internals.next_call()
  -- (kept when empty, as they are unless a module failed to load in the call before)
  if next(loading) ~= nil then loading = {} end
  if load_stack[1] ~= nil or next(loading_ids) ~= nil then load_stack, loading_ids = {}, {} end
  math_randomseed(call_seed)
  host.next_call()
end

-- A rule call of a crossing, protected as the host protects a call: its error (message and
-- innermost rule frames) recorded by the host's message handler, so that the host describes it
-- exactly as it would describe the same error ending a call of its own (shim.h: clua_try).
internals.try = host.try

-- The engine's traced case views, read and recorded in C (shim.h: clua_view_index, clua_path_steps),
-- into the buffer of reads trace_kit keeps (clua_trace_kit).
internals.view_index, internals.path_steps, internals.trace_kit = host.view_index, host.path_steps, host.trace_kit

-- pairs over v, a view the host keeps over t (the engine's traced case views), whose state is
-- `state` ({ t, path, ... }, kept by the engine for one crossing): t's keys as pairs lists them,
-- each value read as v[k], through v. A plain t's keys are listed once and kept in the state, each
-- pairs charged as the first (shim.h: clua_pairs_view, clua_pairs_list).
function internals.pairs_through(v, t, state)
  local mt = raw_getmetatable(t)
  if mt == nil then return pairs_view(v, state) end
  local keys = sealed_keys(t, mt)
  if keys == true then return pairs_list(v, v, rawlen(target_of(t)), false) end
  if keys ~= nil then return pairs_list(v, v, keys, false) end
  local f, s, k0 = sandbox_pairs(t) -- a table with a metatable of its own: as pairs lists it
  return function(_, k)
    local nk = f(s, k)
    if nk == nil then return nil end
    return nk, v[nk]
  end, v, k0
end

-- What the host needs to build read-only views in C, the same way seal() does.
local view_kit = { newindex = view_newindex, len = view_len, pairs = view_pairs, host = HOST, protected = PROTECTED }

return begin_call, view_kit
"""#
}
