--- Criterion 5, behaviourally informed: the initiative names the behaviours it needs, diagnoses
-- the barriers with data, maps each technique to a barrier, tests it in a way that catches
-- spillovers and long-run effects, is ethically reviewed and transparent, and knows when and
-- how to scale.
--
-- Anchors: OECD BASIC toolkit (2019: Behaviour, Analysis, Strategies, Intervention, Change)
-- and its ABCD lens (Attention, Belief formation, Choice, Determination) and ethics guidance.
-- A rule that only asks "was there a randomised trial?" misses what Peru's 2018 rental-income
-- tax letter trial showed: one message paid back about US$3.92 per dollar, another lost about
-- US$5.20 per dollar through negative spillovers on other taxes.
-- @module frameworks.mecigep-core.criteria.behavioural

local m = require "mecigep"
local text = require "lib.text"
local i18n = require "lib.i18n"
local evidence = require "lib.evidence"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, pairs, math = type, ipairs, pairs, math

local L = c.L

local REF = {
  basic = "OECD (2019), Tools and Ethics for Applied Behavioural Insights: The BASIC Toolkit (Behaviour, Analysis, Strategies, Intervention, Change; ABCD: Attention, Belief formation, Choice, Determination)",
  ethics = "OECD (2019), The BASIC Toolkit, ethical guidelines for applied behavioural insights (ethics review, transparency, data protection, publication of results)",
  lessons = "OECD (2017), Behavioural Insights and Public Policy: Lessons from Around the World",
  scaling = "Al-Ubaydli, O., List, J. A. and Suskind, D. (2017), What Can We Learn from Experiments? Understanding the Threats to the Scalability of Experimental Results, American Economic Review 107(5)",
  sms = "Maryland Scientific Methods Scale (Sherman et al., 1997): randomised designs at level 5",
}

---------------------------------------------------------------------------------------------
-- bi.target_behaviours
---------------------------------------------------------------------------------------------
-- Goals that are not behaviours (their declared `kind`).
local NOT_BEHAVIOUR = { awareness = true, attitude = true, knowledge = true }
local KIND_SUGGESTION = L("\"{b}\" has no kind; record kind: observable_action if it is something people do that can be counted, or awareness / attitude / knowledge.",
  "\"{b}\" no tiene kind; registre kind: observable_action si es algo que las personas hacen y puede contarse, o awareness / attitude / knowledge.",
  "\"{b}\" não tem kind; registre kind: observable_action se for algo que as pessoas fazem e pode ser contado, ou awareness / attitude / knowledge.",
  "« {b} » n'a pas de kind ; indiquez kind: observable_action s'il s'agit d'une action que l'on peut compter, ou awareness / attitude / knowledge.")

local VAGUE = text.keywords {
  en = { "awareness", "aware", "understand*", "know*", "attitude*", "perception*", "culture", "sensitis*", "sensitiz*", "mindset" },
  es = { "concienci*", "sensibiliz*", "conocer", "conocimiento*", "comprender", "entender", "actitud*", "percepcion*", "cultura" },
  pt = { "conscientiz*", "sensibiliz*", "conhecer", "conhecimento*", "compreender", "entender", "atitude*", "percepcao", "percepcoes", "cultura" },
  fr = { "sensibilis*", "prise de conscience", "connaitre", "connaissance*", "comprendre", "attitude*", "perception*", "culture" },
}
local OBSERVED = { administrative = true, observed = true, administrative_data = true }

local TARGET_GAPS = {
  [1] = {
    finding = L("No target behaviour is stated.", "No se declara ningún comportamiento objetivo.", "Nenhum comportamento-alvo é declarado.",
      "Aucun comportement cible n'est énoncé."),
    text = L("State the behaviours the initiative needs: who must do what, and when (for example 'landlords file the monthly rental-income return by the due date'), {before_launch}.",
      "Declare los comportamientos que la iniciativa necesita: quién debe hacer qué y cuándo (por ejemplo 'los arrendadores presentan la declaración mensual de renta por alquiler en el plazo'), {before_launch}.",
      "Declare os comportamentos de que a iniciativa precisa: quem deve fazer o quê e quando (por exemplo 'os locadores entregam a declaração mensal de renda de aluguel no prazo'), {before_launch}.",
      "Énoncez les comportements dont l'initiative a besoin : qui doit faire quoi, et quand (par exemple « les bailleurs déposent la déclaration mensuelle de revenus locatifs à l'échéance »), {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.target_behaviours" },
  },
  [2] = {
    finding = L("The behaviours stated are awareness or attitude goals, or have no actor: they cannot be observed.",
      "Los comportamientos declarados son objetivos de conciencia o actitud, o no tienen actor: no pueden observarse.",
      "Os comportamentos declarados são objetivos de conscientização ou atitude, ou não têm ator: não podem ser observados.",
      "Les comportements énoncés sont des objectifs de sensibilisation ou d'attitude, ou n'ont pas d'acteur : ils ne sont pas observables."),
    text = L("Rewrite each goal as an observable action by a named group (not 'raise awareness' but 'parents enrol the child before 31 March'), {before_launch}.",
      "Reescriba cada objetivo como una acción observable de un grupo nombrado (no 'crear conciencia' sino 'los padres inscriben al niño antes del 31 de marzo'), {before_launch}.",
      "Reescreva cada objetivo como uma ação observável de um grupo nomeado (não 'conscientizar', mas 'os pais matriculam a criança antes de 31 de março'), {before_launch}.",
      "Réécrivez chaque objectif comme une action observable d'un groupe nommé (non pas « sensibiliser » mais « les parents inscrivent l'enfant avant le 31 mars »), {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.target_behaviours" },
  },
  [3] = {
    finding = L("Not every target behaviour states who, what, when and how it will be measured.",
      "No todos los comportamientos objetivo indican quién, qué, cuándo y cómo se medirá.",
      "Nem todos os comportamentos-alvo indicam quem, o quê, quando e como será medido.",
      "Tous les comportements cibles n'indiquent pas qui, quoi, quand et comment ils seront mesurés."),
    text = L("Complete each target behaviour with its moment (when) and its measure, {before_launch}.",
      "Complete cada comportamiento objetivo con su momento (cuándo) y su medida, {before_launch}.",
      "Complete cada comportamento-alvo com seu momento (quando) e sua medida, {before_launch}.",
      "Complétez chaque comportement cible avec son moment (quand) et sa mesure, {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.target_behaviours" },
  },
  [4] = {
    finding = L("Some behaviours are measured by self-report only.", "Algunos comportamientos se miden solo por autodeclaración.",
      "Alguns comportamentos são medidos apenas por autodeclaração.", "Certains comportements ne sont mesurés que par déclaration."),
    text = L("Measure behaviours in administrative data (filings, payments, enrolments, attendance) rather than surveys of intentions, {before_launch}.",
      "Mida los comportamientos con datos administrativos (declaraciones, pagos, inscripciones, asistencia) en lugar de encuestas de intención, {before_launch}.",
      "Meça os comportamentos com dados administrativos (declarações, pagamentos, matrículas, frequência) em vez de pesquisas de intenção, {before_launch}.",
      "Mesurez les comportements dans les données administratives (déclarations, paiements, inscriptions, présence) plutôt que par des enquêtes d'intention, {before_launch}."),
    priority = "low", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.target_behaviours[].measure_source" },
  },
}

