--- Texts in the four OAS languages (English, Spanish, Portuguese, French).
--
-- A text a reader sees is a table `{ en = ..., es = ..., pt = ..., fr = ... }`. This module
-- builds such tables and fills placeholders in every language at once:
--
--     local i18n = require "lib.i18n"
--     local L = i18n.L
--     local T = L("{n} of {total} figures have a source.", "{n} de {total} cifras tienen fuente.",
--                 "{n} de {total} números têm fonte.", "{n} chiffres sur {total} ont une source.")
--     i18n.format(T, { n = 2, total = 5 }).es  --> "2 de 5 cifras tienen fuente."
--
-- Placeholder values may be text, numbers, or texts in four languages (each language then
-- receives its own translation). A placeholder without a value is an error, so that a typo in
-- a rule shows up in its tests rather than in a report.
-- @module lib.i18n

-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, select, tostring, tonumber, error, string, table, math = type, ipairs, select, tostring, tonumber, error, string, table, math

local M = {}

--- The languages, in order.
M.languages = { "en", "es", "pt", "fr" }

--- A text in four languages, given in the order en, es, pt, fr.
-- @param en English
-- @param es Spanish
-- @param pt Portuguese
-- @param fr French
-- @return the text table
function M.L(en, es, pt, fr)
  return { en = en, es = es, pt = pt, fr = fr }
end

--- The same string in every language (names, codes, figures).
-- @param s text
-- @return the text table
function M.same(s)
  s = tostring(s)
  return { en = s, es = s, pt = s, fr = s }
end

--- Whether a value is a complete four-language text.
-- @param t any value
-- @return boolean
function M.is_text(t)
  if type(t) ~= "table" then return false end
  for _, lang in ipairs(M.languages) do
    if type(t[lang]) ~= "string" or t[lang] == "" then return false end
  end
  return true
end

local math_type = math.type

local function number_text(x, lang)
  if math_type(x) == "integer" then return tostring(x) end
  if x == math.floor(x) and math.abs(x) < 1e15 then return string.format("%d", math.floor(x)) end
  local s = string.format("%.2f", x)
  s = string.gsub(s, "0+$", "")
  s = string.gsub(s, "%.$", "")
  if lang ~= "en" then s = string.gsub(s, "%.", ",") end
  return s
end

-- (level: where the error is placed, as error() counts; 3 by default)
local function value_in(v, lang, name, level)
  local tv = type(v)
  if tv == "string" then return v end
  if tv == "number" then return number_text(v, lang) end
  if tv == "table" then
    local s = v[lang] or v.en
    if type(s) == "string" then return s end
  end
  error("i18n.format: no usable value for {" .. name .. "}", level or 3)
end

local GROUP = { en = ",", es = "\u{A0}", pt = "\u{A0}", fr = "\u{A0}" }

-- Thousands grouping of the integer part, for numbers of five digits or more.
local function grouped(s, lang)
  local sign, int, rest = string.match(s, "^(%-?)(%d+)(.*)$")
  if not int or #int < 5 then return s end
  local parts = {}
  local first = #int % 3
  if first > 0 then parts[1] = string.sub(int, 1, first) end
  for i = first + 1, #int, 3 do parts[#parts + 1] = string.sub(int, i, i + 2) end
  return sign .. table.concat(parts, GROUP[lang]) .. rest
end

--- An amount written for each language: "3.75" and "1,820,000" in English; "3,75" and
-- "1 820 000" (no-break spaces) in Spanish, Portuguese and French; whole numbers without
-- decimals. (Years and other codes passed straight to `format` are never grouped.)
-- @param x number
-- @return the text table
function M.number(x)
  local out = {}
  for _, lang in ipairs(M.languages) do out[lang] = grouped(number_text(x, lang), lang) end
  return out
end

