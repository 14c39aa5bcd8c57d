--- Builders for the dimensions of pillar I (budget reliability) that compare outturns with
-- the originally approved budget over the last three completed years: the composition
-- variance of PI-2.1, PI-2.2 and PI-3.2, and the aggregate outturn of PI-3.1. Each builder
-- takes the dimension's own texts and thresholds.
-- @module frameworks.pefa-budget.outturn

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"

local L = c.L
local M = {}

local VARIANCE = L("Composition variance {subject} in the last three completed years: {series}.",
  "Varianza en la composición {subject} en los tres últimos ejercicios cerrados: {series}.",
  "Variância na composição {subject} nos três últimos exercícios encerrados: {series}.",
  "Variance de la composition {subject} au cours des trois derniers exercices clos : {series}.")

local AGGREGATE = L("Aggregate outturn of these lines as a share of the approved budget: {series}.",
  "Ejecución agregada de estas líneas respecto del presupuesto aprobado: {series}.",
  "Execução agregada destas linhas em relação ao orçamento aprovado: {series}.",
  "Exécution agrégée de ces lignes par rapport au budget approuvé : {series}.")

local OUTTURN = L("Actual {subject} as a share of the originally approved budget: {series}.",
  "{subject} efectivos respecto del presupuesto originalmente aprobado: {series}.",
  "{subject} efetivas em relação ao orçamento originalmente aprovado: {series}.",
  "{subject} effectives par rapport au budget initialement approuvé : {series}.")

local UNDECIDED = L("Only {n} of the last three completed years can be computed, and the missing years could change the grade.",
  "Solo se pueden calcular {n} de los tres últimos ejercicios cerrados, y los años faltantes podrían cambiar la calificación.",
  "Só é possível calcular {n} dos três últimos exercícios encerrados, e os anos ausentes poderiam mudar a nota.",
  "Seuls {n} des trois derniers exercices clos peuvent être calculés, et les années manquantes pourraient changer la note.")

local INCOMPLETE = L("The lines of {year} add up to {lines_budget} approved and {lines_actual} executed, not the year's totals ({total_budget} and {total_actual}): the year is incomplete and is not scored.",
  "Las líneas de {year} suman {lines_budget} aprobado y {lines_actual} ejecutado, no los totales del año ({total_budget} y {total_actual}): el año está incompleto y no se califica.",
  "As linhas de {year} somam {lines_budget} aprovado e {lines_actual} executado, não os totais do ano ({total_budget} e {total_actual}): o ano está incompleto e não é pontuado.",
  "Les lignes de {year} totalisent {lines_budget} approuvé et {lines_actual} exécuté, et non les totaux de l'année ({total_budget} et {total_actual}) : l'année est incomplète et n'est pas notée.")

--- The reads of a yearly series of lines.
local function line_reads(path)
  return c.reads({ path .. "[].year", path .. "[].lines[].budget", path .. "[].lines[].actual", path .. "[].total_budget",
    path .. "[].total_actual", "budget.last_completed_year" })
end

--- Whether a year's lines are the whole of it: when the row gives the year's `total_budget` and
-- `total_actual`, the lines must add up to both (within 1 %). A line left out then makes the year
-- incomplete instead of making the composition look better. Rows without totals are taken as given.
local function complete(ctx, r, path)
  if not c.number(r.total_budget) or not c.number(r.total_actual) or type(r.lines) ~= "table" then return true end
  local budget, actual = 0, 0
  for _, l in ipairs(r.lines) do
    if type(l) == "table" and c.number(l.budget) then budget = budget + l.budget end
    if type(l) == "table" and c.number(l.actual) then actual = actual + l.actual end
  end
  local function close(x, total) return math.abs(x - total) <= 0.01 * math.abs(total) end
  if close(budget, r.total_budget) and close(actual, r.total_actual) then return true end
  ctx.finding(c.fmt(INCOMPLETE, { year = tostring(r.year), lines_budget = budget, lines_actual = actual,
    total_budget = r.total_budget, total_actual = r.total_actual }), { path })
  return false
