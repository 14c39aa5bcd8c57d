--- Normalisation and multilingual matching of free text.
--
-- Cases come in English, Spanish, Portuguese or French, often mixed. Rules compare text after
-- normalising it: lower case, accents stripped (á→a, ç→c, ñ→n, ã, õ, ê, è, ë, ï, ô, ü…),
-- punctuation turned into spaces, spaces collapsed. Keywords are matched on word boundaries
-- of the normalised text; a keyword ending in `*` matches any word that starts with it
-- (`cost*` matches "cost", "costs", "costing").
--
--     local text = require "lib.text"
--     local BUDGET = text.keywords { en = { "budget*", "cost*" }, es = { "presupuest*", "costo*" } }
--     text.contains_any("Falta el presupuesto de mantenimiento", BUDGET)  --> true, "presupuest*"
--
-- Keyword lists are compiled once (`keywords`), when a rule module loads, so that nothing
-- changes between evaluations.
-- @module lib.text

-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, pairs, select, null, string, table, math = type, ipairs, pairs, select, null, string, table, math

local M = {}

--- The four languages, in the order used everywhere.
M.languages = { "en", "es", "pt", "fr" }

-- Two-byte UTF-8 letters (Latin-1 Supplement, Latin Extended-A) → ASCII, lower case.
local FOLD = {
  ["À"] = "a", ["Á"] = "a", ["Â"] = "a", ["Ã"] = "a", ["Ä"] = "a", ["Å"] = "a", ["Æ"] = "ae",
  ["Ç"] = "c", ["È"] = "e", ["É"] = "e", ["Ê"] = "e", ["Ë"] = "e", ["Ì"] = "i", ["Í"] = "i",
  ["Î"] = "i", ["Ï"] = "i", ["Ð"] = "d", ["Ñ"] = "n", ["Ò"] = "o", ["Ó"] = "o", ["Ô"] = "o",
  ["Õ"] = "o", ["Ö"] = "o", ["Ø"] = "o", ["Ù"] = "u", ["Ú"] = "u", ["Û"] = "u", ["Ü"] = "u",
  ["Ý"] = "y", ["Þ"] = "th", ["ß"] = "ss",
  ["à"] = "a", ["á"] = "a", ["â"] = "a", ["ã"] = "a", ["ä"] = "a", ["å"] = "a", ["æ"] = "ae",
  ["ç"] = "c", ["è"] = "e", ["é"] = "e", ["ê"] = "e", ["ë"] = "e", ["ì"] = "i", ["í"] = "i",
  ["î"] = "i", ["ï"] = "i", ["ð"] = "d", ["ñ"] = "n", ["ò"] = "o", ["ó"] = "o", ["ô"] = "o",
  ["õ"] = "o", ["ö"] = "o", ["ø"] = "o", ["ù"] = "u", ["ú"] = "u", ["û"] = "u", ["ü"] = "u",
  ["ý"] = "y", ["þ"] = "th", ["ÿ"] = "y",
  ["Œ"] = "oe", ["œ"] = "oe", ["Š"] = "s", ["š"] = "s", ["Ž"] = "z", ["ž"] = "z", ["Ÿ"] = "y",
  ["Ā"] = "a", ["ā"] = "a", ["Ă"] = "a", ["ă"] = "a", ["Ą"] = "a", ["ą"] = "a",
  ["Ć"] = "c", ["ć"] = "c", ["Č"] = "c", ["č"] = "c", ["Ē"] = "e", ["ē"] = "e", ["Ę"] = "e",
  ["ę"] = "e", ["Ě"] = "e", ["ě"] = "e", ["Ī"] = "i", ["ī"] = "i", ["Ł"] = "l", ["ł"] = "l",
  ["Ń"] = "n", ["ń"] = "n", ["Ň"] = "n", ["ň"] = "n", ["Ō"] = "o", ["ō"] = "o", ["Ő"] = "o",
  ["ő"] = "o", ["Ř"] = "r", ["ř"] = "r", ["Ś"] = "s", ["ś"] = "s", ["Ū"] = "u", ["ū"] = "u",
  ["Ů"] = "u", ["ů"] = "u", ["Ű"] = "u", ["ű"] = "u", ["Ź"] = "z", ["ź"] = "z", ["Ż"] = "z",
  ["ż"] = "z",
  -- Ordinal indicators and the no-break space.
  ["º"] = "o", ["ª"] = "a", ["\u{A0}"] = " ",
}

--- Whether a value is text with something other than spaces in it.
-- @param s any value
-- @return boolean
function M.is_text(s)
  return type(s) == "string" and string.find(s, "%S") ~= nil
end

