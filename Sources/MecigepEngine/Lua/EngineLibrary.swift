/// The rule API, `require "mecigep"`: constructors for frameworks, criteria, indicators and
/// scales, and the context indicators receive. It is a built-in module of the runtime (the
/// host's own Lua), so it can record where rule code declared things. The entry points the
/// engine calls (describe, evaluate, aggregate) are registered in `sandbox_internal`, which
/// only the host's own chunks see: rule code cannot reach them by any path.
enum EngineLibrary {
    static let moduleName = "mecigep"

    static let lua: String = #"""
local M = {}

local info = sandbox_info

local LANGUAGES = { "en", "es", "pt", "fr" }
M.languages = LANGUAGES

---------------------------------------------------------------------------------------------
-- Declarations: each constructor returns its table, marked with its kind and where it was made.
---------------------------------------------------------------------------------------------
local function declare(kind, def)
  if type(def) ~= "table" then
    error("mecigep." .. kind .. " expects a table: mecigep." .. kind .. " { id = ..., ... }", 3)
  end
  local source, line = info.where(3)
  -- `return m.framework { ... }` is a tail call: the rule's own frame is gone, and the caller
  -- found is the sandbox's require. The loader then names the entry file, without a line.
  if type(source) == "string" and string.sub(source, 1, 9) == "=(sandbox" then source, line = nil, nil end
  def.__kind, def.__source, def.__line = kind, source, line
  return def
end

-- (The parentheses keep these from being tail calls, so declare sees the rule's frame.)
function M.framework(def) return (declare("framework", def)) end
function M.criterion(def) return (declare("criterion", def)) end
function M.indicator(def) return (declare("indicator", def)) end
function M.scale(def) return (declare("scale", def)) end

M.scales = {
  maturity = {
    __kind = "scale", id = "maturity", kind = "numeric",
    levels = {
      { id = 0, label = { en = "Absent", es = "Ausente", pt = "Ausente", fr = "Absent" } },
      { id = 1, label = { en = "Stated", es = "Enunciado", pt = "Enunciado", fr = "Énoncé" } },
      { id = 2, label = { en = "Partly documented", es = "Parcialmente documentado",
                          pt = "Parcialmente documentado", fr = "Partiellement documenté" } },
      { id = 3, label = { en = "Documented and resourced", es = "Documentado y con recursos",
                          pt = "Documentado e com recursos", fr = "Documenté et doté de moyens" } },
      { id = 4, label = { en = "Anchored in law, budget or institution", es = "Anclado en ley, presupuesto o institución",
                          pt = "Ancorado em lei, orçamento ou instituição", fr = "Ancré dans la loi, le budget ou une institution" } },
    },
  },
  pefa = {
    __kind = "scale", id = "pefa", kind = "letter", plus = true,
    levels = {
      { id = "D", score = 1, label = { en = "D: below basic", es = "D: por debajo del nivel básico",
                                       pt = "D: abaixo do nível básico", fr = "D : en dessous du niveau de base" } },
      { id = "C", score = 2, label = { en = "C: basic", es = "C: básico", pt = "C: básico", fr = "C : de base" } },
      { id = "B", score = 3, label = { en = "B: sound", es = "B: sólido", pt = "B: sólido", fr = "B : solide" } },
      { id = "A", score = 4, label = { en = "A: good international practice", es = "A: buena práctica internacional",
                                       pt = "A: boa prática internacional", fr = "A : bonne pratique internationale" } },
    },
  },
}

--- Linear interpolation through points {{x1, y1}, {x2, y2}, ...} (x ascending), flat outside.
function M.piecewise(x, points)
  if type(x) ~= "number" then return nil end
  local n = #points
  if n == 0 then return nil end
  if x <= points[1][1] then return points[1][2] end
  if x >= points[n][1] then return points[n][2] end
  for i = 2, n do
    local x0, y0, x1, y1 = points[i - 1][1], points[i - 1][2], points[i][1], points[i][2]
    if x <= x1 then
      if x1 == x0 then return y1 end
      return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    end
  end
  return points[n][2]
end

---------------------------------------------------------------------------------------------
-- Paths into a case: "problem.baseline.year", "fiscal.costing[2].amount" (1-based).
---------------------------------------------------------------------------------------------
local function path_join(path, key)
  if type(key) == "number" then return path .. "[" .. key .. "]" end
  if path == "" then return tostring(key) end
  return path .. "." .. tostring(key)
end
M.path_join = path_join

local c_path_steps = sandbox_internal.path_steps

local function path_steps(path)
  if type(path) == "string" then return c_path_steps(path) end -- the same steps, without patterns
  local steps = {}
  for part in string.gmatch(path, "[^%.]+") do
    local name, rest = string.match(part, "^([^%[]*)(.*)$")
    if name ~= "" then steps[#steps + 1] = name end
    for index in string.gmatch(rest, "%[(%d+)%]") do steps[#steps + 1] = tonumber(index) end
  end
  return steps
end

--- The value at path in v, or nil.
function M.get(v, path)
  for _, step in ipairs(path_steps(path)) do
    if type(v) ~= "table" then return nil end
    v = v[step]
  end
  if v == null then return nil end
  return v
end

--- Whether path holds something: not nil, not null, not blank text, not an empty list.
function M.present(v, path)
  local x = M.get(v, path)
  if x == nil then return false end
  if type(x) == "string" then return string.find(x, "%S") ~= nil end
  if type(x) == "table" then
    -- pairs, not next: the case is a read-only view, and next sees an empty proxy
    for _ in pairs(x) do return true end
    return false
  end
  return true
end

---------------------------------------------------------------------------------------------
-- Composition: a framework that extends another.
---------------------------------------------------------------------------------------------
local function shallow_copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

--- extend(base_id, changes): the base framework's criteria and indicators, with changes:
--- id, version, title... (replace the base's), skip = { ids }, replace = { [id] = indicator },
--- weights = { [criterion or indicator id] = w }, add = { [criterion id] = { indicators } },
--- criteria = { new criteria appended }, base_versions = "^2.0.0" (the base versions it accepts).
function M.extend(base_id, changes)
  if type(base_id) ~= "string" then error("mecigep.extend expects the base framework's id first", 2) end
  if type(changes) ~= "table" then error("mecigep.extend expects a table of changes second", 2) end
  local source, line = info.where(2)
  if type(source) == "string" and string.sub(source, 1, 9) == "=(sandbox" then source, line = nil, nil end
  local base = require("frameworks." .. base_id .. ".framework")
  local def = { __kind = "framework", __source = source, __line = line, __problems = {} }
  for k, v in pairs(base) do
    if k ~= "criteria" and string.sub(k, 1, 2) ~= "__" then def[k] = v end
  end
  for k, v in pairs(changes) do
    if k ~= "skip" and k ~= "replace" and k ~= "weights" and k ~= "add" and k ~= "criteria"
        and k ~= "base_versions" then def[k] = v end
  end
  def.extends = { id = base.id, version = base.version, range = changes.base_versions }
  local skip, replace, weights, add = {}, changes.replace or {}, changes.weights or {}, changes.add or {}
  for _, id in ipairs(changes.skip or {}) do skip[id] = true end
  local used = {}
  def.criteria = {}
  for _, criterion in ipairs(base.criteria or {}) do
    if skip[criterion.id] then
      used[criterion.id] = true
    else
      local c = shallow_copy(criterion)
      if weights[c.id] ~= nil then c.weight = weights[c.id]; used[c.id] = true end
      c.indicators = {}
      for _, indicator in ipairs(criterion.indicators or {}) do
        local id = indicator.id
        if skip[id] then
          used[id] = true
        else
          local ind = indicator
          if replace[id] ~= nil then ind = replace[id]; used[id] = true end
          if weights[id] ~= nil then
            ind = shallow_copy(ind)
            ind.weight = weights[id]
            used[id] = true
          end
          c.indicators[#c.indicators + 1] = ind
        end
      end
      for _, ind in ipairs(add[c.id] or {}) do c.indicators[#c.indicators + 1] = ind end
      if add[c.id] ~= nil then used[c.id] = true end
      def.criteria[#def.criteria + 1] = c
    end
  end
  for _, criterion in ipairs(changes.criteria or {}) do def.criteria[#def.criteria + 1] = criterion end
  local function check(kind, map)
    local ids = {}
    for id in pairs(map) do ids[#ids + 1] = tostring(id) end
    table.sort(ids)
    for _, id in ipairs(ids) do
      if not used[id] then
        def.__problems[#def.__problems + 1] =
          kind .. " names '" .. id .. "', which is not in framework '" .. tostring(base.id) .. "'"
      end
    end
  end
  check("skip", skip)
  check("replace", replace)
  check("weights", weights)
  check("add", add)
  return def
end

---------------------------------------------------------------------------------------------
-- What the engine reads of a framework: plain data, functions kept here by id.
---------------------------------------------------------------------------------------------
local registry = {}

local function plain(v, depth)
  local t = type(v)
  if t == "nil" or t == "boolean" or t == "number" or t == "string" or v == null then return v end
  if t ~= "table" then return "<" .. t .. ">" end
  if depth > 12 then return "<too deep>" end
  local out = {}
  for k, x in pairs(v) do
    local tk = type(k)
    if (tk == "string" and string.sub(k, 1, 2) ~= "__") or tk == "number" then
      out[k] = plain(x, depth + 1)
    end
  end
  return out
end

local function position(def)
  local source = def.__source
  if type(source) == "string" then source = string.gsub(source, "^[@=]", "") end
  return source, def.__line
end

local function function_position(f)
  local source, line = info.function_source(f)
  if source == nil then return nil, nil end
  return (string.gsub(source, "^[@=]", "")), line
end

local INDICATOR_FIELDS = { "id", "title", "question", "weight", "reads", "requires", "references",
  "levels", "guidance" }
local CRITERION_FIELDS = { "id", "title", "description", "weight", "aggregation", "references" }
local FRAMEWORK_FIELDS = { "id", "version", "title", "description", "languages", "scale", "aggregation",
  "insufficient", "fields", "extends", "references", "max_items", "schema", "placeholders", "weaknesses" }

local function keys_as_text(v)
  if type(v) ~= "table" then return plain(v, 0) end
  local out = {}
  for k, x in pairs(v) do out[tostring(k)] = plain(x, 1) end
  return out
end

local function copy_fields(def, names, out)
  for _, name in ipairs(names) do
    local v = def[name]
    if type(v) == "function" then out[name] = { method = "lua" }
    elseif name == "levels" or name == "table" then out[name] = keys_as_text(v)
    else out[name] = plain(v, 0) end
  end
  out.kind = def.__kind
  out.source, out.line = position(def)
  return out
end

--- The framework as plain data; registers its functions under its id.
local function describe(def)
  if type(def) ~= "table" then
    return { problems = { "the framework file must return mecigep.framework { ... } (it returned a " .. type(def) .. ")" } }
  end
  local entry = { indicators = {}, aggregations = {}, def = def, criterion_of = {} }
  local out = copy_fields(def, FRAMEWORK_FIELDS, {})
  if type(def.aggregation) == "function" then entry.aggregations[""] = def.aggregation end
  out.problems = plain(def.__problems or {}, 0)
  out.criteria = {}
  local criteria = def.criteria
  if type(criteria) ~= "table" then criteria = {} end
  for ci, criterion in ipairs(criteria) do
    if type(criterion) ~= "table" then
      out.criteria[ci] = { kind = type(criterion) }
    else
      local c = copy_fields(criterion, CRITERION_FIELDS, {})
      if type(criterion.aggregation) == "function" and type(criterion.id) == "string" then
        entry.aggregations[criterion.id] = criterion.aggregation
      end
      c.indicators = {}
      local indicators = criterion.indicators
      if type(indicators) ~= "table" then indicators = {} end
      for ii, indicator in ipairs(indicators) do
        if type(indicator) ~= "table" then
          c.indicators[ii] = { kind = type(indicator) }
        else
          local d = copy_fields(indicator, INDICATOR_FIELDS, {})
          d.evaluate = type(indicator.evaluate) == "function"
          if d.evaluate then d.evaluate_source, d.evaluate_line = function_position(indicator.evaluate) end
          if type(indicator.id) == "string" then
            entry.indicators[indicator.id] = indicator
            entry.criterion_of[indicator.id] = type(criterion.id) == "string" and criterion.id or nil
          end
          c.indicators[ii] = d
        end
      end
      out.criteria[ci] = c
    end
  end
  if type(def.id) == "string" then registry[def.id] = entry end
  return out
end

---------------------------------------------------------------------------------------------
-- Evaluating one indicator
---------------------------------------------------------------------------------------------
-- A trace: what one call read and checked. Its reads (each path once, with what it found) go to
-- one buffer for the crossing, kept in C (shim.h: clua_trace_buffer), which the host reads after
-- the call without copying Lua tables: a call's reads are the bytes between the buffer's mark
-- when it starts (`from`, given by the kit's begin, which also has each path recorded once in
-- the call) and when it ends. `engine` lists the paths the engine read on the rule's behalf
-- (ctx.cited). (`conditions` and `engine` are made when first needed: most calls read a few
-- fields and check nothing.)
-- The constructor names the fields a call fills (nil until then) so that the table is made with
-- room for them: filled one by one from empty it was rehashed three or four times a call.
local function new_trace(from)
  return { from = from, view = nil, raw = nil, ctx = nil, entry = nil, indicator = nil, conditions = nil,
           engine = nil }
end

-- A view of the case that records every field read, into the trace of the call running
-- (`current`). One metatable serves every view; each view's state (the table it shows, its path,
-- its fields' paths, the views made of its fields) is kept by the engine, out of reach of rule
-- code. A case's views are made once per crossing and shared by its indicators (each read is
-- still recorded in the trace of the call that makes it); views never outlive their crossing.
-- The metatable is the host's: rule code can neither change it nor write past it (`rawset`),
-- so no call can leave anything in a view for the next. The tables a view shows are the case's
-- own, plain (the host prepares the case with readOnly = false): they never reach rule code,
-- which only ever gets views (a field that is a table is read as its view; `pairs` gives values
-- read through the view), and the engine's own walks (requires, ctx.cited) only read them.
local VIEW = {}
local VIEW_MT = { __metatable = "case" }
local as_view = sandbox_internal.metatable_setter(VIEW_MT, true)

-- The call being evaluated (its trace, which also holds its context, case view and raw case):
-- the views and the context functions below act on it. One set of functions serves every call
-- instead of closures made per call. Rule code cannot keep a context function past its call
-- (it keeps no state between calls), so the call that runs one is always `current`.
local current = nil

local function traced(v, path)
  if type(v) ~= "table" then return v end
  local proxy = as_view({})
  VIEW[proxy] = { v, path }
  return proxy
end

-- What the views' __index reads: VIEW (BOX[1]) and the trace of the call running (BOX[2]); BOX[3]
-- is the buffer of reads (made by the first read).
local BOX = { VIEW, nil }
local TRACE = sandbox_internal.trace_kit(BOX)
-- A read the engine makes for a rule, recorded as the views record theirs (each path once a call).
local record, trace_begin, trace_mark, trace_reset = TRACE.record, TRACE.begin, TRACE.mark, TRACE.reset

-- A read: the field (a view of it when it is a table), recorded in the running call's trace as
-- record() does, at the field's path (path_join of the view's path and the key). The path is
-- kept for the next read of the field (by any indicator of the case), for string and integer
-- keys only, so that a read by 1.0 is still written as it was made. The field's view is made
-- once and kept in the view's state. In C (shim.h: clua_view_read), where every read costs a
-- fraction of what this function cost in Lua.
VIEW_MT.__index = sandbox_internal.view_index(BOX, VIEW_MT)
local pairs_through = sandbox_internal.pairs_through
VIEW_MT.__len = function(proxy) return #VIEW[proxy][1] end
-- pairs: the case table's keys in the sandbox's order, each value read through the view (so
-- recorded); listed once a crossing and kept in the view's state (every pairs charged alike)
VIEW_MT.__pairs = function(proxy)
  local state = VIEW[proxy]
  return pairs_through(proxy, state[1], state)
end
VIEW_MT.__newindex = function(proxy, key)
  error("the case is read-only (field '" .. path_join(VIEW[proxy][2], key) .. "')", 2)
end

local RESULT = {} -- marks values made by ctx.level / ctx.insufficient

local function as_list(v)
  if v == nil then return {} end
  if type(v) == "table" then return v end
  return { v }
end

--- The documents of the case's register (documents[].id) cited under `paths`: any field
--- `document: id` or `documents: [ids]` at any depth. Walks the case itself, so that only the
--- citations found (and the register's ids) are recorded as reads, not every field walked.
local function cited(case, paths, trace)
  local function engine_read(path, value)
    record(path, value)
    local engine = trace.engine
    if engine == nil then engine = {}; trace.engine = engine end
    engine[#engine + 1] = path
  end
  local register = {}
  local docs = type(case) == "table" and case.documents or nil
  if type(docs) == "table" then
    for i, d in ipairs(docs) do
      if type(d) == "table" and type(d.id) == "string" then
        register[d.id] = true
        engine_read("documents[" .. i .. "].id", d.id)
      end
    end
  end
  local found, out = {}, {}
  local function walk(v, path, depth)
    if type(v) ~= "table" or depth > 8 then return end
    for k, x in pairs(v) do
      -- (a field's path is made only for what is recorded or walked into: most fields are text)
      if k == "document" and type(x) == "string" then
        engine_read(path_join(path, k), x)
        if register[x] then found[x] = true end
      elseif k == "documents" and type(x) == "table" then
        local p = path_join(path, k)
        for i, id in ipairs(x) do
          engine_read(p .. "[" .. i .. "]", id)
          if type(id) == "string" and register[id] then found[id] = true end
        end
      elseif type(x) == "table" and depth < 8 then
        walk(x, path_join(path, k), depth + 1)
      end
    end
  end
  for _, path in ipairs(paths or {}) do
    if path ~= "documents" then walk(M.get(case, path), path, 0) end
  end
  for id in pairs(found) do out[#out + 1] = id end
  table.sort(out)
  return out
end

--- Records a finding: text (string or translations) resting on evidence paths.
local function ctx_finding(text, evidence)
  local ctx = current.ctx
  ctx.findings[#ctx.findings + 1] = { text = text, evidence = as_list(evidence) }
end

--- Records a recommendation: { text =, priority = "high"|"medium"|"low",
--- horizon = "short"|"medium"|"long", owner =, challenge = }.
local function ctx_recommend(r)
  if type(r) ~= "table" then error("ctx.recommend expects a table { text = ..., priority = ... }", 2) end
  local ctx = current.ctx
  ctx.recommendations[#ctx.recommendations + 1] = r
end

--- Records a suggestion for the State, shown by `validate` and never part of the level: what
--- to record where ("your text mentions a pilot; record it under pilots: with dates").
local function ctx_suggest(text, path)
  local ctx = current.ctx
  ctx.suggestions[#ctx.suggestions + 1] = { text = text, path = path }
end

--- Records what the level rests on: "self_declared" (the State's word), "documented"
--- (documents of the case's register cited by id) or "verified" (by the Secretariat or the peers).
local function ctx_basis(kind, documents)
  if kind ~= "self_declared" and kind ~= "documented" and kind ~= "verified" then
    error("ctx.basis expects \"self_declared\", \"documented\" or \"verified\" (got " .. tostring(kind) .. ")", 2)
  end
  local ctx = current.ctx
  ctx.basis_kind, ctx.basis_documents = kind, as_list(documents)
end

--- Records a condition that decided the level, and returns its value.
local function ctx_check(label, value)
  local conditions = current.conditions
  if conditions == nil then conditions = {}; current.conditions = conditions end
  conditions[#conditions + 1] = { label = label, value = value and true or false }
  return value
end

--- The result: a level of the framework's scale.
local function ctx_level(level, note)
  return { [RESULT] = "level", level = level, note = note }
end

--- The result: the case does not say enough; paths name what is missing.
local function ctx_insufficient(paths, reason)
  return { [RESULT] = "insufficient", missing = as_list(paths), note = reason }
end

--- The documents of the case's register cited under the paths (sorted ids).
local function ctx_cited(paths)
  return cited(current.raw, type(paths) == "table" and paths or { paths }, current)
end

--- A field of the case by path (recorded in the trace).
local function ctx_get(path) return M.get(current.view, path) end
local function ctx_present(path) return M.present(current.view, path) end

-- A call's context. Its functions and its fields (the rule's metadata, and the lists it
-- records into) are made when the rule first reads them, through a metatable shared by every
-- context: most calls use one or two of them. The lists it makes are kept in the trace, so that
-- the result leaves them out while they stay empty.
local CONTEXT_FUNCTIONS = {
  finding = ctx_finding, recommend = ctx_recommend, suggest = ctx_suggest, basis = ctx_basis,
  check = ctx_check, level = ctx_level, insufficient = ctx_insufficient, cited = ctx_cited,
  get = ctx_get, present = ctx_present,
}
local CONTEXT_FIELDS = {
  findings = function() return {} end,
  recommendations = function() return {} end,
  suggestions = function() return {} end,
  framework = function(entry) return { id = entry.def.id, version = entry.def.version, title = entry.def.title } end,
  indicator = function(_, indicator)
    return { id = indicator.id, title = indicator.title, question = indicator.question,
             references = indicator.references, reads = indicator.reads, levels = indicator.levels }
  end,
  scale = function(entry) return entry.def.scale end,
  criterion = function(entry, indicator) return { id = entry.criterion_of[indicator.id] } end,
}
local LISTS = { findings = true, recommendations = true, suggestions = true }
local CONTEXT_MT = { __metatable = "context" }
local as_context = sandbox_internal.metatable_setter(CONTEXT_MT, false)
CONTEXT_MT.__index = function(ctx, key)
  local f = CONTEXT_FUNCTIONS[key]
  if f ~= nil then return f end
  local make = CONTEXT_FIELDS[key]
  if make == nil then return nil end
  local trace = current
  if trace.ctx ~= ctx then return nil end -- a context kept past its call (cannot happen: no state)
  local v = make(trace.entry, trace.indicator)
  rawset(ctx, key, v)
  if LISTS[key] then trace[key] = v end -- the list it started with (see `listed`)
  return v
end

local function new_context(entry, indicator, trace)
  local ctx = as_context({})
  trace.ctx, trace.entry, trace.indicator = ctx, entry, indicator
  return ctx
end

--- Whether the case answers a path: anything but absent, null or blank text. An empty list
--- `[]`, `none`, `false` and `0` are answers ("there is none"), so `requires` lets the rule
--- run on them and decide the level; only what the case leaves out is missing information.
local function answered(case, path)
  local x = M.get(case, path)
  if x == nil or x == null then return false end
  if type(x) == "string" then return string.find(x, "%S") ~= nil end
  return true
end

local function missing_paths(case, paths)
  local missing = {}
  for _, p in ipairs(paths or {}) do
    if not answered(case, p) then missing[#missing + 1] = p end
  end
  return missing
end

-- The trace of the last indicator run: when a rule fails, the host asks for it in a call of its
-- own, so that explain still shows what the rule read and checked before it failed.
local last_trace = nil

local function last_trace_of()
  local t = last_trace
  last_trace = nil
  if t == nil then return {} end
  local to = trace_mark()
  return { reads = to > t.from and { t.from, to } or nil, conditions = t.conditions }
end

-- Copies ctx[key] into out unless the rule never made it or it is still the empty list the
-- context made (trace[key]).
local function listed(out, ctx, trace, key)
  local v = rawget(ctx, key)
  if v ~= nil and (not rawequal(v, trace[key]) or next(v) ~= nil) then out[key] = v end
end

-- Runs one indicator on a case seen through `view`; returns plain data.
local function run(framework_id, indicator_id, case, view)
  last_trace = nil -- a failure before the rule runs has no trace: never show another indicator's
  local entry = registry[framework_id]
  if entry == nil then error("framework '" .. tostring(framework_id) .. "' is not loaded", 0) end
  local indicator = entry.indicators[indicator_id]
  if indicator == nil then error("indicator '" .. tostring(indicator_id) .. "' is not in the framework", 0) end
  local requires = indicator.requires
  if requires ~= nil then
    local missing = missing_paths(case, requires)
    if #missing > 0 then
      return { status = "insufficient_information", missing = missing }
    end
  end
  local trace = new_trace(trace_begin())
  last_trace = trace -- kept for the host when the rule fails (see last_trace_of below)
  trace.view, trace.raw = view, case
  current = trace
  BOX[2] = trace
  local ctx = new_context(entry, indicator, trace)
  local result = indicator.evaluate(view, ctx)
  -- empty lists are left out (the host reads absent as empty); a list the rule replaced is kept.
  -- (The fields named, nil until set, give the table room for what a result usually holds.)
  local out = { status = nil, level = nil, note = nil, reads = nil, conditions = nil, findings = nil,
                recommendations = nil, engine_reads = nil }
  listed(out, ctx, trace, "findings")
  listed(out, ctx, trace, "recommendations")
  listed(out, ctx, trace, "suggestions")
  local to = trace_mark()
  if to > trace.from then out.reads = { trace.from, to } end
  out.conditions = trace.conditions
  out.engine_reads = trace.engine
  local basis_kind = rawget(ctx, "basis_kind")
  if basis_kind then out.basis = { kind = basis_kind, documents = rawget(ctx, "basis_documents") } end
  if type(result) == "table" and result[RESULT] == "insufficient" then
    out.status = "insufficient_information"
    out.missing = result.missing
    out.note = result.note
  elseif type(result) == "table" and result[RESULT] == "level" then
    out.status = "assessed"
    out.level = result.level
    out.note = result.note
  elseif type(result) == "number" or type(result) == "string" then
    out.status = "assessed"
    out.level = result
  else
    error("indicator '" .. indicator_id .. "': evaluate returned " .. type(result)
      .. "; return a level (ctx.level(2)) or ctx.insufficient({ 'path' })", 0)
  end
  return out
end

--- Runs one indicator on a case (views of its own); returns plain data.
local function evaluate(framework_id, indicator_id, case)
  VIEW = {}
  BOX[1] = VIEW
  trace_reset()
  return run(framework_id, indicator_id, case, traced(case, ""))
end

-- The results of the last crossing so far: when a stop ends it (a budget, a violation, fast
-- mode's window), the host takes those it settled (sandbox_internal.crossing_results). Kept
-- until the next crossing: when the host could not read what a crossing returned, it finds the
-- same results here, fails again and runs the rest one call each.
local settled = nil

--- Runs the indicators `ids` (in order) on a case in one crossing: each is its own protected
--- call with fresh budgets (sandbox_internal.next_call), reading the case through views made
--- once for the crossing. Returns { results = { out, ... } }. An indicator whose rule raised an
--- error of its own gives { status = "error", message, frames, reads, conditions }: what the host
--- needs to describe that error exactly as one call of its own would (its message, the innermost
--- rule frames that the host's message handler recorded, and what the rule read and checked
--- before it failed). Any other failure gives `failed = i`: the host runs indicator i in one call
--- of its own, and the rest in a new crossing. A budget stop or a violation ends the whole
--- crossing: the host takes the results settled before it and goes on the same way from the
--- indicator that was stopped.
local function evaluate_case(framework_id, ids, case)
  local next_call, try = sandbox_internal.next_call, sandbox_internal.try
  local results = {}
  settled = results
  VIEW = {}
  BOX[1] = VIEW
  trace_reset()
  local view = traced(case, "")
  for i, id in ipairs(ids) do
    next_call()
    local ok, out, frames = try(run, framework_id, id, case, view)
    if ok then
      results[i] = out
    elseif out == nil then
      return { results = results, failed = i }
    else
      local t = last_trace_of()
      results[i] = { status = "error", message = out, frames = frames, reads = t.reads, conditions = t.conditions }
    end
  end
  return { results = results }
end

--- The results a crossing that was stopped had settled (once).
local function crossing_results()
  local results = settled or {}
  settled = nil
  return { results = results }
end

--- Runs a framework's (criterion_id ~= "") or a criterion's aggregation function.
local function aggregate(framework_id, key, inputs)
  local entry = registry[framework_id]
  local f = entry and entry.aggregations[key]
  if f == nil then error("no aggregation function for '" .. tostring(key) .. "'", 0) end
  return f(inputs, { framework = entry.def.id, criterion = key ~= "" and key or nil })
end

sandbox_internal.describe, sandbox_internal.evaluate, sandbox_internal.aggregate = describe, evaluate, aggregate
sandbox_internal.last_trace = last_trace_of
sandbox_internal.evaluate_case = evaluate_case
sandbox_internal.crossing_results = crossing_results

return M
"""#
}
