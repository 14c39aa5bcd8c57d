--- Criterion 6, complexity-aware: the initiative sees the system it acts on, registers its
-- risks with owners, matches its method to the kind of problem (probe before scaling when the
-- problem is complex), advances in phases with decision gates, learns on a set rhythm with
-- the authority to change course, and coordinates across agencies and levels of government.
--
-- Anchors: OECD/OPSI, Systems Approaches to Public Sector Challenges (2017); the Cynefin
-- framework (clear, complicated, complex, chaotic; probe-sense-respond when complex); the
-- OECD/DAC evaluation criterion of coherence (2019); ISO 31000 risk management.
-- @module frameworks.mecigep-core.criteria.complexity

local m = require "mecigep"
local text = require "lib.text"
local i18n = require "lib.i18n"
local dates = require "lib.dates"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs = type, ipairs

local L = c.L

local REF = {
  pdia = "Andrews, M., Pritchett, L. and Woolcock, M. (2017), Building State Capability: Evidence, Analysis, Action (problem-driven iterative adaptation, PDIA)",
  opsi = "OECD (2017), Systems Approaches to Public Sector Challenges: Working with Change, OECD Publishing (OPSI)",
  cynefin = "Snowden, D. J. and Boone, M. E. (2007), A Leader's Framework for Decision Making, Harvard Business Review (Cynefin: clear, complicated, complex, chaotic)",
  dac = "OECD/DAC (2019), Better Criteria for Better Evaluation: revised evaluation criteria (coherence)",
  iso = "ISO 31000:2018, Risk management: guidelines (risk register, owners, treatment, monitoring and review)",
  adaptive = "OECD (2020), Policy Framework on Sound Public Governance (adaptive, whole-of-government policy making)",
}

