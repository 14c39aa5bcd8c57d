--- Placeholders: words a case writes where an answer should be ("por definir", "TBD",
-- "à préciser"). They are not evidence. A framework that declares
-- `placeholders = require("lib.placeholders").words` has the engine treat every answer that is
-- exactly one of them (ignoring case, accents, surrounding spaces and a final full stop) as
-- missing: the indicators that need it report insufficient information, which counts as the
-- lowest level, and `mecigep validate` lists each with its path and what to give instead.
--
-- The answers "none", "ninguno", "aucun"... are not placeholders: they say "there is none".
-- @module lib.placeholders

local M = {}

--- The placeholders, by language; `words` below is their union.
M.by_language = {
  any = { "-", "--", "---", "?", "??", "...", "…", "x", "xx", "xxx", "n/a", "n.a.", "na", "s/d", "s.d.", "n/d", "n.d.",
    "tbd", "tbc", "t.b.d.", "t.b.c.", "todo", "to do", "[...]", "(...)", "<...>" },
  en = { "to be defined", "to be determined", "to be confirmed", "to be decided", "to be completed", "to be cited",
    "to be added", "to be announced", "pending", "pending confirmation", "not yet defined", "not yet known", "unknown",
    "not available", "not applicable yet", "in progress", "under discussion", "under review", "placeholder", "lorem ipsum" },
  es = { "por definir", "a definir", "por determinar", "a determinar", "por confirmar", "a confirmar", "por citar",
    "por completar", "a completar", "por precisar", "a precisar", "por acordar", "pendiente", "pendientes",
    "pendiente de definir", "pendiente de confirmar", "sin definir", "sin dato", "sin datos", "sin informacion",
    "no disponible", "en proceso", "en elaboracion", "en revision", "en discusion", "desconocido" },
  pt = { "a definir", "a ser definido", "a ser definida", "a determinar", "a confirmar", "a citar", "a completar",
    "a precisar", "pendente", "pendentes", "em definicao", "em elaboracao", "em andamento", "em revisao", "em discussao",
    "sem dado", "sem dados", "sem informacao", "nao disponivel", "desconhecido" },
  fr = { "a definir", "a preciser", "a determiner", "a confirmer", "a citer", "a completer", "a venir", "en attente",
    "en cours", "en cours de definition", "en cours d'elaboration", "en discussion", "non defini", "non disponible",
    "inconnu", "sans objet pour l'instant" },
}

local function union()
  local out, seen = {}, {}
  for _, language in ipairs({ "any", "en", "es", "pt", "fr" }) do
    for _, word in ipairs(M.by_language[language]) do
      if not seen[word] then
        seen[word] = true
        out[#out + 1] = word
      end
    end
  end
  return out
end

--- Every placeholder, for `m.framework { placeholders = ... }`.
M.words = union()

return M