local MONTHS = {
  en = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" },
  es = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
  pt = { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro" },
  fr = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
}

--- A date (YYYY-MM-DD) written for each language, for prose: "1 July 2026", "1 de julio de
-- 2026", "1º de julho de 2026", "1er juillet 2026". Anything else comes back unchanged.
-- @param d a date string
-- @return the text table (or d itself when it is not a date)
function M.date(d)
  if type(d) ~= "string" then return d end
  local y, m, day = string.match(d, "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  m, day = tonumber(m), tonumber(day)
  if not y or not m or m < 1 or m > 12 or not day then return d end
  return {
    en = day .. " " .. MONTHS.en[m] .. " " .. y,
    es = day .. " de " .. MONTHS.es[m] .. " de " .. y,
    pt = (day == 1 and "1º" or tostring(day)) .. " de " .. MONTHS.pt[m] .. " de " .. y,
    fr = (day == 1 and "1er" or tostring(day)) .. " " .. MONTHS.fr[m] .. " " .. y,
  }
end

local PLACEHOLDER = "{([%a_][%w_]*)}"
-- What a template starts with (see M.template).
local TEMPLATE = {}

-- Appends to `out` (from index n + 1) a string cut at its placeholders: literal, name, literal,
-- ..., literal (an odd count), found as format's gsub finds them (leftmost first, scanning on
-- after each). Returns the new count.
local function cut(out, n, s)
  local at = 1
  while true do
    local open, close, name = string.find(s, PLACEHOLDER, at)
    if not open then break end
    out[n + 1], out[n + 2] = string.sub(s, at, open - 1), name
    n, at = n + 2, close + 1
  end
  out[n + 1] = string.sub(s, at)
  return n + 1
end

--- A text prepared once, while the module loads, for `fill`: a template. `fill` then fills it
-- without searching it for placeholders, about three times faster than `format` fills the
-- text, with the same result and the same errors. Make templates at the top of a module, for
-- the texts a rule fills on every call; a template is for `fill` and `format`, not a text to
-- show.
-- @param t a text table (or a plain string)
-- @return the template
function M.template(t)
  if type(t) == "string" then t = M.same(t) end
  -- One list (a module's tables are frozen table by table once it loads, and a list is the
  -- cheapest to freeze): the mark, where each language's pieces start ([2] to [5]), one past the
  -- last piece ([6]), then the pieces.
  local out, n = { TEMPLATE }, 6
  for i, lang in ipairs(M.languages) do
    local s = t[lang] or t.en
    if type(s) ~= "string" then error("i18n.template: no " .. lang .. " text (nor an English one)", 2) end
    out[i + 1] = n + 1
    n = cut(out, n, s)
  end
  out[6] = n + 1
  return out
end

-- One language of a template (its pieces p[i] to p[j]), filled as format's gsub fills the text:
-- placeholders left to right, a missing value an error placed at the caller of fill, an unusable
-- one an error placed in this module (as from gsub). Up to three placeholders are joined by one
-- concatenation.
local function filled(p, i, j, vars, lang)
  if i == j then return p[i] end
  local a = p[i + 1]
  local va = vars[a]
  if va == nil then error("i18n.format: no value for {" .. a .. "}", 3) end
  va = value_in(va, lang, a, 2)
  if i + 2 == j then return p[i] .. va .. p[j] end
  local b = p[i + 3]
  local vb = vars[b]
  if vb == nil then error("i18n.format: no value for {" .. b .. "}", 3) end
  vb = value_in(vb, lang, b, 2)
  if i + 4 == j then return p[i] .. va .. p[i + 2] .. vb .. p[j] end
  local c = p[i + 5]
  local vc = vars[c]
  if vc == nil then error("i18n.format: no value for {" .. c .. "}", 3) end
  vc = value_in(vc, lang, c, 2)
  if i + 6 == j then return p[i] .. va .. p[i + 2] .. vb .. p[i + 4] .. vc .. p[j] end
  local buf, k = { p[i], va, p[i + 2], vb, p[i + 4], vc, p[i + 6] }, 8
  for at = i + 7, j - 1, 2 do
    local name = p[at]
    local v = vars[name]
    if v == nil then error("i18n.format: no value for {" .. name .. "}", 3) end
    buf[k], buf[k + 1] = value_in(v, lang, name, 2), p[at + 1]
    k = k + 2
  end
  return table.concat(buf)
end

--- Fills `{name}` placeholders in every language of a template with `vars[name]`: what
-- `format` gives for the text the template was made of.
-- @param template a template (`template`)
-- @param vars placeholder values
-- @return the filled text table
function M.fill(template, vars)
  vars = vars or {}
  if template[1] ~= TEMPLATE then
    error("i18n.fill: not a template (make one with i18n.template)", 2)
  end
  local en, es, pt, fr, stop = template[2], template[3], template[4], template[5], template[6]
  -- (the languages of M.languages, in its order)
  return { en = filled(template, en, es - 1, vars, "en"), es = filled(template, es, pt - 1, vars, "es"),
           pt = filled(template, pt, fr - 1, vars, "pt"), fr = filled(template, fr, stop - 1, vars, "fr") }
end

--- Fills `{name}` placeholders in every language of `t` with `vars[name]`.
-- @param t a text table, a plain string, or a template (`template`)
-- @param vars placeholder values
-- @return the filled text table
function M.format(t, vars)
  vars = vars or {}
  if type(t) == "string" then t = M.same(t) end
  if t.en == nil and t[1] == TEMPLATE then return M.fill(t, vars) end
  local out = {}
  for _, lang in ipairs(M.languages) do
    local s = t[lang] or t.en
    -- (a text without a brace has no placeholder: gsub would give it back as it is)
    if type(s) == "string" and not string.find(s, "{", 1, true) then
      out[lang] = s
    else
      out[lang] = (string.gsub(s, PLACEHOLDER, function(name)
        local v = vars[name]
        if v == nil then error("i18n.format: no value for {" .. name .. "}", 4) end
        return value_in(v, lang, name)
      end))
    end
  end
  return out
end

--- Concatenates texts (strings or text tables) language by language.
-- @param ... texts
-- @return the text table
function M.concat(...)
  local out = {}
  local n = select("#", ...)
  for _, lang in ipairs(M.languages) do
    local parts = {}
    for i = 1, n do
      local v = select(i, ...)
      if v ~= nil then parts[#parts + 1] = value_in(v, lang, "concat") end
    end
    out[lang] = table.concat(parts)
  end
  return out
end

--- Joins texts (text tables or strings) language by language with a separator, itself a
-- string or a text table (French puts a space before ";").
-- @param texts a list of texts
-- @param sep separator (default ", ")
-- @return the text table
function M.join(texts, sep)
  sep = sep or ", "
  local out = {}
  for _, lang in ipairs(M.languages) do
    local parts = {}
    for _, t in ipairs(texts) do parts[#parts + 1] = value_in(t, lang, "join") end
    out[lang] = table.concat(parts, value_in(sep, lang, "sep"))
  end
  return out
end

--- Joins a list of plain strings as one text, the same in every language ("a, b, c").
-- @param list strings
-- @param limit optional: at most this many items, then "…"
-- @return the text table
function M.list(list, limit)
  local parts = {}
  for _, v in ipairs(list) do
    if limit and #parts >= limit then
      parts[#parts + 1] = "…"
      break
    end
    parts[#parts + 1] = tostring(v)
  end
  return M.same(table.concat(parts, ", "))
end

return M
