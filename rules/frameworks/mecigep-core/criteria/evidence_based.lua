--- Criterion 2, evidence-based: the problem is measured, the causal logic is explicit, the
-- evidence behind it is strong enough, results are measurable and an evaluation is planned.
--
-- Anchors: OECD Recommendation of the Council on Public Policy Evaluation (2022); the
-- Maryland Scientific Methods Scale (1-5); the Nesta Standards of Evidence (1-5).
-- @module frameworks.mecigep-core.criteria.evidence_based

local m = require "mecigep"
local evidence = require "lib.evidence"
local dates = require "lib.dates"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, next, tostring, math = type, ipairs, next, tostring, math

local L = c.L

local REF = {
  oecd = "OECD (2022), Recommendation of the Council on Public Policy Evaluation (OECD/LEGAL/0478)",
  sms = "Sherman, L. et al. (1997), Preventing Crime: What Works, What Doesn't, What's Promising (Maryland Scientific Methods Scale); What Works Centre for Local Economic Growth (2016), guide to scoring evidence using the Maryland SMS",
  nesta = "Puttick, R. and Ludlow, J. (2013), Standards of Evidence: an approach that balances the need for evidence with innovation, Nesta",
  stats = "UN (2014), Fundamental Principles of Official Statistics (A/RES/68/261)",
}

local function documents_with_url(case)
  local set = {}
  for _, d in ipairs(c.list(case, "documents")) do
    if type(d) == "table" and c.is_text(d.id) and c.is_text(d.url) then set[d.id] = true end
  end
  return set
end

---------------------------------------------------------------------------------------------
-- eb.baseline
---------------------------------------------------------------------------------------------
local BASELINE_GAPS = {
  [1] = {
    finding = L("The baseline gives no figure.", "La línea de base no da ninguna cifra.",
      "A linha de base não apresenta nenhum número.", "La situation de référence ne donne aucun chiffre."),
    text = L("Quantify the problem: give at least one baseline figure (value and unit) for the population the initiative targets, from administrative records or a survey, {before_launch}.",
      "Cuantifique el problema: dé al menos una cifra de línea de base (valor y unidad) para la población objetivo, a partir de registros administrativos o de una encuesta, {before_launch}.",
      "Quantifique o problema: apresente pelo menos um número de linha de base (valor e unidade) para a população-alvo, a partir de registros administrativos ou de uma pesquisa, {before_launch}.",
      "Chiffrez le problème : donnez au moins un chiffre de référence (valeur et unité) pour la population visée, tiré de registres administratifs ou d'une enquête, {before_launch}."),
    priority = "high", horizon = "short", owner = "statistics", evidence = { "problem.baseline" },
  },
  [2] = {
    finding = L("No baseline figure gives both its source and its year.",
      "Ninguna cifra de línea de base indica a la vez su fuente y su año.",
      "Nenhum número da linha de base indica ao mesmo tempo sua fonte e seu ano.",
      "Aucun chiffre de référence n'indique à la fois sa source et son année."),
    text = L("State the source (register, survey, statistics office) and the reference year of each baseline figure, {before_launch}.",
      "Indique la fuente (registro, encuesta, oficina de estadística) y el año de referencia de cada cifra de línea de base, {before_launch}.",
      "Indique a fonte (registro, pesquisa, instituto de estatística) e o ano de referência de cada número da linha de base, {before_launch}.",
      "Indiquez la source (registre, enquête, institut statistique) et l'année de référence de chaque chiffre de référence, {before_launch}."),
    priority = "high", horizon = "short", owner = "statistics", evidence = { "problem.baseline[].source", "problem.baseline[].year" },
  },
  [3] = {
    finding = L("{missing} of {total} baseline figures lack a value, a source or a year, or the latest figure is older than three years before the launch.",
      "{missing} de {total} cifras de línea de base carecen de valor, fuente o año, o la cifra más reciente es anterior a tres años antes del lanzamiento.",
      "{missing} de {total} números da linha de base não têm valor, fonte ou ano, ou o número mais recente é anterior a três anos antes do lançamento.",
      "{missing} chiffres de référence sur {total} n'ont pas de valeur, de source ou d'année, ou le plus récent date de plus de trois ans avant le lancement."),
    text = L("Complete every baseline figure with its value, source and year, and update to data no older than three years, {before_launch}; if none exists, run a rapid survey of the target population.",
      "Complete cada cifra de línea de base con su valor, fuente y año, y actualícela con datos de no más de tres años, {before_launch}; si no existen, realice una encuesta rápida a la población objetivo.",
      "Complete cada número da linha de base com valor, fonte e ano, e atualize-o com dados de no máximo três anos, {before_launch}; se não existirem, faça uma pesquisa rápida com a população-alvo.",
      "Complétez chaque chiffre de référence avec sa valeur, sa source et son année, et actualisez-le avec des données de moins de trois ans, {before_launch} ; à défaut, menez une enquête rapide auprès de la population visée."),
    priority = "medium", horizon = "short", owner = "statistics", evidence = { "problem.baseline" },
  },
  [4] = {
    finding = L("The baseline is not fully published (a document with a public link for every figure) or not every figure is disaggregated ({undisaggregated} of {total} are not).",
      "La línea de base no está publicada por completo (un documento con enlace público por cifra) o no todas las cifras están desagregadas ({undisaggregated} de {total} no lo están).",
      "A linha de base não está totalmente publicada (um documento com link público por número) ou nem todos os números estão desagregados ({undisaggregated} de {total} não estão).",
      "La situation de référence n'est pas entièrement publiée (un document avec lien public par chiffre) ou tous les chiffres ne sont pas ventilés ({undisaggregated} sur {total} ne le sont pas)."),
    text = L("Publish the baseline data set with a public link for every figure, disaggregated at least by sex and territory, {before_launch}, so that peers and citizens can check progress against it.",
      "Publique el conjunto de datos de línea de base con un enlace público para cada cifra, desagregado al menos por sexo y territorio, {before_launch}, para que pares y ciudadanía puedan verificar los avances.",
      "Publique o conjunto de dados da linha de base com um link público para cada número, desagregado pelo menos por sexo e território, {before_launch}, para que pares e cidadãos possam verificar o progresso.",
      "Publiez le jeu de données de référence avec un lien public pour chaque chiffre, ventilé au moins par sexe et par territoire, {before_launch}, pour que pairs et citoyens puissent vérifier les progrès."),
    priority = "low", horizon = "short", owner = "statistics",
    evidence = { "problem.baseline[].document", "problem.baseline[].disaggregation", "documents" },
  },
}

