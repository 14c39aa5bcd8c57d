--- Criterion 1, long-term: the initiative is planned beyond one government term, aligned to
-- national plans and the SDGs, tested against futures that may not happen, and anchored in
-- institutions that survive a change of government.
--
-- Anchors: OECD strategic foresight work (OECD, "Strategic Foresight for Better Policies",
-- 2019); UN CEPA, Principles of effective governance for sustainable development (2018:
-- strategic planning and foresight, intergenerational equity); PEFA 2016 pillar IV
-- (policy-based fiscal strategy and budgeting, PI-16 medium-term perspective).
-- @module frameworks.mecigep-core.criteria.long_term

local m = require "mecigep"
local text = require "lib.text"
local dates = require "lib.dates"
local i18n = require "lib.i18n"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, pairs, tostring, math = type, ipairs, pairs, tostring, math

local L = c.L

local REF = {
  sigma = "OECD/SIGMA (2023), The Principles of Public Administration (strategic framework, policy development and coordination)",
  clad_civil = "CLAD (2003), Carta Iberoamericana de la Función Pública",
  foresight = "OECD (2019), Strategic Foresight for Better Policies; OECD Observatory of Public Sector Innovation, anticipatory innovation governance",
  cepa = "UN Committee of Experts on Public Administration (2018), Principles of effective governance for sustainable development (ECOSOC E/2018/44): strategic planning and foresight; intergenerational equity",
  pefa = "PEFA (2016), Framework for assessing public financial management, pillar IV (PI-16, medium-term perspective in expenditure budgeting)",
  sdg = "UN (2015), Transforming our world: the 2030 Agenda for Sustainable Development (SDG targets)",
  evaluation = "OECD (2022), Recommendation of the Council on Public Policy Evaluation (OECD/LEGAL/0478)",
}

-- Milestones that review or evaluate the initiative (their `kind`, never their wording).
local REVIEW_KINDS = { review = true, evaluation = true }

--- The end of the current government term, as the case states it:
-- identification.government_term_end, else evidence.long_term.term_ends; nil when the case does
-- not say. There is no default: a term of five years is not a fact about the case.
local function term_end(case)
  for _, path in ipairs({ "identification.government_term_end", "evidence.long_term.term_ends" }) do
    local given = c.get(case, path)
    if dates.is_date(given) then return given end
  end
  return nil
end

local NO_TERM = L("The case does not give the end of the government's term (identification.government_term_end): nothing can be counted as reaching beyond it.",
  "El caso no indica el fin del período de gobierno (identification.government_term_end): nada puede contarse como más allá de él.",
  "O caso não indica o fim do mandato do governo (identification.government_term_end): nada pode ser contado como além dele.",
  "Le cas n'indique pas la fin du mandat du gouvernement (identification.government_term_end) : rien ne peut être compté comme allant au-delà.")

local TERM_READS = { "identification.government_term_end", "evidence.long_term.term_ends", "identification.planned_launch" }