local targets = m.indicator {
  id = "bi.target_behaviours",
  title = L("Target behaviours", "Comportamientos objetivo", "Comportamentos-alvo", "Comportements cibles"),
  question = L("Are the behaviours the initiative needs stated as observable actions (who, what, when), measured in administrative data?",
    "¿Los comportamientos que necesita la iniciativa están declarados como acciones observables (quién, qué, cuándo), medidas con datos administrativos?",
    "Os comportamentos de que a iniciativa precisa estão declarados como ações observáveis (quem, o quê, quando), medidas com dados administrativos?",
    "Les comportements nécessaires à l'initiative sont-ils énoncés comme des actions observables (qui, quoi, quand), mesurées dans les données administratives ?"),
  reads = c.reads { "evidence.behavioural.target_behaviours[].actor", "evidence.behavioural.target_behaviours[].kind",
    "evidence.behavioural.target_behaviours[].behaviour",
    "evidence.behavioural.target_behaviours[].when", "evidence.behavioural.target_behaviours[].measure",
    "evidence.behavioural.target_behaviours[].measure_source" },
  requires = { "evidence.behavioural" },
  references = { REF.basic, REF.lessons },
  levels = {
    [0] = L("No target behaviour.", "Sin comportamientos objetivo.", "Sem comportamentos-alvo.", "Aucun comportement cible."),
    [1] = L("Goals stated as awareness or attitudes, or without an actor.", "Objetivos de conciencia o actitud, o sin actor.",
      "Objetivos de conscientização ou atitude, ou sem ator.", "Objectifs de sensibilisation ou d'attitude, ou sans acteur."),
    [2] = L("At least one observable behaviour with its actor.", "Al menos un comportamiento observable con su actor.",
      "Pelo menos um comportamento observável com seu ator.", "Au moins un comportement observable avec son acteur."),
    [3] = L("At least one observable behaviour states who, what, when and its measure.",
      "Al menos un comportamiento observable indica quién, qué, cuándo y su medida.",
      "Pelo menos um comportamento observável indica quem, o quê, quando e sua medida.",
      "Au moins un comportement observable indique qui, quoi, quand et sa mesure."),
    [4] = L("As level 3, with such a behaviour measured in administrative or observed data.",
      "Como el nivel 3, con un comportamiento así medido con datos administrativos u observados.",
      "Como o nível 3, com um comportamento assim medido com dados administrativos ou observados.",
      "Comme le niveau 3, avec un tel comportement mesuré dans des données administratives ou observées."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.behavioural.target_behaviours")
    if state == "absent" then return c.insufficient(ctx, "evidence.behavioural.target_behaviours") end
    list = state == "given" and type(list) == "table" and list or {}
    local total, observable, complete, observed = 0, 0, 0, 0
    local vague_example
    for i, b in ipairs(list) do
      local behaviour = type(b) == "table" and b.behaviour or b
      if c.is_text(behaviour) then
        total = total + 1
        local kind = type(b) == "table" and b.kind or nil
        if NOT_BEHAVIOUR[kind] and not vague_example then vague_example = behaviour end
        if kind == nil and text.contains_any(behaviour, VAGUE) then
          ctx.suggest(i18n.format(KIND_SUGGESTION, { b = behaviour }), "evidence.behavioural.target_behaviours[" .. i .. "].kind")
        end
        if kind == "observable_action" and c.is_text(b.actor) then
          observable = observable + 1
          if c.is_text(b.when) and c.is_text(b.measure) then
            complete = complete + 1
            if OBSERVED[b.measure_source] then observed = observed + 1 end
          end
        end
      end
    end
    local level = c.ladder(ctx, {
      total >= 1,
      observable >= 1,
      complete >= 1,
      observed >= 1,
    })
    if vague_example then
      c.finding(ctx, case, L("\"{b}\" is an awareness or attitude goal, not an observable behaviour.",
        "\"{b}\" es un objetivo de conciencia o actitud, no un comportamiento observable.",
        "\"{b}\" é um objetivo de conscientização ou atitude, não um comportamento observável.",
        "« {b} » est un objectif de sensibilisation ou d'attitude, pas un comportement observable."),
        { "evidence.behavioural.target_behaviours" }, { b = vague_example })
    end
    return c.finish(ctx, case, level, TARGET_GAPS, { "evidence.behavioural.target_behaviours" })
  end,
}

---------------------------------------------------------------------------------------------
-- bi.diagnosis
---------------------------------------------------------------------------------------------
local ABCD = {
  { "attention", text.keywords {
    en = { "forget*", "remind*", "attention", "overload*", "unaware", "inattent*", "miss* the deadline", "salience" },
    es = { "olvid*", "recordatorio*", "atencion", "sobrecarga", "desconoc*", "no saben", "plazo*" },
    pt = { "esquec*", "lembrete*", "atencao", "sobrecarga", "desconhec*", "nao sabem", "prazo*" },
    fr = { "oubli*", "rappel*", "attention", "surcharge", "ignorent", "ne savent pas", "echeance*" },
  } },
  { "belief", text.keywords {
    en = { "believe*", "belief*", "perceive*", "misperception*", "think that", "trust", "norm*", "expect*", "overconfiden*" },
    es = { "creen", "creencia*", "perciben", "percepcion*", "piensan que", "confianza", "norma* social*", "expectativa*" },
    pt = { "acreditam", "crenca*", "percebem", "percepcao", "percepcoes", "pensam que", "confianca", "norma* socia*", "expectativa*" },
    fr = { "croient", "croyance*", "percoivent", "perception*", "pensent que", "confiance", "norme* socia*", "attente*" },
  } },
  { "choice", text.keywords {
    en = { "complex*", "too many options", "default*", "friction*", "form*", "paperwork", "hassle*", "confus*", "choice overload" },
    es = { "complej*", "demasiadas opciones", "por defecto", "friccion*", "formulario*", "tramite*", "engorros*", "confus*" },
    pt = { "complex*", "opcoes demais", "muitas opcoes", "padrao", "friccao", "formulario*", "burocracia", "confus*" },
    fr = { "complex*", "trop d options", "par defaut", "friction*", "formulaire*", "paperasse*", "demarche* lourde*", "confus*" },
  } },
  { "determination", text.keywords {
    en = { "procrastinat*", "follow through", "intention*", "self control", "present bias", "give up", "motivation" },
    es = { "procrastin*", "postergan", "postergacion", "intencion*", "autocontrol", "sesgo del presente", "abandonan", "motivacion" },
    pt = { "procrastin*", "adiam", "adiamento", "intencao", "intencoes", "autocontrole", "vies do presente", "desistem", "motivacao" },
    fr = { "procrastin*", "remettent a plus tard", "intention*", "maitrise de soi", "biais du present", "abandonnent", "motivation" },
  } },
}
local ABCD_IDS = { attention = true, belief = true, choice = true, determination = true }
local ABCD_NAMES = {
  attention = L("attention", "atención", "atenção", "attention"),
  belief = L("belief formation", "formación de creencias", "formação de crenças", "formation des croyances"),
  choice = L("choice", "elección", "escolha", "choix"),
  determination = L("determination", "determinación", "determinação", "détermination"),
}
local STRONG_METHODS = { administrative_data = true, observation = true, experiment = true }

local ABCD_SUGGESTION = L("Barrier {n} has no abcd code; its description suggests abcd: {cat}. Record the code: unclassified barriers do not count as classified.",
  "La barrera {n} no tiene código abcd; su descripción sugiere abcd: {cat}. Registre el código: las barreras sin clasificar no cuentan como clasificadas.",
  "A barreira {n} não tem código abcd; sua descrição sugere abcd: {cat}. Registre o código: barreiras sem classificação não contam como classificadas.",
  "Le frein {n} n'a pas de code abcd ; sa description suggère abcd: {cat}. Indiquez le code : un frein non classé ne compte pas comme classé.")

--- The ABCD category of a barrier: its declared `abcd` code, or nil (the description only
-- feeds a suggestion for `validate`).
local function abcd_of(b, ctx, n)
  if type(b) ~= "table" then return nil end
  if ABCD_IDS[b.abcd] then return b.abcd end
  for _, entry in ipairs(ABCD) do
    if text.contains_any(b.description, entry[2]) then
      ctx.suggest(i18n.format(ABCD_SUGGESTION, { n = n, cat = entry[1] }), "evidence.behavioural.barriers[" .. n .. "].abcd")
      break
    end
  end
  return nil
end

local DIAGNOSIS_GAPS = {
  [1] = {
    finding = L("No barrier to the target behaviours is diagnosed.", "No se diagnostica ninguna barrera a los comportamientos objetivo.",
      "Nenhuma barreira aos comportamentos-alvo é diagnosticada.", "Aucun frein aux comportements cibles n'est diagnostiqué."),
    text = L("Diagnose why people do not already do the target behaviour, using the ABCD lens (attention, belief formation, choice, determination), {before_launch}.",
      "Diagnostique por qué las personas no realizan ya el comportamiento objetivo, con el enfoque ABCD (atención, formación de creencias, elección, determinación), {before_launch}.",
      "Diagnostique por que as pessoas ainda não adotam o comportamento-alvo, com a abordagem ABCD (atenção, formação de crenças, escolha, determinação), {before_launch}.",
      "Diagnostiquez pourquoi les personnes n'adoptent pas déjà le comportement cible, avec la grille ABCD (attention, formation des croyances, choix, détermination), {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.barriers" },
  },
  [2] = {
    finding = L("Barriers are asserted without data.", "Las barreras se afirman sin datos.", "As barreiras são afirmadas sem dados.",
      "Les freins sont affirmés sans données."),
    text = L("Back each barrier with data: administrative records, a short survey or interviews with the target group, {before_launch}.",
      "Respalde cada barrera con datos: registros administrativos, una breve encuesta o entrevistas con el grupo objetivo, {before_launch}.",
      "Sustente cada barreira com dados: registros administrativos, uma breve pesquisa ou entrevistas com o grupo-alvo, {before_launch}.",
      "Étayez chaque frein par des données : registres administratifs, courte enquête ou entretiens avec le groupe cible, {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.barriers[].data" },
  },
  [3] = {
    finding = L("Not every barrier is backed by data and placed in the ABCD lens.",
      "No todas las barreras están respaldadas por datos y ubicadas en el enfoque ABCD.",
      "Nem todas as barreiras são sustentadas por dados e situadas na abordagem ABCD.",
      "Tous les freins ne sont pas étayés par des données et situés dans la grille ABCD."),
    text = L("For every barrier, give the data behind it and its ABCD category, so that each technique can target it, {before_launch}.",
      "Para cada barrera, indique los datos que la respaldan y su categoría ABCD, para que cada técnica pueda dirigirse a ella, {before_launch}.",
      "Para cada barreira, indique os dados que a sustentam e sua categoria ABCD, para que cada técnica possa mirá-la, {before_launch}.",
      "Pour chaque frein, indiquez les données qui l'étayent et sa catégorie ABCD, afin que chaque technique puisse le cibler, {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.barriers" },
  },
  [4] = {
    finding = L("The diagnosis rests on a single method, or on what people say rather than what they do.",
      "El diagnóstico se basa en un solo método, o en lo que las personas dicen y no en lo que hacen.",
      "O diagnóstico se baseia em um só método, ou no que as pessoas dizem e não no que fazem.",
      "Le diagnostic repose sur une seule méthode, ou sur ce que les personnes disent plutôt que sur ce qu'elles font."),
    text = L("Triangulate: combine what people say (interviews, surveys) with what they do (administrative data or observation), {before_launch}.",
      "Triangule: combine lo que las personas dicen (entrevistas, encuestas) con lo que hacen (datos administrativos u observación), {before_launch}.",
      "Triangule: combine o que as pessoas dizem (entrevistas, pesquisas) com o que fazem (dados administrativos ou observação), {before_launch}.",
      "Triangulez : combinez ce que les personnes disent (entretiens, enquêtes) et ce qu'elles font (données administratives ou observation), {before_launch}."),
    priority = "low", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.barriers[].method" },
  },
}

local diagnosis = m.indicator {
  id = "bi.diagnosis",
  title = L("Diagnosis of barriers (ABCD)", "Diagnóstico de barreras (ABCD)", "Diagnóstico de barreiras (ABCD)",
    "Diagnostic des freins (ABCD)"),
  question = L("Are the barriers to the target behaviours diagnosed with data, classified in the ABCD lens and triangulated?",
    "¿Las barreras a los comportamientos objetivo están diagnosticadas con datos, clasificadas en el enfoque ABCD y trianguladas?",
    "As barreiras aos comportamentos-alvo estão diagnosticadas com dados, classificadas na abordagem ABCD e trianguladas?",
    "Les freins aux comportements cibles sont-ils diagnostiqués avec des données, classés dans la grille ABCD et triangulés ?"),
  weight = 1.5,
  reads = c.reads { "evidence.behavioural.barriers[].description", "evidence.behavioural.barriers[].abcd",
    "evidence.behavioural.barriers[].method", "evidence.behavioural.barriers[].data" },
  requires = { "evidence.behavioural" },
  references = { REF.basic, REF.lessons },
  levels = {
    [0] = L("No barrier diagnosed.", "Sin barreras diagnosticadas.", "Sem barreiras diagnosticadas.", "Aucun frein diagnostiqué."),
    [1] = L("Barriers asserted without data.", "Barreras afirmadas sin datos.", "Barreiras afirmadas sem dados.", "Freins affirmés sans données."),
    [2] = L("Some barriers backed by data.", "Algunas barreras respaldadas por datos.", "Algumas barreiras sustentadas por dados.",
      "Certains freins étayés par des données."),
    [3] = L("Two or more barriers backed by data and placed in the ABCD lens.",
      "Dos o más barreras respaldadas por datos y ubicadas en el enfoque ABCD.",
      "Duas ou mais barreiras sustentadas por dados e situadas na abordagem ABCD.",
      "Deux freins ou plus étayés par des données et situés dans la grille ABCD."),
    [4] = L("As level 3, triangulated with two or more methods including observed behaviour.",
      "Como el nivel 3, triangulado con dos o más métodos, incluido el comportamiento observado.",
      "Como o nível 3, triangulado com dois ou mais métodos, incluindo comportamento observado.",
      "Comme le niveau 3, triangulé par deux méthodes ou plus dont le comportement observé."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.behavioural.barriers")
    if state == "absent" then return c.insufficient(ctx, "evidence.behavioural.barriers") end
    list = state == "given" and type(list) == "table" and list or {}
    local total, backed, classified, strong = 0, 0, 0, false
    local categories, names = {}, {}
    local items = {}
    for _, b in ipairs(list) do
      if type(b) == "table" or c.is_text(b) then total = total + 1 end
      if type(b) == "table" then
        items[#items + 1] = b
        local has_data = c.is_text(b.data) or c.is_text(b.method)
        if has_data then
          backed = backed + 1
          local cat = abcd_of(b, ctx, #items)
          if cat then
            classified = classified + 1
            if not categories[cat] then
              categories[cat] = true
              names[#names + 1] = ABCD_NAMES[cat]
            end
          end
          if STRONG_METHODS[b.method] then strong = true end
        end
      end
    end
    local _, methods = c.distinct(items, "method")
    local level = c.ladder(ctx, {
      total >= 1,
      backed >= 1,
      classified >= K.barriers_classified,
      methods >= K.diagnosis_methods and strong,
    })
    if #names > 0 then
      c.finding(ctx, case, L("Barriers diagnosed with data, by ABCD category: {cats}.",
        "Barreras diagnosticadas con datos, por categoría ABCD: {cats}.",
        "Barreiras diagnosticadas com dados, por categoria ABCD: {cats}.",
        "Freins diagnostiqués avec des données, par catégorie ABCD : {cats}."),
        { "evidence.behavioural.barriers" }, { cats = i18n.join(names) })
    end
    return c.finish(ctx, case, level, DIAGNOSIS_GAPS, { "evidence.behavioural.barriers" })
  end,
}

---------------------------------------------------------------------------------------------
-- bi.techniques
---------------------------------------------------------------------------------------------
local TECHNIQUE_GAPS = {
  [1] = {
    finding = L("No behavioural technique is described.", "No se describe ninguna técnica conductual.",
      "Nenhuma técnica comportamental é descrita.", "Aucune technique comportementale n'est décrite."),
    text = L("Choose techniques that answer the diagnosed barriers (reminders for attention, simplification and defaults for choice, commitment devices for determination), {before_launch}.",
      "Elija técnicas que respondan a las barreras diagnosticadas (recordatorios para la atención, simplificación y opciones por defecto para la elección, mecanismos de compromiso para la determinación), {before_launch}.",
      "Escolha técnicas que respondam às barreiras diagnosticadas (lembretes para a atenção, simplificação e opções-padrão para a escolha, mecanismos de compromisso para a determinação), {before_launch}.",
      "Choisissez des techniques répondant aux freins diagnostiqués (rappels pour l'attention, simplification et options par défaut pour le choix, dispositifs d'engagement pour la détermination), {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.techniques" },
  },
  [2] = {
    finding = L("Techniques are listed, but none is linked to a diagnosed barrier.",
      "Se enumeran técnicas, pero ninguna está vinculada a una barrera diagnosticada.",
      "Técnicas são listadas, mas nenhuma está vinculada a uma barreira diagnosticada.",
      "Des techniques sont listées, mais aucune n'est reliée à un frein diagnostiqué."),
    text = L("Link each technique to the barrier it addresses (by the barrier's id), and drop techniques that address none, {before_launch}.",
      "Vincule cada técnica a la barrera que aborda (por el id de la barrera) y descarte las técnicas que no abordan ninguna, {before_launch}.",
      "Vincule cada técnica à barreira que aborda (pelo id da barreira) e descarte as técnicas que não abordam nenhuma, {before_launch}.",
      "Reliez chaque technique au frein qu'elle traite (par l'identifiant du frein) et abandonnez celles qui n'en traitent aucun, {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.techniques[].barrier" },
  },
  [3] = {
    finding = L("{unmapped} of {total} techniques are not linked to a diagnosed barrier.",
      "{unmapped} de {total} técnicas no están vinculadas a una barrera diagnosticada.",
      "{unmapped} de {total} técnicas não estão vinculadas a uma barreira diagnosticada.",
      "{unmapped} techniques sur {total} ne sont reliées à aucun frein diagnostiqué."),
    text = L("Link every technique to a diagnosed barrier, or diagnose the barrier it assumes, {before_launch}.",
      "Vincule cada técnica a una barrera diagnosticada, o diagnostique la barrera que supone, {before_launch}.",
      "Vincule cada técnica a uma barreira diagnosticada, ou diagnostique a barreira que ela supõe, {before_launch}.",
      "Reliez chaque technique à un frein diagnostiqué, ou diagnostiquez le frein qu'elle suppose, {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.techniques[].barrier" },
  },
  [4] = {
    finding = L("Some diagnosed barriers have no technique, or some techniques cite no evidence.",
      "Algunas barreras diagnosticadas no tienen técnica, o algunas técnicas no citan evidencia.",
      "Algumas barreiras diagnosticadas não têm técnica, ou algumas técnicas não citam evidência.",
      "Certains freins diagnostiqués n'ont pas de technique, ou certaines techniques ne citent aucune donnée probante."),
    text = L("Cover every diagnosed barrier with at least one technique, and cite the evidence (trial or review) behind each technique, {before_launch}.",
      "Cubra cada barrera diagnosticada con al menos una técnica, y cite la evidencia (ensayo o revisión) que respalda cada técnica, {before_launch}.",
      "Cubra cada barreira diagnosticada com pelo menos uma técnica, e cite a evidência (ensaio ou revisão) que sustenta cada técnica, {before_launch}.",
      "Couvrez chaque frein diagnostiqué par au moins une technique, et citez les données (essai ou revue) qui étayent chaque technique, {before_launch}."),
    priority = "low", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.techniques[].evidence" },
  },
}

local techniques = m.indicator {
  id = "bi.techniques",
  title = L("Techniques mapped to barriers", "Técnicas vinculadas a barreras", "Técnicas vinculadas a barreiras",
    "Techniques reliées aux freins"),
  question = L("Does every technique answer a diagnosed barrier, is every barrier covered, and is each technique backed by evidence?",
    "¿Cada técnica responde a una barrera diagnosticada, cada barrera está cubierta y cada técnica tiene respaldo de evidencia?",
    "Cada técnica responde a uma barreira diagnosticada, cada barreira está coberta e cada técnica tem respaldo de evidência?",
    "Chaque technique répond-elle à un frein diagnostiqué, chaque frein est-il couvert et chaque technique est-elle étayée ?"),
  reads = c.reads { "evidence.behavioural.techniques[].name", "evidence.behavioural.techniques[].barrier",
    "evidence.behavioural.techniques[].evidence", "evidence.behavioural.barriers[].id" },
  requires = { "evidence.behavioural" },
  references = { REF.basic, REF.lessons },
  levels = {
    [0] = L("No technique.", "Sin técnicas.", "Sem técnicas.", "Aucune technique."),
    [1] = L("Techniques listed, none linked to a barrier.", "Técnicas enumeradas, ninguna vinculada a una barrera.",
      "Técnicas listadas, nenhuma vinculada a uma barreira.", "Techniques listées, aucune reliée à un frein."),
    [2] = L("Some techniques linked to diagnosed barriers.", "Algunas técnicas vinculadas a barreras diagnosticadas.",
      "Algumas técnicas vinculadas a barreiras diagnosticadas.", "Certaines techniques reliées à des freins diagnostiqués."),
    [3] = L("Two or more techniques linked to diagnosed barriers.", "Dos o más técnicas vinculadas a barreras diagnosticadas.",
      "Duas ou mais técnicas vinculadas a barreiras diagnosticadas.", "Deux techniques ou plus reliées à des freins diagnostiqués."),
    [4] = L("As level 3, every diagnosed barrier addressed by a technique, and two or more techniques backed by evidence.",
      "Como el nivel 3, cada barrera diagnosticada abordada por una técnica, y dos o más técnicas respaldadas por evidencia.",
      "Como o nível 3, cada barreira diagnosticada abordada por uma técnica, e duas ou mais técnicas sustentadas por evidência.",
      "Comme le niveau 3, chaque frein diagnostiqué traité par une technique, et deux techniques ou plus étayées."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.behavioural.techniques")
    if state == "absent" then return c.insufficient(ctx, "evidence.behavioural.techniques") end
    list = state == "given" and type(list) == "table" and list or {}
    local barrier_ids, n_barriers = {}, 0
    for _, b in ipairs(c.list(case, "evidence.behavioural.barriers")) do
      if type(b) == "table" and c.is_text(b.id) and barrier_ids[b.id] == nil then
        barrier_ids[b.id] = false
        n_barriers = n_barriers + 1
      end
    end
    local total, mapped, cited = 0, 0, 0
    for _, t in ipairs(list) do
      if type(t) == "table" or c.is_text(t) then total = total + 1 end
      if type(t) == "table" then
        local targets_of = type(t.barrier) == "table" and t.barrier or { t.barrier }
        local ok = false
        for _, id in ipairs(targets_of) do
          if barrier_ids[id] ~= nil then
            barrier_ids[id] = true
            ok = true
          end
        end
        if ok then mapped = mapped + 1 end
        if c.is_text(t.evidence) then cited = cited + 1 end
      end
    end
    local covered = 0
    for _, hit in pairs(barrier_ids) do
      if hit then covered = covered + 1 end
    end
    local level = c.ladder(ctx, {
      total >= 1,
      mapped >= 1,
      mapped >= K.techniques_linked,
      -- an unaddressed barrier is itself the weakness measured: it may lower the level
      n_barriers > 0 and covered == n_barriers and cited >= K.techniques_cited,
    })
    return c.finish(ctx, case, level, TECHNIQUE_GAPS, { "evidence.behavioural.techniques" },
      { unmapped = total - mapped, total = total })
  end,
}

---------------------------------------------------------------------------------------------
-- bi.test_plan
---------------------------------------------------------------------------------------------
local TEST_GAPS = {
  [1] = {
    finding = L("The intervention will be launched without a test.", "La intervención se lanzará sin una prueba.",
      "A intervenção será lançada sem um teste.", "L'intervention sera lancée sans test."),
    text = L("Test the intervention before scaling it: a randomised trial or an A/B test on part of the target population, {before_launch}.",
      "Pruebe la intervención antes de escalarla: un ensayo aleatorizado o una prueba A/B en parte de la población objetivo, {before_launch}.",
      "Teste a intervenção antes de ampliá-la: um ensaio aleatorizado ou um teste A/B em parte da população-alvo, {before_launch}.",
      "Testez l'intervention avant de la généraliser : un essai randomisé ou un test A/B sur une partie de la population cible, {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.test" },
  },
  [2] = {
    finding = L("The test has no comparison group, no sample size or no primary outcome.",
      "La prueba no tiene grupo de comparación, tamaño de muestra o resultado principal.",
      "O teste não tem grupo de comparação, tamanho de amostra ou resultado principal.",
      "Le test n'a pas de groupe de comparaison, de taille d'échantillon ou de critère principal."),
    text = L("Design the test with a control group (randomised where possible), a sample size from a power calculation and one primary outcome measured in administrative data, {before_launch}.",
      "Diseñe la prueba con un grupo de control (aleatorizado cuando sea posible), un tamaño de muestra calculado por potencia estadística y un resultado principal medido con datos administrativos, {before_launch}.",
      "Desenhe o teste com um grupo de controle (aleatorizado quando possível), um tamanho de amostra calculado por poder estatístico e um resultado principal medido com dados administrativos, {before_launch}.",
      "Concevez le test avec un groupe témoin (randomisé si possible), une taille d'échantillon issue d'un calcul de puissance et un critère principal mesuré dans les données administratives, {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.test.design", "evidence.behavioural.test.sample_size" },
  },
  [3] = {
    finding = L("The test measures only the targeted outcome in the short run: it would miss spillovers and fading effects. In Peru's 2018 rental-income tax letter trial (9,024 taxpayers), the social-norms letter lost about US$5.20 per dollar through negative spillovers on other taxes, while the detection letter returned about US$3.92.",
      "La prueba mide solo el resultado buscado y a corto plazo: no detectaría efectos indirectos ni efectos que se desvanecen. En el ensayo de cartas sobre la renta por alquileres en Perú (2018, 9.024 contribuyentes), la carta de normas sociales perdió unos US$5,20 por dólar por efectos indirectos negativos en otros impuestos, mientras la carta de detección devolvió unos US$3,92.",
      "O teste mede apenas o resultado visado e a curto prazo: não detectaria efeitos indiretos nem efeitos que se dissipam. No ensaio de cartas sobre a renda de aluguéis no Peru (2018, 9.024 contribuintes), a carta de normas sociais perdeu cerca de US$5,20 por dólar por efeitos indiretos negativos em outros impostos, enquanto a carta de detecção retornou cerca de US$3,92.",
      "Le test ne mesure que le résultat visé, à court terme : il manquerait les effets indirects et l'estompement des effets. Dans l'essai de lettres sur les revenus locatifs au Pérou (2018, 9 024 contribuables), la lettre de normes sociales a fait perdre environ 5,20 dollars par dollar par des effets indirects négatifs sur d'autres impôts, tandis que la lettre de détection en rapportait environ 3,92."),
    text = L("Add to the test plan the outcomes the intervention could harm (other taxes, other services, other groups) and a follow-up of at least six months, {before_launch}.",
      "Agregue al plan de prueba los resultados que la intervención podría perjudicar (otros impuestos, otros servicios, otros grupos) y un seguimiento de al menos seis meses, {before_launch}.",
      "Acrescente ao plano de teste os resultados que a intervenção poderia prejudicar (outros impostos, outros serviços, outros grupos) e um acompanhamento de pelo menos seis meses, {before_launch}.",
      "Ajoutez au plan de test les résultats que l'intervention pourrait dégrader (autres impôts, autres services, autres groupes) et un suivi d'au moins six mois, {before_launch}."),
    priority = "high", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.test.spillover_outcomes", "evidence.behavioural.test.follow_up_months" },
  },
  [4] = {
    finding = L("The test plan does not compare the cost-effectiveness of its arms, is not pre-registered, or does not commit to publishing the results.",
      "El plan de prueba no compara la costo-efectividad de sus brazos, no está prerregistrado o no se compromete a publicar los resultados.",
      "O plano de teste não compara o custo-efetividade de seus braços, não está pré-registrado ou não se compromete a publicar os resultados.",
      "Le plan de test ne compare pas le rapport coût-efficacité de ses bras, n'est pas préenregistré ou ne s'engage pas à publier les résultats."),
    text = L("Compute the net return per unit of cost of each arm{example}, pre-register the analysis plan and commit to publishing the results whatever they show, {before_launch}.",
      "Calcule el retorno neto por unidad de costo de cada brazo{example}, prerregistre el plan de análisis y comprométase a publicar los resultados sean cuales sean, {before_launch}.",
      "Calcule o retorno líquido por unidade de custo de cada braço{example}, pré-registre o plano de análise e comprometa-se a publicar os resultados quaisquer que sejam, {before_launch}.",
      "Calculez le rendement net par unité de coût de chaque bras{example}, préenregistrez le plan d'analyse et engagez-vous à publier les résultats quels qu'ils soient, {before_launch}."),
    priority = "low", horizon = "medium", owner = "behavioural", evidence = { "evidence.behavioural.test.cost_effectiveness", "evidence.behavioural.test.pre_registration" },
    example = { areas = { "public_budget", "behavioral_sciences", "public_services" },
      text = L(" (as Peru's tax administration did)", " (como hizo la administración tributaria de Perú)",
        " (como fez a administração tributária do Peru)", " (comme l'a fait l'administration fiscale du Pérou)") },
  },
}

local test_plan = m.indicator {
  id = "bi.test_plan",
  title = L("Test plan: spillovers and long-run effects", "Plan de prueba: efectos indirectos y de largo plazo",
    "Plano de teste: efeitos indiretos e de longo prazo", "Plan de test : effets indirects et de long terme"),
  question = L("Is the intervention tested against a comparison group, measuring spillovers and long-run effects, with cost-effectiveness per arm, pre-registration and publication?",
    "¿La intervención se prueba frente a un grupo de comparación, midiendo efectos indirectos y de largo plazo, con costo-efectividad por brazo, prerregistro y publicación?",
    "A intervenção é testada frente a um grupo de comparação, medindo efeitos indiretos e de longo prazo, com custo-efetividade por braço, pré-registro e publicação?",
    "L'intervention est-elle testée face à un groupe de comparaison, en mesurant effets indirects et de long terme, avec coût-efficacité par bras, préenregistrement et publication ?"),
  weight = 1.5,
  reads = c.reads { "evidence.behavioural.test.design", "evidence.behavioural.test.sample_size",
    "evidence.behavioural.test.primary_outcome", "evidence.behavioural.test.spillover_outcomes",
    "evidence.behavioural.test.follow_up_months", "evidence.behavioural.test.cost_effectiveness",
    "evidence.behavioural.test.pre_registration", "evidence.behavioural.test.publication" },
  requires = { "evidence.behavioural" },
  references = { REF.basic, REF.sms, REF.lessons },
  levels = {
    [0] = L("No test.", "Sin prueba.", "Sem teste.", "Aucun test."),
    [1] = L("A test without comparison group, sample or primary outcome.", "Una prueba sin grupo de comparación, muestra o resultado principal.",
      "Um teste sem grupo de comparação, amostra ou resultado principal.", "Un test sans groupe de comparaison, échantillon ou critère principal."),
    [2] = L("A controlled test with sample and primary outcome, blind to spillovers or long-run effects.",
      "Una prueba controlada con muestra y resultado principal, ciega a efectos indirectos o de largo plazo.",
      "Um teste controlado com amostra e resultado principal, cego a efeitos indiretos ou de longo prazo.",
      "Un test contrôlé avec échantillon et critère principal, aveugle aux effets indirects ou de long terme."),
    [3] = L("As level 2, measuring spillover outcomes and a follow-up of six months or more.",
      "Como el nivel 2, midiendo efectos indirectos y con seguimiento de seis meses o más.",
      "Como o nível 2, medindo efeitos indiretos e com acompanhamento de seis meses ou mais.",
      "Comme le niveau 2, mesurant les effets indirects avec un suivi de six mois ou plus."),
    [4] = L("As level 3, with cost-effectiveness per arm, pre-registration and publication.",
      "Como el nivel 3, con costo-efectividad por brazo, prerregistro y publicación.",
      "Como o nível 3, com custo-efetividade por braço, pré-registro e publicação.",
      "Comme le niveau 3, avec coût-efficacité par bras, préenregistrement et publication."),
  },
  evaluate = function(case, ctx)
    local state, t = c.state(case, "evidence.behavioural.test")
    if state == "absent" then return c.insufficient(ctx, "evidence.behavioural.test") end
    if type(t) ~= "table" then t = {} end
    local controlled = (evidence.DESIGN_SMS[t.design or ""] or 0) >= K.controlled_sms
    local level = c.ladder(ctx, {
      state == "given" and t.design ~= "none",
      controlled and type(t.sample_size) == "number" and t.sample_size > 0 and c.is_text(t.primary_outcome),
      c.given(t.spillover_outcomes) and type(t.follow_up_months) == "number" and t.follow_up_months >= K.behavioural_follow_up_months,
      c.given(t.cost_effectiveness) and c.given(t.pre_registration) and t.publication == true,
    })
    return c.finish(ctx, case, level, TEST_GAPS, { "evidence.behavioural.test" })
  end,
}

---------------------------------------------------------------------------------------------
-- bi.ethics
---------------------------------------------------------------------------------------------
local ETHICS_GAPS = {
  [1] = {
    finding = L("No ethical safeguard is stated.", "No se declara ninguna salvaguarda ética.", "Nenhuma salvaguarda ética é declarada.",
      "Aucune garantie éthique n'est énoncée."),
    text = L("State the ethical safeguards of the intervention (who reviews it, what is disclosed to the public, how data are protected), {before_launch}.",
      "Declare las salvaguardas éticas de la intervención (quién la revisa, qué se informa al público, cómo se protegen los datos), {before_launch}.",
      "Declare as salvaguardas éticas da intervenção (quem a revisa, o que é informado ao público, como os dados são protegidos), {before_launch}.",
      "Énoncez les garanties éthiques de l'intervention (qui l'examine, ce qui est rendu public, comment les données sont protégées), {before_launch}."),
    priority = "high", horizon = "short", owner = "ethics", evidence = { "evidence.behavioural.ethics" },
  },
  [2] = {
    finding = L("Ethics is asserted, but no body reviews the intervention.", "Se afirma la ética, pero ningún órgano revisa la intervención.",
      "Afirma-se a ética, mas nenhum órgão revisa a intervenção.", "L'éthique est affirmée, mais aucun organe n'examine l'intervention."),
    text = L("Submit the intervention and its test to an ethics review before any letter or message is sent, {before_launch}.",
      "Someta la intervención y su prueba a una revisión ética antes de enviar cualquier carta o mensaje, {before_launch}.",
      "Submeta a intervenção e seu teste a uma revisão ética antes de enviar qualquer carta ou mensagem, {before_launch}.",
      "Soumettez l'intervention et son test à un examen éthique avant l'envoi de toute lettre ou message, {before_launch}."),
    priority = "high", horizon = "short", owner = "ethics", evidence = { "evidence.behavioural.ethics.review_body" },
  },
  [3] = {
    finding = L("The review is internal, or the intervention is not disclosed to the public.",
      "La revisión es interna, o la intervención no se informa al público.",
      "A revisão é interna, ou a intervenção não é informada ao público.",
      "L'examen est interne, ou l'intervention n'est pas rendue publique."),
    text = L("Have the review done by a body independent of the implementing team and publish a plain-language description of the intervention and the test, {before_launch}.",
      "Encargue la revisión a un órgano independiente del equipo ejecutor y publique una descripción en lenguaje claro de la intervención y la prueba, {before_launch}.",
      "Confie a revisão a um órgão independente da equipe executora e publique uma descrição em linguagem simples da intervenção e do teste, {before_launch}.",
      "Confiez l'examen à un organe indépendant de l'équipe de mise en œuvre et publiez une description en langage clair de l'intervention et du test, {before_launch}."),
    priority = "medium", horizon = "short", owner = "ethics", evidence = { "evidence.behavioural.ethics.independent", "evidence.behavioural.ethics.transparency" },
  },
  [4] = {
    finding = L("No data-protection assessment, or no commitment to publish all results, including null or negative ones.",
      "Sin evaluación de protección de datos, o sin compromiso de publicar todos los resultados, incluidos los nulos o negativos.",
      "Sem avaliação de proteção de dados, ou sem compromisso de publicar todos os resultados, incluindo os nulos ou negativos.",
      "Pas d'analyse de protection des données, ou pas d'engagement à publier tous les résultats, y compris nuls ou négatifs."),
    text = L("Complete a data-protection impact assessment and commit publicly to publishing all results, including null and negative ones, {before_launch}.",
      "Realice una evaluación de impacto en protección de datos y comprométase públicamente a publicar todos los resultados, incluidos los nulos y negativos, {before_launch}.",
      "Realize uma avaliação de impacto sobre a proteção de dados e comprometa-se publicamente a publicar todos os resultados, incluindo os nulos e negativos, {before_launch}.",
      "Réalisez une analyse d'impact relative à la protection des données et engagez-vous publiquement à publier tous les résultats, y compris nuls et négatifs, {before_launch}."),
    priority = "low", horizon = "short", owner = "ethics", evidence = { "evidence.behavioural.ethics.data_protection", "evidence.behavioural.ethics.publish_all_results" },
  },
}

local ethics = m.indicator {
  id = "bi.ethics",
  title = L("Ethics review and transparency", "Revisión ética y transparencia", "Revisão ética e transparência",
    "Examen éthique et transparence"),
  question = L("Is the intervention reviewed by an independent ethics body, disclosed to the public, data-protected, with all results published?",
    "¿La intervención es revisada por un órgano ético independiente, informada al público, con protección de datos y publicación de todos los resultados?",
    "A intervenção é revisada por um órgão ético independente, informada ao público, com proteção de dados e publicação de todos os resultados?",
    "L'intervention est-elle examinée par un organe éthique indépendant, rendue publique, avec protection des données et publication de tous les résultats ?"),
  reads = c.reads { "evidence.behavioural.ethics.statement", "evidence.behavioural.ethics.review_body",
    "evidence.behavioural.ethics.independent", "evidence.behavioural.ethics.transparency",
    "evidence.behavioural.ethics.data_protection", "evidence.behavioural.ethics.publish_all_results" },
  requires = { "evidence.behavioural" },
  references = { REF.ethics, REF.basic },
  levels = {
    [0] = L("No ethical safeguard.", "Sin salvaguardas éticas.", "Sem salvaguardas éticas.", "Aucune garantie éthique."),
    [1] = L("Ethics asserted without review.", "Ética afirmada sin revisión.", "Ética afirmada sem revisão.", "Éthique affirmée sans examen."),
    [2] = L("A named body reviews the intervention.", "Un órgano nombrado revisa la intervención.", "Um órgão nomeado revisa a intervenção.",
      "Un organe désigné examine l'intervention."),
    [3] = L("Independent review and public disclosure.", "Revisión independiente y divulgación pública.", "Revisão independente e divulgação pública.",
      "Examen indépendant et information du public."),
    [4] = L("As level 3, with data protection and publication of all results.", "Como el nivel 3, con protección de datos y publicación de todos los resultados.",
      "Como o nível 3, com proteção de dados e publicação de todos os resultados.", "Comme le niveau 3, avec protection des données et publication de tous les résultats."),
  },
  evaluate = function(case, ctx)
    local state, e = c.state(case, "evidence.behavioural.ethics")
    if state == "absent" then return c.insufficient(ctx, "evidence.behavioural.ethics") end
    if type(e) ~= "table" then e = {} end
    local level = c.ladder(ctx, {
      state == "given",
      c.is_text(e.review_body),
      e.independent == true and e.transparency == true,
      e.data_protection == true and e.publish_all_results == true,
    })
    return c.finish(ctx, case, level, ETHICS_GAPS, { "evidence.behavioural.ethics" })
  end,
}

---------------------------------------------------------------------------------------------
-- bi.scaling
---------------------------------------------------------------------------------------------
local SCALING_GAPS = {
  [1] = {
    finding = L("There is no plan for what happens after the test.", "No hay un plan para lo que ocurre después de la prueba.",
      "Não há um plano para o que acontece depois do teste.", "Rien n'est prévu pour l'après-test."),
    text = L("Decide before the test what result would justify scaling, stopping or adjusting the intervention, {before_launch}.",
      "Decida antes de la prueba qué resultado justificaría escalar, detener o ajustar la intervención, {before_launch}.",
      "Decida antes do teste que resultado justificaria ampliar, interromper ou ajustar a intervenção, {before_launch}.",
      "Décidez avant le test quel résultat justifierait de généraliser, d'arrêter ou d'ajuster l'intervention, {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.scaling" },
  },
  [2] = {
    finding = L("Scaling is intended, without a decision rule.", "Se prevé escalar, sin una regla de decisión.",
      "Prevê-se ampliar, sem uma regra de decisão.", "Une généralisation est envisagée, sans règle de décision."),
    text = L("Write the decision rule (for example: scale if compliance rises by at least 2 points with no negative spillover), {before_launch}.",
      "Escriba la regla de decisión (por ejemplo: escalar si el cumplimiento sube al menos 2 puntos sin efectos indirectos negativos), {before_launch}.",
      "Escreva a regra de decisão (por exemplo: ampliar se o cumprimento subir pelo menos 2 pontos sem efeitos indiretos negativos), {before_launch}.",
      "Écrivez la règle de décision (par exemple : généraliser si la conformité progresse d'au moins 2 points sans effet indirect négatif), {before_launch}."),
    priority = "medium", horizon = "short", owner = "behavioural", evidence = { "evidence.behavioural.scaling.decision_rule" },
  },
  [3] = {
    finding = L("The scaling plan has no owner or no budget.", "El plan de escalamiento no tiene responsable o presupuesto.",
      "O plano de ampliação não tem responsável ou orçamento.", "Le plan de généralisation n'a pas de responsable ou de budget."),
    text = L("Name the unit that will take the decision and run the scaled intervention, and reserve its budget in the next budget cycle, {first_year}.",
      "Designe la unidad que tomará la decisión y ejecutará la intervención escalada, y reserve su presupuesto en el próximo ciclo presupuestario, {first_year}.",
      "Designe a unidade que tomará a decisão e executará a intervenção ampliada, e reserve seu orçamento no próximo ciclo orçamentário, {first_year}.",
      "Désignez le service qui prendra la décision et conduira l'intervention généralisée, et réservez son budget au prochain cycle budgétaire, {first_year}."),
    priority = "medium", horizon = "medium", owner = "finance", evidence = { "evidence.behavioural.scaling.owner", "evidence.behavioural.scaling.budget" },
  },
  [4] = {
    finding = L("The plan does not check whether the effect holds for other groups and places, or stops monitoring after scaling.",
      "El plan no verifica si el efecto se mantiene en otros grupos y lugares, o deja de monitorear tras escalar.",
      "O plano não verifica se o efeito se mantém em outros grupos e lugares, ou deixa de monitorar após ampliar.",
      "Le plan ne vérifie pas si l'effet tient pour d'autres groupes et lieux, ou cesse le suivi après la généralisation."),
    text = L("Analyse effects by subgroup and region before scaling (effects often shrink at scale), and keep monitoring the scaled version against the trial's results, {first_year}.",
      "Analice los efectos por subgrupo y región antes de escalar (los efectos suelen reducirse a escala) y siga monitoreando la versión escalada frente a los resultados del ensayo, {first_year}.",
      "Analise os efeitos por subgrupo e região antes de ampliar (os efeitos costumam diminuir em escala) e continue monitorando a versão ampliada frente aos resultados do ensaio, {first_year}.",
      "Analysez les effets par sous-groupe et par région avant de généraliser (les effets diminuent souvent à grande échelle) et continuez à suivre la version généralisée au regard des résultats de l'essai, {first_year}."),
    priority = "low", horizon = "medium", owner = "behavioural", evidence = { "evidence.behavioural.scaling.heterogeneity", "evidence.behavioural.scaling.monitoring_after_scale" },
  },
}

local scaling = m.indicator {
  id = "bi.scaling",
  title = L("Scaling plan", "Plan de escalamiento", "Plano de ampliação", "Plan de généralisation"),
  question = L("Is there a decision rule for scaling, with an owner and a budget, checks of effects across groups and monitoring at scale?",
    "¿Existe una regla de decisión para escalar, con responsable y presupuesto, verificación de efectos entre grupos y monitoreo a escala?",
    "Existe uma regra de decisão para ampliar, com responsável e orçamento, verificação de efeitos entre grupos e monitoramento em escala?",
    "Existe-t-il une règle de décision pour généraliser, avec responsable et budget, vérification des effets selon les groupes et suivi à grande échelle ?"),
  reads = c.reads { "evidence.fiscal.costing[].amount", "evidence.behavioural.scaling.statement", "evidence.behavioural.scaling.decision_rule",
    "evidence.behavioural.scaling.owner", "evidence.behavioural.scaling.budget",
    "evidence.behavioural.scaling.heterogeneity", "evidence.behavioural.scaling.monitoring_after_scale" },
  requires = { "evidence.behavioural" },
  references = { REF.basic, REF.scaling },
  levels = {
    [0] = L("No plan after the test.", "Sin plan después de la prueba.", "Sem plano depois do teste.", "Rien de prévu après le test."),
    [1] = L("Scaling intended without a decision rule.", "Escalamiento previsto sin regla de decisión.", "Ampliação prevista sem regra de decisão.",
      "Généralisation envisagée sans règle de décision."),
    [2] = L("A decision rule is written.", "Hay una regla de decisión escrita.", "Há uma regra de decisão escrita.", "Une règle de décision est écrite."),
    [3] = L("Decision rule, owner and budget.", "Regla de decisión, responsable y presupuesto.", "Regra de decisão, responsável e orçamento.",
      "Règle de décision, responsable et budget."),
    [4] = L("As level 3, with subgroup checks and monitoring after scaling.", "Como el nivel 3, con análisis por subgrupos y monitoreo tras escalar.",
      "Como o nível 3, com análise por subgrupos e monitoramento após ampliar.", "Comme le niveau 3, avec analyse par sous-groupes et suivi après généralisation."),
  },
  evaluate = function(case, ctx)
    local state, s = c.state(case, "evidence.behavioural.scaling")
    if state == "absent" then return c.insufficient(ctx, "evidence.behavioural.scaling") end
    if type(s) ~= "table" then s = {} end
    local rule = c.is_text(s.decision_rule)
    local level = c.ladder(ctx, {
      state == "given",
      rule,
      rule and c.is_text(s.owner) and c.plausible_amount(ctx, case, s.budget, "evidence.behavioural.scaling.budget"),
      s.heterogeneity == true and s.monitoring_after_scale == true,
    })
    return c.finish(ctx, case, level, SCALING_GAPS, { "evidence.behavioural.scaling" })
  end,
}

--- Weighted mean (rounded down), capped one level above the ethics indicator when ethics is
-- assessed: an intervention that nudges people without ethical safeguards is not well
-- behaviourally informed, however rigorous its test.
local function ethics_capped_mean(inputs)
  local sum, weights, ethics_score = 0, 0, nil
  for _, x in ipairs(inputs) do
    sum = sum + x.score * x.weight
    weights = weights + x.weight
    if x.id == "bi.ethics" then ethics_score = x.score end
  end
  local level = math.floor(sum / weights + 1e-9)
  if ethics_score ~= nil and level > ethics_score + 1 then level = math.floor(ethics_score + 1) end
  return math.tointeger(level) or level
end

return m.criterion {
  id = "behavioural",
  title = L("Behaviourally informed", "Informado por las ciencias del comportamiento", "Informado pelas ciências comportamentais",
    "Éclairé par les sciences comportementales"),
  description = L(
    "Weighted mean (rounded down), capped one level above the ethics indicator. The diagnosis and the test plan weigh 1.5: techniques without a diagnosed barrier, or tests blind to spillovers, mislead; and no rigour makes up for missing ethical safeguards (OECD BASIC ethics guidance).",
    "Media ponderada (redondeada hacia abajo), limitada a un nivel por encima del indicador de ética. El diagnóstico y el plan de prueba pesan 1,5: técnicas sin barrera diagnosticada, o pruebas ciegas a los efectos indirectos, engañan; y ningún rigor compensa la falta de salvaguardas éticas (guía ética BASIC de la OCDE).",
    "Média ponderada (arredondada para baixo), limitada a um nível acima do indicador de ética. O diagnóstico e o plano de teste pesam 1,5: técnicas sem barreira diagnosticada, ou testes cegos aos efeitos indiretos, enganam; e nenhum rigor compensa a falta de salvaguardas éticas (guia ética BASIC da OCDE).",
    "Moyenne pondérée (arrondie vers le bas), plafonnée à un niveau au-dessus de l'indicateur d'éthique. Le diagnostic et le plan de test pèsent 1,5 : des techniques sans frein diagnostiqué, ou des tests aveugles aux effets indirects, induisent en erreur ; et aucune rigueur ne compense l'absence de garanties éthiques (lignes directrices éthiques BASIC de l'OCDE)."),
  aggregation = ethics_capped_mean,
  indicators = c.indicators { targets, diagnosis, techniques, test_plan, ethics, scaling },
}