---------------------------------------------------------------------------------------------
-- ca.system_map
---------------------------------------------------------------------------------------------
local SYSTEM_GAPS = {
  [1] = {
    finding = L("The system around the problem is not mapped.", "El sistema en torno al problema no está mapeado.",
      "O sistema em torno do problema não está mapeado.", "Le système autour du problème n'est pas cartographié."),
    text = L("Map the system: the actors, the other policies acting on the same problem, and the feedback loops between them, in a workshop with the main actors, {before_launch}.",
      "Mapee el sistema: los actores, las otras políticas que actúan sobre el mismo problema y los ciclos de retroalimentación entre ellos, en un taller con los principales actores, {before_launch}.",
      "Mapeie o sistema: os atores, as outras políticas que atuam sobre o mesmo problema e os ciclos de retroalimentação entre eles, numa oficina com os principais atores, {before_launch}.",
      "Cartographiez le système : les acteurs, les autres politiques qui agissent sur le même problème et les boucles de rétroaction entre eux, lors d'un atelier avec les principaux acteurs, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "evidence.complexity.system_map" },
  },
  [2] = {
    finding = L("A system view is asserted, but fewer than three actors are identified.",
      "Se afirma una visión sistémica, pero se identifican menos de tres actores.",
      "Afirma-se uma visão sistêmica, mas menos de três atores são identificados.",
      "Une vision systémique est affirmée, mais moins de trois acteurs sont identifiés."),
    text = L("List the actors of the system (public, private, community) whose decisions shape the problem, {before_launch}.",
      "Enumere los actores del sistema (públicos, privados, comunitarios) cuyas decisiones inciden en el problema, {before_launch}.",
      "Liste os atores do sistema (públicos, privados, comunitários) cujas decisões influenciam o problema, {before_launch}.",
      "Listez les acteurs du système (publics, privés, communautaires) dont les décisions façonnent le problème, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "evidence.complexity.system_map.actors" },
  },
  [3] = {
    finding = L("The map lists actors, but not the other policies that interact with the initiative or the feedback loops.",
      "El mapa enumera actores, pero no las otras políticas que interactúan con la iniciativa ni los ciclos de retroalimentación.",
      "O mapa lista atores, mas não as outras políticas que interagem com a iniciativa nem os ciclos de retroalimentação.",
      "La carte liste des acteurs, mais pas les autres politiques qui interagissent avec l'initiative ni les boucles de rétroaction."),
    text = L("Add the interacting policies (those that could reinforce or cancel the initiative's effects) and at least one feedback loop, {before_launch}.",
      "Agregue las políticas que interactúan (las que podrían reforzar o anular los efectos de la iniciativa) y al menos un ciclo de retroalimentación, {before_launch}.",
      "Acrescente as políticas que interagem (as que poderiam reforçar ou anular os efeitos da iniciativa) e pelo menos um ciclo de retroalimentação, {before_launch}.",
      "Ajoutez les politiques en interaction (celles qui pourraient renforcer ou annuler les effets de l'initiative) et au moins une boucle de rétroaction, {before_launch}."),
    priority = "medium", horizon = "short", owner = "planning", evidence = { "evidence.complexity.system_map.interacting_policies" },
  },
  [4] = {
    finding = L("The system map is not validated with the actors or not kept up to date.",
      "El mapa del sistema no está validado con los actores o no se actualiza.",
      "O mapa do sistema não é validado com os atores ou não é atualizado.",
      "La carte du système n'est pas validée avec les acteurs ou n'est pas tenue à jour."),
    text = L("Validate the map with the actors it shows and set how often it will be updated (for example at each decision gate), {first_year}.",
      "Valide el mapa con los actores que muestra y fije con qué frecuencia se actualizará (por ejemplo en cada punto de decisión), {first_year}.",
      "Valide o mapa com os atores que ele mostra e defina com que frequência será atualizado (por exemplo a cada ponto de decisão), {first_year}.",
      "Validez la carte avec les acteurs qu'elle montre et fixez la fréquence de sa mise à jour (par exemple à chaque point de décision), {first_year}."),
    priority = "low", horizon = "medium", owner = "planning", evidence = { "evidence.complexity.system_map.validated_with" },
  },
}

local system_map = m.indicator {
  id = "ca.system_map",
  title = L("System map", "Mapa del sistema", "Mapa do sistema", "Carte du système"),
  question = L("Are the actors, interacting policies and feedback loops mapped, validated with the actors and kept up to date?",
    "¿Están mapeados los actores, las políticas que interactúan y los ciclos de retroalimentación, validados con los actores y actualizados?",
    "Estão mapeados os atores, as políticas que interagem e os ciclos de retroalimentação, validados com os atores e atualizados?",
    "Les acteurs, les politiques en interaction et les boucles de rétroaction sont-ils cartographiés, validés avec les acteurs et tenus à jour ?"),
  reads = c.reads { "evidence.complexity.system_map.statement", "evidence.complexity.system_map.actors",
    "evidence.complexity.system_map.interacting_policies", "evidence.complexity.system_map.feedback_loops",
    "evidence.complexity.system_map.validated_with", "evidence.complexity.system_map.review_frequency" },
  requires = { "evidence.complexity" },
  references = { REF.opsi, REF.dac },
  levels = {
    [0] = L("No system map.", "Sin mapa del sistema.", "Sem mapa do sistema.", "Aucune carte du système."),
    [1] = L("A system view asserted, fewer than three actors.", "Visión sistémica afirmada, menos de tres actores.",
      "Visão sistêmica afirmada, menos de três atores.", "Vision systémique affirmée, moins de trois acteurs."),
    [2] = L("Three or more actors identified.", "Tres o más actores identificados.", "Três ou mais atores identificados.",
      "Trois acteurs ou plus identifiés."),
    [3] = L("Actors, interacting policies and feedback loops.", "Actores, políticas que interactúan y ciclos de retroalimentación.",
      "Atores, políticas que interagem e ciclos de retroalimentação.", "Acteurs, politiques en interaction et boucles de rétroaction."),
    [4] = L("As level 3, validated with the actors and updated on a schedule.", "Como el nivel 3, validado con los actores y actualizado periódicamente.",
      "Como o nível 3, validado com os atores e atualizado periodicamente.", "Comme le niveau 3, validée avec les acteurs et mise à jour périodiquement."),
  },
  evaluate = function(case, ctx)
    local state, s = c.state(case, "evidence.complexity.system_map")
    if state == "absent" then return c.insufficient(ctx, "evidence.complexity.system_map") end
    if type(s) ~= "table" then s = {} end
    local _, actors = c.distinct(c.list(s.actors))
    local level = c.ladder(ctx, {
      state == "given",
      actors >= K.system_map_actors,
      actors >= K.system_map_actors and #c.list(s.interacting_policies) >= 1 and #c.list(s.feedback_loops) >= 1,
      c.is_text(s.validated_with) and c.is_text(s.review_frequency),
    })
    return c.finish(ctx, case, level, SYSTEM_GAPS, { "evidence.complexity.system_map" })
  end,
}

---------------------------------------------------------------------------------------------
-- ca.risks
---------------------------------------------------------------------------------------------
local RATINGS = { low = true, medium = true, high = true, very_high = true }

local function rated(v)
  return RATINGS[v] == true or (type(v) == "number" and v >= 1 and v <= 5)
end

local function high(v)
  return v == "high" or v == "very_high" or (type(v) == "number" and v >= K.high_rating)
end

local RISK_GAPS = {
  [1] = {
    finding = L("No implementation risk is identified.", "No se identifica ningún riesgo de implementación.",
      "Nenhum risco de implementação é identificado.", "Aucun risque de mise en œuvre n'est identifié."),
    text = L("Open a risk register: list what could stop the initiative (including each assumption of the theory of change that might fail), {before_launch}.",
      "Abra un registro de riesgos: enumere lo que podría detener la iniciativa (incluido cada supuesto de la teoría del cambio que podría fallar), {before_launch}.",
      "Abra um registro de riscos: liste o que poderia deter a iniciativa (incluindo cada pressuposto da teoria da mudança que poderia falhar), {before_launch}.",
      "Ouvrez un registre des risques : listez ce qui pourrait arrêter l'initiative (y compris chaque hypothèse de la théorie du changement qui pourrait ne pas se vérifier), {before_launch}."),
    priority = "high", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.risks" },
  },
  [2] = {
    finding = L("Risks are listed but not rated for likelihood and impact.", "Se enumeran riesgos, pero sin calificar probabilidad e impacto.",
      "Riscos são listados, mas sem classificação de probabilidade e impacto.", "Des risques sont listés, sans cotation de probabilité et d'impact."),
    text = L("Rate each risk's likelihood and impact, {before_launch}.", "Califique la probabilidad y el impacto de cada riesgo, {before_launch}.",
      "Classifique a probabilidade e o impacto de cada risco, {before_launch}.", "Cotez la probabilité et l'impact de chaque risque, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.risks[].likelihood", "evidence.complexity.risks[].impact" },
  },
  [3] = {
    finding = L("{incomplete} of {total} risks lack a rating, an owner or a mitigation.",
      "{incomplete} de {total} riesgos carecen de calificación, responsable o mitigación.",
      "{incomplete} de {total} riscos não têm classificação, responsável ou mitigação.",
      "{incomplete} risques sur {total} n'ont pas de cotation, de responsable ou de mesure d'atténuation."),
    text = L("Give every risk a named owner and a mitigation measure with its cost, {before_launch}.",
      "Asigne a cada riesgo un responsable y una medida de mitigación con su costo, {before_launch}.",
      "Atribua a cada risco um responsável e uma medida de mitigação com seu custo, {before_launch}.",
      "Attribuez à chaque risque un responsable et une mesure d'atténuation chiffrée, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.risks[].owner", "evidence.complexity.risks[].mitigation" },
  },
  [4] = {
    finding = L("Risks have no early-warning triggers, or the register has no review schedule.",
      "Los riesgos no tienen alertas tempranas, o el registro no tiene calendario de revisión.",
      "Os riscos não têm alertas precoces, ou o registro não tem calendário de revisão.",
      "Les risques n'ont pas de signaux d'alerte, ou le registre n'a pas de calendrier de révision."),
    text = L("Attach an early-warning trigger to each risk and review the register at a set frequency (for example monthly in the first year), {first_year}.",
      "Asocie una alerta temprana a cada riesgo y revise el registro con una frecuencia fija (por ejemplo mensual durante el primer año), {first_year}.",
      "Associe um alerta precoce a cada risco e revise o registro com frequência fixa (por exemplo mensal no primeiro ano), {first_year}.",
      "Associez un signal d'alerte à chaque risque et revoyez le registre à une fréquence fixe (par exemple mensuelle la première année), {first_year}."),
    priority = "low", horizon = "medium", owner = "pmo", evidence = { "evidence.complexity.risks[].trigger", "evidence.complexity.risk_review" },
  },
}

local risks = m.indicator {
  id = "ca.risks",
  title = L("Risk register with owners", "Registro de riesgos con responsables", "Registro de riscos com responsáveis",
    "Registre des risques avec responsables"),
  question = L("Is every risk rated, owned and mitigated, with early-warning triggers and a review schedule?",
    "¿Cada riesgo está calificado, tiene responsable y mitigación, con alertas tempranas y calendario de revisión?",
    "Cada risco está classificado, tem responsável e mitigação, com alertas precoces e calendário de revisão?",
    "Chaque risque est-il coté, attribué et atténué, avec des signaux d'alerte et un calendrier de révision ?"),
  reads = c.reads { "evidence.complexity.risks[].description", "evidence.complexity.risks[].likelihood",
    "evidence.complexity.risks[].impact", "evidence.complexity.risks[].owner", "evidence.complexity.risks[].mitigation",
    "evidence.complexity.risks[].trigger", "evidence.complexity.risk_review.frequency", "evidence.complexity.risk_review.owner" },
  requires = { "evidence.complexity" },
  references = { REF.iso, REF.opsi },
  levels = {
    [0] = L("No risk identified.", "Sin riesgos identificados.", "Sem riscos identificados.", "Aucun risque identifié."),
    [1] = L("Risks listed without rating.", "Riesgos enumerados sin calificación.", "Riscos listados sem classificação.",
      "Risques listés sans cotation."),
    [2] = L("Some risks rated for likelihood and impact.", "Algunos riesgos calificados en probabilidad e impacto.",
      "Alguns riscos classificados em probabilidade e impacto.", "Certains risques cotés en probabilité et impact."),
    [3] = L("Two or more rated risks with an owner and a mitigation, and no high or unrated risk left without them.",
      "Dos o más riesgos calificados con responsable y mitigación, y ningún riesgo alto o sin calificar sin ellos.",
      "Dois ou mais riscos classificados com responsável e mitigação, e nenhum risco alto ou sem classificação sem eles.",
      "Deux risques cotés ou plus avec responsable et atténuation, et aucun risque élevé ou non coté qui en soit dépourvu."),
    [4] = L("As level 3, with triggers for two or more risks and a scheduled review.",
      "Como el nivel 3, con alertas para dos o más riesgos y revisión programada.",
      "Como o nível 3, com alertas para dois ou mais riscos e revisão programada.",
      "Comme le niveau 3, avec des signaux pour deux risques ou plus et une révision programmée."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.complexity.risks")
    if state == "absent" then return c.insufficient(ctx, "evidence.complexity.risks") end
    list = state == "given" and type(list) == "table" and list or {}
    local total, n_rated, complete, triggered, exposed = 0, 0, 0, 0, 0
    for _, r in ipairs(list) do
      if type(r) == "table" or c.is_text(r) then total = total + 1 end
      local is_rated = type(r) == "table" and rated(r.likelihood) and rated(r.impact)
      local handled = type(r) == "table" and c.is_text(r.owner) and c.is_text(r.mitigation)
      if is_rated then
        n_rated = n_rated + 1
        if handled then
          complete = complete + 1
          if c.is_text(r.trigger) then triggered = triggered + 1 end
        end
      end
      -- the weakness the indicator measures: a risk that may be severe (rated high, or not
      -- rated at all) with no owner or mitigation; disclosing it may lower the level, and says so
      if type(r) == "table" and not handled and (not is_rated or (high(r.likelihood) and high(r.impact))) then
        exposed = exposed + 1
      end
    end
    if exposed > 0 then
      c.finding(ctx, case, L("{n} risk(s) rated high (or not rated) have no owner or mitigation.",
        "{n} riesgo(s) calificados como altos (o sin calificar) no tienen responsable o mitigación.",
        "{n} risco(s) classificados como altos (ou sem classificação) não têm responsável ou mitigação.",
        "{n} risque(s) cotés élevés (ou non cotés) n'ont ni responsable ni atténuation."),
        { "evidence.complexity.risks" }, { n = exposed })
    end
    local review = c.get(case, "evidence.complexity.risk_review")
    local reviewed = type(review) == "table" and c.is_text(review.frequency) and c.is_text(review.owner)
    local level = c.ladder(ctx, {
      total >= 1,
      n_rated >= 1,
      complete >= K.risks_mitigated and exposed == 0,
      triggered >= K.risks_triggered and reviewed,
    })
    return c.finish(ctx, case, level, RISK_GAPS, { "evidence.complexity.risks" },
      { incomplete = total - complete, total = total })
  end,
}

---------------------------------------------------------------------------------------------
-- ca.domain_method
---------------------------------------------------------------------------------------------
-- How well each approach fits each Cynefin domain: 2 fits, 1 partly fits, 0 contradicts.
local FIT = {
  clear = { full_rollout = 2, phased_rollout = 2, pilot = 2, probes = 1, adaptive = 1 },
  complicated = { full_rollout = 1, phased_rollout = 2, pilot = 2, probes = 1, adaptive = 2 },
  complex = { full_rollout = 0, phased_rollout = 1, pilot = 2, probes = 2, adaptive = 2 },
  chaotic = { full_rollout = 0, phased_rollout = 0, pilot = 1, probes = 1, adaptive = 2, rapid_response = 2 },
}
local DOMAIN_NAMES = {
  clear = L("clear", "claro", "claro", "clair"),
  complicated = L("complicated", "complicado", "complicado", "compliqué"),
  complex = L("complex", "complejo", "complexo", "complexe"),
  chaotic = L("chaotic", "caótico", "caótico", "chaotique"),
}
local APPROACH_NAMES = {
  full_rollout = L("a full rollout at once", "un despliegue completo de una vez", "uma implantação completa de uma vez", "un déploiement complet d'emblée"),
  phased_rollout = L("a phased rollout", "un despliegue por fases", "uma implantação por fases", "un déploiement par phases"),
  pilot = L("a pilot", "un piloto", "um piloto", "un pilote"),
  probes = L("parallel safe-to-fail probes", "pruebas paralelas seguras ante el fracaso", "testes paralelos seguros diante do fracasso",
    "des essais parallèles sans risque d'échec grave"),
  adaptive = L("adaptive management", "gestión adaptativa", "gestão adaptativa", "une gestion adaptative"),
  rapid_response = L("a rapid response", "una respuesta rápida", "uma resposta rápida", "une réponse rapide"),
}

-- What fits each domain better, for the finding and the recommendation when the approach only
-- partly fits (level 2): the advice depends on the domain, not on a complex problem alone.
local BETTER_FIT = {
  clear = L("a full or phased rollout of the proven practice", "un despliegue completo o por fases de la práctica probada",
    "uma implantação completa ou por fases da prática comprovada", "un déploiement complet ou par phases de la pratique éprouvée"),
  complicated = L("a phased rollout (or a pilot) informed by expert analysis", "un despliegue por fases (o un piloto) guiado por el análisis de expertos",
    "uma implantação por fases (ou um piloto) orientada pela análise de especialistas", "un déploiement par phases (ou un pilote) guidé par l'analyse d'experts"),
  complex = L("a pilot or parallel safe-to-fail probes", "un piloto o pruebas paralelas seguras ante el fracaso",
    "um piloto ou testes paralelos seguros diante do fracasso", "un pilote ou des essais parallèles sans risque d'échec grave"),
  chaotic = L("a rapid response with adaptive management", "una respuesta rápida con gestión adaptativa",
    "uma resposta rápida com gestão adaptativa", "une réponse rapide avec une gestion adaptative"),
}
local ADVICE = {
  clear = L("for a clear problem, where cause and effect are known, apply the proven practice through a full or phased rollout with standard operating procedures, instead of open-ended probes or adaptive management",
    "para un problema claro, en el que la causa y el efecto se conocen, aplique la práctica probada mediante un despliegue completo o por fases con procedimientos estándar, en lugar de pruebas abiertas o gestión adaptativa",
    "para um problema claro, em que causa e efeito são conhecidos, aplique a prática comprovada por meio de uma implantação completa ou por fases com procedimentos padronizados, em vez de testes abertos ou gestão adaptativa",
    "pour un problème clair, dont les causes et les effets sont connus, appliquez la pratique éprouvée par un déploiement complet ou par phases avec des procédures normalisées, plutôt que des essais ouverts ou une gestion adaptative"),
  complicated = L("for a complicated problem, where experts can work out cause and effect in advance, roll out in phases (or start with a pilot), each phase checked against the expert analysis before the next one starts",
    "para un problema complicado, en el que los expertos pueden determinar de antemano la causa y el efecto, despliegue por fases (o comience con un piloto), verificando cada fase frente al análisis de expertos antes de iniciar la siguiente",
    "para um problema complicado, em que especialistas podem determinar de antemão causa e efeito, implante por fases (ou comece com um piloto), verificando cada fase frente à análise de especialistas antes de iniciar a seguinte",
    "pour un problème compliqué, dont des experts peuvent établir à l'avance les causes et les effets, déployez par phases (ou commencez par un pilote), en vérifiant chaque phase au regard de l'analyse d'experts avant de lancer la suivante"),
  complex = L("for a complex problem, run a pilot or several small probes with clear learning questions before any phased rollout",
    "para un problema complejo, realice un piloto o varias pruebas pequeñas con preguntas de aprendizaje claras antes de cualquier despliegue por fases",
    "para um problema complexo, realize um piloto ou vários pequenos testes com perguntas de aprendizagem claras antes de qualquer implantação por fases",
    "pour un problème complexe, menez un pilote ou plusieurs petits essais avec des questions d'apprentissage claires avant tout déploiement par phases"),
  chaotic = L("for a chaotic problem, act first to stabilise the situation with a rapid response under adaptive management, and move to pilots or probes once it is under control",
    "para un problema caótico, actúe primero para estabilizar la situación con una respuesta rápida bajo gestión adaptativa, y pase a pilotos o pruebas cuando esté bajo control",
    "para um problema caótico, aja primeiro para estabilizar a situação com uma resposta rápida sob gestão adaptativa, e passe a pilotos ou testes quando estiver sob controle",
    "pour un problème chaotique, agissez d'abord pour stabiliser la situation par une réponse rapide en gestion adaptative, puis passez à des pilotes ou des essais une fois la situation maîtrisée"),
}

local DOMAIN_GAPS = {
  [1] = {
    finding = L("The problem is not classified, or a complex problem is to be launched as a full rollout with no pilot.",
      "El problema no está clasificado, o un problema complejo se lanzará como despliegue completo sin piloto.",
      "O problema não está classificado, ou um problema complexo será lançado como implantação completa sem piloto.",
      "Le problème n'est pas qualifié, ou un problème complexe sera lancé en déploiement complet sans pilote."),
    text = L("Classify the problem (clear, complicated, complex) with the team and partners; if cause and effect are only known in hindsight, start with a pilot or parallel probes in a few territories instead of a national rollout, {before_launch}.",
      "Clasifique el problema (claro, complicado, complejo) con el equipo y los socios; si la causa y el efecto solo se conocen en retrospectiva, comience con un piloto o pruebas paralelas en algunos territorios en lugar de un despliegue nacional, {before_launch}.",
      "Classifique o problema (claro, complicado, complexo) com a equipe e os parceiros; se causa e efeito só são conhecidos em retrospectiva, comece com um piloto ou testes paralelos em alguns territórios em vez de uma implantação nacional, {before_launch}.",
      "Qualifiez le problème (clair, compliqué, complexe) avec l'équipe et les partenaires ; si la cause et l'effet ne se connaissent qu'a posteriori, commencez par un pilote ou des essais parallèles dans quelques territoires plutôt qu'un déploiement national, {before_launch}."),
    priority = "high", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.domain", "evidence.complexity.approach" },
  },
  [2] = {
    finding = L("The classification is given without a rationale, or the implementation approach is not stated.",
      "La clasificación se da sin justificación, o no se indica el enfoque de implementación.",
      "A classificação é dada sem justificativa, ou o enfoque de implementação não é indicado.",
      "La qualification est donnée sans justification, ou l'approche de mise en œuvre n'est pas indiquée."),
    text = L("Explain why the problem is {domain} (what is known and unknown about cause and effect) and state the implementation approach, {before_launch}.",
      "Explique por qué el problema es {domain} (qué se sabe y qué no sobre causa y efecto) e indique el enfoque de implementación, {before_launch}.",
      "Explique por que o problema é {domain} (o que se sabe e o que não se sabe sobre causa e efeito) e indique o enfoque de implementação, {before_launch}.",
      "Expliquez pourquoi le problème est {domain} (ce que l'on sait et ignore des causes et effets) et indiquez l'approche de mise en œuvre, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.domain_rationale" },
  },
  [3] = {
    finding = L("The approach ({approach}) only partly fits a {domain} problem, for which {better} would fit better.",
      "El enfoque ({approach}) solo se ajusta en parte a un problema {domain}, al que se ajusta mejor {better}.",
      "O enfoque ({approach}) só se ajusta em parte a um problema {domain}, ao qual se ajusta melhor {better}.",
      "L'approche ({approach}) ne convient qu'en partie à un problème {domain}, auquel convient mieux {better}."),
    text = L("Match the method to the problem: {advice}, {before_launch}.",
      "Ajuste el método al problema: {advice}, {before_launch}.",
      "Ajuste o método ao problema: {advice}, {before_launch}.",
      "Adaptez la méthode au problème : {advice}, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.approach" },
  },
  [4] = {
    finding = L("Nothing says when or on what evidence the classification and the method will be revisited.",
      "Nada indica cuándo ni con qué evidencia se revisarán la clasificación y el método.",
      "Nada indica quando nem com que evidência a classificação e o método serão revistos.",
      "Rien n'indique quand ni sur quelles données la qualification et la méthode seront réexaminées."),
    text = L("Set the date and the evidence that will trigger a reassessment of the problem and of the method (for example, pilot results at month six), {first_year}.",
      "Fije la fecha y la evidencia que activarán una reevaluación del problema y del método (por ejemplo, los resultados del piloto al sexto mes), {first_year}.",
      "Defina a data e a evidência que acionarão uma reavaliação do problema e do método (por exemplo, os resultados do piloto no sexto mês), {first_year}.",
      "Fixez la date et les éléments qui déclencheront un réexamen du problème et de la méthode (par exemple les résultats du pilote au sixième mois), {first_year}."),
    priority = "low", horizon = "medium", owner = "pmo", evidence = { "evidence.complexity.reassessment" },
  },
}

local domain_method = m.indicator {
  id = "ca.domain_method",
  title = L("Problem domain and matching method", "Dominio del problema y método adecuado", "Domínio do problema e método adequado",
    "Nature du problème et méthode adaptée"),
  question = L("Is the problem classified (clear, complicated, complex) with a rationale, and does the method fit it, with a planned reassessment?",
    "¿El problema está clasificado (claro, complicado, complejo) con justificación, y el método se ajusta a él, con una reevaluación prevista?",
    "O problema está classificado (claro, complicado, complexo) com justificativa, e o método se ajusta a ele, com uma reavaliação prevista?",
    "Le problème est-il qualifié (clair, compliqué, complexe) avec justification, et la méthode y est-elle adaptée, avec un réexamen prévu ?"),
  weight = 1.5,
  reads = c.reads { "evidence.complexity.domain", "evidence.complexity.domain_rationale", "evidence.complexity.approach",
    "evidence.complexity.system_map.feedback_loops", "evidence.complexity.risks[].likelihood", "evidence.complexity.risks[].impact",
    "evidence.complexity.reassessment.date", "evidence.complexity.reassessment.criteria" },
  requires = { "evidence.complexity" },
  references = { REF.cynefin, REF.opsi, REF.pdia },
  levels = {
    [0] = L("Not classified, or a complex problem launched at full scale without a pilot.",
      "Sin clasificar, o un problema complejo lanzado a escala completa sin piloto.",
      "Sem classificação, ou um problema complexo lançado em escala completa sem piloto.",
      "Non qualifié, ou un problème complexe lancé à pleine échelle sans pilote."),
    [1] = L("Classified, without rationale or stated approach.", "Clasificado, sin justificación o sin enfoque declarado.",
      "Classificado, sem justificativa ou sem enfoque declarado.", "Qualifié, sans justification ou sans approche déclarée."),
    [2] = L("Classified with a rationale; the approach only partly fits.", "Clasificado con justificación; el enfoque se ajusta solo en parte.",
      "Classificado com justificativa; o enfoque se ajusta só em parte.", "Qualifié avec justification ; l'approche ne convient qu'en partie."),
    [3] = L("Classified with a rationale and a fitting method (probe before scaling when complex).",
      "Clasificado con justificación y un método adecuado (probar antes de escalar cuando es complejo).",
      "Classificado com justificativa e um método adequado (testar antes de ampliar quando complexo).",
      "Qualifié avec justification et une méthode adaptée (tester avant de généraliser si complexe)."),
    [4] = L("As level 3, with a dated reassessment of the problem and the method.", "Como el nivel 3, con una reevaluación fechada del problema y del método.",
      "Como o nível 3, com uma reavaliação datada do problema e do método.", "Comme le niveau 3, avec un réexamen daté du problème et de la méthode."),
  },
  evaluate = function(case, ctx)
    local state, domain = c.state(case, "evidence.complexity.domain")
    if state == "absent" then return c.insufficient(ctx, "evidence.complexity.domain") end
    local known = FIT[domain] ~= nil
    local approach = c.get(case, "evidence.complexity.approach")
    local fit = known and FIT[domain][approach] or nil
    local rationale = c.is_text(c.get(case, "evidence.complexity.domain_rationale"))
    local reassess = c.get(case, "evidence.complexity.reassessment")
    local reassessed = type(reassess) == "table" and dates.is_date(reassess.date) and c.is_text(reassess.criteria)
    local level = c.ladder(ctx, {
      known and fit ~= 0,
      rationale and fit ~= nil and fit >= 1,
      rationale and fit == 2,
      reassessed,
    })
    -- The classification is the State's own; the rest of the case can contradict it: feedback
    -- loops in the system map, or a high-likelihood high-impact risk, are not marks of a clear
    -- (or merely complicated) problem. An inconsistent classification caps the level.
    local loops = #c.list(c.get(case, "evidence.complexity.system_map.feedback_loops"))
    local severe = 0
    for _, r in ipairs(c.list(case, "evidence.complexity.risks")) do
      if type(r) == "table" and high(r.likelihood) and high(r.impact) then severe = severe + 1 end
    end
    local cap
    if domain == "clear" and (loops >= 1 or severe >= 1) then cap = 1
    elseif domain == "complicated" and loops >= K.complicated_loops_cap then cap = 2 end
    if cap and level > cap then
      c.finding(ctx, case, L("The problem is classified as {domain}, but the case lists {loops} feedback loop(s) and {severe} high-likelihood, high-impact risk(s): the classification is inconsistent with the case, and the level is capped at {cap}.",
        "El problema se clasifica como {domain}, pero el caso indica {loops} bucle(s) de retroalimentación y {severe} riesgo(s) de probabilidad e impacto altos: la clasificación es incoherente con el caso, y el nivel se limita a {cap}.",
        "O problema é classificado como {domain}, mas o caso indica {loops} ciclo(s) de retroalimentação e {severe} risco(s) de probabilidade e impacto altos: a classificação é incoerente com o caso, e o nível fica limitado a {cap}.",
        "Le problème est qualifié de {domain}, mais le cas mentionne {loops} boucle(s) de rétroaction et {severe} risque(s) de probabilité et d'impact élevés : la qualification est incohérente avec le cas, et le niveau est plafonné à {cap}."),
        { "evidence.complexity.domain", "evidence.complexity.system_map.feedback_loops", "evidence.complexity.risks" },
        { domain = DOMAIN_NAMES[domain], loops = loops, severe = severe, cap = cap })
      level = cap
    end
    local vars = {
      domain = known and DOMAIN_NAMES[domain] or L("unclassified", "sin clasificar", "não classificado", "non qualifié"),
      approach = APPROACH_NAMES[approach] or L("not stated", "no indicado", "não indicado", "non indiquée"),
      better = BETTER_FIT[domain] or BETTER_FIT.complex,
      advice = ADVICE[domain] or ADVICE.complex,
    }
    if known and fit == 0 then
      c.finding(ctx, case, L("A {domain} problem is to be tackled with {approach}: the method contradicts the problem.",
        "Un problema {domain} se abordará con {approach}: el método contradice el problema.",
        "Um problema {domain} será enfrentado com {approach}: o método contradiz o problema.",
        "Un problème {domain} sera traité par {approach} : la méthode contredit le problème."),
        { "evidence.complexity.domain", "evidence.complexity.approach" }, vars)
    end
    return c.finish(ctx, case, level, DOMAIN_GAPS,
      { "evidence.complexity.domain", "evidence.complexity.approach", "evidence.complexity.reassessment" }, vars)
  end,
}

---------------------------------------------------------------------------------------------
-- ca.phasing
---------------------------------------------------------------------------------------------
local STOP_OR_ADAPT = { stop = true, adapt = true, pause = true, adjust = true }

local PHASING_GAPS = {
  [1] = {
    finding = L("The initiative is planned as a single step, with no phases.", "La iniciativa se planifica en un solo paso, sin fases.",
      "A iniciativa é planejada num único passo, sem fases.", "L'initiative est prévue en une seule étape, sans phases."),
    text = L("Split the implementation into at least two phases (for example pilot, then extension), {before_launch}.",
      "Divida la implementación en al menos dos fases (por ejemplo piloto y luego extensión), {before_launch}.",
      "Divida a implementação em pelo menos duas fases (por exemplo piloto e depois extensão), {before_launch}.",
      "Découpez la mise en œuvre en au moins deux phases (par exemple pilote, puis extension), {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.phases" },
  },
  [2] = {
    finding = L("Phases are named but not dated.", "Las fases tienen nombre pero no fecha.", "As fases têm nome mas não data.",
      "Les phases sont nommées mais non datées."),
    text = L("Date the start of each phase, {before_launch}.", "Fije la fecha de inicio de cada fase, {before_launch}.",
      "Defina a data de início de cada fase, {before_launch}.", "Datez le début de chaque phase, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.phases[].start" },
  },
  [3] = {
    finding = L("Phases follow each other without a decision gate (criteria and who decides).",
      "Las fases se suceden sin punto de decisión (criterios y quién decide).",
      "As fases se sucedem sem ponto de decisão (critérios e quem decide).",
      "Les phases s'enchaînent sans point de décision (critères et décideur)."),
    text = L("Put a decision gate at the end of each phase: the criteria to move on and the authority that decides, {before_launch}.",
      "Establezca un punto de decisión al final de cada fase: los criterios para avanzar y la autoridad que decide, {before_launch}.",
      "Estabeleça um ponto de decisão ao final de cada fase: os critérios para avançar e a autoridade que decide, {before_launch}.",
      "Placez un point de décision à la fin de chaque phase : les critères pour poursuivre et l'autorité qui décide, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.phases[].gate" },
  },
  [4] = {
    finding = L("The gates have no quantified thresholds, or do not allow stopping or adapting.",
      "Los puntos de decisión no tienen umbrales cuantificados, o no permiten detener ni adaptar.",
      "Os pontos de decisão não têm limiares quantificados, ou não permitem interromper nem adaptar.",
      "Les points de décision n'ont pas de seuils chiffrés, ou ne permettent ni d'arrêter ni d'adapter."),
    text = L("Quantify each gate's go/no-go thresholds, tied to the results framework, and list stopping and adapting among the options, {before_launch}.",
      "Cuantifique los umbrales de avance o detención de cada punto de decisión, vinculados al marco de resultados, e incluya detener y adaptar entre las opciones, {before_launch}.",
      "Quantifique os limiares de avanço ou interrupção de cada ponto de decisão, vinculados ao quadro de resultados, e inclua interromper e adaptar entre as opções, {before_launch}.",
      "Chiffrez les seuils de poursuite ou d'arrêt de chaque point de décision, liés au cadre de résultats, et prévoyez l'arrêt et l'adaptation parmi les options, {before_launch}."),
    priority = "low", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.phases[].gate.thresholds", "evidence.complexity.phases[].gate.options" },
  },
}

local phasing = m.indicator {
  id = "ca.phasing",
  title = L("Phasing with decision gates", "Fases con puntos de decisión", "Fases com pontos de decisão", "Phases et points de décision"),
  question = L("Does the initiative advance in dated phases, each closed by a gate with criteria, a decision-maker, quantified thresholds and the option to stop or adapt?",
    "¿La iniciativa avanza en fases fechadas, cada una cerrada por un punto de decisión con criterios, responsable, umbrales cuantificados y opción de detener o adaptar?",
    "A iniciativa avança em fases datadas, cada uma encerrada por um ponto de decisão com critérios, responsável, limiares quantificados e a opção de interromper ou adaptar?",
    "L'initiative avance-t-elle par phases datées, chacune close par un point de décision avec critères, décideur, seuils chiffrés et possibilité d'arrêter ou d'adapter ?"),
  reads = c.reads { "evidence.complexity.phases[].name", "evidence.complexity.phases[].start",
    "evidence.complexity.phases[].gate.criteria", "evidence.complexity.phases[].gate.decision_maker",
    "evidence.complexity.phases[].gate.thresholds", "evidence.complexity.phases[].gate.targets[].value", "evidence.complexity.phases[].gate.options" },
  requires = { "evidence.complexity" },
  references = { REF.opsi, REF.cynefin, "IMF (2018), Public Investment Management Assessment (PIMA): project appraisal and selection gates" },
  levels = {
    [0] = L("A single step, no phases.", "Un solo paso, sin fases.", "Um único passo, sem fases.", "Une seule étape, sans phases."),
    [1] = L("Two or more phases named, undated.", "Dos o más fases nombradas, sin fecha.", "Duas ou mais fases nomeadas, sem data.",
      "Deux phases ou plus nommées, non datées."),
    [2] = L("Dated phases without decision gates.", "Fases fechadas sin puntos de decisión.", "Fases datadas sem pontos de decisão.",
      "Phases datées sans points de décision."),
    [3] = L("Dated phases, each (but the last) closed by a gate with criteria and a decision-maker.",
      "Fases fechadas, cada una (salvo la última) cerrada por un punto de decisión con criterios y responsable.",
      "Fases datadas, cada uma (exceto a última) encerrada por um ponto de decisão com critérios e responsável.",
      "Phases datées, chacune (sauf la dernière) close par un point de décision avec critères et décideur."),
    [4] = L("As level 3, with quantified thresholds and the options to stop or adapt.", "Como el nivel 3, con umbrales cuantificados y opciones de detener o adaptar.",
      "Como o nível 3, com limiares quantificados e as opções de interromper ou adaptar.", "Comme le niveau 3, avec seuils chiffrés et options d'arrêt ou d'adaptation."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.complexity.phases")
    if state == "absent" then return c.insufficient(ctx, "evidence.complexity.phases") end
    list = state == "given" and type(list) == "table" and list or {}
    local phases, dated, gated, strong = 0, 0, 0, 0
    for _, p in ipairs(list) do
      if type(p) == "table" then
        phases = phases + 1
        if dates.is_date(p.start) then dated = dated + 1 end
        local gate = p.gate
        if type(gate) == "table" and c.is_text(gate.criteria) and c.is_text(gate.decision_maker) then
          gated = gated + 1
          -- quantified: a numeric threshold, or targets { indicator, value } with numbers; the
          -- thresholds text is the State's own words and decides nothing
          local quantified = type(gate.thresholds) == "number"
          for _, t in ipairs(c.list(gate.targets)) do
            if type(t) == "table" and type(t.value) == "number" then quantified = true end
          end
          local can_stop = false
          for _, o in ipairs(c.list(gate.options)) do
            if STOP_OR_ADAPT[o] then can_stop = true end
          end
          if quantified and can_stop then strong = strong + 1 end
        end
      elseif c.is_text(p) then
        phases = phases + 1
      end
    end
    local needed = phases - 1
    local level = c.ladder(ctx, {
      phases >= K.phases,
      phases >= K.phases and dated >= K.phases,
      needed >= 1 and gated >= needed,
      needed >= 1 and strong >= needed,
    })
    return c.finish(ctx, case, level, PHASING_GAPS, { "evidence.complexity.phases" })
  end,
}

---------------------------------------------------------------------------------------------
-- ca.learning_loop
---------------------------------------------------------------------------------------------
local LEARNING_GAPS = {
  [1] = {
    finding = L("No learning loop is planned.", "No se prevé un ciclo de aprendizaje.", "Não se prevê um ciclo de aprendizagem.",
      "Aucune boucle d'apprentissage n'est prévue."),
    text = L("Plan how the initiative will learn during implementation: who reviews the data, how often, and who can change course, {before_launch}.",
      "Planifique cómo aprenderá la iniciativa durante la implementación: quién revisa los datos, con qué frecuencia y quién puede cambiar el rumbo, {before_launch}.",
      "Planeje como a iniciativa aprenderá durante a implementação: quem revisa os dados, com que frequência e quem pode mudar o rumo, {before_launch}.",
      "Prévoyez comment l'initiative apprendra pendant la mise en œuvre : qui examine les données, à quelle fréquence et qui peut réorienter, {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.learning" },
  },
  [2] = {
    finding = L("Learning is promised, without a forum or a frequency.", "Se promete aprendizaje, sin instancia ni frecuencia.",
      "Promete-se aprendizagem, sem instância nem frequência.", "L'apprentissage est promis, sans instance ni fréquence."),
    text = L("Name the forum that will review implementation data and how often it meets (for example monthly in the first year), {before_launch}.",
      "Nombre la instancia que revisará los datos de implementación y con qué frecuencia se reúne (por ejemplo mensualmente el primer año), {before_launch}.",
      "Nomeie a instância que revisará os dados de implementação e com que frequência se reúne (por exemplo mensalmente no primeiro ano), {before_launch}.",
      "Désignez l'instance qui examinera les données de mise en œuvre et sa fréquence de réunion (par exemple mensuelle la première année), {before_launch}."),
    priority = "medium", horizon = "short", owner = "pmo", evidence = { "evidence.complexity.learning.forum", "evidence.complexity.learning.frequency" },
  },
  [3] = {
    finding = L("The learning forum has no authority to change course, or no data to decide on.",
      "La instancia de aprendizaje no tiene autoridad para cambiar el rumbo, o no tiene datos para decidir.",
      "A instância de aprendizagem não tem autoridade para mudar o rumo, ou não tem dados para decidir.",
      "L'instance d'apprentissage n'a pas le pouvoir de réorienter, ou pas de données pour décider."),
    text = L("Give the forum explicit authority to adjust the design, targets and budget allocation within set limits, and list the data it will use, {before_launch}.",
      "Otorgue a la instancia autoridad explícita para ajustar el diseño, las metas y la asignación presupuestaria dentro de límites fijados, y enumere los datos que usará, {before_launch}.",
      "Dê à instância autoridade explícita para ajustar o desenho, as metas e a alocação orçamentária dentro de limites fixados, e liste os dados que usará, {before_launch}.",
      "Donnez à l'instance le pouvoir explicite d'ajuster la conception, les cibles et la répartition du budget dans des limites fixées, et listez les données qu'elle utilisera, {before_launch}."),
    priority = "medium", horizon = "short", owner = "centre", evidence = { "evidence.complexity.learning.authority", "evidence.complexity.learning.data" },
  },
  [4] = {
    finding = L("Adaptations are not logged, or users' and frontline feedback does not feed the loop.",
      "Las adaptaciones no se registran, o la retroalimentación de usuarios y personal de primera línea no alimenta el ciclo.",
      "As adaptações não são registradas, ou o retorno de usuários e servidores da linha de frente não alimenta o ciclo.",
      "Les adaptations ne sont pas consignées, ou les retours des usagers et du personnel de première ligne n'alimentent pas la boucle."),
    text = L("Keep a public log of the adaptations made and why, and feed the loop with regular feedback from users and frontline staff, {first_year}.",
      "Lleve un registro público de las adaptaciones realizadas y sus razones, y alimente el ciclo con retroalimentación periódica de usuarios y personal de primera línea, {first_year}.",
      "Mantenha um registro público das adaptações feitas e por quê, e alimente o ciclo com retorno periódico de usuários e servidores da linha de frente, {first_year}.",
      "Tenez un journal public des adaptations et de leurs motifs, et alimentez la boucle par des retours réguliers des usagers et du personnel de première ligne, {first_year}."),
    priority = "low", horizon = "medium", owner = "pmo", evidence = { "evidence.complexity.learning.adaptation_log", "evidence.complexity.learning.user_feedback" },
  },
}

local learning = m.indicator {
  id = "ca.learning_loop",
  title = L("Learning loop", "Ciclo de aprendizaje", "Ciclo de aprendizagem", "Boucle d'apprentissage"),
  question = L("Who reviews implementation data, how often, with what authority to change course, and are adaptations logged?",
    "¿Quién revisa los datos de implementación, con qué frecuencia, con qué autoridad para cambiar el rumbo, y se registran las adaptaciones?",
    "Quem revisa os dados de implementação, com que frequência, com que autoridade para mudar o rumo, e as adaptações são registradas?",
    "Qui examine les données de mise en œuvre, à quelle fréquence, avec quel pouvoir de réorienter, et les adaptations sont-elles consignées ?"),
  weight = 1.5,
  reads = c.reads { "evidence.complexity.learning.statement", "evidence.complexity.learning.forum",
    "evidence.complexity.learning.frequency", "evidence.complexity.learning.authority",
    "evidence.complexity.learning.data", "evidence.complexity.learning.adaptation_log",
    "evidence.complexity.learning.user_feedback" },
  requires = { "evidence.complexity" },
  references = { REF.opsi, REF.cynefin, REF.adaptive, REF.pdia },
  levels = {
    [0] = L("No learning loop.", "Sin ciclo de aprendizaje.", "Sem ciclo de aprendizagem.", "Aucune boucle d'apprentissage."),
    [1] = L("Learning promised without forum or frequency.", "Aprendizaje prometido sin instancia ni frecuencia.",
      "Aprendizagem prometida sem instância nem frequência.", "Apprentissage promis sans instance ni fréquence."),
    [2] = L("A forum meeting at a set frequency.", "Una instancia que se reúne con frecuencia fija.", "Uma instância que se reúne com frequência fixa.",
      "Une instance qui se réunit à fréquence fixe."),
    [3] = L("The forum has authority to change course and data to decide on.", "La instancia tiene autoridad para cambiar el rumbo y datos para decidir.",
      "A instância tem autoridade para mudar o rumo e dados para decidir.", "L'instance a le pouvoir de réorienter et des données pour décider."),
    [4] = L("As level 3, with a log of adaptations and user and frontline feedback.", "Como el nivel 3, con registro de adaptaciones y retroalimentación de usuarios y primera línea.",
      "Como o nível 3, com registro de adaptações e retorno de usuários e linha de frente.", "Comme le niveau 3, avec un journal des adaptations et les retours des usagers et de la première ligne."),
  },
  evaluate = function(case, ctx)
    local state, l = c.state(case, "evidence.complexity.learning")
    if state == "absent" then return c.insufficient(ctx, "evidence.complexity.learning") end
    if type(l) ~= "table" then l = {} end
    local forum = c.is_text(l.forum) and c.is_text(l.frequency)
    local level = c.ladder(ctx, {
      state == "given",
      forum,
      forum and c.is_text(l.authority) and c.given(l.data),
      l.adaptation_log == true and l.user_feedback == true,
    })
    return c.finish(ctx, case, level, LEARNING_GAPS, { "evidence.complexity.learning" })
  end,
}

---------------------------------------------------------------------------------------------
-- ca.coordination
---------------------------------------------------------------------------------------------
local COORDINATION_GAPS = {
  [1] = {
    finding = L("No coordination mechanism with other agencies or levels of government is planned.",
      "No se prevé ningún mecanismo de coordinación con otras entidades o niveles de gobierno.",
      "Não se prevê nenhum mecanismo de coordenação com outros órgãos ou níveis de governo.",
      "Aucun mécanisme de coordination avec d'autres administrations ou niveaux de gouvernement n'est prévu."),
    text = L("Set up a coordination mechanism with the agencies and levels of government whose decisions affect the initiative, {before_launch}.",
      "Establezca un mecanismo de coordinación con las entidades y niveles de gobierno cuyas decisiones afectan la iniciativa, {before_launch}.",
      "Estabeleça um mecanismo de coordenação com os órgãos e níveis de governo cujas decisões afetam a iniciativa, {before_launch}.",
      "Mettez en place un mécanisme de coordination avec les administrations et niveaux de gouvernement dont les décisions affectent l'initiative, {before_launch}."),
    priority = "high", horizon = "short", owner = "centre", evidence = { "evidence.complexity.coordination" },
  },
  [2] = {
    finding = L("Coordination is asserted, without a named mechanism and members.",
      "Se afirma la coordinación, sin un mecanismo ni miembros nombrados.",
      "Afirma-se a coordenação, sem mecanismo nem membros nomeados.",
      "La coordination est affirmée, sans mécanisme ni membres désignés."),
    text = L("Name the coordination mechanism and its member institutions, {before_launch}.",
      "Nombre el mecanismo de coordinación y sus instituciones miembro, {before_launch}.",
      "Nomeie o mecanismo de coordenação e suas instituições-membro, {before_launch}.",
      "Nommez le mécanisme de coordination et ses institutions membres, {before_launch}."),
    priority = "medium", horizon = "short", owner = "centre", evidence = { "evidence.complexity.coordination.mechanism", "evidence.complexity.coordination.members" },
  },
  [3] = {
    finding = L("The mechanism lacks a formal mandate or a meeting frequency, or does not span the levels of government involved.",
      "El mecanismo carece de mandato formal o de frecuencia de reuniones, o no abarca los niveles de gobierno involucrados.",
      "O mecanismo não tem mandato formal ou frequência de reuniões, ou não abrange os níveis de governo envolvidos.",
      "Le mécanisme n'a pas de mandat formel ou de fréquence de réunion, ou ne couvre pas les niveaux de gouvernement concernés."),
    text = L("Formalise the mechanism (an agreement or decree with its mandate), set its meeting calendar, and include the subnational governments that deliver the service, {before_launch}.",
      "Formalice el mecanismo (un convenio o decreto con su mandato), fije su calendario de reuniones e incluya a los gobiernos subnacionales que prestan el servicio, {before_launch}.",
      "Formalize o mecanismo (um convênio ou decreto com seu mandato), defina seu calendário de reuniões e inclua os governos subnacionais que prestam o serviço, {before_launch}.",
      "Formalisez le mécanisme (une convention ou un décret avec son mandat), fixez son calendrier de réunions et incluez les collectivités infranationales qui fournissent le service, {before_launch}."),
    priority = "medium", horizon = "short", owner = "centre", evidence = { "evidence.complexity.coordination.mandate", "evidence.complexity.coordination.levels" },
  },
  [4] = {
    finding = L("The partners coordinate meetings, but do not share indicators, data or budget.",
      "Los socios coordinan reuniones, pero no comparten indicadores, datos ni presupuesto.",
      "Os parceiros coordenam reuniões, mas não compartilham indicadores, dados nem orçamento.",
      "Les partenaires se réunissent, mais ne partagent ni indicateurs, ni données, ni budget."),
    text = L("Back coordination with at least two of: shared results indicators, a data-sharing agreement, a joint or pooled budget, {first_year}.",
      "Respalde la coordinación con al menos dos de: indicadores de resultados compartidos, un acuerdo de intercambio de datos, un presupuesto conjunto, {first_year}.",
      "Sustente a coordenação com pelo menos dois de: indicadores de resultados compartilhados, um acordo de compartilhamento de dados, um orçamento conjunto, {first_year}.",
      "Appuyez la coordination sur au moins deux éléments parmi : des indicateurs de résultats communs, un accord de partage de données, un budget commun, {first_year}."),
    priority = "low", horizon = "medium", owner = "centre", evidence = { "evidence.complexity.coordination" },
  },
}

local coordination = m.indicator {
  id = "ca.coordination",
  title = L("Coordination across agencies and levels", "Coordinación entre entidades y niveles", "Coordenação entre órgãos e níveis",
    "Coordination entre administrations et niveaux"),
  question = L("Is there a formal coordination mechanism spanning the agencies and levels of government involved, backed by shared indicators, data or budget?",
    "¿Existe un mecanismo formal de coordinación que abarque las entidades y niveles de gobierno involucrados, respaldado por indicadores, datos o presupuesto compartidos?",
    "Existe um mecanismo formal de coordenação que abranja os órgãos e níveis de governo envolvidos, sustentado por indicadores, dados ou orçamento compartilhados?",
    "Existe-t-il un mécanisme formel de coordination couvrant les administrations et niveaux de gouvernement concernés, appuyé sur des indicateurs, données ou budget partagés ?"),
  reads = c.reads { "evidence.complexity.coordination.statement", "evidence.complexity.coordination.mechanism",
    "evidence.complexity.coordination.members", "evidence.complexity.coordination.levels",
    "evidence.complexity.coordination.mandate", "evidence.complexity.coordination.frequency",
    "evidence.complexity.coordination.shared_indicators", "evidence.complexity.coordination.data_sharing",
    "evidence.complexity.coordination.joint_budget" },
  requires = { "evidence.complexity" },
  references = { REF.dac, REF.opsi, REF.adaptive, REF.pdia },
  levels = {
    [0] = L("No coordination mechanism.", "Sin mecanismo de coordinación.", "Sem mecanismo de coordenação.", "Aucun mécanisme de coordination."),
    [1] = L("Coordination asserted.", "Coordinación afirmada.", "Coordenação afirmada.", "Coordination affirmée."),
    [2] = L("A named mechanism with two or more members.", "Un mecanismo nombrado con dos o más miembros.",
      "Um mecanismo nomeado com dois ou mais membros.", "Un mécanisme nommé avec deux membres ou plus."),
    [3] = L("A mandate, a meeting frequency, and two levels of government or three or more agencies.",
      "Mandato, frecuencia de reuniones, y dos niveles de gobierno o tres o más entidades.",
      "Mandato, frequência de reuniões, e dois níveis de governo ou três ou mais órgãos.",
      "Un mandat, une fréquence de réunion, et deux niveaux de gouvernement ou trois administrations ou plus."),
    [4] = L("As level 3, with two or more of shared indicators, data sharing and a joint budget.",
      "Como el nivel 3, con dos o más de: indicadores compartidos, intercambio de datos y presupuesto conjunto.",
      "Como o nível 3, com dois ou mais de: indicadores compartilhados, compartilhamento de dados e orçamento conjunto.",
      "Comme le niveau 3, avec au moins deux parmi : indicateurs communs, partage de données et budget commun."),
  },
  evaluate = function(case, ctx)
    local state, k = c.state(case, "evidence.complexity.coordination")
    if state == "absent" then return c.insufficient(ctx, "evidence.complexity.coordination") end
    if type(k) ~= "table" then k = {} end
    local _, members = c.distinct(c.list(k.members))
    local _, levels = c.distinct(c.list(k.levels))
    local named = c.is_text(k.mechanism) and members >= K.coordination_members
    local formal = named and c.is_text(k.mandate) and c.is_text(k.frequency)
      and (levels >= K.coordination_levels or members >= K.coordination_members_formal)
    local shared = 0
    for _, flag in ipairs({ k.shared_indicators, k.data_sharing, k.joint_budget }) do
      if flag == true then shared = shared + 1 end
    end
    local level = c.ladder(ctx, { state == "given", named, formal, shared >= K.coordination_shared })
    local partners = c.list(case, "design.partners")
    if #partners > 0 and named then
      local missing = {}
      for _, p in ipairs(partners) do
        local found = false
        for _, mb in ipairs(c.list(k.members)) do
          if text.same(mb, p) then found = true end
        end
        if not found and c.is_text(p) then missing[#missing + 1] = p end
      end
      if #missing > 0 then
        c.finding(ctx, case, L("Partners named in the design but absent from the coordination mechanism: {list}.",
          "Socios nombrados en el diseño pero ausentes del mecanismo de coordinación: {list}.",
          "Parceiros nomeados no desenho mas ausentes do mecanismo de coordenação: {list}.",
          "Partenaires cités dans la conception mais absents du mécanisme de coordination : {list}."),
          { "design.partners", "evidence.complexity.coordination.members" }, { list = i18n.list(missing, 5) })
      end
    end
    return c.finish(ctx, case, level, COORDINATION_GAPS, { "evidence.complexity.coordination" })
  end,
}

return m.criterion {
  id = "complexity",
  title = L("Complexity-aware", "Consciente de la complejidad", "Consciente da complexidade", "Attentif à la complexité"),
  description = L(
    "Weighted mean (rounded down). The match between problem and method and the learning loop weigh 1.5: in a complex problem, probing and adjusting matter more than any single plan (Cynefin: probe, sense, respond).",
    "Media ponderada (redondeada hacia abajo). El ajuste entre problema y método y el ciclo de aprendizaje pesan 1,5: en un problema complejo, probar y ajustar importa más que cualquier plan aislado (Cynefin: probar, percibir, responder).",
    "Média ponderada (arredondada para baixo). O ajuste entre problema e método e o ciclo de aprendizagem pesam 1,5: num problema complexo, testar e ajustar importa mais do que qualquer plano isolado (Cynefin: testar, perceber, responder).",
    "Moyenne pondérée (arrondie vers le bas). L'adéquation entre problème et méthode et la boucle d'apprentissage pèsent 1,5 : face à un problème complexe, tester et ajuster compte plus que tout plan isolé (Cynefin : sonder, percevoir, répondre)."),
  aggregation = "weighted_mean",
  indicators = c.indicators { system_map, risks, domain_method, phasing, learning, coordination },
}
