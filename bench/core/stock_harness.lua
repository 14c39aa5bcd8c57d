-- The floor of a framework's rules: the rules and the engine's own Lua (its context, ctx.cited,
-- paths) run by stock lua5.4 with no host and no sandbox: no read-only or traced views (rules
-- read the case's plain tables), no frozen modules, no budgets, nothing read back or written.
-- What is left is the rules' own work in Lua: a host adds to it, short of doing that work in C.
--
--   lua5.4 bench/core/stock_harness.lua RULES FRAMEWORK_ID ENGINE_LIBRARY.swift CASES.jsonl [ROUNDS]
--
-- CASES.jsonl holds one case per line, as the host hands it to the rules (bench/core/cases_to_jsonl.py
-- writes it from YAML). Prints one line per case with its indicators' levels (for comparison with
-- mecigep's), then `load_s`, `cases`, `rounds` and `cpu_s` (os.clock over ROUNDS passes over the
-- cases, after one pass not timed).
local cjson = require "cjson"

local rules, framework_id, library_file, cases_file, rounds = arg[1], arg[2], arg[3], arg[4], tonumber(arg[5] or "3")
if not cases_file then
  io.stderr:write("usage: lua5.4 stock_harness.lua RULES FRAMEWORK_ID ENGINE_LIBRARY.swift CASES.jsonl [ROUNDS]\n")
  os.exit(2)
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- The engine library's Lua, as the host embeds it (EngineLibrary.swift: between #""" and """#).
local swift = read(library_file)
local from = assert(string.find(swift, '#"""\n', 1, true), "no #\"\"\" in " .. library_file)
local to = assert(string.find(swift, '\n"""#', from, true), "no \"\"\"# in " .. library_file)
local library = string.sub(swift, from + 5, to)

-- What the library asks of the sandbox, in plain Lua and without tracing.
null = cjson.null

sandbox_info = {
  where = function(level)
    local d = debug.getinfo(level + 1, "Sl")
    if d == nil then return nil, nil end
    return d.source, d.currentline
  end,
  function_source = function(f)
    local d = debug.getinfo(f, "S")
    return d.source, d.linedefined
  end,
}

local function path_steps(path)
  local steps = {}
  for part in string.gmatch(path, "[^.]+") do
    local name = string.match(part, "^[^%[]+")
    if name then steps[#steps + 1] = name end
    for index in string.gmatch(part, "%[(%d+)%]") do steps[#steps + 1] = tonumber(index) end
  end
  return steps
end

sandbox_internal = {
  metatable_setter = function(mt) return function(t) return setmetatable(t, mt) end end,
  view_index = function() return function() return nil end end,
  pairs_through = function(_, t) return next, t, nil end,
  path_steps = path_steps,
  trace_kit = function()
    return { record = function() end, begin = function() return 0 end, mark = function() return 0 end,
             reset = function() end }
  end,
  next_call = function() end,
  try = function(f, ...) return pcall(f, ...) end,
}

-- The rules read the case itself, not views of it.
local patched, n = string.gsub(library, 'local view = traced%(case, ""%)', "local view = case")
assert(n == 1, "the engine library changed: its crossing no longer makes `local view = traced(case, \"\")`")
local engine = assert(load(patched, "=(engine library)"))()
package.preload["mecigep"] = function() return engine end
package.path = rules .. "/?.lua;" .. package.path

local clock = os.clock
local t0 = clock()
local def = require("frameworks." .. framework_id .. ".framework")
local described = sandbox_internal.describe(def)
local ids = {}
for _, criterion in ipairs(described.criteria) do
  for _, indicator in ipairs(criterion.indicators) do ids[#ids + 1] = indicator.id end
end
local load_s = clock() - t0

-- lua-cjson reads every number as a float; the host reads whole numbers as integers.
local function integers(v)
  if type(v) == "table" then
    for k, x in pairs(v) do v[k] = integers(x) end
  elseif math.type(v) == "float" then
    return math.tointeger(v) or v
  end
  return v
end

local cases = {}
for line in io.lines(cases_file) do
  if line ~= "" then cases[#cases + 1] = integers(cjson.decode(line)) end
end

local evaluate_case = sandbox_internal.evaluate_case
local function pass(report)
  for c, case in ipairs(cases) do
    local out = evaluate_case(framework_id, ids, case)
    if report then
      local levels = {}
      for i, id in ipairs(ids) do
        local r = out.results[i]
        levels[#levels + 1] = id .. "=" .. tostring(r and (r.level or r.status) or "stopped")
      end
      print("case " .. c .. " " .. table.concat(levels, " "))
    end
  end
end

pass(true)
collectgarbage()
local t1 = clock()
for _ = 1, rounds do pass(false) end
local cpu = clock() - t1
print(string.format("load_s %.4f", load_s))
print("cases " .. #cases)
print("rounds " .. rounds)
print(string.format("cpu_s %.4f", cpu))
