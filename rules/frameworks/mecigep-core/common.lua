--- Helpers shared by the criteria of the MECIGEP core framework: reading the case's answers
-- ("not reported" versus "there is none"), the maturity ladder, findings and practical
-- recommendations tied to the case's implementation challenges.
--
-- Convention for cases (docs/cases.md): a field left out means *not reported*, and the
-- indicator reports insufficient information; `none`, `false` or an empty list `[]` means
-- *there is none*, and the indicator reports level 0.
-- @module frameworks.mecigep-core.common

local m = require "mecigep"
local text = require "lib.text"
local i18n = require "lib.i18n"
local dates = require "lib.dates"
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, pairs, tostring, null, string, table, math = type, ipairs, pairs, tostring, null, string, table, math

local L = i18n.L
local T = i18n.template
local M = {}

M.L = L

--- Fields read by every indicator for its recommendations: the challenges' declared criteria
-- (a recommendation answers the challenge that names its criterion or indicator), the lead
-- institution it names as owner, the launch its deadlines count from.
M.CONTEXT_READS = { "implementation_challenges[].id", "implementation_challenges[].criteria", "design.lead_institution",
  "identification.agency", "identification.planned_launch", "identification.thematic_area" }

---------------------------------------------------------------------------------------------
-- Reading answers
---------------------------------------------------------------------------------------------

--- Whether a value holds something: non-blank text, a number, `true`, a non-empty table.
-- @param v any value
-- @return boolean
function M.given(v)
  if v == nil or v == null or v == false then return false end
  if type(v) == "string" then return text.is_text(v) and not text.is_none(v) end
  if type(v) == "table" then return not text.is_none(v) end
  return true
end

--- Whether a value is blank: nil, null, text with nothing in it, or a table (mapping or
-- list) that has members, all of them blank. An unfilled template (`design:` with empty
-- fields) is blank, so it reads as "not reported", not as an answer. An empty list `[]` is
-- not blank: it is the answer "there is none".
-- @param v any value
-- @return boolean
function M.blank(v)
  if v == nil or v == null then return true end
  if type(v) == "string" then return not text.is_text(v) end
  if type(v) == "table" then
    local members = false
    for _, x in pairs(v) do
      members = true
      if not M.blank(x) then return false end
    end
    return members
  end
  return false
end