local baseline = m.indicator {
  id = "eb.baseline",
  title = L("Quantified, sourced and dated baseline", "Línea de base cuantificada, con fuente y fecha",
    "Linha de base quantificada, com fonte e data", "Situation de référence chiffrée, sourcée et datée"),
  question = L("Is the problem measured with recent figures whose source and year are stated and published?",
    "¿El problema se mide con cifras recientes cuya fuente y año se indican y publican?",
    "O problema é medido com números recentes cuja fonte e ano são indicados e publicados?",
    "Le problème est-il mesuré par des chiffres récents dont la source et l'année sont indiquées et publiées ?"),
  reads = c.reads { "problem.baseline[].value", "problem.baseline[].unit", "problem.baseline[].source",
    "problem.baseline[].year", "problem.baseline[].document", "problem.baseline[].disaggregation",
    "documents[].id", "documents[].url", "identification.planned_launch" },
  references = { REF.oecd, REF.stats },
  levels = {
    [0] = L("No baseline figure.", "Sin cifras de línea de base.", "Sem números de linha de base.", "Aucun chiffre de référence."),
    [1] = L("Figures are given without source or year.", "Se dan cifras sin fuente ni año.", "Números são dados sem fonte nem ano.",
      "Des chiffres sont donnés sans source ni année."),
    [2] = L("Some figures give their source and year.", "Algunas cifras indican su fuente y año.",
      "Alguns números indicam sua fonte e ano.", "Certains chiffres indiquent leur source et leur année."),
    [3] = L("Two or more figures give value, source and year; the latest is at most three years older than the launch.",
      "Dos o más cifras indican valor, fuente y año; la más reciente tiene como máximo tres años al lanzamiento.",
      "Dois ou mais números indicam valor, fonte e ano; o mais recente tem no máximo três anos no lançamento.",
      "Deux chiffres ou plus indiquent valeur, source et année ; le plus récent a au plus trois ans au lancement."),
    [4] = L("As level 3, two or more figures linked to a published document and disaggregated.",
      "Como el nivel 3, dos o más cifras vinculadas a un documento publicado y desagregadas.",
      "Como o nível 3, dois ou mais números vinculados a um documento publicado e desagregados.",
      "Comme le niveau 3, deux chiffres ou plus reliés à un document publié et ventilés."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "problem.baseline")
    if state == "absent" then return c.insufficient(ctx, "problem.baseline") end
    list = state == "given" and type(list) == "table" and list or {}
    local published = documents_with_url(case)
    local launch_year = c.launch_year(case)
    local total, valued, complete, disaggregated, latest = 0, 0, 0, 0, nil
    local published_disaggregated = 0
    for _, b in ipairs(list) do
      if type(b) == "table" then
        total = total + 1
        if type(b.value) == "number" then
          valued = valued + 1
          local sourced = c.is_text(b.source) or c.is_text(b.document)
          if sourced and math.type(b.year) == "integer"
            and c.before_launch(ctx, case, b.year, "problem.baseline[" .. total .. "].year") then
            complete = complete + 1
            if latest == nil or b.year > latest then latest = b.year end
          end
          if c.given(b.disaggregation) then disaggregated = disaggregated + 1 end
          if c.is_text(b.document) and published[b.document] and c.given(b.disaggregation) then
            published_disaggregated = published_disaggregated + 1
          end
        end
      end
    end
    local recent = latest ~= nil and (launch_year == nil or latest >= launch_year - K.baseline_recency_years)
    local level = c.ladder(ctx, {
      valued >= 1,
      complete >= 1,
      complete >= K.baseline_figures and recent,
      published_disaggregated >= K.baseline_figures,
    })
    return c.finish(ctx, case, level, BASELINE_GAPS, { "problem.baseline" },
      { missing = total - complete, total = total, undisaggregated = total - disaggregated })
  end,
}

---------------------------------------------------------------------------------------------
-- eb.theory_of_change
---------------------------------------------------------------------------------------------
-- The stages a causal chain runs through (theory_of_change.chain[].stage).
local STAGES = { "activity", "output", "outcome", "impact" }

local TOC_GAPS = {
  [1] = {
    finding = L("The theory of change is missing or reduced to a phrase.",
      "La teoría del cambio falta o se reduce a una frase.",
      "A teoria da mudança está ausente ou reduzida a uma frase.",
      "La théorie du changement est absente ou réduite à une phrase."),
    text = L("Write the theory of change: how the activities lead to outputs, outcomes and impact for the affected population, in a short causal chain (if … then … because …), {before_launch}.",
      "Redacte la teoría del cambio: cómo las actividades llevan a productos, resultados e impacto para la población afectada, en una breve cadena causal (si … entonces … porque …), {before_launch}.",
      "Redija a teoria da mudança: como as atividades levam a produtos, resultados e impacto para a população afetada, numa breve cadeia causal (se … então … porque …), {before_launch}.",
      "Rédigez la théorie du changement : comment les activités mènent aux réalisations, résultats et impacts pour la population concernée, en une courte chaîne causale (si … alors … parce que …), {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "theory_of_change.description" },
  },
  [2] = {
    finding = L("The theory of change states no assumption.", "La teoría del cambio no declara ningún supuesto.",
      "A teoria da mudança não declara nenhum pressuposto.", "La théorie du changement n'énonce aucune hypothèse."),
    text = L("List the assumptions each causal link depends on (for example: users have a document to apply; staff are trained in time), {before_launch}.",
      "Enumere los supuestos de los que depende cada eslabón causal (por ejemplo: los usuarios tienen un documento para postular; el personal se capacita a tiempo), {before_launch}.",
      "Liste os pressupostos de que depende cada elo causal (por exemplo: os usuários têm um documento para se inscrever; a equipe é capacitada a tempo), {before_launch}.",
      "Énumérez les hypothèses dont dépend chaque lien causal (par exemple : les usagers disposent d'un document pour postuler ; le personnel est formé à temps), {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "theory_of_change.assumptions" },
  },
  [3] = {
    finding = L("The theory of change is not written as a causal chain, has fewer than two assumptions, or cites no evidence.",
      "La teoría del cambio no está escrita como cadena causal, tiene menos de dos supuestos o no cita evidencia.",
      "A teoria da mudança não está escrita como cadeia causal, tem menos de dois pressupostos ou não cita evidências.",
      "La théorie du changement n'est pas rédigée comme une chaîne causale, compte moins de deux hypothèses ou ne cite aucune donnée probante."),
    text = L("Rewrite the theory of change as an explicit causal chain, with at least two assumptions, and cite the evidence that supports the key link, {before_launch}.",
      "Reescriba la teoría del cambio como una cadena causal explícita, con al menos dos supuestos, y cite la evidencia que respalda el eslabón clave, {before_launch}.",
      "Reescreva a teoria da mudança como uma cadeia causal explícita, com pelo menos dois pressupostos, e cite as evidências que sustentam o elo principal, {before_launch}.",
      "Réécrivez la théorie du changement comme une chaîne causale explicite, avec au moins deux hypothèses, et citez les données probantes qui étayent le lien clé, {before_launch}."),
    priority = "medium", horizon = "short", owner = "evaluation", evidence = { "theory_of_change" },
  },
  [4] = {
    finding = L("Not every assumption is backed by evidence or tracked by a monitoring indicator.",
      "No todos los supuestos están respaldados por evidencia o seguidos con un indicador de monitoreo.",
      "Nem todos os pressupostos são sustentados por evidências ou acompanhados por um indicador de monitoramento.",
      "Toutes les hypothèses ne sont pas étayées par des données probantes ou suivies par un indicateur."),
    text = L("For each assumption, name the evidence behind it or the indicator that will show early whether it holds, and review them every six months, {first_year}.",
      "Para cada supuesto, indique la evidencia que lo respalda o el indicador que mostrará tempranamente si se cumple, y revíselos cada seis meses, {first_year}.",
      "Para cada pressuposto, indique a evidência que o sustenta ou o indicador que mostrará cedo se ele se confirma, e revise-os a cada seis meses, {first_year}.",
      "Pour chaque hypothèse, indiquez les données qui l'étayent ou l'indicateur qui montrera tôt si elle se vérifie, et revoyez-les tous les six mois, {first_year}."),
    priority = "low", horizon = "medium", owner = "evaluation", evidence = { "theory_of_change.assumptions" },
  },
}

local theory = m.indicator {
  id = "eb.theory_of_change",
  title = L("Theory of change and assumptions", "Teoría del cambio y supuestos", "Teoria da mudança e pressupostos",
    "Théorie du changement et hypothèses"),
  question = L("Is there an explicit causal chain from activities to impact, with its assumptions stated and tested?",
    "¿Existe una cadena causal explícita de las actividades al impacto, con sus supuestos declarados y puestos a prueba?",
    "Existe uma cadeia causal explícita das atividades ao impacto, com seus pressupostos declarados e testados?",
    "Existe-t-il une chaîne causale explicite des activités à l'impact, avec ses hypothèses énoncées et vérifiées ?"),
  reads = c.reads { "theory_of_change.description", "theory_of_change.chain[].stage", "theory_of_change.assumptions", "theory_of_change.assumptions[].evidence",
    "theory_of_change.assumptions[].monitored_by", "theory_of_change.evidence" },
  references = { REF.oecd, REF.nesta },
  levels = {
    [0] = L("No theory of change.", "Sin teoría del cambio.", "Sem teoria da mudança.", "Pas de théorie du changement."),
    [1] = L("A description of the logic, without assumptions.", "Una descripción de la lógica, sin supuestos.",
      "Uma descrição da lógica, sem pressupostos.", "Une description de la logique, sans hypothèses."),
    [2] = L("A description with at least one assumption.", "Una descripción con al menos un supuesto.",
      "Uma descrição com pelo menos um pressuposto.", "Une description avec au moins une hypothèse."),
    [3] = L("A causal chain from activity through output and outcome to impact, two or more assumptions and cited evidence.",
      "Una cadena causal de la actividad al impacto, pasando por producto y resultado, dos o más supuestos y evidencia citada.",
      "Uma cadeia causal da atividade ao impacto, passando por produto e resultado, dois ou mais pressupostos e evidências citadas.",
      "Une chaîne causale de l'activité à l'impact, en passant par la réalisation et le résultat, deux hypothèses ou plus et des données citées."),
    [4] = L("As level 3, two or more assumptions backed by evidence or tracked by an indicator.",
      "Como el nivel 3, dos o más supuestos respaldados por evidencia o seguidos por un indicador.",
      "Como o nível 3, dois ou mais pressupostos sustentados por evidência ou acompanhados por um indicador.",
      "Comme le niveau 3, deux hypothèses ou plus étayées ou suivies par un indicateur."),
  },
  evaluate = function(case, ctx)
    local state, toc = c.state(case, "theory_of_change")
    if state == "absent" then return c.insufficient(ctx, "theory_of_change") end
    if type(toc) ~= "table" then toc = {} end
    local description = toc.description
    local stages = {}
    for _, link in ipairs(c.list(toc.chain)) do
      if type(link) == "table" and type(link.stage) == "string" then stages[link.stage] = true end
    end
    local chained = true
    for _, stage in ipairs(STAGES) do chained = chained and stages[stage] == true end
    local assumptions = c.list(toc.assumptions)
    local n_assumptions, tracked = 0, 0
    for _, a in ipairs(assumptions) do
      if type(a) == "table" then
        if c.is_text(a.statement) then
          n_assumptions = n_assumptions + 1
          if c.is_text(a.evidence) or c.is_text(a.monitored_by) then tracked = tracked + 1 end
        end
      elseif c.is_text(a) then
        n_assumptions = n_assumptions + 1
      end
    end
    local cited = #c.list(toc.evidence) > 0
    local level = c.ladder(ctx, {
      c.is_text(description) or next(stages) ~= nil,
      n_assumptions >= 1,
      chained and n_assumptions >= K.toc_assumptions and cited,
      tracked >= K.toc_tracked,
    })
    return c.finish(ctx, case, level, TOC_GAPS, { "theory_of_change" })
  end,
}

---------------------------------------------------------------------------------------------
-- eb.evidence_strength
---------------------------------------------------------------------------------------------
local STRENGTH_GAPS = {
  [1] = {
    finding = L("No evidence is cited for the approach chosen.", "No se cita evidencia para el enfoque elegido.",
      "Não se cita evidência para a abordagem escolhida.", "Aucune donnée probante n'est citée pour l'approche retenue."),
    text = L("Review what is known about this type of intervention (evaluations in the region, systematic reviews, peer States' experience) and cite the sources in the case, {before_launch}.",
      "Revise lo que se sabe sobre este tipo de intervención (evaluaciones en la región, revisiones sistemáticas, experiencia de los Estados pares) y cite las fuentes en el caso, {before_launch}.",
      "Revise o que se sabe sobre este tipo de intervenção (avaliações na região, revisões sistemáticas, experiência dos Estados pares) e cite as fontes no caso, {before_launch}.",
      "Faites le point sur ce que l'on sait de ce type d'intervention (évaluations dans la région, revues systématiques, expérience des États pairs) et citez les sources dans le cas, {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "theory_of_change.evidence" },
  },
  [2] = {
    finding = L("The evidence cited is expert opinion, case studies or unsourced: it shows no measured change.",
      "La evidencia citada es opinión experta, estudios de caso o carece de fuente: no muestra un cambio medido.",
      "A evidência citada é opinião de especialistas, estudos de caso ou não tem fonte: não mostra mudança medida.",
      "Les données citées sont des avis d'experts, des études de cas ou sans source : elles ne montrent aucun changement mesuré."),
    text = L("Find quantitative evidence (at least before-and-after data, SMS 2) from a comparable programme and give its source, {before_launch}; ask the peer States for their evaluations.",
      "Busque evidencia cuantitativa (al menos datos de antes y después, SMS 2) de un programa comparable e indique su fuente, {before_launch}; solicite a los Estados pares sus evaluaciones.",
      "Busque evidência quantitativa (pelo menos dados de antes e depois, SMS 2) de um programa comparável e indique sua fonte, {before_launch}; peça aos Estados pares suas avaliações.",
      "Recherchez des données quantitatives (au moins avant-après, SMS 2) sur un programme comparable et indiquez leur source, {before_launch} ; demandez leurs évaluations aux États pairs."),
    priority = "medium", horizon = "short", owner = "evaluation", evidence = { "theory_of_change.evidence" },
  },
  [3] = {
    finding = L("The strongest sourced evidence is {best}: it cannot separate the intervention's effect from other changes.",
      "La evidencia con fuente más sólida es {best}: no permite separar el efecto de la intervención de otros cambios.",
      "A evidência com fonte mais sólida é {best}: não permite separar o efeito da intervenção de outras mudanças.",
      "Les données sourcées les plus solides sont {best} : elles ne séparent pas l'effet de l'intervention d'autres changements."),
    text = L("Base the design on at least one study with a comparison group (SMS 3 or more); if none exists, plan the launch so that it produces one (staggered rollout or pilot with a control group).",
      "Base el diseño en al menos un estudio con grupo de comparación (SMS 3 o más); si no existe, planifique el lanzamiento para que lo produzca (despliegue escalonado o piloto con grupo de control).",
      "Baseie o desenho em pelo menos um estudo com grupo de comparação (SMS 3 ou mais); se não existir, planeje o lançamento para produzi-lo (implantação escalonada ou piloto com grupo de controle).",
      "Appuyez la conception sur au moins une étude avec groupe de comparaison (SMS 3 ou plus) ; à défaut, organisez le lancement pour en produire une (déploiement échelonné ou pilote avec groupe témoin)."),
    priority = "medium", horizon = "medium", owner = "evaluation", evidence = { "theory_of_change.evidence" },
  },
  [4] = {
    finding = L("The causal evidence is not replicated (two studies at SMS 4 or more), or none comes from the same country or region.",
      "La evidencia causal no está replicada (dos estudios de SMS 4 o más) o ninguna proviene del mismo país o región.",
      "A evidência causal não está replicada (dois estudos de SMS 4 ou mais) ou nenhuma vem do mesmo país ou região.",
      "Les données causales ne sont pas répliquées (deux études de niveau SMS 4 ou plus) ou aucune ne vient du même pays ou de la région."),
    text = L("Check that the effect holds in a comparable context: add a rigorous study from the country or the region, or replicate the pilot with an independent evaluator before scaling.",
      "Verifique que el efecto se mantiene en un contexto comparable: agregue un estudio riguroso del país o la región, o replique el piloto con un evaluador independiente antes de escalar.",
      "Verifique se o efeito se mantém num contexto comparável: acrescente um estudo rigoroso do país ou da região, ou replique o piloto com um avaliador independente antes de ampliar.",
      "Vérifiez que l'effet se maintient dans un contexte comparable : ajoutez une étude rigoureuse du pays ou de la région, ou répliquez le pilote avec un évaluateur indépendant avant le passage à l'échelle."),
    priority = "low", horizon = "medium", owner = "evaluation", evidence = { "theory_of_change.evidence" },
  },
}

local NOT_IMPACT = L("no impact study", "ningún estudio de impacto", "nenhum estudo de impacto", "aucune étude d'impact")

local strength = m.indicator {
  id = "eb.evidence_strength",
  title = L("Strength of the evidence cited", "Solidez de la evidencia citada", "Solidez da evidência citada",
    "Solidité des données probantes citées"),
  question = L("How strong is the evidence that the approach works (Maryland SMS and Nesta levels), and does it come from a comparable context?",
    "¿Qué tan sólida es la evidencia de que el enfoque funciona (niveles SMS de Maryland y Nesta), y proviene de un contexto comparable?",
    "Quão sólida é a evidência de que a abordagem funciona (níveis SMS de Maryland e Nesta), e ela vem de um contexto comparável?",
    "Quelle est la solidité des données montrant que l'approche fonctionne (niveaux SMS de Maryland et Nesta), et viennent-elles d'un contexte comparable ?"),
  weight = 1.5,
  reads = c.reads { "theory_of_change.evidence[].design", "theory_of_change.evidence[].sms_level",
    "theory_of_change.evidence[].source", "theory_of_change.evidence[].document",
    "theory_of_change.evidence[].context", "theory_of_change.evidence[].independent",
    "theory_of_change.evidence[].manualised", "theory_of_change.description" },
  references = { REF.sms, REF.nesta, REF.oecd },
  levels = {
    [0] = L("No evidence cited.", "Sin evidencia citada.", "Sem evidência citada.", "Aucune donnée citée."),
    [1] = L("Evidence cited is opinion, case studies or unsourced.", "La evidencia citada es opinión, estudios de caso o sin fuente.",
      "A evidência citada é opinião, estudos de caso ou sem fonte.", "Les données citées sont des avis, des études de cas ou sans source."),
    [2] = L("Sourced quantitative evidence of change without a comparison group (SMS 1-2, Nesta 2).",
      "Evidencia cuantitativa con fuente de un cambio, sin grupo de comparación (SMS 1-2, Nesta 2).",
      "Evidência quantitativa com fonte de uma mudança, sem grupo de comparação (SMS 1-2, Nesta 2).",
      "Données quantitatives sourcées d'un changement, sans groupe de comparaison (SMS 1-2, Nesta 2)."),
    [3] = L("At least one sourced study with a comparison group (SMS 3 or more, Nesta 3).",
      "Al menos un estudio con fuente y grupo de comparación (SMS 3 o más, Nesta 3).",
      "Pelo menos um estudo com fonte e grupo de comparação (SMS 3 ou mais, Nesta 3).",
      "Au moins une étude sourcée avec groupe de comparaison (SMS 3 ou plus, Nesta 3)."),
    [4] = L("Replicated causal evidence (two studies at SMS 4 or more), one from the same country or region.",
      "Evidencia causal replicada (dos estudios de SMS 4 o más), uno del mismo país o región.",
      "Evidência causal replicada (dois estudos de SMS 4 ou mais), um do mesmo país ou região.",
      "Données causales répliquées (deux études SMS 4 ou plus), dont une du même pays ou de la région."),
  },
  evaluate = function(case, ctx)
    local state, given = c.state(case, "theory_of_change.evidence")
    if state == "absent" then return c.insufficient(ctx, "theory_of_change.evidence") end
    given = state == "given" and type(given) == "table" and given or {}
    -- a study dated after the launch cannot be what the design rests on
    local list = {}
    for i, item in ipairs(given) do
      if type(item) ~= "table" or c.before_launch(ctx, case, item.year, "theory_of_change.evidence[" .. i .. "].year") then
        list[#list + 1] = item
      end
    end
    local best, at = evidence.best(list)
    local very_strong, local_strong = 0, false
    for i, item in ipairs(list) do
      if evidence.overclaimed(item) then
        c.finding(ctx, case, L("Study {n} declares SMS {claimed}, but its design ({design}) reaches SMS {real}: it counts as SMS {real}.",
          "El estudio {n} declara SMS {claimed}, pero su diseño ({design}) alcanza SMS {real}: cuenta como SMS {real}.",
          "O estudo {n} declara SMS {claimed}, mas seu desenho ({design}) alcança SMS {real}: conta como SMS {real}.",
          "L'étude {n} déclare SMS {claimed}, mais son protocole ({design}) atteint SMS {real} : elle compte comme SMS {real}."),
          { "theory_of_change.evidence[" .. i .. "]" },
          { n = i, claimed = item.sms_level, design = item.design, real = evidence.DESIGN_SMS[item.design] })
      end
      if evidence.is_sourced(item) and (evidence.sms(item) or 0) >= K.very_strong_sms then
        very_strong = very_strong + 1
        if item.context == "same_country" or item.context == "region" then local_strong = true end
      end
    end
    local level = c.ladder(ctx, {
      #list >= 1,
      best >= 1,
      best >= K.strong_sms,
      very_strong >= K.studies_very_strong and local_strong,
    })
    if best >= 1 then
      local title = type(list[at]) == "table" and (list[at].title or list[at].source) or ""
      c.finding(ctx, case, L("Strongest sourced evidence: {label} ({title}); Nesta standard {nesta}.",
        "Evidencia con fuente más sólida: {label} ({title}); estándar Nesta {nesta}.",
        "Evidência com fonte mais sólida: {label} ({title}); padrão Nesta {nesta}.",
        "Données sourcées les plus solides : {label} ({title}) ; standard Nesta {nesta}."),
        { "theory_of_change.evidence[" .. at .. "]" },
        { label = evidence.SMS_LABELS[best], title = tostring(title),
          nesta = evidence.nesta(list, c.is_text(c.get(case, "theory_of_change.description"))) })
    end
    return c.finish(ctx, case, level, STRENGTH_GAPS, { "theory_of_change.evidence" },
      { best = best >= 1 and evidence.SMS_LABELS[best] or NOT_IMPACT })
  end,
}

---------------------------------------------------------------------------------------------
-- eb.results_framework
---------------------------------------------------------------------------------------------
local RF_GAPS = {
  [1] = {
    finding = L("The results framework names no indicator.", "El marco de resultados no nombra ningún indicador.",
      "O quadro de resultados não nomeia nenhum indicador.", "Le cadre de résultats ne nomme aucun indicateur."),
    text = L("Build a results framework: for each objective, an indicator with its baseline, target, year, source and measurement frequency, {before_launch}.",
      "Construya un marco de resultados: para cada objetivo, un indicador con su línea de base, meta, año, fuente y frecuencia de medición, {before_launch}.",
      "Construa um quadro de resultados: para cada objetivo, um indicador com sua linha de base, meta, ano, fonte e frequência de medição, {before_launch}.",
      "Construisez un cadre de résultats : pour chaque objectif, un indicateur avec sa valeur de référence, sa cible, son année, sa source et sa fréquence de mesure, {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "results_framework" },
  },
  [2] = {
    finding = L("Indicators are named but none has a numeric target.", "Hay indicadores nombrados, pero ninguno tiene meta numérica.",
      "Há indicadores nomeados, mas nenhum tem meta numérica.", "Des indicateurs sont nommés, mais aucun n'a de cible chiffrée."),
    text = L("Set a numeric target and a target year for every indicator, {before_launch}.",
      "Fije una meta numérica y un año meta para cada indicador, {before_launch}.",
      "Fixe uma meta numérica e um ano-meta para cada indicador, {before_launch}.",
      "Fixez une cible chiffrée et une année cible pour chaque indicateur, {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "results_framework[].target" },
  },
  [3] = {
    finding = L("Only {complete} of {total} indicators are complete (baseline, target, year, source, frequency), or none measures an outcome.",
      "Solo {complete} de {total} indicadores están completos (línea de base, meta, año, fuente, frecuencia), o ninguno mide un resultado.",
      "Apenas {complete} de {total} indicadores estão completos (linha de base, meta, ano, fonte, frequência), ou nenhum mede um resultado.",
      "Seuls {complete} indicateurs sur {total} sont complets (référence, cible, année, source, fréquence), ou aucun ne mesure un résultat."),
    text = L("Complete the baseline, source and measurement frequency of each indicator, and include at least one outcome indicator, {before_launch}.",
      "Complete la línea de base, la fuente y la frecuencia de medición de cada indicador, e incluya al menos un indicador de resultado, {before_launch}.",
      "Complete a linha de base, a fonte e a frequência de medição de cada indicador, e inclua pelo menos um indicador de resultado, {before_launch}.",
      "Complétez la valeur de référence, la source et la fréquence de mesure de chaque indicateur, et incluez au moins un indicateur de résultat, {before_launch}."),
    priority = "medium", horizon = "short", owner = "evaluation", evidence = { "results_framework" },
  },
  [4] = {
    finding = L("Not every indicator is complete with a unit responsible for measuring it.",
      "No todos los indicadores están completos con una unidad responsable de medirlos.",
      "Nem todos os indicadores estão completos com uma unidade responsável por medi-los.",
      "Tous les indicateurs ne sont pas complets avec un service chargé de les mesurer."),
    text = L("Assign a unit responsible for measuring and reporting each indicator, and complete the remaining fields, {before_launch}.",
      "Asigne una unidad responsable de medir e informar cada indicador, y complete los campos restantes, {before_launch}.",
      "Atribua uma unidade responsável por medir e reportar cada indicador, e complete os campos restantes, {before_launch}.",
      "Désignez un service chargé de mesurer et de rendre compte de chaque indicateur, et complétez les champs restants, {before_launch}."),
    priority = "low", horizon = "short", owner = "evaluation", evidence = { "results_framework[].responsible" },
  },
}

local results = m.indicator {
  id = "eb.results_framework",
  title = L("Results framework", "Marco de resultados", "Quadro de resultados", "Cadre de résultats"),
  question = L("Does every indicator have a baseline, a target with its year, a source, a frequency and a responsible unit?",
    "¿Cada indicador tiene línea de base, meta con su año, fuente, frecuencia y unidad responsable?",
    "Cada indicador tem linha de base, meta com seu ano, fonte, frequência e unidade responsável?",
    "Chaque indicateur a-t-il une valeur de référence, une cible datée, une source, une fréquence et un service responsable ?"),
  reads = c.reads { "results_framework[].indicator", "results_framework[].level", "results_framework[].baseline",
    "results_framework[].target", "results_framework[].target_year", "results_framework[].source",
    "results_framework[].frequency", "results_framework[].responsible" },
  references = { REF.oecd, "OECD/DAC (2019), Better Criteria for Better Evaluation: revised evaluation criteria (effectiveness, impact)" },
  levels = {
    [0] = L("No indicator.", "Sin indicadores.", "Sem indicadores.", "Aucun indicateur."),
    [1] = L("Indicators named without targets.", "Indicadores nombrados sin metas.", "Indicadores nomeados sem metas.",
      "Indicateurs nommés sans cibles."),
    [2] = L("Some indicators have numeric targets.", "Algunos indicadores tienen metas numéricas.",
      "Alguns indicadores têm metas numéricas.", "Certains indicateurs ont des cibles chiffrées."),
    [3] = L("Two or more indicators are complete (baseline, target, year, source, frequency), including an outcome indicator.",
      "Dos o más indicadores están completos (línea de base, meta, año, fuente, frecuencia), incluido uno de resultado.",
      "Dois ou mais indicadores estão completos (linha de base, meta, ano, fonte, frequência), incluindo um de resultado.",
      "Deux indicateurs ou plus sont complets (référence, cible, année, source, fréquence), dont un indicateur de résultat."),
    [4] = L("As level 3, three or more complete indicators have a responsible unit.",
      "Como el nivel 3, tres o más indicadores completos tienen unidad responsable.",
      "Como o nível 3, três ou mais indicadores completos têm unidade responsável.",
      "Comme le niveau 3, trois indicateurs complets ou plus ont un service responsable."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "results_framework")
    if state == "absent" then return c.insufficient(ctx, "results_framework") end
    list = state == "given" and type(list) == "table" and list or {}
    local total, named, targeted, complete, owned, outcome = 0, 0, 0, 0, 0, false
    for _, r in ipairs(list) do
      if type(r) == "table" then
        total = total + 1
        if c.is_text(r.indicator) then
          named = named + 1
          if type(r.target) == "number" then targeted = targeted + 1 end
          local full = type(r.baseline) == "number" and type(r.target) == "number"
            and math.type(r.target_year) == "integer" and c.is_text(r.source) and c.is_text(r.frequency)
          if full then
            complete = complete + 1
            if c.is_text(r.responsible) then owned = owned + 1 end
            if r.level == "outcome" or r.level == "impact" then outcome = true end
          end
        end
      end
    end
    local level = c.ladder(ctx, {
      named >= 1,
      targeted >= 1,
      complete >= K.results_complete and outcome,
      owned >= K.results_owned,
    })
    return c.finish(ctx, case, level, RF_GAPS, { "results_framework" },
      { complete = complete, total = total })
  end,
}

---------------------------------------------------------------------------------------------
-- eb.evaluation_plan
---------------------------------------------------------------------------------------------
local DESIGNS = {
  rct = true, quasi_experimental = true, difference_in_differences = true, regression_discontinuity = true,
  matching = true, before_after = true, process = true, theory_based = true, mixed_methods = true,
  descriptive = true, other = true,
}

local EVALUATION_GAPS = {
  [1] = {
    finding = L("No evaluation is planned.", "No se prevé ninguna evaluación.", "Nenhuma avaliação está prevista.",
      "Aucune évaluation n'est prévue."),
    text = L("Commit to evaluating the initiative: state its questions, design, timing and budget in the case, {before_launch}.",
      "Comprométase a evaluar la iniciativa: indique sus preguntas, diseño, calendario y presupuesto en el caso, {before_launch}.",
      "Comprometa-se a avaliar a iniciativa: indique suas perguntas, desenho, calendário e orçamento no caso, {before_launch}.",
      "Engagez-vous à évaluer l'initiative : indiquez ses questions, sa méthode, son calendrier et son budget dans le cas, {before_launch}."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "evidence.evidence_based.evaluation" },
  },
  [2] = {
    finding = L("An evaluation is announced without a design, questions or date.",
      "Se anuncia una evaluación sin diseño, preguntas ni fecha.",
      "Anuncia-se uma avaliação sem desenho, perguntas nem data.",
      "Une évaluation est annoncée sans méthode, questions ni date."),
    text = L("Choose the evaluation design (for example a staggered rollout compared with districts not yet served) and its questions, and date the final report, {before_launch}, while a baseline can still be collected.",
      "Elija el diseño de la evaluación (por ejemplo un despliegue escalonado comparado con distritos aún no atendidos) y sus preguntas, y fije la fecha del informe final, {before_launch}, mientras aún puede levantarse una línea de base.",
      "Escolha o desenho da avaliação (por exemplo uma implantação escalonada comparada com distritos ainda não atendidos) e suas perguntas, e fixe a data do relatório final, {before_launch}, enquanto ainda é possível coletar uma linha de base.",
      "Choisissez la méthode d'évaluation (par exemple un déploiement échelonné comparé aux districts pas encore desservis) et ses questions, et datez le rapport final, {before_launch}, tant qu'une situation de référence peut encore être collectée."),
    priority = "high", horizon = "short", owner = "evaluation", evidence = { "evidence.evidence_based.evaluation.design" },
  },
  [3] = {
    finding = L("The evaluation lacks a dated report, a budget, or an independent evaluator.",
      "La evaluación carece de informe fechado, presupuesto o evaluador independiente.",
      "A avaliação não tem relatório datado, orçamento ou avaliador independente.",
      "L'évaluation n'a pas de rapport daté, de budget ou d'évaluateur indépendant."),
    text = L("Budget the evaluation (commonly 1-5 % of the programme cost), entrust it to an evaluator independent of the implementing unit and date its report, {before_launch}.",
      "Presupueste la evaluación (habitualmente 1-5 % del costo del programa), encárguela a un evaluador independiente de la unidad ejecutora y fije la fecha de su informe, {before_launch}.",
      "Orce a avaliação (habitualmente 1-5 % do custo do programa), confie-a a um avaliador independente da unidade executora e fixe a data do seu relatório, {before_launch}.",
      "Budgétisez l'évaluation (souvent 1 à 5 % du coût du programme), confiez-la à un évaluateur indépendant de l'unité de mise en œuvre et datez son rapport, {before_launch}."),
    priority = "medium", horizon = "short", owner = "evaluation", evidence = { "evidence.evidence_based.evaluation" },
  },
  [4] = {
    finding = L("The evaluation is not committed to publication with a management response, or its design has no comparison group.",
      "La evaluación no se compromete a publicarse con una respuesta de la gestión, o su diseño no tiene grupo de comparación.",
      "A avaliação não se compromete com a publicação com uma resposta da gestão, ou seu desenho não tem grupo de comparação.",
      "L'évaluation n'est pas assortie d'un engagement de publication avec réponse de la direction, ou sa méthode n'a pas de groupe de comparaison."),
    text = L("Commit to publishing the evaluation whatever it finds, with a management response that says which recommendations will be adopted and by when, and use a comparison group where feasible, {first_year}.",
      "Comprométase a publicar la evaluación sea cual sea su resultado, con una respuesta de la gestión que diga qué recomendaciones se adoptarán y cuándo, y use un grupo de comparación cuando sea factible, {first_year}.",
      "Comprometa-se a publicar a avaliação qualquer que seja o resultado, com uma resposta da gestão que diga quais recomendações serão adotadas e quando, e use um grupo de comparação quando viável, {first_year}.",
      "Engagez-vous à publier l'évaluation quels qu'en soient les résultats, avec une réponse de la direction indiquant les recommandations retenues et les délais, et utilisez un groupe de comparaison lorsque c'est possible, {first_year}."),
    priority = "low", horizon = "medium", owner = "evaluation", evidence = { "evidence.evidence_based.evaluation.publication" },
  },
}

local evaluation_plan = m.indicator {
  id = "eb.evaluation_plan",
  title = L("Evaluation plan", "Plan de evaluación", "Plano de avaliação", "Plan d'évaluation"),
  question = L("Is an evaluation planned with a design, a date, a budget, an independent evaluator, publication and a management response?",
    "¿Se prevé una evaluación con diseño, fecha, presupuesto, evaluador independiente, publicación y respuesta de la gestión?",
    "Está prevista uma avaliação com desenho, data, orçamento, avaliador independente, publicação e resposta da gestão?",
    "Une évaluation est-elle prévue avec une méthode, une date, un budget, un évaluateur indépendant, une publication et une réponse de la direction ?"),
  weight = 1.5,
  reads = c.reads { "evidence.fiscal.costing[].amount", "evidence.evidence_based.evaluation.design", "evidence.evidence_based.evaluation.questions",
    "evidence.evidence_based.evaluation.report_date", "evidence.evidence_based.evaluation.budget",
    "evidence.evidence_based.evaluation.independent", "evidence.evidence_based.evaluation.evaluator",
    "evidence.evidence_based.evaluation.publication", "evidence.evidence_based.evaluation.management_response" },
  requires = { "evidence.evidence_based" },
  references = { REF.oecd, REF.sms },
  levels = {
    [0] = L("No evaluation planned.", "Sin evaluación prevista.", "Sem avaliação prevista.", "Aucune évaluation prévue."),
    [1] = L("An evaluation is promised, without design or date.", "Se promete una evaluación, sin diseño ni fecha.",
      "Promete-se uma avaliação, sem desenho nem data.", "Une évaluation est promise, sans méthode ni date."),
    [2] = L("A design with questions or a report date.", "Un diseño con preguntas o fecha de informe.",
      "Um desenho com perguntas ou data de relatório.", "Une méthode avec des questions ou une date de rapport."),
    [3] = L("Design, dated report, budget and an independent evaluator.", "Diseño, informe fechado, presupuesto y evaluador independiente.",
      "Desenho, relatório datado, orçamento e avaliador independente.", "Méthode, rapport daté, budget et évaluateur indépendant."),
    [4] = L("As level 3, with a comparison group, publication and a management response.",
      "Como el nivel 3, con grupo de comparación, publicación y respuesta de la gestión.",
      "Como o nível 3, com grupo de comparação, publicação e resposta da gestão.",
      "Comme le niveau 3, avec groupe de comparaison, publication et réponse de la direction."),
  },
  evaluate = function(case, ctx)
    local state, e = c.state(case, "evidence.evidence_based.evaluation")
    if state == "absent" then return c.insufficient(ctx, "evidence.evidence_based.evaluation") end
    if type(e) ~= "table" then e = {} end
    local design = DESIGNS[e.design] and e.design or nil
    local dated = dates.is_date(e.report_date)
    local rungs = {
      state == "given",
      design ~= nil and (c.given(e.questions) or dated),
      design ~= nil and dated and c.plausible_amount(ctx, case, e.budget, "evidence.evidence_based.evaluation.budget")
        and e.independent == true,
      (evidence.DESIGN_SMS[design or ""] or 0) >= K.controlled_sms and e.publication == true and e.management_response == true,
    }
    local level = c.ladder(ctx, rungs)
    return c.finish(ctx, case, level, EVALUATION_GAPS, { "evidence.evidence_based.evaluation" })
  end,
}

return m.criterion {
  id = "evidence_based",
  title = L("Evidence-based", "Basado en evidencia", "Baseado em evidências", "Fondé sur des données probantes"),
  description = L(
    "Weighted mean (rounded down). The strength of the evidence and the evaluation plan weigh 1.5: they are what the initiative knows before launch and how it will learn after it (OECD Recommendation on Public Policy Evaluation).",
    "Media ponderada (redondeada hacia abajo). La solidez de la evidencia y el plan de evaluación pesan 1,5: son lo que la iniciativa sabe antes del lanzamiento y cómo aprenderá después (Recomendación de la OCDE sobre Evaluación de Políticas Públicas).",
    "Média ponderada (arredondada para baixo). A solidez da evidência e o plano de avaliação pesam 1,5: são o que a iniciativa sabe antes do lançamento e como aprenderá depois (Recomendação da OCDE sobre Avaliação de Políticas Públicas).",
    "Moyenne pondérée (arrondie vers le bas). La solidité des données et le plan d'évaluation pèsent 1,5 : c'est ce que l'initiative sait avant le lancement et comment elle apprendra ensuite (Recommandation de l'OCDE sur l'évaluation des politiques publiques)."),
  aggregation = "weighted_mean",
  indicators = c.indicators { baseline, theory, strength, results, evaluation_plan },
}