local function with(list, extra)
  local out = {}
  for _, v in ipairs(list) do out[#out + 1] = v end
  for _, v in ipairs(extra) do out[#out + 1] = v end
  return out
end

---------------------------------------------------------------------------------------------
-- lt.horizon
---------------------------------------------------------------------------------------------
local HORIZON_GAPS = {
  [1] = {
    finding = L("No horizon beyond the first year and no dated milestone.",
      "No hay horizonte más allá del primer año ni hitos con fecha.",
      "Não há horizonte além do primeiro ano nem marcos com data.",
      "Aucun horizon au-delà de la première année et aucun jalon daté."),
    text = L("Set the initiative's horizon in years and a roadmap of at least three dated milestones (launch, consolidation, first evaluation), {before_launch}.",
      "Defina el horizonte de la iniciativa en años y una hoja de ruta con al menos tres hitos fechados (lanzamiento, consolidación, primera evaluación), {before_launch}.",
      "Defina o horizonte da iniciativa em anos e um roteiro com pelo menos três marcos datados (lançamento, consolidação, primeira avaliação), {before_launch}.",
      "Fixez l'horizon de l'initiative en années et une feuille de route d'au moins trois jalons datés (lancement, consolidation, première évaluation), {before_launch}."),
    priority = "high", horizon = "short", owner = "planning", evidence = { "design.horizon_years", "design.milestones" },
  },
  [2] = {
    finding = L("A horizon is stated, but fewer than two milestones carry a date.",
      "Se indica un horizonte, pero menos de dos hitos tienen fecha.",
      "Um horizonte é indicado, mas menos de dois marcos têm data.",
      "Un horizon est indiqué, mais moins de deux jalons sont datés."),
    text = L("Date every milestone of the roadmap (day, month and year), with the unit responsible for each, {before_launch}.",
      "Asigne fecha (día, mes y año) a cada hito de la hoja de ruta, con la unidad responsable de cada uno, {before_launch}.",
      "Atribua data (dia, mês e ano) a cada marco do roteiro, com a unidade responsável por cada um, {before_launch}.",
      "Datez chaque jalon de la feuille de route (jour, mois, année), avec le service responsable de chacun, {before_launch}."),
    priority = "high", horizon = "short", owner = "planning", evidence = { "design.milestones" },
  },
  [3] = {
    finding = L("The roadmap ends within the current government term (which ends about {term_end}), or has fewer than three dated milestones.",
      "La hoja de ruta termina dentro del actual período de gobierno (que concluye hacia {term_end}) o tiene menos de tres hitos fechados.",
      "O roteiro termina dentro do atual mandato de governo (que se encerra por volta de {term_end}) ou tem menos de três marcos datados.",
      "La feuille de route s'arrête dans le mandat gouvernemental en cours (qui s'achève vers {term_end}) ou compte moins de trois jalons datés."),
    text = L("Extend the roadmap beyond {term_end}: add dated milestones for operation, scale-up and evaluation after the end of the term, and have them adopted in the multi-year plan, {before_launch}.",
      "Extienda la hoja de ruta más allá de {term_end}: agregue hitos fechados de operación, escalamiento y evaluación posteriores al fin del período, y haga que se adopten en el plan plurianual, {before_launch}.",
      "Estenda o roteiro além de {term_end}: acrescente marcos datados de operação, expansão e avaliação posteriores ao fim do mandato, e faça com que sejam adotados no plano plurianual, {before_launch}.",
      "Prolongez la feuille de route au-delà de {term_end} : ajoutez des jalons datés d'exploitation, de passage à l'échelle et d'évaluation après la fin du mandat, et faites-les inscrire dans le plan pluriannuel, {before_launch}."),
    priority = "medium", horizon = "medium", owner = "planning", evidence = { "design.milestones", "design.horizon_years" },
  },
  [4] = {
    finding = L("No review or evaluation milestone is scheduled after the current term ends.",
      "No hay ningún hito de revisión o evaluación programado después del fin del período actual.",
      "Nenhum marco de revisão ou avaliação está programado após o fim do mandato atual.",
      "Aucun jalon de révision ou d'évaluation n'est prévu après la fin du mandat en cours."),
    text = L("Schedule a formal review (evaluation and decision to continue, adjust or close) after {term_end}, and write it into the legal instrument or the plan so that the next government inherits it.",
      "Programe una revisión formal (evaluación y decisión de continuar, ajustar o cerrar) después de {term_end} e inclúyala en el instrumento legal o en el plan, para que el próximo gobierno la herede.",
      "Programe uma revisão formal (avaliação e decisão de continuar, ajustar ou encerrar) após {term_end} e inclua-a no instrumento legal ou no plano, para que o próximo governo a herde.",
      "Prévoyez une révision formelle (évaluation et décision de poursuivre, d'ajuster ou d'arrêter) après {term_end}, et inscrivez-la dans l'instrument juridique ou le plan pour que le prochain gouvernement en hérite."),
    priority = "low", horizon = "long", owner = "legal", evidence = { "design.milestones" },
  },
}

local horizon = m.indicator {
  id = "lt.horizon",
  title = L("Horizon and dated milestones", "Horizonte e hitos fechados", "Horizonte e marcos datados",
    "Horizon et jalons datés"),
  question = L("Does the initiative plan beyond one government term, with dated milestones?",
    "¿La iniciativa planifica más allá de un período de gobierno, con hitos fechados?",
    "A iniciativa planeja além de um mandato de governo, com marcos datados?",
    "L'initiative est-elle planifiée au-delà d'un mandat gouvernemental, avec des jalons datés ?"),
  weight = 1.5,
  reads = c.reads(with({ "design.horizon_years", "design.milestones[].date", "design.milestones[].kind" }, TERM_READS)),
  references = { REF.foresight, REF.cepa, REF.pefa },
  levels = {
    [0] = L("No horizon beyond one year and no dated milestone.",
      "Sin horizonte más allá de un año ni hitos fechados.",
      "Sem horizonte além de um ano nem marcos datados.",
      "Pas d'horizon au-delà d'un an ni de jalon daté."),
    [1] = L("A multi-year horizon is stated, but not backed by dated milestones.",
      "Se declara un horizonte plurianual, sin hitos fechados que lo respalden.",
      "Um horizonte plurianual é declarado, sem marcos datados que o sustentem.",
      "Un horizon pluriannuel est affiché, sans jalons datés pour l'étayer."),
    [2] = L("At least two dated milestones, but the roadmap stays within the current term.",
      "Al menos dos hitos fechados, pero la hoja de ruta no sale del período actual.",
      "Pelo menos dois marcos datados, mas o roteiro não ultrapassa o mandato atual.",
      "Au moins deux jalons datés, mais la feuille de route reste dans le mandat en cours."),
    [3] = L("Three or more dated milestones, reaching beyond the end of the current government term.",
      "Tres o más hitos fechados, que llegan más allá del fin del período de gobierno actual.",
      "Três ou mais marcos datados, que vão além do fim do mandato de governo atual.",
      "Trois jalons datés ou plus, allant au-delà de la fin du mandat gouvernemental en cours."),
    [4] = L("As level 3, with a review or evaluation milestone scheduled after the term ends.",
      "Como el nivel 3, con un hito de revisión o evaluación programado después del fin del período.",
      "Como o nível 3, com um marco de revisão ou avaliação programado após o fim do mandato.",
      "Comme le niveau 3, avec un jalon de révision ou d'évaluation prévu après la fin du mandat."),
  },
  evaluate = function(case, ctx)
    local years_state, years = c.state(case, "design.horizon_years")
    local ms_state = c.state(case, "design.milestones")
    if years_state == "absent" and ms_state == "absent" then
      return c.insufficient(ctx, { "design.horizon_years", "design.milestones" })
    end
    if type(years) ~= "number" then years = 0 end
    local ends = term_end(case)
    local ends_n = dates.day_number(ends)
    local dated, after_term, review_after = 0, 0, false
    local latest
    for _, ms in ipairs(c.list(case, "design.milestones")) do
      local n = type(ms) == "table" and dates.day_number(ms.date) or nil
      if n then
        dated = dated + 1
        if latest == nil or n > latest then latest = n end
        if ends_n and n > ends_n then
          after_term = after_term + 1
          if REVIEW_KINDS[ms.kind] then review_after = true end
        end
      end
    end
    if ends == nil then c.finding(ctx, case, NO_TERM, { "identification.government_term_end" }) end
    local term_years = dates.years_between(c.launch(case), ends)
    local beyond = after_term > 0 and (years == 0 or term_years == nil or years > term_years)
    local level = c.ladder(ctx, {
      years >= 2 or dated >= 1,
      dated >= K.milestones_level2,
      dated >= K.milestones_level3 and beyond,
      review_after,
    })
    local vars = { term_end = ends and i18n.date(ends) or L("the end of the term", "el fin del período", "o fim do mandato", "la fin du mandat") }
    return c.finish(ctx, case, level, HORIZON_GAPS,
      { "design.horizon_years", "design.milestones" }, vars)
  end,
}

---------------------------------------------------------------------------------------------
-- lt.alignment
---------------------------------------------------------------------------------------------
local ALIGNMENT_GAPS = {
  [1] = {
    finding = L("The case links the initiative to no national plan and no SDG.",
      "El caso no vincula la iniciativa con ningún plan nacional ni ODS.",
      "O caso não vincula a iniciativa a nenhum plano nacional nem ODS.",
      "Le cas ne rattache l'initiative à aucun plan national ni ODD."),
    text = L("Identify the goal of the national development plan and the SDG target the initiative serves, and state both in the case {before_launch}.",
      "Identifique el objetivo del plan nacional de desarrollo y la meta ODS a los que sirve la iniciativa, e indíquelos en el caso {before_launch}.",
      "Identifique o objetivo do plano nacional de desenvolvimento e a meta ODS a que a iniciativa serve, e indique ambos no caso {before_launch}.",
      "Identifiez l'objectif du plan national de développement et la cible ODD que sert l'initiative, et indiquez-les dans le cas {before_launch}."),
    priority = "high", horizon = "short", owner = "planning", evidence = { "design.alignment" },
  },
  [2] = {
    finding = L("A plan or the SDGs are named, but no specific goal or SDG target.",
      "Se menciona un plan o los ODS, pero ningún objetivo específico ni meta ODS.",
      "Um plano ou os ODS são mencionados, mas nenhum objetivo específico nem meta ODS.",
      "Un plan ou les ODD sont cités, mais aucun objectif précis ni cible ODD."),
    text = L("Name the specific goal or axis of the plan and the SDG target (for example 16.6) the initiative contributes to, {before_launch}.",
      "Indique el objetivo o eje específico del plan y la meta ODS (por ejemplo 16.6) a los que contribuye la iniciativa, {before_launch}.",
      "Indique o objetivo ou eixo específico do plano e a meta ODS (por exemplo 16.6) para os quais a iniciativa contribui, {before_launch}.",
      "Précisez l'objectif ou l'axe du plan et la cible ODD (par exemple 16.6) auxquels l'initiative contribue, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "design.alignment" },
  },
  [3] = {
    finding = L("The alignment covers the national plan or the SDGs, not both.",
      "La alineación cubre el plan nacional o los ODS, no ambos.",
      "O alinhamento cobre o plano nacional ou os ODS, não ambos.",
      "L'alignement porte sur le plan national ou sur les ODD, pas sur les deux."),
    text = L("Map the initiative both to the national plan's goal and to an SDG target, so that one indicator serves both reports, {before_launch}.",
      "Vincule la iniciativa tanto al objetivo del plan nacional como a una meta ODS, de modo que un mismo indicador sirva para ambos informes, {before_launch}.",
      "Vincule a iniciativa tanto ao objetivo do plano nacional quanto a uma meta ODS, de modo que um mesmo indicador sirva aos dois relatórios, {before_launch}.",
      "Rattachez l'initiative à la fois à l'objectif du plan national et à une cible ODD, pour qu'un même indicateur serve aux deux rapports, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "design.alignment" },
  },
  [4] = {
    finding = L("No plan indicator or reporting line is named for the alignment.",
      "No se indica el indicador del plan ni la instancia a la que se reporta.",
      "Não se indica o indicador do plano nem a instância à qual se reporta.",
      "Ni l'indicateur du plan ni l'instance destinataire des rapports ne sont précisés."),
    text = L("Agree with the planning office which plan indicator the initiative reports on, to whom and how often, {first_year}.",
      "Acuerde con la oficina de planificación sobre qué indicador del plan informará la iniciativa, a quién y con qué frecuencia, {first_year}.",
      "Acorde com o órgão de planejamento sobre qual indicador do plano a iniciativa reportará, a quem e com que frequência, {first_year}.",
      "Convenez avec l'organisme de planification de l'indicateur du plan sur lequel l'initiative rendra compte, à qui et à quelle fréquence, {first_year}."),
    priority = "low", horizon = "medium", owner = "planning", evidence = { "design.alignment" },
  },
}

local alignment = m.indicator {
  id = "lt.alignment",
  title = L("Alignment with national plans and the SDGs", "Alineación con planes nacionales y ODS",
    "Alinhamento com planos nacionais e ODS", "Alignement sur les plans nationaux et les ODD"),
  question = L("Is the initiative explicitly tied to a goal of the national plan and an SDG target, with an indicator that reports to both?",
    "¿La iniciativa está vinculada explícitamente a un objetivo del plan nacional y a una meta ODS, con un indicador que informe a ambos?",
    "A iniciativa está explicitamente vinculada a um objetivo do plano nacional e a uma meta ODS, com um indicador que reporte a ambos?",
    "L'initiative est-elle explicitement rattachée à un objectif du plan national et à une cible ODD, avec un indicateur qui rend compte aux deux ?"),
  reads = c.reads { "design.alignment", "design.alignment[].plan", "design.alignment[].goal", "design.alignment[].sdg",
    "design.alignment[].sdg_target", "design.alignment[].indicator", "design.alignment[].reports_to" },
  references = { REF.cepa, REF.sdg, REF.pefa, REF.sigma },
  levels = {
    [0] = L("No link to a national plan or an SDG.", "Sin vínculo con un plan nacional ni un ODS.",
      "Sem vínculo com um plano nacional nem um ODS.", "Aucun lien avec un plan national ou un ODD."),
    [1] = L("A plan or an SDG is named, without a specific goal or target.",
      "Se menciona un plan o un ODS, sin objetivo ni meta específicos.",
      "Um plano ou um ODS é mencionado, sem objetivo nem meta específicos.",
      "Un plan ou un ODD est cité, sans objectif ni cible précis."),
    [2] = L("A specific plan goal or an SDG target is named.", "Se indica un objetivo específico del plan o una meta ODS.",
      "Indica-se um objetivo específico do plano ou uma meta ODS.", "Un objectif précis du plan ou une cible ODD est indiqué."),
    [3] = L("Both a national plan goal and an SDG are named.", "Se indican tanto un objetivo del plan nacional como un ODS.",
      "Indicam-se tanto um objetivo do plano nacional quanto um ODS.", "Un objectif du plan national et un ODD sont indiqués."),
    [4] = L("As level 3, with the plan indicator the initiative reports on and the body it reports to.",
      "Como el nivel 3, con el indicador del plan sobre el que informa la iniciativa y la instancia a la que reporta.",
      "Como o nível 3, com o indicador do plano sobre o qual a iniciativa reporta e a instância à qual reporta.",
      "Comme le niveau 3, avec l'indicateur du plan sur lequel l'initiative rend compte et l'instance destinataire."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "design.alignment")
    if state == "absent" then return c.insufficient(ctx, "design.alignment") end
    list = state == "given" and type(list) == "table" and list or {}
    local any, specific, plan_goal, sdg, reporting = false, false, false, false, false
    for _, a in ipairs(list) do
      if type(a) == "table" then
        local has_plan = c.is_text(a.plan)
        local has_sdg = (type(a.sdg) == "number" and a.sdg >= 1 and a.sdg <= 17) or c.is_text(a.sdg_target)
        if has_plan or has_sdg then any = true end
        if (has_plan and c.is_text(a.goal)) or c.is_text(a.sdg_target) then specific = true end
        if has_plan and c.is_text(a.goal) then
          plan_goal = true
          if c.is_text(a.indicator) and c.is_text(a.reports_to) then reporting = true end
        end
        if has_sdg then sdg = true end
      end
    end
    local level = c.ladder(ctx, { any, specific, plan_goal and sdg, reporting })
    return c.finish(ctx, case, level, ALIGNMENT_GAPS, { "design.alignment" })
  end,
}

---------------------------------------------------------------------------------------------
-- lt.scenarios
---------------------------------------------------------------------------------------------
local SCENARIO_GAPS = {
  [1] = {
    finding = L("No scenario or stress test of the initiative's assumptions is reported.",
      "No se informa ningún escenario ni prueba de estrés de los supuestos de la iniciativa.",
      "Não se informa nenhum cenário nem teste de estresse dos pressupostos da iniciativa.",
      "Aucun scénario ni test de résistance des hypothèses de l'initiative n'est présenté."),
    text = L("Run a short foresight exercise with at least two contrasting scenarios (for example a budget cut, a technology shift, a change of government) and test the theory of change against each, {before_launch}.",
      "Realice un breve ejercicio de prospectiva con al menos dos escenarios contrastantes (por ejemplo un recorte presupuestario, un cambio tecnológico, un cambio de gobierno) y ponga a prueba la teoría del cambio en cada uno, {before_launch}.",
      "Realize um breve exercício de prospectiva com pelo menos dois cenários contrastantes (por exemplo um corte orçamentário, uma mudança tecnológica, uma mudança de governo) e teste a teoria da mudança em cada um, {before_launch}.",
      "Menez un court exercice de prospective avec au moins deux scénarios contrastés (par exemple une coupe budgétaire, une rupture technologique, un changement de gouvernement) et confrontez la théorie du changement à chacun, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "evidence.long_term.scenarios" },
  },
  [2] = {
    finding = L("Scenarios are named, but none says what would change and how the initiative would respond.",
      "Se nombran escenarios, pero ninguno dice qué cambiaría ni cómo respondería la iniciativa.",
      "Cenários são nomeados, mas nenhum diz o que mudaria nem como a iniciativa responderia.",
      "Des scénarios sont nommés, mais aucun ne dit ce qui changerait ni comment l'initiative réagirait."),
    text = L("For each scenario, describe what changes and the planned response (what to adjust, pause or scale), {before_launch}.",
      "Para cada escenario, describa qué cambia y la respuesta prevista (qué ajustar, pausar o escalar), {before_launch}.",
      "Para cada cenário, descreva o que muda e a resposta prevista (o que ajustar, pausar ou ampliar), {before_launch}.",
      "Pour chaque scénario, décrivez ce qui change et la réponse prévue (ce qu'il faut ajuster, suspendre ou étendre), {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "evidence.long_term.scenarios" },
  },
  [3] = {
    finding = L("Fewer than two scenarios are worked out with a response, or none stress-tests a stated assumption.",
      "Menos de dos escenarios están desarrollados con una respuesta, o ninguno pone a prueba un supuesto declarado.",
      "Menos de dois cenários estão desenvolvidos com uma resposta, ou nenhum testa um pressuposto declarado.",
      "Moins de deux scénarios sont élaborés avec une réponse, ou aucun ne met à l'épreuve une hypothèse énoncée."),
    text = L("Work out at least two scenarios with a response each, and name for each the assumption of the theory of change it stress-tests, {before_launch}.",
      "Desarrolle al menos dos escenarios, cada uno con su respuesta, e indique en cada uno el supuesto de la teoría del cambio que pone a prueba, {before_launch}.",
      "Desenvolva pelo menos dois cenários, cada um com sua resposta, e indique em cada um o pressuposto da teoria da mudança que ele testa, {before_launch}.",
      "Élaborez au moins deux scénarios, chacun avec sa réponse, et indiquez pour chacun l'hypothèse de la théorie du changement qu'il met à l'épreuve, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "evidence.long_term.scenarios" },
  },
  [4] = {
    finding = L("No one is charged with reviewing the scenarios at a set frequency.",
      "Nadie está encargado de revisar los escenarios con una frecuencia definida.",
      "Ninguém está encarregado de revisar os cenários com uma frequência definida.",
      "Personne n'est chargé de revoir les scénarios à une fréquence définie."),
    text = L("Assign an owner and a frequency (for example yearly, with the budget cycle) to review the scenarios and the assumptions, {first_year}.",
      "Asigne un responsable y una frecuencia (por ejemplo anual, con el ciclo presupuestario) para revisar los escenarios y los supuestos, {first_year}.",
      "Atribua um responsável e uma frequência (por exemplo anual, com o ciclo orçamentário) para revisar os cenários e os pressupostos, {first_year}.",
      "Désignez un responsable et une fréquence (par exemple annuelle, avec le cycle budgétaire) pour revoir les scénarios et les hypothèses, {first_year}."),
    priority = "low", horizon = "medium", owner = "planning", evidence = { "evidence.long_term.scenario_review" },
  },
}

local scenarios = m.indicator {
  id = "lt.scenarios",
  title = L("Scenarios and stress tests", "Escenarios y pruebas de estrés", "Cenários e testes de estresse",
    "Scénarios et tests de résistance"),
  question = L("Has the initiative been tested against alternative futures, with a planned response and a periodic review?",
    "¿Se ha puesto a prueba la iniciativa frente a futuros alternativos, con una respuesta prevista y una revisión periódica?",
    "A iniciativa foi testada diante de futuros alternativos, com uma resposta prevista e uma revisão periódica?",
    "L'initiative a-t-elle été confrontée à des futurs alternatifs, avec une réponse prévue et une révision périodique ?"),
  reads = c.reads { "evidence.long_term.scenarios[].name", "evidence.long_term.scenarios[].description",
    "evidence.long_term.scenarios[].response", "evidence.long_term.scenarios[].assumptions_tested",
    "evidence.long_term.scenario_review.owner", "evidence.long_term.scenario_review.frequency" },
  requires = { "evidence.long_term" },
  references = { REF.foresight, REF.cepa },
  levels = {
    [0] = L("No scenario or stress test.", "Sin escenarios ni pruebas de estrés.", "Sem cenários nem testes de estresse.",
      "Aucun scénario ni test de résistance."),
    [1] = L("Scenarios are named only.", "Solo se nombran escenarios.", "Apenas se nomeiam cenários.",
      "Des scénarios sont seulement nommés."),
    [2] = L("At least one scenario says what changes and how the initiative responds.",
      "Al menos un escenario dice qué cambia y cómo responde la iniciativa.",
      "Pelo menos um cenário diz o que muda e como a iniciativa responde.",
      "Au moins un scénario dit ce qui change et comment l'initiative réagit."),
    [3] = L("Two or more scenarios with a response, at least one stress-testing stated assumptions.",
      "Dos o más escenarios con respuesta, al menos uno que pone a prueba supuestos declarados.",
      "Dois ou mais cenários com resposta, pelo menos um que testa pressupostos declarados.",
      "Deux scénarios ou plus avec une réponse, dont au moins un met à l'épreuve des hypothèses énoncées."),
    [4] = L("As level 3, with an owner and a frequency for reviewing the scenarios.",
      "Como el nivel 3, con un responsable y una frecuencia de revisión de los escenarios.",
      "Como o nível 3, com um responsável e uma frequência de revisão dos cenários.",
      "Comme le niveau 3, avec un responsable et une fréquence de révision des scénarios."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.long_term.scenarios")
    if state == "absent" then return c.insufficient(ctx, "evidence.long_term.scenarios") end
    list = state == "given" and type(list) == "table" and list or {}
    local named, worked, tests = 0, 0, 0
    for _, s in ipairs(list) do
      if type(s) == "table" then
        if c.is_text(s.name) or c.is_text(s.description) then named = named + 1 end
        if c.is_text(s.description) and c.is_text(s.response) then
          worked = worked + 1
          if c.given(s.assumptions_tested) then tests = tests + 1 end
        end
      elseif c.is_text(s) then
        named = named + 1
      end
    end
    local review = c.get(case, "evidence.long_term.scenario_review")
    local reviewed = type(review) == "table" and c.is_text(review.owner) and c.is_text(review.frequency)
    local level = c.ladder(ctx, { named >= 1, worked >= 1, worked >= K.scenarios_worked and tests >= 1, reviewed })
    return c.finish(ctx, case, level, SCENARIO_GAPS, { "evidence.long_term.scenarios" })
  end,
}

---------------------------------------------------------------------------------------------
-- lt.continuity
---------------------------------------------------------------------------------------------
-- What each instrument code means for continuity: a law or the constitution survives a change
-- of government; the others can be repealed by a new executive on its own.
local INSTRUMENT_KIND = {
  constitution = "law", law = "law", decree_law = "law",
  decree = "executive", regulation = "executive", resolution = "executive", executive_order = "executive",
  ministerial_order = "executive", agreement = "executive", none = "none",
}
local ISSUED = { in_force = true, approved = true }
local PENDING = { draft = true, planned = true }

--- "law", "executive", "none" or nil: what kind of legal basis the case declares (its
-- `instrument` code; the reference text is the State's own words and decides nothing).
local function legal_kind(basis)
  if type(basis) ~= "table" then
    if text.is_none(basis) then return "none" end
    return nil
  end
  return INSTRUMENT_KIND[basis.instrument]
end

--- Whether the legal basis is identified and issued: an instrument code, a `status` of
-- in_force or approved, a `year`, and a `number` or a `document` of the register (a
-- constitution is identified by its year).
-- An instrument in draft or planned is announced, not identified.
-- @return identified (boolean), pending (boolean)
local function identification(basis, kind, register)
  if type(basis) ~= "table" or kind == "none" or kind == nil then return false, false end
  if PENDING[basis.status] then return false, true end
  if not ISSUED[basis.status] or math.type(basis.year) ~= "integer" then return false, false end
  -- a number, or the instrument itself in the case's document register (laws that carry no
  -- number, as Mexico's federal laws, are identified by their name and publication)
  local cited = type(basis.document) == "string" and register[basis.document] == true
  return basis.instrument == "constitution" or c.is_text(basis.number) or cited, false
end

local CONTINUITY_GAPS = {
  [1] = {
    finding = L("Neither a legal basis nor an institution accountable for the initiative is named.",
      "No se indica ni una base legal ni una institución responsable de la iniciativa.",
      "Não se indica nem uma base legal nem uma instituição responsável pela iniciativa.",
      "Ni base juridique ni institution responsable de l'initiative ne sont indiquées."),
    text = L("Designate the institution accountable for the initiative and the legal instrument that will give it its mandate, {before_launch}.",
      "Designe la institución responsable de la iniciativa y el instrumento legal que le dará su mandato, {before_launch}.",
      "Designe a instituição responsável pela iniciativa e o instrumento legal que lhe dará o mandato, {before_launch}.",
      "Désignez l'institution responsable de l'initiative et l'instrument juridique qui lui donnera son mandat, {before_launch}."),
    priority = "high", horizon = "short", owner = "legal", evidence = { "design.legal_basis", "design.lead_institution" },
  },
  [2] = {
    finding = L("No legal instrument is identified by its number and year.",
      "Ningún instrumento legal se identifica por su número y año.",
      "Nenhum instrumento legal é identificado por seu número e ano.",
      "Aucun instrument juridique n'est identifié par son numéro et son année."),
    text = L("Issue or identify the legal instrument (decree or law, with its number and year) that gives the initiative its mandate, {before_launch}.",
      "Emita o identifique el instrumento legal (decreto o ley, con su número y año) que da a la iniciativa su mandato, {before_launch}.",
      "Emita ou identifique o instrumento legal (decreto ou lei, com seu número e ano) que dá à iniciativa o seu mandato, {before_launch}.",
      "Adoptez ou identifiez l'instrument juridique (décret ou loi, avec son numéro et son année) qui donne son mandat à l'initiative, {before_launch}."),
    priority = "high", horizon = "short", owner = "legal", evidence = { "design.legal_basis" },
  },
  [3] = {
    finding = L("The mandate rests on an executive act that a new government can repeal on its own, or no lead institution is named.",
      "El mandato descansa en un acto del Ejecutivo que un nuevo gobierno puede derogar por sí solo, o no se indica la institución líder.",
      "O mandato repousa em um ato do Executivo que um novo governo pode revogar sozinho, ou não se indica a instituição líder.",
      "Le mandat repose sur un acte de l'exécutif qu'un nouveau gouvernement peut abroger seul, ou l'institution chef de file n'est pas indiquée."),
    text = L("Seek a basis in law for the initiative and its lead institution{example}; until it passes, write the mandate into the multi-year plan and budget.",
      "Procure una base legal para la iniciativa y su institución líder{example}; mientras se aprueba, inscriba el mandato en el plan y el presupuesto plurianuales.",
      "Busque uma base em lei para a iniciativa e sua instituição líder{example}; enquanto não for aprovada, inscreva o mandato no plano e no orçamento plurianuais.",
      "Recherchez une base législative pour l'initiative et son institution chef de file{example} ; en attendant, inscrivez le mandat dans le plan et le budget pluriannuels."),
    priority = "medium", horizon = "medium", owner = "legal", evidence = { "design.legal_basis.instrument", "design.lead_institution" },
    example = { areas = { "civil_service", "strategic_planning" },
      text = L(" (as Chile did with Law 19.882 for its senior civil service)", " (como hizo Chile con la Ley 19.882 para la Alta Dirección Pública)",
        " (como fez o Chile com a Lei 19.882 para a alta direção pública)", " (comme le Chili avec la loi 19.882 pour la haute fonction publique)") },
  },
  [4] = {
    finding = L("No cross-party agreement or oversight body protects the initiative from a change of government.",
      "Ningún acuerdo entre partidos ni órgano de supervisión protege la iniciativa de un cambio de gobierno.",
      "Nenhum acordo entre partidos nem órgão de supervisão protege a iniciativa de uma mudança de governo.",
      "Aucun accord transpartisan ni organe de contrôle ne protège l'initiative d'un changement de gouvernement."),
    text = L("Secure a cross-party or multi-stakeholder endorsement, and an annual report to the legislature or to an independent council{example}, {first_year}.",
      "Obtenga un respaldo entre partidos o de múltiples actores, y un informe anual al Congreso o a un consejo independiente{example}, {first_year}.",
      "Obtenha um apoio suprapartidário ou de múltiplos atores, e um relatório anual ao Legislativo ou a um conselho independente{example}, {first_year}.",
      "Obtenez un soutien transpartisan ou multi-acteurs, et un rapport annuel au Parlement ou à un conseil indépendant{example}, {first_year}."),
    priority = "low", horizon = "long", owner = "centre", evidence = { "evidence.long_term.continuity" },
    example = { areas = { "civil_service", "strategic_planning" },
      text = L(" (as Chile's Alta Dirección Pública council reports to Congress)", " (como el Consejo de Alta Dirección Pública de Chile informa al Congreso)",
        " (como o conselho da Alta Dirección Pública do Chile reporta ao Congresso)", " (comme le conseil de l'Alta Dirección Pública du Chili rend compte au Congrès)") },
  },
}

local continuity = m.indicator {
  id = "lt.continuity",
  title = L("Legal basis and institutional continuity", "Base legal y continuidad institucional",
    "Base legal e continuidade institucional", "Base juridique et continuité institutionnelle"),
  question = L("Will the initiative's mandate and owner survive a change of government?",
    "¿El mandato y el responsable de la iniciativa sobrevivirán a un cambio de gobierno?",
    "O mandato e o responsável pela iniciativa sobreviverão a uma mudança de governo?",
    "Le mandat et le responsable de l'initiative survivront-ils à un changement de gouvernement ?"),
  weight = 2,
  reads = c.reads { "design.legal_basis.instrument", "design.legal_basis.status", "design.legal_basis.number",
    "design.legal_basis.document", "documents[].id",
    "design.legal_basis.year", "design.legal_basis.reference",
    "design.lead_institution", "evidence.long_term.continuity.cross_party_endorsed",
    "evidence.long_term.continuity.oversight_body", "evidence.long_term.continuity.reports_to_legislature" },
  references = { REF.cepa, "OECD (2020), Policy Framework on Sound Public Governance (institutional continuity, whole-of-government strategic vision)", REF.clad_civil, REF.sigma },
  levels = {
    [0] = L("No legal basis and no accountable institution.", "Sin base legal ni institución responsable.",
      "Sem base legal nem instituição responsável.", "Ni base juridique ni institution responsable."),
    [1] = L("An owner or an intended legal basis is asserted, without an identified instrument.",
      "Se declara un responsable o una base legal prevista, sin instrumento identificado.",
      "Declara-se um responsável ou uma base legal prevista, sem instrumento identificado.",
      "Un responsable ou une base juridique envisagée est affirmé, sans instrument identifié."),
    [2] = L("An identified legal instrument (number and year), but executive only, or no lead institution.",
      "Un instrumento legal identificado (número y año), pero solo del Ejecutivo, o sin institución líder.",
      "Um instrumento legal identificado (número e ano), mas apenas do Executivo, ou sem instituição líder.",
      "Un instrument juridique identifié (numéro et année), mais seulement exécutif, ou sans institution chef de file."),
    [3] = L("A law (or the constitution) gives the mandate, and a lead institution owns the initiative.",
      "Una ley (o la constitución) otorga el mandato y una institución líder es responsable de la iniciativa.",
      "Uma lei (ou a constituição) confere o mandato e uma instituição líder é responsável pela iniciativa.",
      "Une loi (ou la constitution) donne le mandat et une institution chef de file porte l'initiative."),
    [4] = L("As level 3, with a cross-party agreement or an oversight body reporting to the legislature.",
      "Como el nivel 3, con un acuerdo entre partidos o un órgano de supervisión que informa al Congreso.",
      "Como o nível 3, com um acordo suprapartidário ou um órgão de supervisão que reporta ao Legislativo.",
      "Comme le niveau 3, avec un accord transpartisan ou un organe de contrôle rendant compte au Parlement."),
  },
  evaluate = function(case, ctx)
    local basis_state, basis = c.state(case, "design.legal_basis")
    local lead_state = c.state(case, "design.lead_institution")
    if basis_state == "absent" and lead_state == "absent" then
      return c.insufficient(ctx, { "design.legal_basis", "design.lead_institution" })
    end
    local kind = basis_state == "given" and legal_kind(basis) or "none"
    local identified, pending = identification(basis, kind, c.register(case))
    if pending then
      c.finding(ctx, case, L("The legal instrument is announced but not yet issued ({reference}).",
        "El instrumento legal está anunciado pero aún no se ha emitido ({reference}).",
        "O instrumento legal está anunciado mas ainda não foi editado ({reference}).",
        "L'instrument juridique est annoncé mais pas encore pris ({reference})."),
        { "design.legal_basis.reference" },
        { reference = tostring(c.is_text(basis.reference) and basis.reference or basis.instrument) })
    end
    local has_lead = lead_state == "given"
    local cont = c.get(case, "evidence.long_term.continuity")
    local safeguard = type(cont) == "table" and (cont.cross_party_endorsed == true
      or (c.is_text(cont.oversight_body) and cont.reports_to_legislature == true))
    local level = c.ladder(ctx, {
      has_lead or kind ~= "none" or basis_state == "given",
      identified,
      identified and kind == "law" and has_lead,
      safeguard,
    })
    if kind == "executive" and level == 2 then
      c.finding(ctx, case, L("The legal basis is an executive act ({instrument}).",
        "La base legal es un acto del Ejecutivo ({instrument}).",
        "A base legal é um ato do Executivo ({instrument}).",
        "La base juridique est un acte de l'exécutif ({instrument})."),
        { "design.legal_basis.instrument" },
        { instrument = tostring(basis.reference or basis.instrument) })
    end
    return c.finish(ctx, case, level, CONTINUITY_GAPS,
      { "design.legal_basis", "design.lead_institution", "evidence.long_term.continuity" })
  end,
}

---------------------------------------------------------------------------------------------
-- lt.long_run_results
---------------------------------------------------------------------------------------------
local RESULTS_GAPS = {
  [1] = {
    finding = L("No result in the results framework has a dated target.",
      "Ningún resultado del marco de resultados tiene una meta fechada.",
      "Nenhum resultado do quadro de resultados tem uma meta datada.",
      "Aucun résultat du cadre de résultats n'a de cible datée."),
    text = L("Give each indicator of the results framework a numeric target and the year it should be reached, {before_launch}.",
      "Asigne a cada indicador del marco de resultados una meta numérica y el año en que debe alcanzarse, {before_launch}.",
      "Atribua a cada indicador do quadro de resultados uma meta numérica e o ano em que deve ser alcançada, {before_launch}.",
      "Donnez à chaque indicateur du cadre de résultats une cible chiffrée et l'année où elle doit être atteinte, {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "results_framework" },
  },
  [2] = {
    finding = L("Targets are set only for outputs (activities delivered), not for outcomes or impacts.",
      "Solo hay metas para productos (actividades entregadas), no para resultados ni impactos.",
      "Só há metas para produtos (atividades entregues), não para resultados nem impactos.",
      "Seules les réalisations (activités livrées) ont des cibles, pas les résultats ni les impacts."),
    text = L("Add at least one outcome indicator (a change in the lives of the affected population) with a dated target, {before_launch}.",
      "Agregue al menos un indicador de resultado (un cambio en la vida de la población afectada) con una meta fechada, {before_launch}.",
      "Acrescente pelo menos um indicador de resultado (uma mudança na vida da população afetada) com uma meta datada, {before_launch}.",
      "Ajoutez au moins un indicateur de résultat (un changement dans la vie de la population concernée) avec une cible datée, {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "results_framework[].level" },
  },
  [3] = {
    finding = L("Every outcome target falls within the current government term (ending about {term_end}), or has no baseline.",
      "Todas las metas de resultado caen dentro del período de gobierno actual (que termina hacia {term_end}) o no tienen línea de base.",
      "Todas as metas de resultado caem dentro do mandato atual (que termina por volta de {term_end}) ou não têm linha de base.",
      "Toutes les cibles de résultat tombent dans le mandat en cours (qui s'achève vers {term_end}) ou n'ont pas de situation de référence."),
    text = L("Set a long-run outcome or impact target beyond {term_end}, measured from a stated baseline, so that success is judged on lasting effects and not only on delivery within the term.",
      "Fije una meta de resultado o impacto de largo plazo posterior a {term_end}, medida desde una línea de base declarada, para que el éxito se juzgue por efectos duraderos y no solo por la ejecución dentro del período.",
      "Fixe uma meta de resultado ou impacto de longo prazo posterior a {term_end}, medida a partir de uma linha de base declarada, para que o sucesso seja julgado por efeitos duradouros e não apenas pela execução dentro do mandato.",
      "Fixez une cible de résultat ou d'impact à long terme au-delà de {term_end}, mesurée depuis une situation de référence déclarée, pour juger la réussite sur des effets durables et pas seulement sur la mise en œuvre pendant le mandat."),
    priority = "medium", horizon = "short", owner = "evaluation", evidence = { "results_framework[].target_year" },
  },
  [4] = {
    finding = L("The long-run target has no interim targets to track the trajectory.",
      "La meta de largo plazo no tiene metas intermedias para seguir la trayectoria.",
      "A meta de longo prazo não tem metas intermediárias para acompanhar a trajetória.",
      "La cible à long terme n'a pas de cibles intermédiaires pour suivre la trajectoire."),
    text = L("Add interim targets (at least two dated values) for the long-run indicator, so that each government can report progress on the same path, {first_year}.",
      "Agregue metas intermedias (al menos dos valores fechados) para el indicador de largo plazo, para que cada gobierno informe avances sobre la misma trayectoria, {first_year}.",
      "Acrescente metas intermediárias (pelo menos dois valores datados) para o indicador de longo prazo, para que cada governo reporte o progresso na mesma trajetória, {first_year}.",
      "Ajoutez des cibles intermédiaires (au moins deux valeurs datées) pour l'indicateur à long terme, afin que chaque gouvernement rende compte des progrès sur la même trajectoire, {first_year}."),
    priority = "low", horizon = "medium", owner = "evaluation", evidence = { "results_framework[].interim_targets" },
  },
}

local long_run = m.indicator {
  id = "lt.long_run_results",
  title = L("Long-run results", "Resultados de largo plazo", "Resultados de longo prazo", "Résultats à long terme"),
  question = L("Does the results framework set outcome targets beyond the current term, with a baseline and a trajectory?",
    "¿El marco de resultados fija metas de resultado más allá del período actual, con línea de base y trayectoria?",
    "O quadro de resultados fixa metas de resultado além do mandato atual, com linha de base e trajetória?",
    "Le cadre de résultats fixe-t-il des cibles de résultat au-delà du mandat en cours, avec une situation de référence et une trajectoire ?"),
  reads = c.reads(with({ "results_framework[].level", "results_framework[].target", "results_framework[].target_year",
    "results_framework[].baseline", "results_framework[].interim_targets[].year" }, TERM_READS)),
  references = { REF.cepa, REF.evaluation },
  levels = {
    [0] = L("No dated target.", "Sin metas fechadas.", "Sem metas datadas.", "Aucune cible datée."),
    [1] = L("Dated targets for outputs only.", "Metas fechadas solo para productos.", "Metas datadas apenas para produtos.",
      "Cibles datées pour les réalisations seulement."),
    [2] = L("A dated outcome or impact target, within the current term.",
      "Una meta de resultado o impacto fechada, dentro del período actual.",
      "Uma meta de resultado ou impacto datada, dentro do mandato atual.",
      "Une cible de résultat ou d'impact datée, dans le mandat en cours."),
    [3] = L("An outcome or impact target beyond the current term, with a baseline.",
      "Una meta de resultado o impacto posterior al período actual, con línea de base.",
      "Uma meta de resultado ou impacto posterior ao mandato atual, com linha de base.",
      "Une cible de résultat ou d'impact au-delà du mandat en cours, avec une situation de référence."),
    [4] = L("As level 3, with at least two interim targets tracing the trajectory.",
      "Como el nivel 3, con al menos dos metas intermedias que trazan la trayectoria.",
      "Como o nível 3, com pelo menos duas metas intermediárias que traçam a trajetória.",
      "Comme le niveau 3, avec au moins deux cibles intermédiaires traçant la trajectoire."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "results_framework")
    if state == "absent" then return c.insufficient(ctx, "results_framework") end
    list = state == "given" and type(list) == "table" and list or {}
    local ends = term_end(case)
    local ends_year = dates.year(ends)
    if ends == nil then c.finding(ctx, case, NO_TERM, { "identification.government_term_end" }) end
    local dated, outcome, beyond, trajectory = false, false, false, false
    for _, r in ipairs(list) do
      if type(r) == "table" and type(r.target) == "number" and math.type(r.target_year) == "integer" then
        dated = true
        if r.level == "outcome" or r.level == "impact" then
          outcome = true
          if ends_year and r.target_year > ends_year and type(r.baseline) == "number" then
            beyond = true
            local years = c.distinct(c.list(r.interim_targets), "year")
            local n = 0
            for _ in pairs(years) do n = n + 1 end
            if n >= K.interim_targets then trajectory = true end
          end
        end
      end
    end
    local level = c.ladder(ctx, { dated, outcome, beyond, trajectory })
    local vars = { term_end = ends and i18n.date(ends) or L("the end of the term", "el fin del período", "o fim do mandato", "la fin du mandat") }
    return c.finish(ctx, case, level, RESULTS_GAPS, { "results_framework" }, vars)
  end,
}

return m.criterion {
  id = "long_term",
  title = L("Long-term", "De largo plazo", "De longo prazo", "À long terme"),
  description = L(
    "Weighted mean (rounded down). Institutional continuity weighs 2 and the horizon 1.5: without a mandate that survives a change of government, the rest of a long-term design does not last (Mexico's CONEVAL shows that even autonomous bodies can be moved).",
    "Media ponderada (redondeada hacia abajo). La continuidad institucional pesa 2 y el horizonte 1,5: sin un mandato que sobreviva a un cambio de gobierno, el resto de un diseño de largo plazo no perdura (el CONEVAL de México muestra que incluso los organismos autónomos pueden ser trasladados).",
    "Média ponderada (arredondada para baixo). A continuidade institucional pesa 2 e o horizonte 1,5: sem um mandato que sobreviva a uma mudança de governo, o resto de um desenho de longo prazo não perdura (o CONEVAL do México mostra que até órgãos autônomos podem ser transferidos).",
    "Moyenne pondérée (arrondie vers le bas). La continuité institutionnelle pèse 2 et l'horizon 1,5 : sans un mandat qui survit à un changement de gouvernement, le reste d'une conception à long terme ne dure pas (le CONEVAL du Mexique montre que même des organismes autonomes peuvent être transférés)."),
  aggregation = "weighted_mean",
  indicators = c.indicators { horizon, alignment, scenarios, continuity, long_run },
}
