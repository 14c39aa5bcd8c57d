--- Helpers shared by the indicators of the pefa-budget framework: texts in the four OAS
-- languages, PEFA's materiality words, the "at least two of the last three years" test,
-- PEFA's composition-variance arithmetic, and the ladder that turns the requirements a case
-- meets into a grade with a practical recommendation.
--
-- Convention for cases (README.md): a block left out means "not reported", and the dimension
-- reports insufficient information (PEFA's D*); `false`, `0` or `[]` is an answer, and is
-- scored.
-- @module frameworks.pefa-budget.common

local M = {}

M.LANGUAGES = { "en", "es", "pt", "fr" }

--- A text in the four languages.
-- @return table { en =, es =, pt =, fr = }
function M.L(en, es, pt, fr)
  return { en = en, es = es, pt = pt, fr = fr }
end

--- Fills `{name}` in every language of a text. A value is a string, a number or a table of
-- translations (as `M.pct` returns).
-- @param text a table of translations
-- @param vars values by name
-- @return a new table of translations
function M.fmt(text, vars)
  local out = {}
  for _, lang in ipairs(M.LANGUAGES) do
    out[lang] = (string.gsub(text[lang], "{([%w_]+)}", function(name)
      local v = vars[name]
      if type(v) == "table" then v = v[lang] end
      if v == nil then return "{" .. name .. "}" end
      return tostring(v)
    end))
  end
  return out
end

--- A number with `digits` decimals (default 1), as each language writes it (3.5 / 3,5).
local function decimal(x, digits)
  local s = string.format("%." .. (digits or 1) .. "f", x)
  local comma = (string.gsub(s, "%.", ","))
  return { en = s, es = comma, pt = comma, fr = comma }
end

--- A percentage as each language writes it: "4.3%", "4,3 %", "4,3%", "4,3 %".
-- @param x the percentage (4.25 for 4.25 %)
-- @param digits decimals shown (default 1)
-- @return a table of translations
function M.pct(x, digits)
  local d = decimal(x, digits)
  return { en = d.en .. "%", es = d.es .. " %", pt = d.pt .. "%", fr = d.fr .. " %" }
end

--- "2021: 3.2%; 2022: 7.9%" from { { year =, value = } }, in every language.
-- @param rows list of { year = integer, value = number }
-- @return a table of translations
function M.series(rows)
  local out = {}
  for _, lang in ipairs(M.LANGUAGES) do
    local parts = {}
    local colon = lang == "fr" and " : " or ": "
    for _, r in ipairs(rows) do parts[#parts + 1] = tostring(r.year) .. colon .. M.pct(r.value)[lang] end
    out[lang] = table.concat(parts, lang == "fr" and " ; " or "; ")
  end
  return out
end

---------------------------------------------------------------------------------------------
-- PEFA's vocabulary
---------------------------------------------------------------------------------------------

--- PEFA's materiality words as shares: all >= 90 %, most >= 75 %, majority >= 50 %,
-- some >= 25 %.
M.SHARE = { all = 0.90, most = 0.75, majority = 0.50, some = 0.25 }

--- The share n / total, 0 when there is nothing to count.
function M.share(n, total)
  if type(n) ~= "number" or type(total) ~= "number" or total <= 0 then return 0 end
  return n / total
end

--- "Performance is less than required for a C score", PEFA's D for every dimension.
M.BELOW_C = M.L("Performance is less than required for a C score.",
  "El desempeño es inferior al requerido para una calificación C.",
  "O desempenho é inferior ao exigido para a nota C.",
  "La performance est inférieure à celle requise pour la note C.")

--- "yes" and "no" in the four languages, for findings.
M.YES = M.L("yes", "sí", "sim", "oui")
M.NO = M.L("no", "no", "não", "non")

--- "not stated", for a value the case leaves out.
M.NOT_STATED = M.L("not stated", "no indicado", "não indicado", "non indiqué")

--- M.YES when v is true, else M.NO.
function M.yn(v)
  return v == true and M.YES or M.NO
end

--- The PEFA 2016 framework, cited by every indicator with its PI and dimension.
M.PEFA = "PEFA Secretariat (2016), Framework for assessing public financial management (PEFA 2016)"

--- A reference to one PEFA 2016 dimension.
-- @param pi the indicator ("PI-2 Expenditure composition outturn")
-- @param dimension the dimension ("2.1 Expenditure composition outturn by function")
function M.ref(pi, dimension)
  return M.PEFA .. ", " .. pi .. ", dimension " .. dimension
end

--- Suggested owners of recommendations.
M.OWNERS = {
  budget = M.L("Ministry of Finance, budget directorate", "Ministerio de Hacienda o Finanzas, dirección de presupuesto",
    "Ministério da Fazenda ou das Finanças, diretoria de orçamento", "Ministère des Finances, direction du budget"),
  revenue = M.L("Tax administration with the Ministry of Finance's tax policy unit",
    "Administración tributaria con la unidad de política tributaria del Ministerio de Hacienda",
    "Administração tributária com a unidade de política tributária do Ministério da Fazenda",
    "Administration fiscale avec la cellule de politique fiscale du ministère des Finances"),
  investment = M.L("Central public-investment unit (planning or finance ministry)",
    "Unidad central de inversión pública (ministerio de planificación o de hacienda)",
    "Unidade central de investimento público (ministério do planejamento ou da fazenda)",
    "Unité centrale de l'investissement public (ministère du Plan ou des Finances)"),
  macro = M.L("Ministry of Finance, macro-fiscal unit, with the central bank",
    "Ministerio de Hacienda, unidad macrofiscal, con el banco central",
    "Ministério da Fazenda, unidade macrofiscal, com o banco central",
    "Ministère des Finances, cellule macro-budgétaire, avec la banque centrale"),
  planning = M.L("Planning units of the line ministries, with the budget directorate",
    "Unidades de planificación de los ministerios sectoriales, con la dirección de presupuesto",
    "Unidades de planejamento dos ministérios setoriais, com a diretoria de orçamento",
    "Services de planification des ministères sectoriels, avec la direction du budget"),
}

---------------------------------------------------------------------------------------------
-- Reading the case
---------------------------------------------------------------------------------------------

--- The case fields every indicator reads for its recommendations (the challenge they answer).
M.CONTEXT_READS = { "implementation_challenges[].id", "implementation_challenges[].pefa" }

--- An indicator's `reads`: its own paths, then M.CONTEXT_READS.
-- @param paths the evidence paths the rule reads
-- @return a new list
function M.reads(paths)
  local out = {}
  for _, p in ipairs(paths) do out[#out + 1] = p end
  for _, p in ipairs(M.CONTEXT_READS) do out[#out + 1] = p end
  return out
end

--- A list at a case value, or an empty list (nil, null and non-lists read as empty).
function M.list(v)
  if type(v) ~= "table" then return {} end
  return v
end

--- Whether v is a number.
function M.number(v)
  return type(v) == "number"
end

--- The rows of a yearly series that fall in the last three completed years, by year, and
-- how many of those three years have no row. The last completed year is the case's
-- `budget.last_completed_year`, else the latest year in the series.
-- @param rows a list of tables with an integer `year`
-- @param last_year the last completed year, or nil
-- @return rows sorted by year (at most one per year), the number of years missing
function M.last_three(rows, last_year)
  if type(last_year) ~= "number" then
    last_year = nil                                  -- absent, null or mistyped: take the series' latest year
    for _, r in ipairs(rows) do
      if type(r) == "table" and type(r.year) == "number" and (last_year == nil or r.year > last_year) then
        last_year = r.year
      end
    end
  end
  if last_year == nil then return {}, 3 end
  local by_year = {}
  for _, r in ipairs(rows) do
    if type(r) == "table" and type(r.year) == "number" and r.year <= last_year and r.year >= last_year - 2 then
      by_year[r.year] = r
    end
  end
  local out = {}
  for y = last_year - 2, last_year do
    if by_year[y] then out[#out + 1] = by_year[y] end
  end
  return out, 3 - #out
end

---------------------------------------------------------------------------------------------
-- Arithmetic of pillar I (PI-2, PI-3)
---------------------------------------------------------------------------------------------

--- PEFA's composition variance for one year, in percent: each line's approved budget is
-- scaled by total outturn / total budget (removing the change in the aggregate), and the
-- variance is the sum of the absolute deviations from it divided by total outturn.
-- @param lines a list of { budget = number, actual = number }, at least two
-- @return the variance in percent, or nil when the lines do not allow it
function M.composition_variance(lines)
  if type(lines) ~= "table" or #lines < 2 then return nil end
  local budget, actual = 0, 0
  for _, l in ipairs(lines) do
    if type(l) ~= "table" or type(l.budget) ~= "number" or type(l.actual) ~= "number" then return nil end
    budget, actual = budget + l.budget, actual + l.actual
  end
  if budget <= 0 or actual <= 0 then return nil end
  local k, deviation = actual / budget, 0
  for _, l in ipairs(lines) do deviation = deviation + math.abs(l.actual - l.budget * k) end
  return 100 * deviation / actual
end

--- Outturn as a percentage of the approved budget, or nil.
function M.outturn(budget, actual)
  if type(budget) ~= "number" or type(actual) ~= "number" or budget <= 0 then return nil end
  return 100 * actual / budget
end

--- Grades a three-year series by PEFA's "in at least two of the last three years".
-- Tiers go from the best grade down; each is { grade =, label =, ok = function(value) }.
-- A tier is met when two values pass it; when it is not met but the missing years could
-- still meet it, the grade cannot be told and the function returns nil.
-- @param ctx the indicator's context (each tier tried is recorded with ctx.check)
-- @param values the values of the years available
-- @param missing how many of the three years have no value
-- @param tiers list of tiers, best first
-- @return the grade ("A".."D"), or nil when the missing years decide it
function M.two_of_three(ctx, values, missing, tiers)
  for _, tier in ipairs(tiers) do
    local n = 0
    for _, v in ipairs(values) do
      if tier.ok(v) then n = n + 1 end
    end
    if ctx.check(tier.label, n >= 2) then return tier.grade end
    if n + missing >= 2 then return nil end
  end
  return "D"
end

---------------------------------------------------------------------------------------------
-- Grades and recommendations
---------------------------------------------------------------------------------------------

--- The best grade whose requirements the case meets. Each requirement tried is recorded
-- with ctx.check, labelled with the rubric text of its grade.
-- @param ctx the indicator's context
-- @param levels the rubric: { A =, B =, C =, D = } texts
-- @param met { A = boolean, B = boolean, C = boolean }
-- @return "A", "B", "C" or "D"
function M.ladder(ctx, levels, met)
  for _, grade in ipairs({ "A", "B", "C" }) do
    if ctx.check(levels[grade], met[grade] == true) then return grade end
  end
  return "D"
end

--- The id of the case's implementation challenge a recommendation of this indicator
-- answers: the first challenge whose `pefa` list names the indicator ("pi16.ceilings") or
-- its criterion ("pi16").
-- @param ctx the indicator's context
-- @return the challenge id, or nil
function M.challenge(ctx)
  local id = ctx.indicator.id
  local criterion = string.match(id, "^[^.]+")
  for _, ch in ipairs(M.list(ctx.get("implementation_challenges"))) do
    if type(ch) == "table" and type(ch.id) == "string" then
      for _, ref in ipairs(M.list(ch.pefa)) do
        if ref == id or ref == criterion then return ch.id end
      end
    end
  end
  return nil
end

--- Records a recommendation, tied to the case's challenge it answers.
-- @param ctx the indicator's context
-- @param r { text =, priority =, horizon =, owner = (a key of M.OWNERS, or a text) }
function M.recommend(ctx, r)
  ctx.recommend { text = r.text, priority = r.priority, horizon = r.horizon, owner = M.OWNERS[r.owner] or r.owner,
                  challenge = M.challenge(ctx) }
end

--- Records the recommendation for a grade below A: gaps[grade] = { text =, priority =,
-- horizon =, owner = (a key of M.OWNERS) }, text with `{name}` filled from vars.
-- @param ctx the indicator's context
-- @param grade the grade given
-- @param gaps recommendations by grade
-- @param vars values for the texts, or nil
function M.advise(ctx, grade, gaps, vars)
  local gap = gaps[grade]
  if gap == nil then return end
  M.recommend(ctx, { text = vars and M.fmt(gap.text, vars) or gap.text, priority = gap.priority,
                     horizon = gap.horizon, owner = gap.owner })
end

--- Returns the grade, with a finding and the recommendation for it.
-- @param ctx the indicator's context
-- @param grade "A".."D"
-- @param finding a text (filled from vars) or nil
-- @param evidence the paths the finding rests on
-- @param gaps recommendations by grade
-- @param vars values for the texts, or nil
function M.grade(ctx, grade, finding, evidence, gaps, vars)
  if finding then ctx.finding(vars and M.fmt(finding, vars) or finding, evidence) end
  M.advise(ctx, grade, gaps, vars)
  return ctx.level(grade)
end

--- Reports insufficient information (PEFA's D*) with what to add, and a recommendation to
-- send it.
-- @param ctx the indicator's context
-- @param paths the case paths to fill in
-- @param reason a text (filled from vars)
-- @param ask what to send: a text, recommended with high priority and a short horizon
-- @param owner a key of M.OWNERS
-- @param vars values for the texts, or nil
function M.missing(ctx, paths, reason, ask, owner, vars)
  M.recommend(ctx, { text = vars and M.fmt(ask, vars) or ask, priority = "high", horizon = "short", owner = owner })
  return ctx.insufficient(paths, vars and M.fmt(reason, vars) or reason)
end

return M