end

--- A dimension graded on PEFA's composition variance "in at least two of the last three
-- years" (PI-2.1, PI-2.2, PI-3.2).
-- @param spec { id, path, title, question, levels, references, subject (text, "by function"),
--   limits = { A =, B =, C = } (variance below, in percent), gaps, ask (text), owner,
--   aggregate (boolean: also report the aggregate outturn of the lines) }
function M.composition(spec)
  return m.indicator {
    id = spec.id,
    title = spec.title,
    question = spec.question,
    levels = spec.levels,
    references = spec.references,
    reads = line_reads(spec.path),
    requires = { spec.path },
    evaluate = function(case, ctx)
      local rows, missing = c.last_three(c.list(ctx.get(spec.path)), case.budget.last_completed_year)
      local values, variances, outturns = {}, {}, {}
      for _, r in ipairs(rows) do
        local v = complete(ctx, r, spec.path) and c.composition_variance(r.lines) or nil
        if v then
          values[#values + 1] = v
          variances[#variances + 1] = { year = r.year, value = v }
          local budget, actual = 0, 0
          for _, l in ipairs(r.lines) do budget, actual = budget + l.budget, actual + l.actual end
          outturns[#outturns + 1] = { year = r.year, value = c.outturn(budget, actual) }
        else
          missing = missing + 1
        end
      end
      local limits = spec.limits
      local grade = c.two_of_three(ctx, values, missing, {
        { grade = "A", label = spec.levels.A, ok = function(v) return v < limits.A end },
        { grade = "B", label = spec.levels.B, ok = function(v) return v < limits.B end },
        { grade = "C", label = spec.levels.C, ok = function(v) return v < limits.C end },
      })
      if grade == nil then
        return c.missing(ctx, { spec.path .. "[].lines" }, UNDECIDED, spec.ask, spec.owner, { n = #values })
      end
      if spec.aggregate and #outturns > 0 then
        ctx.finding(c.fmt(AGGREGATE, { series = c.series(outturns) }), { spec.path })
      end
      return c.grade(ctx, grade, #variances > 0 and VARIANCE or nil, { spec.path }, spec.gaps,
        { subject = spec.subject, series = c.series(variances) })
    end,
  }
end

--- A dimension graded on the aggregate outturn as a share of the approved budget "in at
-- least two of the last three years" (PI-3.1).
-- @param spec { id, path, title, question, levels, references, subject (text, "revenues"),
--   bands = { A = { low, high }, B =, C = } (percent, inclusive), gaps, ask, owner }
function M.aggregate(spec)
  return m.indicator {
    id = spec.id,
    title = spec.title,
    question = spec.question,
    levels = spec.levels,
    references = spec.references,
    reads = c.reads({ spec.path .. "[].year", spec.path .. "[].budget", spec.path .. "[].actual", "budget.last_completed_year" }),
    requires = { spec.path },
    evaluate = function(case, ctx)
      local rows, missing = c.last_three(c.list(ctx.get(spec.path)), case.budget.last_completed_year)
      local values, series = {}, {}
      for _, r in ipairs(rows) do
        local v = c.outturn(r.budget, r.actual)
        if v then
          values[#values + 1] = v
          series[#series + 1] = { year = r.year, value = v }
        else
          missing = missing + 1
        end
      end
      local function within(band)
        return function(v) return v >= band[1] and v <= band[2] end
      end
      local bands = spec.bands
      local grade = c.two_of_three(ctx, values, missing, {
        { grade = "A", label = spec.levels.A, ok = within(bands.A) },
        { grade = "B", label = spec.levels.B, ok = within(bands.B) },
        { grade = "C", label = spec.levels.C, ok = within(bands.C) },
      })
      if grade == nil then
        return c.missing(ctx, { spec.path }, UNDECIDED, spec.ask, spec.owner, { n = #values })
      end
      return c.grade(ctx, grade, #series > 0 and OUTTURN or nil, { spec.path }, spec.gaps,
        { subject = spec.subject, series = c.series(series) })
    end,
  }
end

return M