--- Normalises text for comparison: lower case, accents stripped, punctuation as spaces,
-- spaces collapsed and trimmed. Non-text values give "".
-- @param s text
-- @return the normalised text
function M.normalise(s)
  if type(s) ~= "string" then return "" end
  -- (ASCII text has nothing to fold: most answers are)
  if string.find(s, "[\128-\255]") then
    s = string.gsub(s, "[\194-\197][\128-\191]", FOLD)
    -- Remaining Latin-1 signs (« » ¿ ¡ °) and general punctuation (’ “ ” – — …) split words.
    s = string.gsub(s, "\194[\128-\191]", " ")
    s = string.gsub(s, "\226[\128\129][\128-\191]", " ")
  end
  s = string.lower(s)
  -- Anything that is not an ASCII letter or digit (or part of another UTF-8 letter) splits words.
  s = string.gsub(s, "[^%w\128-\255]+", " ")
  -- Trimmed: after the line above, at most one space at each end.
  if string.byte(s, 1) == 32 then s = string.sub(s, 2) end
  if string.byte(s, -1) == 32 then s = string.sub(s, 1, -2) end
  return s
end

--- The number of words in a text, after normalisation.
-- @param s text
-- @return integer
function M.word_count(s)
  local n = 0
  for _ in string.gmatch(M.normalise(s), "%S+") do n = n + 1 end
  return n
end

-- A keyword as it is searched for (" normalised " on word boundaries, without the final
-- space for a stem written "word*") and as it is reported (as written); nil for an empty one.
local function compile_one(keyword)
  local stem = string.sub(keyword, -1) == "*"
  local norm = M.normalise(stem and string.sub(keyword, 1, -2) or keyword)
  if norm == "" then return nil end
  return " " .. norm .. (stem and "" or " "), keyword
end

