--- PI-11 Public investment management (PEFA 2016, pillar III, management of assets and
-- liabilities): economic appraisal, selection, costing and monitoring of major investment
-- projects. Four dimensions, aggregated by M2 (averaging; m2.lua, a derived table).
--
-- Major projects are those the case marks `major: true`; a project without the mark is major
-- when its total cost is 1 % or more of total annual budget expenditure (PEFA's first test;
-- its second, "among the 10 largest of the 5 largest units", needs data a case rarely has).
-- Where PEFA's text names no share, this framework reads "all" as >= 90 % of major projects,
-- "most" as >= 75 %, "majority" as >= 50 %, "some" as >= 25 % (PEFA's materiality words).
-- @module frameworks.pefa-budget.pi11

local m = require "mecigep"
local c = require "frameworks.pefa-budget.common"
local m2 = require "frameworks.pefa-budget.m2"

local L = c.L
local PI = "PI-11 Public investment management"
local PROJECTS = "budget.investment.projects"

--- The major projects of the case.
local function major_projects(case)
  local total = case.budget.total_expenditure
  local out = {}
  for _, p in ipairs(c.list(case.budget.investment.projects)) do
    if type(p) == "table" then
      local major = p.major
      if major == nil or major == null then
        major = c.number(p.total_cost) and c.number(total) and total > 0 and p.total_cost >= 0.01 * total
      end
      if major == true then out[#out + 1] = p end
    end
  end
  return out
end

--- The number of major projects the shares are taken over: those listed, or the count the case
-- declares (`budget.investment.major_projects_count`) when it is larger. A major project left out
-- of the list then counts as one that meets nothing, instead of improving the shares.
local function denominator(case, projects)
  local declared = case.budget.investment.major_projects_count
  if math.type(declared) == "integer" and declared > #projects then return declared end
  return #projects
end

--- How many of the projects satisfy test.
local function count(projects, test)
  local n = 0
  for _, p in ipairs(projects) do
    if test(p) then n = n + 1 end
  end
  return n
end

--- Whether any project has something at field.
local function any_given(projects, field)
  for _, p in ipairs(projects) do
    local v = p[field]
    if v ~= nil and v ~= null then return true end
  end
  return false
end

local NO_MAJOR = L("No project is identified as major: none is marked major, and none has a total cost of 1% or more of total annual budget expenditure that can be checked.",
  "Ningún proyecto se identifica como de gran envergadura: ninguno está marcado como tal y ninguno tiene un costo total verificable igual o superior al 1 % del gasto presupuestario anual total.",
  "Nenhum projeto é identificado como de grande porte: nenhum está marcado como tal e nenhum tem um custo total verificável igual ou superior a 1% da despesa orçamentária anual total.",
  "Aucun projet n'est identifié comme majeur : aucun n'est signalé comme tel et aucun n'a un coût total vérifiable d'au moins 1 % des dépenses budgétaires annuelles totales.")

local ASK_MAJOR = L("List the major investment projects (total cost of 1% or more of annual budget expenditure, among the ten largest of the five largest investing ministries), with their total cost, and state the total budget expenditure, before the peer-review meeting.",
  "Liste los proyectos de inversión de gran envergadura (costo total igual o superior al 1 % del gasto presupuestario anual, entre los diez mayores de los cinco ministerios que más invierten), con su costo total, e indique el gasto presupuestario total, antes de la reunión de revisión entre pares.",
  "Liste os projetos de investimento de grande porte (custo total igual ou superior a 1% da despesa orçamentária anual, entre os dez maiores dos cinco ministérios que mais investem), com o seu custo total, e indique a despesa orçamentária total, antes da reunião de revisão por pares.",
  "Dressez la liste des grands projets d'investissement (coût total d'au moins 1 % des dépenses budgétaires annuelles, parmi les dix plus importants des cinq ministères qui investissent le plus), avec leur coût total, et indiquez les dépenses budgétaires totales, avant la réunion d'examen par les pairs.")

local function no_major(ctx)
  return c.missing(ctx, { PROJECTS .. "[].major", PROJECTS .. "[].total_cost", "budget.total_expenditure" }, NO_MAJOR, ASK_MAJOR,
    "investment")
end

local SHARES = L("{n} major project(s): {detail}.", "{n} proyecto(s) de gran envergadura: {detail}.",
  "{n} projeto(s) de grande porte: {detail}.", "{n} grand(s) projet(s) : {detail}.")

local COMMON_READS = { PROJECTS .. "[].major", PROJECTS .. "[].total_cost", "budget.total_expenditure",
  "budget.investment.major_projects_count" }

local function reads(extra)
  local out = {}
  for _, r in ipairs(COMMON_READS) do out[#out + 1] = r end
  for _, r in ipairs(extra) do out[#out + 1] = r end
  return c.reads(out)
end

---------------------------------------------------------------------------------------------
-- 11.1 Economic analysis of investment proposals
---------------------------------------------------------------------------------------------

local APPRAISAL_LEVELS = {
  A = L("Economic analyses are conducted, as established in national guidelines, to assess all major investment projects, and the results are published. The analyses are reviewed by an entity other than the sponsoring entity.",
    "Se realizan análisis económicos, según las directrices nacionales, de todos los proyectos de inversión de gran envergadura, y sus resultados se publican. Los análisis son revisados por una entidad distinta de la patrocinadora.",
    "São realizadas análises econômicas, segundo as diretrizes nacionais, de todos os projetos de investimento de grande porte, e os resultados são publicados. As análises são revisadas por uma entidade distinta da proponente.",
    "Des analyses économiques sont réalisées, conformément aux directives nationales, pour tous les grands projets d'investissement, et leurs résultats sont publiés. Elles sont examinées par une entité autre que l'entité promotrice."),
  B = L("Economic analyses are conducted, as established in national guidelines, to assess most major investment projects, and some results are published. The analyses are reviewed by an entity other than the sponsoring entity.",
    "Se realizan análisis económicos, según las directrices nacionales, de la mayoría de los proyectos de inversión de gran envergadura, y se publican algunos resultados. Los análisis son revisados por una entidad distinta de la patrocinadora.",
    "São realizadas análises econômicas, segundo as diretrizes nacionais, da maioria dos projetos de investimento de grande porte, e alguns resultados são publicados. As análises são revisadas por uma entidade distinta da proponente.",
    "Des analyses économiques sont réalisées, conformément aux directives nationales, pour la plupart des grands projets d'investissement, et certains résultats sont publiés. Elles sont examinées par une entité autre que l'entité promotrice."),
  C = L("Economic analyses are conducted to assess some major investment projects.",
    "Se realizan análisis económicos de algunos proyectos de inversión de gran envergadura.",
    "São realizadas análises econômicas de alguns projetos de investimento de grande porte.",
    "Des analyses économiques sont réalisées pour certains grands projets d'investissement."),
  D = c.BELOW_C,
}

local APPRAISAL_DETAIL = L("{guidelines} appraised under national guidelines, {published} with published results, {reviewed} reviewed by an entity other than the sponsor, {any} appraised at all",
  "{guidelines} evaluados según las directrices nacionales, {published} con resultados publicados, {reviewed} revisados por una entidad distinta de la patrocinadora, {any} evaluados de algún modo",
  "{guidelines} avaliados segundo as diretrizes nacionais, {published} com resultados publicados, {reviewed} revisados por uma entidade distinta da proponente, {any} avaliados de algum modo",
  "{guidelines} évalués selon les directives nationales, {published} avec résultats publiés, {reviewed} examinés par une entité autre que le promoteur, {any} évalués d'une manière ou d'une autre")

local APPRAISAL_GAPS = {
  D = { priority = "high", horizon = "short", owner = "investment",
    text = L("Before the next budget is drafted, make an economic analysis (cost-benefit or cost-effectiveness, under one national guideline with a common discount rate) a condition for any major project to enter the budget, starting with the projects planned for launch.",
      "Antes de elaborar el próximo presupuesto, haga del análisis económico (costo-beneficio o costo-efectividad, según una directriz nacional con una tasa de descuento común) una condición para que un proyecto de gran envergadura entre al presupuesto, empezando por los proyectos cuyo lanzamiento está previsto.",
      "Antes de elaborar o próximo orçamento, torne a análise econômica (custo-benefício ou custo-efetividade, segundo uma diretriz nacional com uma taxa de desconto comum) uma condição para que um projeto de grande porte entre no orçamento, começando pelos projetos cujo lançamento está previsto.",
      "Avant l'élaboration du prochain budget, faites de l'analyse économique (coûts-avantages ou coût-efficacité, selon une directive nationale avec un taux d'actualisation commun) une condition d'inscription au budget de tout grand projet, en commençant par les projets dont le lancement est prévu.") },
  C = { priority = "high", horizon = "medium", owner = "investment",
    text = L("Within the next budget cycle, adopt national appraisal guidelines, apply them to at least three quarters of the major projects, and have the central investment unit review each analysis before the project is proposed for the budget.",
      "En el próximo ciclo presupuestario, adopte directrices nacionales de evaluación, aplíquelas a por lo menos tres cuartas partes de los proyectos de gran envergadura, y haga que la unidad central de inversión revise cada análisis antes de proponer el proyecto para el presupuesto.",
      "No próximo ciclo orçamentário, adote diretrizes nacionais de avaliação, aplique-as a pelo menos três quartos dos projetos de grande porte, e faça a unidade central de investimento revisar cada análise antes de o projeto ser proposto para o orçamento.",
      "Au cours du prochain cycle budgétaire, adoptez des directives nationales d'évaluation, appliquez-les à au moins trois quarts des grands projets, et faites examiner chaque analyse par l'unité centrale de l'investissement avant que le projet ne soit proposé au budget.") },
  B = { priority = "medium", horizon = "medium", owner = "investment",
    text = L("From the next budget, publish the summary results (net present value, benefit-cost ratio, main assumptions) of the economic analysis of every major project on the ministry's website when the budget is submitted, and extend the external review to all of them.",
      "A partir del próximo presupuesto, publique en el sitio web del ministerio, al presentar el presupuesto, el resumen de resultados (valor actual neto, relación beneficio-costo, supuestos principales) del análisis económico de cada proyecto de gran envergadura, y extienda la revisión externa a todos ellos.",
      "A partir do próximo orçamento, publique no sítio do ministério, ao enviar o orçamento, o resumo dos resultados (valor presente líquido, relação benefício-custo, principais premissas) da análise econômica de cada projeto de grande porte, e estenda a revisão externa a todos eles.",
      "À partir du prochain budget, publiez sur le site du ministère, au dépôt du budget, la synthèse des résultats (valeur actuelle nette, ratio avantages-coûts, principales hypothèses) de l'analyse économique de chaque grand projet, et étendez l'examen externe à tous.") },
}

local APPRAISAL_MISSING = L("None of the major projects says whether an economic analysis was made.",
  "Ninguno de los proyectos de gran envergadura indica si se hizo un análisis económico.",
  "Nenhum dos projetos de grande porte indica se foi feita uma análise econômica.",
  "Aucun des grands projets n'indique si une analyse économique a été réalisée.")

local APPRAISAL_ASK = L("For each major project, state whether an economic analysis was made, under which guideline, whether its results were published and who reviewed it, before the peer-review meeting.",
  "Para cada proyecto de gran envergadura, indique si se hizo un análisis económico, según qué directriz, si sus resultados se publicaron y quién lo revisó, antes de la reunión de revisión entre pares.",
  "Para cada projeto de grande porte, indique se foi feita uma análise econômica, segundo qual diretriz, se os resultados foram publicados e quem a revisou, antes da reunião de revisão por pares.",
  "Pour chaque grand projet, indiquez si une analyse économique a été réalisée, selon quelle directive, si ses résultats ont été publiés et qui l'a examinée, avant la réunion d'examen par les pairs.")

local appraisal = m.indicator {
  id = "pi11.appraisal",
  title = L("11.1 Economic analysis of investment proposals", "11.1 Análisis económico de los proyectos de inversión",
    "11.1 Análise econômica das propostas de investimento", "11.1 Analyse économique des projets d'investissement"),
  question = L("Are major investment projects appraised by economic analysis under national guidelines, with published results reviewed by an entity other than the sponsor?",
    "¿Los proyectos de inversión de gran envergadura se evalúan mediante análisis económico según directrices nacionales, con resultados publicados y revisados por una entidad distinta de la patrocinadora?",
    "Os projetos de investimento de grande porte são avaliados por análise econômica segundo diretrizes nacionais, com resultados publicados e revisados por uma entidade distinta da proponente?",
    "Les grands projets d'investissement sont-ils évalués par une analyse économique selon des directives nationales, avec des résultats publiés et examinés par une entité autre que le promoteur ?"),
  levels = APPRAISAL_LEVELS,
  references = { c.ref(PI, "11.1 Economic analysis of investment proposals"),
    "IMF (2018), Public Investment Management Assessment (PIMA), institution 5: project appraisal" },
  reads = reads({ PROJECTS .. "[].appraisal.analysed", PROJECTS .. "[].appraisal.national_guidelines",
    PROJECTS .. "[].appraisal.published", PROJECTS .. "[].appraisal.reviewed_externally" }),
  requires = { PROJECTS },
  evaluate = function(case, ctx)
    local projects = major_projects(case)
    if #projects == 0 then return no_major(ctx) end
    if not any_given(projects, "appraisal") then
      return c.missing(ctx, { PROJECTS .. "[].appraisal" }, APPRAISAL_MISSING, APPRAISAL_ASK, "investment")
    end
    local function a(p) return type(p.appraisal) == "table" and p.appraisal or {} end
    local n = denominator(case, projects)
    local any = count(projects, function(p) return a(p).analysed == true end)
    local guidelines = count(projects, function(p) return a(p).analysed == true and a(p).national_guidelines == true end)
    local published = count(projects, function(p) return a(p).analysed == true and a(p).published == true end)
    local reviewed = count(projects, function(p) return a(p).analysed == true and a(p).reviewed_externally == true end)
    local S = c.SHARE
    local grade = c.ladder(ctx, APPRAISAL_LEVELS, {
      A = guidelines / n >= S.all and published / n >= S.all and reviewed / n >= S.all,
      B = guidelines / n >= S.most and published / n >= S.some and reviewed / n >= S.most,
      C = any / n >= S.some,
    })
    local detail = c.fmt(APPRAISAL_DETAIL, { guidelines = guidelines, published = published, reviewed = reviewed, any = any })
    return c.grade(ctx, grade, SHARES, { PROJECTS .. "[].appraisal" }, APPRAISAL_GAPS, { n = n, detail = detail })
  end,
}

---------------------------------------------------------------------------------------------
-- 11.2 Investment project selection
---------------------------------------------------------------------------------------------

local SELECTION_LEVELS = {
  A = L("Prior to their inclusion in the budget, all major investment projects are prioritized by a central entity on the basis of published standard criteria for project selection.",
    "Antes de su inclusión en el presupuesto, todos los proyectos de inversión de gran envergadura son priorizados por una entidad central con base en criterios estándar de selección publicados.",
    "Antes de sua inclusão no orçamento, todos os projetos de investimento de grande porte são priorizados por uma entidade central com base em critérios padronizados de seleção publicados.",
    "Avant leur inscription au budget, tous les grands projets d'investissement sont classés par ordre de priorité par une entité centrale selon des critères de sélection standard publiés."),
  B = L("Prior to their inclusion in the budget, most major investment projects are prioritized by a central entity on the basis of standard criteria for project selection.",
    "Antes de su inclusión en el presupuesto, la mayoría de los proyectos de inversión de gran envergadura son priorizados por una entidad central con base en criterios estándar de selección.",
    "Antes de sua inclusão no orçamento, a maioria dos projetos de investimento de grande porte é priorizada por uma entidade central com base em critérios padronizados de seleção.",
    "Avant leur inscription au budget, la plupart des grands projets d'investissement sont classés par ordre de priorité par une entité centrale selon des critères de sélection standard."),
  C = L("Prior to their inclusion in the budget, some of the major investment projects are prioritized by a central entity.",
    "Antes de su inclusión en el presupuesto, algunos de los proyectos de inversión de gran envergadura son priorizados por una entidad central.",
    "Antes de sua inclusão no orçamento, alguns dos projetos de investimento de grande porte são priorizados por uma entidade central.",
    "Avant leur inscription au budget, certains grands projets d'investissement sont classés par ordre de priorité par une entité centrale."),
  D = c.BELOW_C,
}

local SELECTION_DETAIL = L("{prioritized} prioritized by a central entity before entering the budget; standard selection criteria: {standard}; published: {published}",
  "{prioritized} priorizados por una entidad central antes de entrar al presupuesto; criterios estándar de selección: {standard}; publicados: {published}",
  "{prioritized} priorizados por uma entidade central antes de entrar no orçamento; critérios padronizados de seleção: {standard}; publicados: {published}",
  "{prioritized} classés par une entité centrale avant l'inscription au budget ; critères de sélection standard : {standard} ; publiés : {published}")


local SELECTION_GAPS = {
  D = { priority = "high", horizon = "short", owner = "investment",
    text = L("For the next budget, have the central investment unit rank every major project proposed by the ministries against written criteria (strategic fit, appraisal result, affordability, readiness) before the budget ceilings are set, and fund only ranked projects.",
      "Para el próximo presupuesto, haga que la unidad central de inversión ordene cada proyecto de gran envergadura propuesto por los ministerios según criterios escritos (alineación estratégica, resultado de la evaluación, asequibilidad, grado de preparación) antes de fijar los techos presupuestarios, y financie solo proyectos ordenados.",
      "Para o próximo orçamento, faça a unidade central de investimento classificar cada projeto de grande porte proposto pelos ministérios segundo critérios escritos (alinhamento estratégico, resultado da avaliação, viabilidade fiscal, grau de preparação) antes de fixar os tetos orçamentários, e financie apenas projetos classificados.",
      "Pour le prochain budget, faites classer par l'unité centrale de l'investissement chaque grand projet proposé par les ministères selon des critères écrits (cohérence stratégique, résultat de l'évaluation, soutenabilité, maturité) avant la fixation des plafonds, et ne financez que les projets classés.") },
  C = { priority = "medium", horizon = "medium", owner = "investment",
    text = L("Within the next budget cycle, adopt standard selection criteria by decree or regulation and apply them through the central investment unit to at least three quarters of the major projects before they enter the budget.",
      "En el próximo ciclo presupuestario, adopte por decreto o reglamento criterios estándar de selección y aplíquelos, por medio de la unidad central de inversión, a por lo menos tres cuartas partes de los proyectos de gran envergadura antes de que entren al presupuesto.",
      "No próximo ciclo orçamentário, adote por decreto ou regulamento critérios padronizados de seleção e aplique-os, por meio da unidade central de investimento, a pelo menos três quartos dos projetos de grande porte antes de entrarem no orçamento.",
      "Au cours du prochain cycle budgétaire, adoptez par décret ou règlement des critères de sélection standard et appliquez-les, par l'unité centrale de l'investissement, à au moins trois quarts des grands projets avant leur inscription au budget.") },
  B = { priority = "low", horizon = "short", owner = "investment",
    text = L("Publish the project selection criteria and the resulting ranking of major projects with the next budget proposal, and apply the ranking to every major project.",
      "Publique los criterios de selección de proyectos y el orden resultante de los proyectos de gran envergadura con la próxima propuesta de presupuesto, y aplique ese orden a todos ellos.",
      "Publique os critérios de seleção de projetos e a classificação resultante dos projetos de grande porte com a próxima proposta orçamentária, e aplique essa classificação a todos eles.",
      "Publiez les critères de sélection des projets et le classement des grands projets qui en résulte avec le prochain projet de budget, et appliquez ce classement à tous.") },
}

local SELECTION_MISSING = L("The case says neither whether the major projects were prioritized by a central entity nor which selection criteria apply.",
  "El caso no indica si los proyectos de gran envergadura fueron priorizados por una entidad central ni qué criterios de selección se aplican.",
  "O caso não indica se os projetos de grande porte foram priorizados por uma entidade central nem quais critérios de seleção se aplicam.",
  "Le cas n'indique ni si les grands projets ont été classés par une entité centrale ni quels critères de sélection s'appliquent.")

local SELECTION_ASK = L("For each major project, state whether a central entity prioritized it before it entered the budget, and send the selection criteria and where they are published, before the peer-review meeting.",
  "Para cada proyecto de gran envergadura, indique si una entidad central lo priorizó antes de entrar al presupuesto, y envíe los criterios de selección y dónde están publicados, antes de la reunión de revisión entre pares.",
  "Para cada projeto de grande porte, indique se uma entidade central o priorizou antes de entrar no orçamento, e envie os critérios de seleção e onde estão publicados, antes da reunião de revisão por pares.",
  "Pour chaque grand projet, indiquez si une entité centrale l'a classé avant son inscription au budget, et transmettez les critères de sélection et le lieu de leur publication, avant la réunion d'examen par les pairs.")

local selection = m.indicator {
  id = "pi11.selection",
  title = L("11.2 Investment project selection", "11.2 Selección de proyectos de inversión", "11.2 Seleção de projetos de investimento",
    "11.2 Sélection des projets d'investissement"),
  question = L("Before entering the budget, are major projects prioritized by a central entity on published standard criteria?",
    "Antes de entrar al presupuesto, ¿los proyectos de gran envergadura son priorizados por una entidad central según criterios estándar publicados?",
    "Antes de entrar no orçamento, os projetos de grande porte são priorizados por uma entidade central segundo critérios padronizados publicados?",
    "Avant leur inscription au budget, les grands projets sont-ils classés par une entité centrale selon des critères standard publiés ?"),
  levels = SELECTION_LEVELS,
  references = { c.ref(PI, "11.2 Investment project selection"),
    "IMF (2018), Public Investment Management Assessment (PIMA), institution 7: project selection" },
  reads = reads({ PROJECTS .. "[].prioritized_centrally", "budget.investment.selection_criteria.standard",
    "budget.investment.selection_criteria.published" }),
  requires = { PROJECTS },
  evaluate = function(case, ctx)
    local projects = major_projects(case)
    if #projects == 0 then return no_major(ctx) end
    local criteria = case.budget.investment.selection_criteria
    if not any_given(projects, "prioritized_centrally") and type(criteria) ~= "table" then
      return c.missing(ctx, { PROJECTS .. "[].prioritized_centrally", "budget.investment.selection_criteria" },
        SELECTION_MISSING, SELECTION_ASK, "investment")
    end
    criteria = type(criteria) == "table" and criteria or {}
    local n = denominator(case, projects)
    local prioritized = count(projects, function(p) return p.prioritized_centrally == true end)
    local standard, published = criteria.standard == true, criteria.standard == true and criteria.published == true
    local S = c.SHARE
    local grade = c.ladder(ctx, SELECTION_LEVELS, {
      A = prioritized / n >= S.all and published,
      B = prioritized / n >= S.most and standard,
      C = prioritized / n >= S.some,
    })
    local detail = c.fmt(SELECTION_DETAIL, { prioritized = prioritized, standard = c.yn(standard),
      published = c.yn(published) })
    return c.grade(ctx, grade, SHARES, { PROJECTS .. "[].prioritized_centrally", "budget.investment.selection_criteria" },
      SELECTION_GAPS, { n = n, detail = detail })
  end,
}

---------------------------------------------------------------------------------------------
-- 11.3 Investment project costing
---------------------------------------------------------------------------------------------

local COSTING_LEVELS = {
  A = L("Projections of the total life-cycle cost of major investment projects, including both capital and recurrent costs, together with a year-by-year breakdown of the costs for at least the next three years, are included in the budget documents.",
    "Los documentos presupuestarios incluyen proyecciones del costo total del ciclo de vida de los proyectos de inversión de gran envergadura, con sus costos de capital y recurrentes, desglosadas año por año para al menos los tres años siguientes.",
    "Os documentos orçamentários incluem projeções do custo total do ciclo de vida dos projetos de investimento de grande porte, com custos de capital e recorrentes, detalhadas ano a ano para pelo menos os três anos seguintes.",
    "Les documents budgétaires comprennent des projections du coût total sur le cycle de vie des grands projets d'investissement, coûts d'investissement et récurrents compris, ventilées année par année pour au moins les trois années suivantes."),
  B = L("Projections of the total capital cost of major investment projects, together with a year-by-year breakdown of the capital costs for the next three years, are included in the budget documents (this framework's reading of PEFA's B, for most major projects).",
    "Los documentos presupuestarios incluyen proyecciones del costo total de capital de los proyectos de inversión de gran envergadura, con el desglose anual de los costos de capital para los tres años siguientes (lectura de este marco de la calificación B del PEFA, para la mayoría de los proyectos).",
    "Os documentos orçamentários incluem projeções do custo total de capital dos projetos de investimento de grande porte, com o detalhamento anual dos custos de capital para os três anos seguintes (leitura deste marco da nota B do PEFA, para a maioria dos projetos).",
    "Les documents budgétaires comprennent des projections du coût total d'investissement des grands projets, avec la ventilation annuelle des coûts d'investissement pour les trois années suivantes (lecture que fait ce cadre de la note B du PEFA, pour la plupart des grands projets)."),
  C = L("Projections of the total capital cost of major investment projects, together with the capital costs for the forthcoming budget year, are included in the budget documents (for the majority of major projects).",
    "Los documentos presupuestarios incluyen proyecciones del costo total de capital de los proyectos de inversión de gran envergadura, con los costos de capital del próximo ejercicio (para la mayoría simple de los proyectos).",
    "Os documentos orçamentários incluem projeções do custo total de capital dos projetos de investimento de grande porte, com os custos de capital do próximo exercício (para a maioria simples dos projetos).",
    "Les documents budgétaires comprennent des projections du coût total d'investissement des grands projets, avec les coûts d'investissement de l'exercice à venir (pour la majorité des grands projets)."),
  D = c.BELOW_C,
}

local COSTING_DETAIL = L("{life_cycle} with life-cycle costs broken down for three years or more, {capital3} with capital costs broken down for three years or more, {capital1} with their total capital cost and next year's capital cost",
  "{life_cycle} con costos del ciclo de vida desglosados a tres años o más, {capital3} con costos de capital desglosados a tres años o más, {capital1} con su costo total de capital y el costo de capital del próximo año",
  "{life_cycle} com custos do ciclo de vida detalhados por três anos ou mais, {capital3} com custos de capital detalhados por três anos ou mais, {capital1} com o seu custo total de capital e o custo de capital do próximo ano",
  "{life_cycle} avec des coûts sur le cycle de vie ventilés sur trois ans ou plus, {capital3} avec des coûts d'investissement ventilés sur trois ans ou plus, {capital1} avec leur coût total d'investissement et celui de l'année suivante")

local COSTING_GAPS = {
  D = { priority = "high", horizon = "short", owner = "budget",
    text = L("In the next budget proposal, show for every major project its total capital cost and the capital cost of the coming year, in an annex the legislature receives with the budget.",
      "En la próxima propuesta de presupuesto, muestre para cada proyecto de gran envergadura su costo total de capital y el costo de capital del año siguiente, en un anexo que la asamblea legislativa reciba con el presupuesto.",
      "Na próxima proposta orçamentária, mostre para cada projeto de grande porte o seu custo total de capital e o custo de capital do ano seguinte, em um anexo que o legislativo receba com o orçamento.",
      "Dans le prochain projet de budget, présentez pour chaque grand projet son coût total d'investissement et celui de l'année à venir, dans une annexe transmise au parlement avec le budget.") },
  C = { priority = "medium", horizon = "short", owner = "budget",
    text = L("From the next budget, break down the capital cost of every major project year by year for at least the next three years in the budget annex, consistent with the medium-term expenditure estimates.",
      "A partir del próximo presupuesto, desglose año por año, para al menos los tres años siguientes, el costo de capital de cada proyecto de gran envergadura en el anexo presupuestario, en coherencia con las estimaciones de gasto de mediano plazo.",
      "A partir do próximo orçamento, detalhe ano a ano, para pelo menos os três anos seguintes, o custo de capital de cada projeto de grande porte no anexo orçamentário, em coerência com as estimativas de despesa de médio prazo.",
      "À partir du prochain budget, ventilez année par année, pour au moins les trois années suivantes, le coût d'investissement de chaque grand projet dans l'annexe budgétaire, en cohérence avec les estimations de dépenses à moyen terme.") },
  B = { priority = "medium", horizon = "medium", owner = "budget",
    text = L("Within two budget cycles, add to the investment annex the recurrent costs (operation, maintenance, staff) each major project will cause once in service, year by year for at least three years, so that the budget shows their whole life-cycle cost.",
      "En dos ciclos presupuestarios, agregue al anexo de inversión los costos recurrentes (operación, mantenimiento, personal) que cada proyecto de gran envergadura generará una vez en servicio, año por año durante al menos tres años, para que el presupuesto muestre su costo de ciclo de vida completo.",
      "Em dois ciclos orçamentários, acrescente ao anexo de investimento os custos recorrentes (operação, manutenção, pessoal) que cada projeto de grande porte gerará uma vez em serviço, ano a ano por pelo menos três anos, para que o orçamento mostre o seu custo de ciclo de vida completo.",
      "D'ici deux cycles budgétaires, ajoutez à l'annexe des investissements les coûts récurrents (fonctionnement, entretien, personnel) que chaque grand projet entraînera une fois en service, année par année pendant au moins trois ans, afin que le budget montre leur coût complet sur le cycle de vie.") },
}

local COSTING_MISSING = L("None of the major projects says what the budget documents show of its costs.",
  "Ninguno de los proyectos de gran envergadura indica qué muestran los documentos presupuestarios sobre sus costos.",
  "Nenhum dos projetos de grande porte indica o que os documentos orçamentários mostram sobre os seus custos.",
  "Aucun des grands projets n'indique ce que les documents budgétaires montrent de ses coûts.")

local COSTING_ASK = L("For each major project, state what the budget documents show: total capital cost, total life-cycle cost, and for how many years capital and recurrent costs are broken down, before the peer-review meeting.",
  "Para cada proyecto de gran envergadura, indique qué muestran los documentos presupuestarios: costo total de capital, costo total del ciclo de vida y para cuántos años se desglosan los costos de capital y recurrentes, antes de la reunión de revisión entre pares.",
  "Para cada projeto de grande porte, indique o que os documentos orçamentários mostram: custo total de capital, custo total do ciclo de vida e por quantos anos os custos de capital e recorrentes são detalhados, antes da reunião de revisão por pares.",
  "Pour chaque grand projet, indiquez ce que montrent les documents budgétaires : coût total d'investissement, coût total sur le cycle de vie, et sur combien d'années les coûts d'investissement et récurrents sont ventilés, avant la réunion d'examen par les pairs.")

local costing = m.indicator {
  id = "pi11.costing",
  title = L("11.3 Investment project costing", "11.3 Costeo de los proyectos de inversión", "11.3 Custeio dos projetos de investimento",
    "11.3 Chiffrage des projets d'investissement"),
  question = L("Do the budget documents show the total cost of major projects, year by year, including the recurrent costs they will cause?",
    "¿Los documentos presupuestarios muestran el costo total de los proyectos de gran envergadura, año por año, incluidos los costos recurrentes que generarán?",
    "Os documentos orçamentários mostram o custo total dos projetos de grande porte, ano a ano, incluindo os custos recorrentes que gerarão?",
    "Les documents budgétaires montrent-ils le coût total des grands projets, année par année, y compris les coûts récurrents qu'ils entraîneront ?"),
  levels = COSTING_LEVELS,
  references = { c.ref(PI, "11.3 Investment project costing"),
    "IMF (2018), Public Investment Management Assessment (PIMA), institution 6: multi-year budgeting" },
  reads = reads({ PROJECTS .. "[].costing.total_capital_cost", PROJECTS .. "[].costing.life_cycle_cost",
    PROJECTS .. "[].costing.capital_years", PROJECTS .. "[].costing.recurrent_years" }),
  requires = { PROJECTS },
  evaluate = function(case, ctx)
    local projects = major_projects(case)
    if #projects == 0 then return no_major(ctx) end
    if not any_given(projects, "costing") then
      return c.missing(ctx, { PROJECTS .. "[].costing" }, COSTING_MISSING, COSTING_ASK, "budget")
    end
    local function k(p) return type(p.costing) == "table" and p.costing or {} end
    local function years(v) return c.number(v) and v or 0 end
    local life_cycle = count(projects, function(p)
      return c.number(k(p).life_cycle_cost) and years(k(p).capital_years) >= 3 and years(k(p).recurrent_years) >= 3
    end)
    local capital3 = count(projects, function(p) return c.number(k(p).total_capital_cost) and years(k(p).capital_years) >= 3 end)
    local capital1 = count(projects, function(p) return c.number(k(p).total_capital_cost) and years(k(p).capital_years) >= 1 end)
    local n, S = denominator(case, projects), c.SHARE
    local grade = c.ladder(ctx, COSTING_LEVELS, {
      A = life_cycle / n >= S.all,
      B = capital3 / n >= S.most,
      C = capital1 / n >= S.majority,
    })
    local detail = c.fmt(COSTING_DETAIL, { life_cycle = life_cycle, capital3 = capital3, capital1 = capital1 })
    return c.grade(ctx, grade, SHARES, { PROJECTS .. "[].costing" }, COSTING_GAPS, { n = n, detail = detail })
  end,
}

---------------------------------------------------------------------------------------------
-- 11.4 Investment project monitoring
---------------------------------------------------------------------------------------------

local MONITORING = "budget.investment.monitoring"

local MONITORING_LEVELS = {
  A = L("The total cost and physical progress of major investment projects are monitored during implementation by the implementing government unit. There is a high level of compliance with the standard procedures and rules for project implementation. Information on the implementation of major investment projects is published annually.",
    "La unidad ejecutora da seguimiento durante la ejecución al costo total y al avance físico de los proyectos de inversión de gran envergadura. Hay un alto grado de cumplimiento de los procedimientos y normas estándar de ejecución. La información sobre la ejecución de esos proyectos se publica anualmente.",
    "A unidade executora monitora durante a execução o custo total e o avanço físico dos projetos de investimento de grande porte. Há um alto grau de cumprimento dos procedimentos e normas padronizados de execução. A informação sobre a execução desses projetos é publicada anualmente.",
    "L'unité d'exécution suit pendant la mise en œuvre le coût total et l'avancement physique des grands projets d'investissement. Les procédures et règles standard d'exécution sont très largement respectées. L'information sur l'exécution de ces projets est publiée chaque année."),
  B = L("The total cost and physical progress of major investment projects are monitored by the implementing government unit. Standard procedures and rules for project implementation are in place, and information on implementation of major investment projects is published annually.",
    "La unidad ejecutora da seguimiento al costo total y al avance físico de los proyectos de inversión de gran envergadura. Existen procedimientos y normas estándar de ejecución, y la información sobre la ejecución de esos proyectos se publica anualmente.",
    "A unidade executora monitora o custo total e o avanço físico dos projetos de investimento de grande porte. Existem procedimentos e normas padronizados de execução, e a informação sobre a execução desses projetos é publicada anualmente.",
    "L'unité d'exécution suit le coût total et l'avancement physique des grands projets d'investissement. Des procédures et règles standard d'exécution existent, et l'information sur l'exécution de ces projets est publiée chaque année."),
  C = L("The total cost and physical progress of major investment projects are monitored by the implementing government unit. Information on implementation of major investment projects is prepared annually.",
    "La unidad ejecutora da seguimiento al costo total y al avance físico de los proyectos de inversión de gran envergadura. La información sobre su ejecución se prepara anualmente.",
    "A unidade executora monitora o custo total e o avanço físico dos projetos de investimento de grande porte. A informação sobre a sua execução é preparada anualmente.",
    "L'unité d'exécution suit le coût total et l'avancement physique des grands projets d'investissement. L'information sur leur exécution est préparée chaque année."),
  D = c.BELOW_C,
}

local MONITORING_DETAIL = L("{monitored} with total cost and physical progress monitored; standard implementation procedures: {procedures}; compliance: {compliance}; annual implementation report: {reporting}",
  "{monitored} con seguimiento del costo total y del avance físico; procedimientos estándar de ejecución: {procedures}; cumplimiento: {compliance}; informe anual de ejecución: {reporting}",
  "{monitored} com monitoramento do custo total e do avanço físico; procedimentos padronizados de execução: {procedures}; cumprimento: {compliance}; relatório anual de execução: {reporting}",
  "{monitored} avec suivi du coût total et de l'avancement physique ; procédures standard d'exécution : {procedures} ; respect : {compliance} ; rapport annuel d'exécution : {reporting}")

local WORDS = {
  high = L("high", "alto", "alto", "élevé"),
  partial = L("partial", "parcial", "parcial", "partiel"),
  low = L("low", "bajo", "baixo", "faible"),
  published = L("published", "publicado", "publicado", "publié"),
  prepared = L("prepared, not published", "preparado, no publicado", "preparado, não publicado", "préparé, non publié"),
  none = L("none", "ninguno", "nenhum", "aucun"),
}

local MONITORING_GAPS = {
  D = { priority = "high", horizon = "short", owner = "investment",
    text = L("From the start of the next fiscal year, have each implementing unit report quarterly, for every major project, the cost incurred against the approved total and the physical progress against the schedule, and consolidate the reports once a year.",
      "Desde el inicio del próximo ejercicio, haga que cada unidad ejecutora informe trimestralmente, para cada proyecto de gran envergadura, el costo incurrido frente al total aprobado y el avance físico frente al cronograma, y consolide los informes una vez al año.",
      "Desde o início do próximo exercício, faça cada unidade executora informar trimestralmente, para cada projeto de grande porte, o custo incorrido frente ao total aprovado e o avanço físico frente ao cronograma, e consolide os relatórios uma vez por ano.",
      "Dès le début du prochain exercice, faites rendre compte chaque trimestre par chaque unité d'exécution, pour chaque grand projet, du coût engagé par rapport au total approuvé et de l'avancement physique par rapport au calendrier, et consolidez ces rapports une fois par an.") },
  C = { priority = "medium", horizon = "medium", owner = "investment",
    text = L("Within the next year, issue standard implementation procedures for major projects (change control, payment against verified progress) and publish the annual implementation report on the investment unit's website.",
      "En el próximo año, emita procedimientos estándar de ejecución para los proyectos de gran envergadura (control de cambios, pagos contra avance verificado) y publique el informe anual de ejecución en el sitio web de la unidad de inversión.",
      "No próximo ano, emita procedimentos padronizados de execução para os projetos de grande porte (controle de mudanças, pagamento contra avanço verificado) e publique o relatório anual de execução no sítio da unidade de investimento.",
      "Au cours de l'année qui vient, édictez des procédures standard d'exécution des grands projets (contrôle des modifications, paiement sur avancement vérifié) et publiez le rapport annuel d'exécution sur le site de l'unité de l'investissement.") },
  B = { priority = "low", horizon = "medium", owner = "investment",
    text = L("Have internal audit or the supreme audit institution check compliance with the implementation procedures on a sample of major projects each year, and extend cost and progress monitoring to every major project.",
      "Haga que la auditoría interna o la entidad fiscalizadora superior verifique cada año, en una muestra de proyectos de gran envergadura, el cumplimiento de los procedimientos de ejecución, y extienda el seguimiento de costo y avance a todos ellos.",
      "Faça a auditoria interna ou a entidade fiscalizadora superior verificar a cada ano, em uma amostra de projetos de grande porte, o cumprimento dos procedimentos de execução, e estenda o monitoramento de custo e avanço a todos eles.",
      "Faites vérifier chaque année par l'audit interne ou l'institution supérieure de contrôle le respect des procédures d'exécution sur un échantillon de grands projets, et étendez le suivi des coûts et de l'avancement à tous.") },
}

local MONITORING_MISSING = L("The case says neither which major projects are monitored nor how implementation is reported.",
  "El caso no indica qué proyectos de gran envergadura tienen seguimiento ni cómo se informa su ejecución.",
  "O caso não indica quais projetos de grande porte são monitorados nem como a sua execução é informada.",
  "Le cas n'indique ni quels grands projets font l'objet d'un suivi ni comment leur exécution est rapportée.")

local MONITORING_ASK = L("For each major project, state whether its total cost and physical progress are monitored, and describe the implementation procedures, their compliance and the annual implementation report, before the peer-review meeting.",
  "Para cada proyecto de gran envergadura, indique si se da seguimiento a su costo total y a su avance físico, y describa los procedimientos de ejecución, su cumplimiento y el informe anual de ejecución, antes de la reunión de revisión entre pares.",
  "Para cada projeto de grande porte, indique se o seu custo total e o seu avanço físico são monitorados, e descreva os procedimentos de execução, o seu cumprimento e o relatório anual de execução, antes da reunião de revisão por pares.",
  "Pour chaque grand projet, indiquez si son coût total et son avancement physique sont suivis, et décrivez les procédures d'exécution, leur respect et le rapport annuel d'exécution, avant la réunion d'examen par les pairs.")

local monitoring = m.indicator {
  id = "pi11.monitoring",
  title = L("11.4 Investment project monitoring", "11.4 Seguimiento de los proyectos de inversión", "11.4 Monitoramento dos projetos de investimento",
    "11.4 Suivi des projets d'investissement"),
  question = L("Are the cost and physical progress of major projects monitored under standard procedures, and is their implementation reported publicly every year?",
    "¿Se da seguimiento al costo y al avance físico de los proyectos de gran envergadura con procedimientos estándar, y se informa públicamente su ejecución cada año?",
    "O custo e o avanço físico dos projetos de grande porte são monitorados com procedimentos padronizados, e a sua execução é informada publicamente a cada ano?",
    "Le coût et l'avancement physique des grands projets sont-ils suivis selon des procédures standard, et leur exécution fait-elle l'objet d'un rapport public chaque année ?"),
  levels = MONITORING_LEVELS,
  references = { c.ref(PI, "11.4 Investment project monitoring"),
    "IMF (2018), Public Investment Management Assessment (PIMA), institution 12: project implementation" },
  reads = reads({ PROJECTS .. "[].monitored", MONITORING .. ".standard_procedures", MONITORING .. ".compliance",
    MONITORING .. ".reporting" }),
  requires = { PROJECTS },
  evaluate = function(case, ctx)
    local projects = major_projects(case)
    if #projects == 0 then return no_major(ctx) end
    local block = case.budget.investment.monitoring
    if not any_given(projects, "monitored") and type(block) ~= "table" then
      return c.missing(ctx, { PROJECTS .. "[].monitored", MONITORING }, MONITORING_MISSING, MONITORING_ASK, "investment")
    end
    block = type(block) == "table" and block or {}
    local n, S = denominator(case, projects), c.SHARE
    local monitored = count(projects, function(p) return p.monitored == true end)
    local procedures = block.standard_procedures == true
    local published = block.reporting == "published"
    local prepared = published or block.reporting == "prepared"
    local grade = c.ladder(ctx, MONITORING_LEVELS, {
      A = monitored / n >= S.all and procedures and block.compliance == "high" and published,
      B = monitored / n >= S.some and procedures and published,
      C = monitored / n >= S.some and prepared,
    })
    local detail = c.fmt(MONITORING_DETAIL, { monitored = monitored, procedures = c.yn(procedures),
      compliance = WORDS[block.compliance] or c.NOT_STATED, reporting = WORDS[block.reporting] or c.NOT_STATED })
    return c.grade(ctx, grade, SHARES, { PROJECTS .. "[].monitored", MONITORING }, MONITORING_GAPS, { n = n, detail = detail })
  end,
}

return m.criterion {
  id = "pi11",
  title = L("PI-11 Public investment management", "ID-11 Gestión de la inversión pública", "ID-11 Gestão do investimento público",
    "PI-11 Gestion des investissements publics"),
  description = L("Economic appraisal, selection, costing and monitoring of major investment projects. Aggregated by M2 (averaging) through a conversion table derived for this framework (see README.md), not the official PEFA table.",
    "Evaluación económica, selección, costeo y seguimiento de los proyectos de inversión de gran envergadura. Se agrega por M2 (promedio) con una tabla de conversión derivada para este marco (véase README.md), no la tabla oficial del PEFA.",
    "Avaliação econômica, seleção, custeio e monitoramento dos projetos de investimento de grande porte. Agregado por M2 (média) com uma tabela de conversão derivada para este marco (ver README.md), não a tabela oficial do PEFA.",
    "Évaluation économique, sélection, chiffrage et suivi des grands projets d'investissement. Agrégé par M2 (moyenne) au moyen d'une table de conversion dérivée pour ce cadre (voir README.md), et non de la table officielle du PEFA."),
  references = { c.PEFA .. ", " .. PI .. " (M2)" },
  aggregation = m2.aggregation(4),
  indicators = { appraisal, selection, costing, monitoring },
}