--- What the case says at `path`: "absent" (not reported, or left blank), "none" (reported as
-- none, or a parent block reported as none) or "given", and the value. A list comes back
-- without its blank items.
-- @param case the case
-- @param path a path such as "evidence.fiscal.costing"
-- @return "absent" | "none" | "given", value
function M.state(case, path)
  local v = case
  for part in string.gmatch(path, "[^%.]+") do
    if text.is_none(v) and v ~= case then return "none", nil end
    if type(v) ~= "table" then return "absent", nil end
    v = v[part]
    if v == nil or v == null then return "absent", nil end
  end
  if text.is_none(v) then return "none", v end
  if M.blank(v) then return "absent", nil end
  if type(v) == "table" and #v > 0 then
    local items = {}
    for _, x in ipairs(v) do
      if not M.blank(x) then items[#items + 1] = x end
    end
    return "given", items
  end
  return "given", v
end

--- The value at path (nil when absent or null).
-- @param case the case
-- @param path a path such as "design.legal_basis.instrument" or "fiscal.costing[2].amount"
-- @return the value or nil
function M.get(case, path)
  return m.get(case, path)
end

--- A list at path: the list, or an empty table when the value is not a list.
-- @param case the case (or any table)
-- @param path a path
-- @return a list
function M.list(case, path)
  local v = case
  if path then v = m.get(case, path) end
  if type(v) ~= "table" then return {} end
  return v
end

--- Whether a value is a number.
function M.is_number(v) return type(v) == "number" end

--- Whether a value is text with content.
function M.is_text(v) return text.is_text(v) and not text.is_none(v) end

--- The count of list items that satisfy a predicate.
-- @param list a list
-- @param pred function(item) -> boolean
-- @return integer
function M.count(list, pred)
  local n = 0
  for _, item in ipairs(list) do
    if pred(item) then n = n + 1 end
  end
  return n
end

--- The distinct normalised texts among `field` of the items (or the items themselves).
-- @param list a list of tables or strings
-- @param field optional field name
-- @return a table set and its size
function M.distinct(list, field)
  local set, n = {}, 0
  for _, item in ipairs(list) do
    local v = item
    if field then v = type(item) == "table" and item[field] or nil end
    local values = type(v) == "table" and v or { v }
    for _, x in ipairs(values) do
      if type(x) == "number" then x = tostring(x) end
      local key = text.normalise(x)
      if key ~= "" and not set[key] then
        set[key] = true
        n = n + 1
      end
    end
  end
  return set, n
end

--- The planned launch date of the case, or nil.
function M.launch(case)
  local d = M.get(case, "identification.planned_launch")
  if dates.is_date(d) then return d end
  return nil
end

--- The year of the planned launch, or nil.
function M.launch_year(case)
  return dates.year(M.launch(case))
end

local IMPLAUSIBLE_AMOUNT = T(L(
  "{path} gives {amount}, less than {share} % of the costed total ({total}): an amount that small is not a budget. Give the amount actually reserved, with the budget line that holds it.",
  "{path} indica {amount}, menos del {share} % del total costeado ({total}): un monto tan pequeño no es un presupuesto. Indique el monto realmente reservado, con la partida que lo contiene.",
  "{path} indica {amount}, menos de {share} % do total custeado ({total}): um valor tão pequeno não é um orçamento. Indique o valor realmente reservado, com a rubrica que o contém.",
  "{path} indique {amount}, moins de {share} % du total chiffré ({total}) : un montant aussi faible n'est pas un budget. Indiquez le montant réellement réservé, avec la ligne budgétaire qui le porte."))

--- Whether a budget amount is plausible: a positive number and, when the case costs the
-- initiative, at least `calibration.min_budget_share` of that cost (a budget of 1 is a
-- placeholder in disguise). An implausible amount counts as missing, and `validate` says so.
-- @param ctx the rule context (for the suggestion)
-- @param case the case
-- @param amount the amount given
-- @param path its path, for the suggestion
-- @return boolean
function M.plausible_amount(ctx, case, amount, path)
  if type(amount) ~= "number" or amount <= 0 then return false end
  local total = 0
  for _, r in ipairs(M.list(case, "evidence.fiscal.costing")) do
    if type(r) == "table" and type(r.amount) == "number" and r.amount > 0 then total = total + r.amount end
  end
  local share = require("frameworks.mecigep-core.calibration").values.min_budget_share
  if total > 0 and amount < total * share then
    ctx.suggest(i18n.fill(IMPLAUSIBLE_AMOUNT, { path = path, amount = i18n.number(amount), share = i18n.number(share * 100),
      total = i18n.number(total) }), path)
    return false
  end
  return true
end

local FUTURE_YEAR = T(L(
  "{path} is dated {year}, after the launch ({launch}): what the initiative rests on must exist before it starts. Correct the year, or leave the item out until it exists.",
  "{path} tiene fecha {year}, posterior al lanzamiento ({launch}): aquello en que se basa la iniciativa debe existir antes de que comience. Corrija el año, o deje fuera el elemento hasta que exista.",
  "{path} tem data {year}, posterior ao lançamento ({launch}): aquilo em que a iniciativa se baseia deve existir antes de ela começar. Corrija o ano, ou deixe o item de fora até que exista.",
  "{path} est daté de {year}, après le lancement ({launch}) : ce sur quoi l'initiative repose doit exister avant qu'elle ne commence. Corrigez l'année, ou laissez l'élément de côté tant qu'il n'existe pas."))

--- Whether a year that must precede the launch does (a study, a baseline figure); a later
-- year is implausible, counts as missing, and `validate` says so. True when either is unknown.
-- @param ctx the rule context
-- @param case the case
-- @param year the year given
-- @param path its path
-- @return boolean
function M.before_launch(ctx, case, year, path)
  local launch = M.launch_year(case)
  if math.type(year) ~= "integer" or launch == nil or year <= launch then return true end
  ctx.suggest(i18n.fill(FUTURE_YEAR, { path = path, year = tostring(year), launch = tostring(launch) }), path)
  return false
end

--- The fields an indicator reads: its own evidence paths, plus those every recommendation
-- reads (the challenges it is matched against, the lead institution it names as owner, the
-- launch its deadlines are counted from). Citations are read by the engine (ctx.cited).
-- @param paths the indicator's own paths
-- @return the full list, for the indicator's `reads`
function M.reads(paths)
  local out, seen = {}, {}
  local function add(p)
    if not seen[p] then
      seen[p] = true
      out[#out + 1] = p
    end
  end
  for _, list in ipairs({ paths, M.CONTEXT_READS }) do
    for _, p in ipairs(list) do add(p) end
  end
  return out
end

---------------------------------------------------------------------------------------------
-- Owners, deadlines, placeholders
---------------------------------------------------------------------------------------------

local LEAD_NAMED = T(L("{name} (lead institution)", "{name} (institución líder)", "{name} (instituição líder)",
  "{name} (institution chef de file)"))
local LEAD = L("The lead institution", "La institución líder", "A instituição líder", "L'institution chef de file")
local LEAD_NAME = L("the lead institution", "la institución líder", "a instituição líder", "l'institution chef de file")
local OF_LEAD = L("of the lead institution", "de la institución líder", "da instituição líder", "de l'institution chef de file")
local BEFORE_DATED = T(L("before the launch planned for {d}", "antes del lanzamiento previsto para el {d}",
  "antes do lançamento previsto para {d}", "avant le lancement prévu le {d}"))
local FIRST_YEAR_DATED = T(L("by {d}, one year after the launch", "a más tardar el {d}, un año después del lanzamiento",
  "até {d}, um ano após o lançamento", "au plus tard le {d}, un an après le lancement"))
local BEFORE = L("before the launch", "antes del lanzamiento", "antes do lançamento", "avant le lancement")
local FIRST_YEAR = L("within the first year of operation", "durante el primer año de operación",
  "durante o primeiro ano de operação", "au cours de la première année de fonctionnement")

--- Suggested owners of recommendations; `{lead}` is the case's lead institution.
M.OWNERS = {
  lead = L("{lead}", "{lead}", "{lead}", "{lead}"),
  finance = L("Ministry of Finance (budget office), with {lead_name}",
    "Ministerio de Hacienda o Finanzas (dirección de presupuesto), con {lead_name}",
    "Ministério da Fazenda ou das Finanças (órgão de orçamento), com {lead_name}",
    "Ministère des Finances (direction du budget), avec {lead_name}"),
  planning = L("National planning office, with {lead_name}", "Oficina nacional de planificación, con {lead_name}",
    "Órgão nacional de planejamento, com {lead_name}", "Organisme national de planification, avec {lead_name}"),
  statistics = L("{lead}, with the national statistics office", "{lead}, con la oficina nacional de estadística",
    "{lead}, com o instituto nacional de estatística", "{lead}, avec l'institut national de la statistique"),
  evaluation = L("Evaluation unit {of_lead} (or the national evaluation body)",
    "Unidad de evaluación {of_lead} (o el organismo nacional de evaluación)",
    "Unidade de avaliação {of_lead} (ou o órgão nacional de avaliação)",
    "Service d'évaluation {of_lead} (ou l'organisme national d'évaluation)"),
  participation = L("Participation / open-government team {of_lead}",
    "Equipo de participación / gobierno abierto {of_lead}",
    "Equipe de participação / governo aberto {of_lead}",
    "Équipe participation / gouvernement ouvert {of_lead}"),
  service = L("Service design / digital team {of_lead}", "Equipo de diseño de servicios / digital {of_lead}",
    "Equipe de design de serviços / digital {of_lead}", "Équipe conception des services / numérique {of_lead}"),
  behavioural = L("Behavioural insights team working with {lead_name}",
    "Equipo de ciencias del comportamiento que trabaja con {lead_name}",
    "Equipe de ciências comportamentais que trabalha com {lead_name}",
    "Équipe de sciences comportementales travaillant avec {lead_name}"),
  ethics = L("An independent ethics committee convened by {lead_name}",
    "Un comité de ética independiente convocado por {lead_name}",
    "Um comitê de ética independente convocado por {lead_name}",
    "Un comité d'éthique indépendant réuni par {lead_name}"),
  legal = L("Legal office {of_lead}, with the Presidency or Cabinet office",
    "Asesoría jurídica {of_lead}, con la Presidencia o la Secretaría de Gobierno",
    "Assessoria jurídica {of_lead}, com a Presidência ou a Casa Civil",
    "Service juridique {of_lead}, avec la Présidence ou le secrétariat général du gouvernement"),
  centre = L("Centre of government (Presidency or Cabinet office), with the partner agencies",
    "Centro de gobierno (Presidencia o Secretaría de Gobierno), con las entidades socias",
    "Centro de governo (Presidência ou Casa Civil), com os órgãos parceiros",
    "Centre de gouvernement (Présidence ou secrétariat général), avec les organismes partenaires"),
  pmo = L("Project management office {of_lead}", "Oficina de gestión de proyectos {of_lead}",
    "Escritório de gestão de projetos {of_lead}", "Bureau de gestion de projet {of_lead}"),
}

-- The owners as templates, for M.gap.
local OWNER_TEMPLATES = {}
for key, owner in pairs(M.OWNERS) do OWNER_TEMPLATES[key] = T(owner) end

--- Placeholders every recommendation may use: {lead} ("AGESIC (lead institution)"),
-- {lead_name} ("AGESIC", or "the lead institution"), {of_lead} ("of AGESIC", "d'AGESIC"),
-- {launch}, {before_launch},
-- {first_year} (the first year of operation).
-- @param case the case
-- @return a table of placeholder values
function M.vars(case)
  local name = M.get(case, "design.lead_institution")
  if not M.is_text(name) then name = M.get(case, "identification.agency") end
  local lead, lead_name, of_lead = LEAD, LEAD_NAME, OF_LEAD
  if M.is_text(name) then
    lead = i18n.fill(LEAD_NAMED, { name = name })
    lead_name = name
    -- French elides "de" before a vowel or a mute h: "d'AGESIC", "de la SUNAT".
    local fr_of = string.find(text.normalise(name), "^[aeiouyh]") and "d'" or "de "
    of_lead = { en = "of " .. name, es = "de " .. name, pt = "de " .. name, fr = fr_of .. name }
  end
  local launch = M.launch(case)
  local before, first_year
  if launch then
    before = i18n.fill(BEFORE_DATED, { d = i18n.date(launch) })
    first_year = i18n.fill(FIRST_YEAR_DATED, { d = i18n.date(dates.add_years(launch, 1)) })
  else
    before, first_year = BEFORE, FIRST_YEAR
  end
  return { lead = lead, lead_name = lead_name, of_lead = of_lead, launch = launch or before,
    before_launch = before, first_year = first_year }
end

local function merged(case, extra)
  local vars = M.vars(case)
  for k, v in pairs(extra or {}) do vars[k] = v end
  return vars
end

---------------------------------------------------------------------------------------------
-- Challenges
---------------------------------------------------------------------------------------------

--- The id of the first implementation challenge (in the case's order) that declares the
-- indicator's id or its criterion's id in its `criteria`, or nil. A recommendation is tied to a
-- challenge by what the State declared, never by words the two texts share.
-- @param case the case
-- @param ctx the rule context (for the indicator's and the criterion's ids)
-- @return challenge id or nil
function M.challenge_for(case, ctx)
  local wanted = {}
  if ctx and ctx.indicator then wanted[ctx.indicator.id] = true end
  if ctx and ctx.criterion and ctx.criterion.id then wanted[ctx.criterion.id] = true end
  for _, challenge in ipairs(M.list(case, "implementation_challenges")) do
    if type(challenge) == "table" and type(challenge.id) == "string" and type(challenge.criteria) == "table" then
      for _, declared in ipairs(challenge.criteria) do
        if wanted[declared] then return challenge.id end
      end
    end
  end
  return nil
end

---------------------------------------------------------------------------------------------
-- Results
---------------------------------------------------------------------------------------------

local RUNG = T(L("Reaches level {n}: {rubric}", "Alcanza el nivel {n}: {rubric}", "Alcança o nível {n}: {rubric}",
  "Atteint le niveau {n} : {rubric}"))

-- A template per level of one made with placeholders {n} and {rubric}: the level's number
-- filled in once, while the module loads ({rubric} filled with itself stays a placeholder), so
-- that a call fills only the rubric — the same text, without writing the number four times.
local function per_level(template)
  local out = {}
  for n = 0, 4 do out[n] = T(i18n.fill(template, { n = n, rubric = "{rubric}" })) end
  return out
end
local RUNGS = per_level(RUNG)

--- A criterion's indicators, with their rungs' labels filled while the module loads: the four
-- labels M.ladder records ("Reaches level 2: <rubric>") are the same for every case, and filling
-- them on every call was a tenth of the rules' work in a batch. Each rubric keeps its label under
-- `__rung` (keys that start with "__" stay out of the framework's description); an indicator not
-- listed through here gets the same labels filled on each call. (The finding of the level reached
-- is filled on each call: a case reaches one level of four, and a one-case run would pay for all
-- four while the module loads.) Use it where the criterion lists its indicators:
-- `indicators = c.indicators { a, b, c }`.
-- @param list the criterion's indicators
-- @return the same list
function M.indicators(list)
  for _, indicator in ipairs(list) do
    local levels = indicator.levels
    if type(levels) == "table" then
      for n = 1, 4 do
        local rubric = levels[n]
        if type(rubric) == "table" then
          rubric.__rung = i18n.fill(RUNGS[n], { rubric = rubric })
        end
      end
    end
  end
  return list
end

-- "Reaches level n: <rubric>" for levels[n] (a rubric, not nil): as M.indicators filled it, or
-- filled now.
local function rung_text(levels, n)
  local rubric = levels[n]
  if type(rubric) == "table" and rubric.__rung then return rubric.__rung end
  return i18n.fill(RUNGS[n], { rubric = rubric })
end

--- The level reached on a maturity ladder: the highest n such that rungs 1..n all hold.
-- Each rung is recorded with ctx.check, labelled with the rubric of its level.
-- @param ctx the rule context
-- @param rungs { [1] = bool, [2] = bool, [3] = bool, [4] = bool }
-- @return integer 0-4
function M.ladder(ctx, rungs)
  local levels = ctx.indicator.levels or {}
  local level, open = 0, true
  for n = 1, 4 do
    local ok = rungs[n] and true or false
    local label = levels[n] and rung_text(levels, n) or ("level " .. n)
    ctx.check(label, ok)
    if open and ok then level = n else open = false end
  end
  return level
end

--- Records a finding (text with placeholders) resting on evidence paths.
-- @param ctx the rule context
-- @param case the case
-- @param t text table
-- @param evidence paths
-- @param vars optional placeholder values
function M.finding(ctx, case, t, evidence, vars)
  ctx.finding(i18n.format(t, merged(case, vars)), evidence)
end

--- Records a gap: a finding and the recommendation that closes it, tied to the case's
-- implementation challenge that declares the indicator or its criterion.
-- @param ctx the rule context
-- @param case the case
-- @param gap { finding =, text =, priority =, horizon =, owner = (OWNERS key or text), evidence =,
--   example = { areas = { thematic areas }, text = } (filled into {example} only in those areas) }
-- @param vars optional placeholder values
function M.gap(ctx, case, gap, vars)
  local all = merged(case, vars)
  -- A country's experience is cited only where it fits: when the case's thematic area is one
  -- the example comes from (gap.example = { areas = {...}, text = ... }); otherwise nothing.
  all.example = ""
  if gap.example then
    local area = M.get(case, "identification.thematic_area")
    for _, a in ipairs(gap.example.areas) do
      if a == area then all.example = gap.example.text end
    end
  end
  if gap.finding then ctx.finding(i18n.format(gap.finding, all), gap.evidence or {}) end
  local owner = gap.owner or "lead"
  if type(owner) == "string" then owner = OWNER_TEMPLATES[owner] end
  ctx.recommend {
    text = i18n.format(gap.text, all),
    priority = gap.priority or "medium",
    horizon = gap.horizon or "short",
    owner = i18n.format(owner, all),
    challenge = M.challenge_for(case, ctx),
  }
end

local REACHED = per_level(T(L("Level {n}: {rubric}", "Nivel {n}: {rubric}", "Nível {n}: {rubric}",
  "Niveau {n} : {rubric}")))

--- The highest level a claim may reach without a cited document (calibration.lua).
M.UNCITED_CAP = require("frameworks.mecigep-core.calibration").values.uncited_cap

local CAPPED = T(L(
  "Level {n} would need a cited document: the answers under {paths} cite none of the case's register (documents[].id). Cite the law, budget line, study or minutes they rest on with document: or documents:; until then the level stays at {cap}.",
  "El nivel {n} requeriría un documento citado: las respuestas en {paths} no citan ninguno del registro del caso (documents[].id). Cite la ley, partida presupuestaria, estudio o acta en que se basan con document: o documents:; mientras tanto el nivel queda en {cap}.",
  "O nível {n} exigiria um documento citado: as respostas em {paths} não citam nenhum do registro do caso (documents[].id). Cite a lei, rubrica orçamentária, estudo ou ata em que se baseiam com document: ou documents:; até lá o nível fica em {cap}.",
  "Le niveau {n} exigerait un document cité : les réponses sous {paths} ne citent aucun document du registre du cas (documents[].id). Citez la loi, la ligne budgétaire, l'étude ou le procès-verbal sur lesquels elles reposent avec document: ou documents: ; d'ici là le niveau reste à {cap}."))

local CITE = T(L("Add the documents behind {paths} to the case's register (documents: id, title, issuer, date, kind, link) and cite them by id where the facts are given, {before_launch}: the facts already support level {n}.",
  "Agregue los documentos que respaldan {paths} al registro del caso (documents: id, título, emisor, fecha, tipo, enlace) y cítelos por id donde se dan los hechos, {before_launch}: los hechos ya sustentan el nivel {n}.",
  "Acrescente os documentos que sustentam {paths} ao registro do caso (documents: id, título, emissor, data, tipo, link) e cite-os por id onde os fatos são dados, {before_launch}: os fatos já sustentam o nível {n}.",
  "Ajoutez les documents à l'appui de {paths} au registre du cas (documents : id, titre, émetteur, date, type, lien) et citez-les par leur id là où les faits sont donnés, {before_launch} : les faits justifient déjà le niveau {n}."))

local RESTS_ON = T(L("The level rests on these documents of the case's register: {documents}.",
  "El nivel se basa en estos documentos del registro del caso: {documents}.",
  "O nível se baseia nestes documentos do registro do caso: {documents}.",
  "Le niveau repose sur ces documents du registre du cas : {documents}."))

local CITED = T(L("A document of the case's register is cited (needed above level {cap})",
  "Se cita un documento del registro del caso (necesario por encima del nivel {cap})",
  "Cita-se um documento do registro do caso (necessário acima do nível {cap})",
  "Un document du registre du cas est cité (nécessaire au-dessus du niveau {cap})"))
-- (filled once: the label is the same for every call)
local CITED_TEXT = i18n.fill(CITED, { cap = M.UNCITED_CAP })

--- The ids of the case's document register (documents[].id).
function M.register(case)
  local ids = {}
  for _, d in ipairs(M.list(case, "documents")) do
    if type(d) == "table" and M.is_text(d.id) then ids[d.id] = true end
  end
  return ids
end

--- Finishes an indicator: the finding that states the level reached (with its rubric), the
-- gap that blocks the next level (when below 4) and the result.
-- @param ctx the rule context
-- @param case the case
-- @param level the level reached
-- @param gaps { [1] = gap, ..., [4] = gap }: what is missing for each level
-- @param evidence paths the level rests on
-- @param vars optional placeholder values
-- @return ctx.level(level)
function M.finish(ctx, case, level, gaps, evidence, vars)
  local levels = ctx.indicator.levels or {}
  -- A level above the cap rests on cited documents, never on the State's word alone.
  local documents = ctx.cited(evidence or {})
  ctx.basis(#documents > 0 and "documented" or "self_declared", documents)
  ctx.check(CITED_TEXT, #documents > 0)
  if level > M.UNCITED_CAP and #documents == 0 then
    local paths = table.concat(evidence or {}, ", ")
    ctx.finding(i18n.fill(CAPPED, { n = level, cap = M.UNCITED_CAP, paths = paths }), evidence or {})
    local reached = M.UNCITED_CAP
    if levels[reached] then ctx.finding(i18n.fill(REACHED[reached], { rubric = levels[reached] }), evidence or {}) end
    M.gap(ctx, case, { text = CITE, priority = "medium", horizon = "short", owner = "lead" }, { paths = paths, n = level })
    return ctx.level(reached)
  end
  if levels[level] and level > 0 then
    ctx.finding(i18n.fill(REACHED[level], { rubric = levels[level] }), evidence or {})
  end
  if #documents > 0 and level > 0 then
    ctx.finding(i18n.fill(RESTS_ON, { documents = table.concat(documents, ", ") }), evidence or {})
  end
  if level < 4 and gaps[level + 1] then
    M.gap(ctx, case, gaps[level + 1], vars)
  end
  return ctx.level(level)
end

local NOT_REPORTED = T(L(
  "Not reported: the case does not give {path}. Add it, or write none (or []) if there is none.",
  "No informado: el caso no indica {path}. Agréguelo, o escriba none (o []) si no existe.",
  "Não informado: o caso não indica {path}. Acrescente-o, ou escreva none (ou []) se não existir.",
  "Non renseigné : le cas n'indique pas {path}. Ajoutez-le, ou écrivez none (ou []) s'il n'existe pas."))

--- The result for a field the case does not report.
-- @param ctx the rule context
-- @param path the missing path (or a list of paths; the first is named)
-- @return ctx.insufficient(...)
function M.insufficient(ctx, path)
  local first = type(path) == "table" and path[1] or path
  return ctx.insufficient(path, i18n.fill(NOT_REPORTED, { path = first }))
end

return M
