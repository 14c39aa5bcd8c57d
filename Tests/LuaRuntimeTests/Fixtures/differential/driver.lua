-- Runs one snippet and describes its outcome as one line of text, the same way under stock
-- lua5.4 and inside the sandbox, so the two can be compared byte for byte.
--   lua5.4 driver.lua snippets.txt      prints "name<TAB>outcome" for every snippet
--   inside the sandbox, the chunk is called with (code, name) and returns the outcome.

local function canon(v, depth, seen)
  local t = type(v)
  if t == "nil" or t == "boolean" then return tostring(v) end
  if t == "number" then
    if math.type(v) == "integer" then return "int:" .. string.format("%d", v) end
    if v ~= v then return "float:nan" end
    return "float:" .. string.format("%.17g", v)
  end
  if t == "string" then
    -- bytes that are not ASCII are written as escapes, so every outcome is plain text
    return (string.format("%q", v):gsub("[\128-\255]", function(c) return string.format("\\x%02X", c:byte()) end))
  end
  if t ~= "table" then return t end
  if seen[v] then return "<cycle>" end
  if depth > 4 then return "<deep>" end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return false
  end)
  local parts = {}
  for i = 1, #keys do
    local k = keys[i]
    parts[#parts + 1] = canon(k, depth + 1, seen) .. "=" .. canon(v[k], depth + 1, seen)
  end
  seen[v] = nil
  return "{" .. table.concat(parts, ",") .. "}"
end

local function outcome(code, name)
  local f, err = load(code, "=" .. name, "t")
  if not f then return "load error: " .. tostring(err) end
  local r = table.pack(pcall(f))
  local parts = {}
  for i = 2, r.n do parts[#parts + 1] = canon(r[i], 0, {}) end
  if r[1] then return "ok: " .. table.concat(parts, " ") end
  return "error: " .. table.concat(parts, " ")
end

local code, name = ...
if type(code) == "string" and name ~= nil then return outcome(code, name) end

-- Stock lua5.4: read the snippets file and run each in a fresh global environment.
local file = assert(io.open(code, "rb"))
local text = file:read("a")
file:close()
local base = {}
for k, v in pairs(_G) do base[k] = v end
local snippets, current = {}, nil
for line in (text .. "\n"):gmatch("([^\n]*)\n") do
  local header = line:match("^=== (%S+)")
  if header then
    current = { name = header, lines = {} }
    snippets[#snippets + 1] = current
  elseif current then
    current.lines[#current.lines + 1] = line
  end
end
for _, snippet in ipairs(snippets) do
  for k in pairs(_G) do if base[k] == nil then _G[k] = nil end end
  for k, v in pairs(base) do _G[k] = v end
  math.randomseed(0)
  local result = outcome(table.concat(snippet.lines, "\n"), snippet.name):gsub("\n", "\\n")
  io.write(snippet.name, "\t", result, "\n")
end
