-- Hostile rules: every indicator tries one way to carry state from one call to the next.
-- Each attempt is marked "-- way: <indicator id>" on the line that must be refused; the
-- engine test checks that each is refused there, and that results never depend on case order.
local m = require "mecigep"
local helper = require "lib.stateful_helper"

local cache = {}          -- a module-level table, reachable as an upvalue
local history = {}        -- a module-level list
local Class = {}          -- a module-level "class"
Class.__index = Class
local object = setmetatable({}, Class)
-- a coroutine created while the module loads: its stack would survive between calls
local counter = coroutine.wrap(function()
  local i = 0
  while true do
    i = i + 1
    coroutine.yield(i)
  end
end)

local function t(en) return { en = en, es = en, pt = en, fr = en } end

-- Each way returns a level that would grow with the number of earlier calls if the state stuck.
local ways = {
  { "global", function()
      seen = (seen or 0) + 1 -- way: global
      return seen
    end },
  { "g_field", function()
      _G.seen_g = (_G.seen_g or 0) + 1 -- way: g_field
      return _G.seen_g
    end },
  { "rawset_g", function()
      rawset(_G, "seen_r", (rawget(_G, "seen_r") or 0) + 1) -- way: rawset_g
      return rawget(_G, "seen_r")
    end },
  { "upvalue_table", function()
      cache.n = (cache.n or 0) + 1 -- way: upvalue_table
      return cache.n
    end },
  { "table_insert", function()
      table.insert(history, "x") -- way: table_insert
      return #history
    end },
  { "rawget_module", function()
      local state = rawget(helper, "STATE")
      state.n = state.n + 1 -- way: rawget_module
      return state.n
    end },
  { "pairs_module", function()
      for _, v in pairs(helper) do
        if type(v) == "table" and v.n ~= nil then v.n = v.n + 1 end -- way: pairs_module
      end
      return helper.STATE.n
    end },
  { "next_module", function()
      local _, list = next(helper, "LIST")
      list = helper.LIST
      list[#list + 1] = 4 -- way: next_module
      return #list
    end },
  { "ipairs_module", function()
      for i, v in ipairs(helper.LIST) do
        if i == 1 then rawset(helper.LIST, 1, v + 1) end -- way: ipairs_module
      end
      return helper.LIST[1]
    end },
  { "setmetatable_module", function()
      setmetatable(helper.STATE, { __index = function() return 4 end }) -- way: setmetatable_module
      return 1
    end },
  { "class_field", function()
      Class.calls = (Class.calls or 0) + 1 -- way: class_field
      return Class.calls
    end },
  { "getmetatable_write", function()
      getmetatable(object).calls = 1 -- way: getmetatable_write
      return 1
    end },
  { "instance_field", function()
      helper.instance.n = 1 -- way: instance_field
      return 1
    end },
  { "engine_table", function()
      m.scales.maturity.levels[1].id = 9 -- way: engine_table
      return 1
    end },
  { "load_env", function()
      load("seen_l = (seen_l or 0) + 1", "=(leak)", "t", _ENV)() -- way: load_env
      return seen_l
    end },
  { "load_time_coroutine", function()
      local n = counter() -- way: load_time_coroutine
      return n
    end },
  { "string_library", function()
      string.leak = (string.leak or 0) + 1 -- way: string_library
      return string.leak
    end },
}

local indicators = {}
for _, way in ipairs(ways) do
  local id, attempt = way[1], way[2]
  indicators[#indicators + 1] = m.indicator {
    id = id,
    title = t(id),
    evaluate = function(_, ctx)
      local n = attempt()
      return ctx.level(math.min(4, math.max(0, (n or 0) - 1)))
    end,
  }
end

-- Not writes, but ways a result could depend on what ran before: each must give the same answer
-- in every call.
indicators[#indicators + 1] = m.indicator {
  id = "engine_internals",
  title = t("engine internals"),
  evaluate = function(_, ctx)
    local engine = require "mecigep"
    if engine._describe ~= nil or engine._evaluate ~= nil or sandbox_internal ~= nil then return ctx.level(4) end
    return ctx.level(0)
  end,
}
indicators[#indicators + 1] = m.indicator {
  id = "heap_size",
  title = t("heap size"),
  evaluate = function(_, ctx)
    local kb = collectgarbage("count") -- way: heap_size
    return ctx.level(math.floor(kb) % 5)
  end,
}
indicators[#indicators + 1] = m.indicator {
  id = "random_seed",
  title = t("random seed"),
  evaluate = function(_, ctx)
    math.randomseed()
    return ctx.level(math.random(0, 4))
  end,
}
indicators[#indicators + 1] = m.indicator {
  id = "pairs_order",
  title = t("pairs order"),
  evaluate = function(_, ctx)
    local t = {}
    for i = 1, 50 do t["k" .. i] = i end
    local first
    for k in pairs(t) do first = k break end
    return ctx.level(first == "k1" and 2 or 0)
  end,
}

return m.framework {
  id = "stateful",
  version = "1.0.0",
  title = t("Hostile: state between calls"),
  scale = m.scales.maturity,
  criteria = {
    m.criterion { id = "all", title = t("All"), indicators = indicators },
  },
}