-- Appends a keyword list's compiled keywords to a set.
local function add_all(set, list)
  local needles, sources = set.needles, set.sources
  for _, keyword in ipairs(list) do
    local needle, source = compile_one(keyword)
    if needle then
      needles[#needles + 1] = needle
      sources[#sources + 1] = source
    end
  end
end

--- Compiles keyword lists for matching: either a flat list of keywords, or lists per
-- language `{ en = { ... }, es = { ... }, pt = { ... }, fr = { ... } }` (all languages are
-- searched: cases mix languages). Compile once, at module load.
-- @param spec keywords
-- @return a compiled keyword set (a table; pass it to `contains_any`): its `needles` as
--   searched for and its `sources` as written, in the same order
function M.keywords(spec)
  local compiled = { __compiled = true, needles = {}, sources = {} }
  if type(spec) ~= "table" then return compiled end
  add_all(compiled, spec)
  for _, lang in ipairs(M.languages) do
    if type(spec[lang]) == "table" then add_all(compiled, spec[lang]) end
  end
  return compiled
end

--- Merges compiled keyword sets (or raw specs) into one set.
-- @param ... keyword sets
-- @return a compiled keyword set
function M.union(...)
  local out = { __compiled = true, needles = {}, sources = {} }
  for i = 1, select("#", ...) do
    local set = select(i, ...)
    if type(set) == "table" then
      if not set.__compiled then set = M.keywords(set) end
      for j = 1, #set.needles do
        out.needles[#out.needles + 1] = set.needles[j]
        out.sources[#out.sources + 1] = set.sources[j]
      end
    end
  end
  return out
end

local function prepare(text)
  if type(text) == "table" then
    local parts = {}
    for _, v in ipairs(text) do
      if type(v) == "string" then parts[#parts + 1] = v end
    end
    text = table.concat(parts, " ; ")
  end
  return " " .. M.normalise(text) .. " "
end

--- Whether a text (or a list of texts) contains any of the keywords, on word boundaries,
-- after normalisation. Keywords may be a compiled set, a flat list, or lists per language.
-- @param text text, or a list of texts
-- @param keywords keywords
-- @return true and the first keyword found (as written), or false
function M.contains_any(text, keywords)
  if type(keywords) ~= "table" then return false end
  if not keywords.__compiled then keywords = M.keywords(keywords) end
  local hay = prepare(text)
  if hay == "  " then return false end
  local needles = keywords.needles
  for i = 1, #needles do
    if string.find(hay, needles[i], 1, true) then return true, keywords.sources[i] end
  end
  return false
end

--- How many of the keywords a text contains (each keyword counted once).
-- @param text text, or a list of texts
-- @param keywords keywords
-- @return integer
function M.count_matches(text, keywords)
  if type(keywords) ~= "table" then return 0 end
  if not keywords.__compiled then keywords = M.keywords(keywords) end
  local hay = prepare(text)
  local n = 0
  local needles = keywords.needles
  for i = 1, #needles do
    if string.find(hay, needles[i], 1, true) then n = n + 1 end
  end
  return n
end

-- Words that negate what follows, in the four languages (after normalisation: "não" is
-- "nao", the French "n'" is "n").
local NEGATIONS = {
  -- en
  ["no"] = true, ["not"] = true, ["never"] = true, ["without"] = true, ["nor"] = true, ["non"] = true,
  -- es
  ["sin"] = true, ["ni"] = true, ["nunca"] = true, ["tampoco"] = true, ["ningun"] = true,
  ["ninguna"] = true, ["ninguno"] = true,
  -- pt
  ["nao"] = true, ["sem"] = true, ["nem"] = true, ["nenhum"] = true, ["nenhuma"] = true,
  -- fr
  ["pas"] = true, ["ne"] = true, ["n"] = true, ["sans"] = true, ["jamais"] = true,
  ["aucun"] = true, ["aucune"] = true, ["nul"] = true, ["nulle"] = true,
}

--- How many words before a keyword a negation still applies to it.
M.NEGATION_WINDOW = 5

-- Whether the word at position j of `words` negates: "No. 12", "Nº 12", "n° 12" and
-- "N.º 12" abbreviate "number" and do not.
local function negates(words, j)
  local w = words[j]
  if not NEGATIONS[w] then return false end
  if w == "no" or w == "n" then
    local following = words[j + 1]
    if following == "o" then following = words[j + 2] end
    if following and string.find(following, "^%d") then return false end
  end
  return true
end

-- The clauses of a text: split at ; : ! ? ( ) and at a full stop followed by a space, so that
-- a negation in one sentence does not reach a keyword in the next ("19.882" stays whole).
local function clauses(s)
  local out = {}
  s = string.gsub(s, "%.%s", ";")
  for part in string.gmatch(s, "[^;:!?()]+") do out[#out + 1] = part end
  return out
end

--- Whether a text (or a list of texts) contains one of the keywords that is not negated: a
-- match counts only when none of the `window` words before it (default `NEGATION_WINDOW`),
-- in the same clause, is a negation (no, not, without, sin, ni, não, sem, nem, pas, ne, n',
-- sans, aucun…). "o OP não é regulado por lei" does not contain an affirmed "lei";
-- "Ley Nº 19.882" does.
-- @param text text, or a list of texts
-- @param keywords keywords
-- @param window optional number of words
-- @return true and the first keyword found (as written), or false
function M.contains_affirmed(text, keywords, window)
  if type(keywords) ~= "table" then return false end
  if not keywords.__compiled then keywords = M.keywords(keywords) end
  window = window or M.NEGATION_WINDOW
  local texts = type(text) == "table" and text or { text }
  for _, t in ipairs(texts) do
    if type(t) == "string" then
      for _, clause in ipairs(clauses(t)) do
        local norm = M.normalise(clause)
        if norm ~= "" then
          local hay = " " .. norm .. " "
          local words = {}
          for w in string.gmatch(norm, "%S+") do words[#words + 1] = w end
          local needles = keywords.needles
          for i = 1, #needles do
            local init = 1
            while true do
              local p = string.find(hay, needles[i], init, true)
              if not p then break end
              -- The keyword's first word is the one after the p-th space.
              local _, index = string.gsub(string.sub(hay, 1, p), " ", " ")
              local negated = false
              for j = math.max(1, index - window), index - 1 do
                if negates(words, j) then
                  negated = true
                  break
                end
              end
              if not negated then return true, keywords.sources[i] end
              init = p + 1
            end
          end
        end
      end
    end
  end
  return false
end

--- Whether two texts are the same after normalisation.
-- @param a text
-- @param b text
-- @return boolean
function M.same(a, b)
  local na, nb = M.normalise(a), M.normalise(b)
  return na ~= "" and na == nb
end

-- Answers that mean "there is none", in the four languages.
local NONE = {
  ["none"] = true, ["no"] = true, ["nil"] = true, ["n a"] = true, ["na"] = true,
  ["not applicable"] = true, ["not available"] = true, ["nothing"] = true,
  ["ninguno"] = true, ["ninguna"] = true, ["nada"] = true, ["no aplica"] = true,
  ["no disponible"] = true, ["nenhum"] = true, ["nenhuma"] = true, ["nao"] = true,
  ["nao se aplica"] = true, ["nao disponivel"] = true, ["aucun"] = true, ["aucune"] = true,
  ["non"] = true, ["neant"] = true, ["sans objet"] = true, ["non applicable"] = true,
}

-- A text with more ASCII letters and digits than the longest of those answers has cannot
-- normalise to one of them (normalising keeps each such byte as one byte), so is_none answers
-- it without normalising: the anchored pattern finds that many at once, in one pass.
local NONE_LONGEST = 0
for answer in pairs(NONE) do
  if #answer > NONE_LONGEST then NONE_LONGEST = #answer end
end
local MORE_THAN_NONE = "^%W*" .. string.rep("%w%W*", NONE_LONGEST) .. "%w"

--- Whether a value is an explicit "there is none": `false`, an empty list, or a word such as
-- none / ninguno / nenhum / aucun.
-- @param v any value
-- @return boolean
function M.is_none(v)
  if v == nil or v == null then return false end
  if v == false then return true end
  if type(v) == "string" then
    if #v > NONE_LONGEST and string.find(v, MORE_THAN_NONE) then return false end
    return NONE[M.normalise(v)] == true
  end
  if type(v) == "table" then
    -- (pairs, not next: rules see the case through proxies that only pairs and # look into)
    if #v > 0 then return false end
    local step, state, first = pairs(v)
    return step(state, first) == nil
  end
  return false
end

return M
