--- Criterion 4, user-centred: the initiative is designed from research with its users, across
-- the agencies a person deals with, accessible to people offline, with disabilities or who
-- speak other languages, with service standards, and tested with users before launch.
--
-- Anchors: OECD Good Practice Principles for Public Service Design and Delivery in the Digital
-- Age (2022); OECD Digital Government Policy Framework (2020: user-driven, proactive,
-- once-only); W3C WCAG 2.1; UN Convention on the Rights of Persons with Disabilities, art. 9.
-- @module frameworks.mecigep-core.criteria.user_centred

local m = require "mecigep"
local i18n = require "lib.i18n"
local dates = require "lib.dates"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs = type, ipairs

local L = c.L

local REF = {
  clad_quality = "CLAD (2008), Carta Iberoamericana de Calidad en la Gestión Pública",
  principles = "OECD (2022), OECD Good Practice Principles for Public Service Design and Delivery in the Digital Age, OECD Public Governance Policy Papers",
  framework = "OECD (2020), The OECD Digital Government Policy Framework: six dimensions of a digital government (user-driven, proactive, once-only)",
  wcag = "W3C (2018), Web Content Accessibility Guidelines (WCAG) 2.1",
  crpd = "UN (2006), Convention on the Rights of Persons with Disabilities, article 9 (accessibility)",
}

---------------------------------------------------------------------------------------------
-- uc.research
---------------------------------------------------------------------------------------------
local RESEARCH_GAPS = {
  [1] = {
    finding = L("No research with users is reported.", "No se informa ninguna investigación con usuarios.",
      "Nenhuma pesquisa com usuários é informada.", "Aucune recherche auprès des usagers n'est signalée."),
    text = L("Do user research before the design is final: interviews and observation with people who will use the service, including those who find it hardest, {before_launch}.",
      "Realice investigación con usuarios antes de cerrar el diseño: entrevistas y observación con quienes usarán el servicio, incluidos quienes tienen más dificultades, {before_launch}.",
      "Faça pesquisa com usuários antes de fechar o desenho: entrevistas e observação com quem usará o serviço, incluindo quem tem mais dificuldades, {before_launch}.",
      "Menez une recherche auprès des usagers avant d'arrêter la conception : entretiens et observation avec les personnes qui utiliseront le service, y compris celles qui ont le plus de difficultés, {before_launch}."),
    priority = "high", horizon = "short", owner = "service", evidence = { "evidence.user_centred.research" },
  },
  [2] = {
    finding = L("User research is mentioned, without method or sample.", "Se menciona investigación con usuarios, sin método ni muestra.",
      "Menciona-se pesquisa com usuários, sem método nem amostra.", "Une recherche auprès des usagers est mentionnée, sans méthode ni échantillon."),
    text = L("Document the research: method, number of people, who they were and what was learnt, {before_launch}.",
      "Documente la investigación: método, número de personas, quiénes fueron y qué se aprendió, {before_launch}.",
      "Documente a pesquisa: método, número de pessoas, quem eram e o que se aprendeu, {before_launch}.",
      "Documentez la recherche : méthode, nombre de personnes, qui elles étaient et ce qui a été appris, {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.research" },
  },
  [3] = {
    finding = L("The research relies on one method or one user segment, or records no findings.",
      "La investigación se basa en un solo método o un solo segmento de usuarios, o no registra hallazgos.",
      "A pesquisa se baseia em um só método ou um só segmento de usuários, ou não registra achados.",
      "La recherche repose sur une seule méthode ou un seul segment d'usagers, ou ne consigne aucun constat."),
    text = L("Combine qualitative and quantitative methods across at least two user segments (for example urban and rural, older and younger users) and write down the findings, {before_launch}.",
      "Combine métodos cualitativos y cuantitativos en al menos dos segmentos de usuarios (por ejemplo urbanos y rurales, mayores y jóvenes) y registre los hallazgos, {before_launch}.",
      "Combine métodos qualitativos e quantitativos em pelo menos dois segmentos de usuários (por exemplo urbanos e rurais, idosos e jovens) e registre os achados, {before_launch}.",
      "Combinez méthodes qualitatives et quantitatives sur au moins deux segments d'usagers (par exemple urbains et ruraux, âgés et jeunes) et consignez les constats, {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.research" },
  },
  [4] = {
    finding = L("No design change is traced to the research, or research stops at launch.",
      "Ningún cambio de diseño se atribuye a la investigación, o la investigación termina con el lanzamiento.",
      "Nenhuma mudança de desenho é atribuída à pesquisa, ou a pesquisa termina no lançamento.",
      "Aucune modification de la conception n'est rattachée à la recherche, ou la recherche s'arrête au lancement."),
    text = L("Record which design decisions each finding changed, and keep a standing user-research budget after launch (for example quarterly interviews), {first_year}.",
      "Registre qué decisiones de diseño cambió cada hallazgo y mantenga un presupuesto permanente de investigación con usuarios tras el lanzamiento (por ejemplo entrevistas trimestrales), {first_year}.",
      "Registre quais decisões de desenho cada achado mudou e mantenha um orçamento permanente de pesquisa com usuários após o lançamento (por exemplo entrevistas trimestrais), {first_year}.",
      "Notez quelles décisions de conception chaque constat a modifiées et maintenez un budget permanent de recherche usagers après le lancement (par exemple des entretiens trimestriels), {first_year}."),
    priority = "low", horizon = "medium", owner = "service", evidence = { "evidence.user_centred.research[].design_changes", "evidence.user_centred.research_after_launch" },
  },
}

local research = m.indicator {
  id = "uc.research",
  title = L("User research", "Investigación con usuarios", "Pesquisa com usuários", "Recherche auprès des usagers"),
  question = L("Was the design informed by documented research with several user segments, and did it change the design?",
    "¿El diseño se basó en investigación documentada con varios segmentos de usuarios, y la investigación lo modificó?",
    "O desenho se baseou em pesquisa documentada com vários segmentos de usuários, e a pesquisa o modificou?",
    "La conception s'est-elle appuyée sur une recherche documentée auprès de plusieurs segments d'usagers, et l'a-t-elle modifiée ?"),
  weight = 1.5,
  reads = c.reads { "evidence.user_centred.research[].method", "evidence.user_centred.research[].sample_size",
    "evidence.user_centred.research[].segments", "evidence.user_centred.research[].findings",
    "evidence.user_centred.research[].design_changes", "evidence.user_centred.research_after_launch" },
  requires = { "evidence.user_centred" },
  references = { REF.principles, REF.framework, REF.clad_quality },
  levels = {
    [0] = L("No user research.", "Sin investigación con usuarios.", "Sem pesquisa com usuários.", "Aucune recherche auprès des usagers."),
    [1] = L("Research mentioned without method or sample.", "Investigación mencionada sin método ni muestra.",
      "Pesquisa mencionada sem método nem amostra.", "Recherche mentionnée sans méthode ni échantillon."),
    [2] = L("Research with a method and a sample.", "Investigación con método y muestra.", "Pesquisa com método e amostra.",
      "Recherche avec méthode et échantillon."),
    [3] = L("Two or more methods, two or more segments, documented findings.", "Dos o más métodos, dos o más segmentos, hallazgos documentados.",
      "Dois ou mais métodos, dois ou mais segmentos, achados documentados.", "Deux méthodes ou plus, deux segments ou plus, constats documentés."),
    [4] = L("As level 3, findings traced to design changes, and research continues after launch.",
      "Como el nivel 3, hallazgos vinculados a cambios de diseño, e investigación continua tras el lanzamiento.",
      "Como o nível 3, achados vinculados a mudanças de desenho, e pesquisa contínua após o lançamento.",
      "Comme le niveau 3, constats reliés à des changements de conception, et recherche poursuivie après le lancement."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.user_centred.research")
    if state == "absent" then return c.insufficient(ctx, "evidence.user_centred.research") end
    list = state == "given" and type(list) == "table" and list or {}
    local items, sampled, findings, changed = 0, {}, false, false
    for _, r in ipairs(list) do
      if type(r) == "table" or c.is_text(r) then items = items + 1 end
      if type(r) == "table" then
        if c.is_text(r.method) and type(r.sample_size) == "number" and r.sample_size > 0 then sampled[#sampled + 1] = r end
        if c.is_text(r.findings) then findings = true end
        if c.given(r.design_changes) then changed = true end
      end
    end
    local _, methods = c.distinct(sampled, "method")
    local _, segments = c.distinct(list, "segments")
    local level = c.ladder(ctx, {
      items >= 1,
      #sampled >= 1,
      methods >= K.research_methods and segments >= K.research_segments and findings,
      changed and c.get(case, "evidence.user_centred.research_after_launch") == true,
    })
    return c.finish(ctx, case, level, RESEARCH_GAPS, { "evidence.user_centred.research" })
  end,
}

---------------------------------------------------------------------------------------------
-- uc.journey
---------------------------------------------------------------------------------------------
local JOURNEY_GAPS = {
  [1] = {
    finding = L("No user journey or life event is mapped.", "No se mapea ningún recorrido de usuario ni hecho de vida.",
      "Nenhuma jornada do usuário nem evento da vida é mapeado.", "Aucun parcours usager ni événement de vie n'est cartographié."),
    text = L("Map the journey of a typical user from the moment the need arises to its resolution, including every office and document involved, {before_launch}.",
      "Mapee el recorrido de un usuario típico desde que surge la necesidad hasta su resolución, incluidas todas las oficinas y documentos involucrados, {before_launch}.",
      "Mapeie a jornada de um usuário típico desde o surgimento da necessidade até sua resolução, incluindo todos os órgãos e documentos envolvidos, {before_launch}.",
      "Cartographiez le parcours d'un usager type, de l'apparition du besoin à sa résolution, avec chaque guichet et chaque document concerné, {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.journeys" },
  },
  [2] = {
    finding = L("Journeys are named, but their steps and pain points are not documented.",
      "Se nombran recorridos, pero no se documentan sus pasos ni puntos de dolor.",
      "Jornadas são nomeadas, mas seus passos e pontos de dor não são documentados.",
      "Des parcours sont nommés, mais leurs étapes et points de friction ne sont pas documentés."),
    text = L("Document each journey step by step and mark the pain points (waits, repeated documents, trips), {before_launch}.",
      "Documente cada recorrido paso a paso y marque los puntos de dolor (esperas, documentos repetidos, traslados), {before_launch}.",
      "Documente cada jornada passo a passo e marque os pontos de dor (esperas, documentos repetidos, deslocamentos), {before_launch}.",
      "Documentez chaque parcours étape par étape et repérez les points de friction (attentes, documents redemandés, déplacements), {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.journeys[].steps", "evidence.user_centred.journeys[].pain_points" },
  },
  [3] = {
    finding = L("The journeys stop at the lead institution's door: none crosses two or more agencies.",
      "Los recorridos se detienen en la puerta de la institución líder: ninguno atraviesa dos o más entidades.",
      "As jornadas param na porta da instituição líder: nenhuma atravessa dois ou mais órgãos.",
      "Les parcours s'arrêtent à la porte de l'institution chef de file : aucun ne traverse deux administrations ou plus."),
    text = L("Extend the journey map across every agency the user deals with for this need, and agree with them which data will be exchanged instead of requested, {before_launch}.",
      "Extienda el mapa del recorrido a todas las entidades con las que el usuario trata por esta necesidad, y acuerde con ellas qué datos se intercambiarán en lugar de pedirse, {before_launch}.",
      "Estenda o mapa da jornada a todos os órgãos com que o usuário lida por essa necessidade, e combine com eles quais dados serão trocados em vez de solicitados, {before_launch}.",
      "Étendez la cartographie du parcours à toutes les administrations auxquelles l'usager a affaire pour ce besoin, et convenez avec elles des données échangées au lieu d'être demandées, {before_launch}."),
    priority = "medium", horizon = "medium", owner = "service", evidence = { "evidence.user_centred.journeys[].agencies" },
  },
  [4] = {
    finding = L("The cross-agency journey is not validated with users or not framed as a life event.",
      "El recorrido entre entidades no está validado con usuarios o no se plantea como hecho de vida.",
      "A jornada entre órgãos não foi validada com usuários ou não é enquadrada como evento da vida.",
      "Le parcours interadministrations n'est pas validé avec les usagers ou n'est pas pensé comme un événement de vie."),
    text = L("Validate the journey map with users, and organise the service around the life event (for example 'having a baby', 'starting a business') rather than around agencies, {first_year}.",
      "Valide el mapa del recorrido con usuarios y organice el servicio en torno al hecho de vida (por ejemplo 'tener un hijo', 'abrir una empresa') y no en torno a las entidades, {first_year}.",
      "Valide o mapa da jornada com usuários e organize o serviço em torno do evento da vida (por exemplo 'ter um filho', 'abrir uma empresa') e não em torno dos órgãos, {first_year}.",
      "Validez la cartographie avec les usagers et organisez le service autour de l'événement de vie (par exemple « avoir un enfant », « créer une entreprise ») plutôt qu'autour des administrations, {first_year}."),
    priority = "low", horizon = "medium", owner = "service", evidence = { "evidence.user_centred.journeys[].validated_with_users", "evidence.user_centred.journeys[].life_event" },
  },
}

local function step_count(steps)
  if type(steps) == "number" then return steps end
  if type(steps) == "table" then return #steps end
  return 0
end

local journey = m.indicator {
  id = "uc.journey",
  title = L("Journey and life-event mapping", "Mapeo de recorridos y hechos de vida", "Mapeamento de jornadas e eventos da vida",
    "Cartographie des parcours et événements de vie"),
  question = L("Is the user's journey mapped step by step across agencies, with pain points, validated with users around a life event?",
    "¿Está mapeado el recorrido del usuario paso a paso entre entidades, con puntos de dolor, validado con usuarios en torno a un hecho de vida?",
    "A jornada do usuário está mapeada passo a passo entre órgãos, com pontos de dor, validada com usuários em torno de um evento da vida?",
    "Le parcours de l'usager est-il cartographié étape par étape entre administrations, avec ses points de friction, validé avec les usagers autour d'un événement de vie ?"),
  reads = c.reads { "evidence.user_centred.journeys[].name", "evidence.user_centred.journeys[].steps",
    "evidence.user_centred.journeys[].pain_points", "evidence.user_centred.journeys[].agencies",
    "evidence.user_centred.journeys[].validated_with_users", "evidence.user_centred.journeys[].life_event" },
  requires = { "evidence.user_centred" },
  references = { REF.principles, REF.framework, REF.clad_quality },
  levels = {
    [0] = L("No journey mapped.", "Sin recorridos mapeados.", "Sem jornadas mapeadas.", "Aucun parcours cartographié."),
    [1] = L("Journeys named only.", "Solo se nombran recorridos.", "Apenas se nomeiam jornadas.", "Parcours seulement nommés."),
    [2] = L("A journey documented step by step, with pain points.", "Un recorrido documentado paso a paso, con puntos de dolor.",
      "Uma jornada documentada passo a passo, com pontos de dor.", "Un parcours documenté étape par étape, avec ses points de friction."),
    [3] = L("A documented journey that crosses two or more agencies.", "Un recorrido documentado que atraviesa dos o más entidades.",
      "Uma jornada documentada que atravessa dois ou mais órgãos.", "Un parcours documenté qui traverse deux administrations ou plus."),
    [4] = L("As level 3, validated with users and framed as a life event.", "Como el nivel 3, validado con usuarios y planteado como hecho de vida.",
      "Como o nível 3, validada com usuários e enquadrada como evento da vida.", "Comme le niveau 3, validé avec les usagers et pensé comme un événement de vie."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.user_centred.journeys")
    if state == "absent" then return c.insufficient(ctx, "evidence.user_centred.journeys") end
    list = state == "given" and type(list) == "table" and list or {}
    local named, documented, crossing, validated = false, false, false, false
    for _, j in ipairs(list) do
      if type(j) == "table" then
        if c.is_text(j.name) or c.is_text(j.life_event) then named = true end
        if step_count(j.steps) > 0 and c.given(j.pain_points) then
          documented = true
          local _, agencies = c.distinct(c.list(j.agencies))
          if agencies >= K.journey_agencies then
            crossing = true
            if j.validated_with_users == true and c.is_text(j.life_event) then validated = true end
          end
        end
      elseif c.is_text(j) then
        named = true
      end
    end
    local level = c.ladder(ctx, { named, documented, crossing, validated })
    return c.finish(ctx, case, level, JOURNEY_GAPS, { "evidence.user_centred.journeys" })
  end,
}

---------------------------------------------------------------------------------------------
-- uc.accessibility
---------------------------------------------------------------------------------------------
local OFFLINE = { phone = true, in_person = true, mail = true, intermediaries = true }
local DIMENSIONS = {
  offline = L("an offline channel (in person, phone, mail or intermediaries)", "un canal no digital (presencial, teléfono, correo o intermediarios)",
    "um canal não digital (presencial, telefone, correio ou intermediários)", "un canal hors ligne (en personne, téléphone, courrier ou intermédiaires)"),
  languages = L("service in two or more languages", "atención en dos o más idiomas", "atendimento em dois ou mais idiomas",
    "un service en deux langues ou plus"),
  disability = L("a disability accessibility standard (such as WCAG 2.1 AA)", "una norma de accesibilidad para personas con discapacidad (como WCAG 2.1 AA)",
    "uma norma de acessibilidade para pessoas com deficiência (como WCAG 2.1 AA)", "une norme d'accessibilité pour les personnes handicapées (comme WCAG 2.1 AA)"),
  assisted = L("assisted digital support for people with low digital skills", "asistencia digital para personas con bajas habilidades digitales",
    "apoio digital assistido para pessoas com baixas habilidades digitais", "un accompagnement numérique pour les personnes peu à l'aise avec le numérique"),
}

local ACCESS_GAPS = {
  [1] = {
    finding = L("The service is online only and no accessibility measure is stated.",
      "El servicio es solo en línea y no se declara ninguna medida de accesibilidad.",
      "O serviço é apenas on-line e nenhuma medida de acessibilidade é declarada.",
      "Le service est uniquement en ligne et aucune mesure d'accessibilité n'est indiquée."),
    text = L("Keep at least one offline channel (in person or by phone) for people without internet or digital skills, and state the accessibility measures, {before_launch}.",
      "Mantenga al menos un canal no digital (presencial o telefónico) para personas sin internet o sin habilidades digitales, e indique las medidas de accesibilidad, {before_launch}.",
      "Mantenha pelo menos um canal não digital (presencial ou por telefone) para pessoas sem internet ou sem habilidades digitais, e indique as medidas de acessibilidade, {before_launch}.",
      "Conservez au moins un canal hors ligne (en personne ou par téléphone) pour les personnes sans internet ou sans compétences numériques, et précisez les mesures d'accessibilité, {before_launch}."),
    priority = "high", horizon = "short", owner = "service", evidence = { "design.channels", "evidence.user_centred.accessibility" },
  },
  [2] = {
    finding = L("Accessibility is asserted in general terms, without specific measures.",
      "La accesibilidad se afirma en términos generales, sin medidas específicas.",
      "A acessibilidade é afirmada em termos gerais, sem medidas específicas.",
      "L'accessibilité est affirmée en termes généraux, sans mesures précises."),
    text = L("Turn the commitment into measures: {missing}, {before_launch}.",
      "Convierta el compromiso en medidas: {missing}, {before_launch}.",
      "Transforme o compromisso em medidas: {missing}, {before_launch}.",
      "Traduisez l'engagement en mesures : {missing}, {before_launch}."),
    priority = "high", horizon = "short", owner = "service", evidence = { "evidence.user_centred.accessibility" },
  },
  [3] = {
    finding = L("Accessibility covers fewer than three of four dimensions; missing: {missing}.",
      "La accesibilidad cubre menos de tres de cuatro dimensiones; faltan: {missing}.",
      "A acessibilidade cobre menos de três de quatro dimensões; faltam: {missing}.",
      "L'accessibilité couvre moins de trois dimensions sur quatre ; manquent : {missing}."),
    text = L("Add {missing}, {before_launch}.", "Agregue {missing}, {before_launch}.", "Acrescente {missing}, {before_launch}.",
      "Ajoutez {missing}, {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "design.channels", "evidence.user_centred.accessibility" },
  },
  [4] = {
    finding = L("Not every dimension is covered (missing: {missing}); level 4 also needs a test with people with disabilities.",
      "No se cubren todas las dimensiones (falta: {missing}); el nivel 4 exige además una prueba con personas con discapacidad.",
      "Nem todas as dimensões são cobertas (falta: {missing}); o nível 4 exige também um teste com pessoas com deficiência.",
      "Toutes les dimensions ne sont pas couvertes (manque : {missing}) ; le niveau 4 exige aussi un test avec des personnes handicapées."),
    text = L("Test the service with people with disabilities and with users of each language and channel, and fix what they cannot complete, {before_launch}.",
      "Pruebe el servicio con personas con discapacidad y con usuarios de cada idioma y canal, y corrija lo que no logren completar, {before_launch}.",
      "Teste o serviço com pessoas com deficiência e com usuários de cada idioma e canal, e corrija o que não conseguirem concluir, {before_launch}.",
      "Testez le service avec des personnes handicapées et des usagers de chaque langue et de chaque canal, et corrigez ce qu'ils ne parviennent pas à accomplir, {before_launch}."),
    priority = "low", horizon = "short", owner = "service", evidence = { "evidence.user_centred.accessibility.tested_with_disabled_users" },
  },
}

-- All four dimensions covered, none tested: the gap to level 4 is the test alone.
local ACCESS_GAPS_ALL_COVERED = {
  ACCESS_GAPS[1], ACCESS_GAPS[2], ACCESS_GAPS[3],
  {
    finding = L("All four dimensions are covered (offline channel, languages, disability standard, assisted digital), but the service has not been tested with people with disabilities.",
      "Se cubren las cuatro dimensiones (canal no digital, idiomas, norma de discapacidad, asistencia digital), pero el servicio no se ha probado con personas con discapacidad.",
      "As quatro dimensões são cobertas (canal não digital, idiomas, norma de deficiência, apoio digital assistido), mas o serviço não foi testado com pessoas com deficiência.",
      "Les quatre dimensions sont couvertes (canal hors ligne, langues, norme handicap, accompagnement numérique), mais le service n'a pas été testé avec des personnes handicapées."),
    text = ACCESS_GAPS[4].text,
    priority = ACCESS_GAPS[4].priority, horizon = ACCESS_GAPS[4].horizon, owner = ACCESS_GAPS[4].owner,
    evidence = ACCESS_GAPS[4].evidence,
  },
}

local accessibility = m.indicator {
  id = "uc.accessibility",
  title = L("Accessibility and inclusion", "Accesibilidad e inclusión", "Acessibilidade e inclusão", "Accessibilité et inclusion"),
  question = L("Can people offline, with disabilities, with low digital skills or speaking other languages use the service, and has this been tested?",
    "¿Pueden usar el servicio las personas sin conexión, con discapacidad, con bajas habilidades digitales o que hablan otros idiomas, y se ha probado?",
    "Podem usar o serviço as pessoas sem conexão, com deficiência, com baixas habilidades digitais ou que falam outros idiomas, e isso foi testado?",
    "Les personnes hors ligne, handicapées, peu à l'aise avec le numérique ou parlant d'autres langues peuvent-elles utiliser le service, et cela a-t-il été testé ?"),
  weight = 1.5,
  reads = c.reads { "design.channels", "evidence.user_centred.accessibility.statement",
    "evidence.user_centred.accessibility.languages", "evidence.user_centred.accessibility.disability_standard",
    "evidence.user_centred.accessibility.assisted_digital", "evidence.user_centred.accessibility.tested_with_disabled_users" },
  references = { REF.principles, REF.wcag, REF.crpd },
  levels = {
    [0] = L("Online only, no accessibility measure.", "Solo en línea, sin medidas de accesibilidad.", "Apenas on-line, sem medidas de acessibilidade.",
      "Uniquement en ligne, aucune mesure d'accessibilité."),
    [1] = L("Accessibility asserted without specific measures.", "Accesibilidad afirmada sin medidas específicas.",
      "Acessibilidade afirmada sem medidas específicas.", "Accessibilité affirmée sans mesures précises."),
    [2] = L("One or two of: offline channel, languages, disability standard, assisted digital.",
      "Una o dos de: canal no digital, idiomas, norma de discapacidad, asistencia digital.",
      "Uma ou duas de: canal não digital, idiomas, norma de deficiência, apoio digital assistido.",
      "Une ou deux parmi : canal hors ligne, langues, norme handicap, accompagnement numérique."),
    [3] = L("Three or four of those dimensions.", "Tres o cuatro de esas dimensiones.", "Três ou quatro dessas dimensões.",
      "Trois ou quatre de ces dimensions."),
    [4] = L("All four, and tested with people with disabilities.", "Las cuatro, y probadas con personas con discapacidad.",
      "As quatro, e testadas com pessoas com deficiência.", "Les quatre, et testées avec des personnes handicapées."),
  },
  evaluate = function(case, ctx)
    local ch_state, channels = c.state(case, "design.channels")
    local acc_state, acc = c.state(case, "evidence.user_centred.accessibility")
    if ch_state == "absent" and acc_state == "absent" then
      return c.insufficient(ctx, { "evidence.user_centred.accessibility", "design.channels" })
    end
    if type(acc) ~= "table" then acc = {} end
    local has = { offline = false, languages = false, disability = false, assisted = false }
    for _, ch in ipairs(c.list(channels)) do
      if OFFLINE[ch] then has.offline = true end
    end
    local _, languages = c.distinct(c.list(acc.languages))
    has.languages = languages >= K.accessibility_languages
    has.disability = c.is_text(acc.disability_standard)
    has.assisted = c.is_text(acc.assisted_digital)
    local dims, missing = 0, {}
    for _, key in ipairs({ "offline", "languages", "disability", "assisted" }) do
      if has[key] then dims = dims + 1 else missing[#missing + 1] = DIMENSIONS[key] end
    end
    local level = c.ladder(ctx, {
      dims >= 1 or c.is_text(acc.statement),
      dims >= 1,
      dims >= K.accessibility_dimensions,
      dims == 4 and acc.tested_with_disabled_users == true,
    })
    if #missing == 0 then
      return c.finish(ctx, case, level, ACCESS_GAPS_ALL_COVERED,
        { "design.channels", "evidence.user_centred.accessibility" })
    end
    return c.finish(ctx, case, level, ACCESS_GAPS, { "design.channels", "evidence.user_centred.accessibility" },
      { missing = i18n.join(missing, L("; ", "; ", "; ", " ; ")) })
  end,
}

---------------------------------------------------------------------------------------------
-- uc.service_standards
---------------------------------------------------------------------------------------------
local STANDARDS_GAPS = {
  [1] = {
    finding = L("No service standard is defined.", "No se define ningún estándar de servicio.", "Nenhum padrão de serviço é definido.",
      "Aucune norme de service n'est définie."),
    text = L("Define the service standards users can expect: maximum time to resolve a request, cost to the user, documents required, {before_launch}.",
      "Defina los estándares de servicio que los usuarios pueden esperar: tiempo máximo de resolución, costo para el usuario, documentos exigidos, {before_launch}.",
      "Defina os padrões de serviço que os usuários podem esperar: prazo máximo de resolução, custo para o usuário, documentos exigidos, {before_launch}.",
      "Définissez les normes de service auxquelles les usagers peuvent s'attendre : délai maximal de traitement, coût pour l'usager, pièces exigées, {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.standards" },
  },
  [2] = {
    finding = L("Standards are qualitative (\"faster\", \"simpler\") with no figure.", "Los estándares son cualitativos (\"más rápido\", \"más simple\") sin cifras.",
      "Os padrões são qualitativos (\"mais rápido\", \"mais simples\") sem números.", "Les normes sont qualitatives (« plus rapide », « plus simple ») sans chiffres."),
    text = L("Quantify the standards: a maximum number of days and a cost to the user (zero if free), {before_launch}.",
      "Cuantifique los estándares: un número máximo de días y un costo para el usuario (cero si es gratuito), {before_launch}.",
      "Quantifique os padrões: um número máximo de dias e um custo para o usuário (zero se gratuito), {before_launch}.",
      "Chiffrez les normes : un nombre maximal de jours et un coût pour l'usager (zéro si gratuit), {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.standards.max_days", "evidence.user_centred.standards.cost_to_user" },
  },
  [3] = {
    finding = L("Time and cost are not both quantified, or users will still have to provide data the State already holds.",
      "El tiempo y el costo no están ambos cuantificados, o los usuarios seguirán teniendo que aportar datos que el Estado ya tiene.",
      "O tempo e o custo não estão ambos quantificados, ou os usuários ainda terão de fornecer dados que o Estado já possui.",
      "Délai et coût ne sont pas tous deux chiffrés, ou les usagers devront encore fournir des données que l'État détient déjà."),
    text = L("Apply the once-only principle: list the data and documents users are asked for, obtain those the administration already holds through interoperability, and quantify time and cost, {before_launch}.",
      "Aplique el principio de una sola vez: enumere los datos y documentos que se piden a los usuarios, obtenga por interoperabilidad los que la administración ya tiene, y cuantifique tiempo y costo, {before_launch}.",
      "Aplique o princípio da única vez: liste os dados e documentos pedidos aos usuários, obtenha por interoperabilidade os que a administração já possui, e quantifique tempo e custo, {before_launch}.",
      "Appliquez le principe « dites-le nous une fois » : listez les données et pièces demandées aux usagers, obtenez par interopérabilité celles que l'administration détient déjà, et chiffrez délai et coût, {before_launch}."),
    priority = "medium", horizon = "medium", owner = "service", evidence = { "evidence.user_centred.standards.once_only" },
  },
  [4] = {
    finding = L("The standards are not published, or no satisfaction or completion metric will track them.",
      "Los estándares no se publican, o ninguna métrica de satisfacción o de finalización los seguirá.",
      "Os padrões não são publicados, ou nenhuma métrica de satisfação ou de conclusão os acompanhará.",
      "Les normes ne sont pas publiées, ou aucun indicateur de satisfaction ou d'achèvement ne les suivra."),
    text = L("Publish the standards (a service charter) and track user satisfaction and completion rates against targets, reporting them at least every quarter, {first_year}.",
      "Publique los estándares (una carta de servicio) y mida la satisfacción de los usuarios y la tasa de finalización frente a metas, informándolas al menos trimestralmente, {first_year}.",
      "Publique os padrões (uma carta de serviços) e meça a satisfação dos usuários e a taxa de conclusão frente a metas, informando-as pelo menos trimestralmente, {first_year}.",
      "Publiez les normes (une charte de service) et suivez la satisfaction des usagers et le taux d'achèvement par rapport à des cibles, au moins chaque trimestre, {first_year}."),
    priority = "low", horizon = "medium", owner = "service", evidence = { "evidence.user_centred.standards.published", "evidence.user_centred.metrics" },
  },
}

local standards = m.indicator {
  id = "uc.service_standards",
  title = L("Service standards", "Estándares de servicio", "Padrões de serviço", "Normes de service"),
  question = L("Are time, cost and once-only standards quantified, published and tracked with satisfaction or completion metrics?",
    "¿Los estándares de tiempo, costo y una sola vez están cuantificados, publicados y seguidos con métricas de satisfacción o finalización?",
    "Os padrões de tempo, custo e única vez estão quantificados, publicados e acompanhados com métricas de satisfação ou conclusão?",
    "Les normes de délai, de coût et de « dites-le nous une fois » sont-elles chiffrées, publiées et suivies par des indicateurs de satisfaction ou d'achèvement ?"),
  reads = c.reads { "evidence.user_centred.standards.statement", "evidence.user_centred.standards.max_days",
    "evidence.user_centred.standards.cost_to_user", "evidence.user_centred.standards.once_only",
    "evidence.user_centred.standards.published", "evidence.user_centred.metrics[].kind",
    "evidence.user_centred.metrics[].target" },
  requires = { "evidence.user_centred" },
  references = { REF.principles, REF.framework, REF.clad_quality },
  levels = {
    [0] = L("No service standard.", "Sin estándares de servicio.", "Sem padrões de serviço.", "Aucune norme de service."),
    [1] = L("Qualitative commitments only.", "Solo compromisos cualitativos.", "Apenas compromissos qualitativos.",
      "Engagements qualitatifs seulement."),
    [2] = L("Time or cost quantified.", "Tiempo o costo cuantificado.", "Tempo ou custo quantificado.", "Délai ou coût chiffré."),
    [3] = L("Time and cost quantified, with once-only.", "Tiempo y costo cuantificados, con una sola vez.",
      "Tempo e custo quantificados, com única vez.", "Délai et coût chiffrés, avec « dites-le nous une fois »."),
    [4] = L("As level 3, published and tracked with satisfaction or completion targets.",
      "Como el nivel 3, publicados y seguidos con metas de satisfacción o finalización.",
      "Como o nível 3, publicados e acompanhados com metas de satisfação ou conclusão.",
      "Comme le niveau 3, publiées et suivies avec des cibles de satisfaction ou d'achèvement."),
  },
  evaluate = function(case, ctx)
    local state, s = c.state(case, "evidence.user_centred.standards")
    if state == "absent" then return c.insufficient(ctx, "evidence.user_centred.standards") end
    if type(s) ~= "table" then s = {} end
    local days, cost = type(s.max_days) == "number", type(s.cost_to_user) == "number"
    local tracked = false
    for _, metric in ipairs(c.list(case, "evidence.user_centred.metrics")) do
      if type(metric) == "table" and (metric.kind == "satisfaction" or metric.kind == "completion")
        and type(metric.target) == "number" then
        tracked = true
      end
    end
    local level = c.ladder(ctx, {
      state == "given",
      days or cost,
      days and cost and s.once_only == true,
      s.published == true and tracked,
    })
    return c.finish(ctx, case, level, STANDARDS_GAPS, { "evidence.user_centred.standards", "evidence.user_centred.metrics" })
  end,
}

---------------------------------------------------------------------------------------------
-- uc.testing
---------------------------------------------------------------------------------------------
local TESTING_GAPS = {
  [1] = {
    finding = L("No test with users is planned before launch.", "No se prevé ninguna prueba con usuarios antes del lanzamiento.",
      "Nenhum teste com usuários está previsto antes do lançamento.", "Aucun test avec des usagers n'est prévu avant le lancement."),
    text = L("Plan usability tests of a prototype with real users, {before_launch}, leaving time to fix what they reveal.",
      "Planifique pruebas de usabilidad de un prototipo con usuarios reales, {before_launch}, dejando tiempo para corregir lo que revelen.",
      "Planeje testes de usabilidade de um protótipo com usuários reais, {before_launch}, deixando tempo para corrigir o que revelarem.",
      "Prévoyez des tests d'utilisabilité d'un prototype avec de vrais usagers, {before_launch}, en laissant le temps de corriger ce qu'ils révèlent."),
    priority = "high", horizon = "short", owner = "service", evidence = { "evidence.user_centred.prototype_tests" },
  },
  [2] = {
    finding = L("Tests are mentioned, but none is dated before the launch with a number of participants.",
      "Se mencionan pruebas, pero ninguna está fechada antes del lanzamiento con un número de participantes.",
      "Testes são mencionados, mas nenhum está datado antes do lançamento com um número de participantes.",
      "Des tests sont mentionnés, mais aucun n'est daté avant le lancement avec un nombre de participants."),
    text = L("Date the prototype tests before the launch and set the number of participants per round, {before_launch}.",
      "Fije fecha a las pruebas del prototipo antes del lanzamiento y el número de participantes por ronda, {before_launch}.",
      "Defina a data dos testes do protótipo antes do lançamento e o número de participantes por rodada, {before_launch}.",
      "Datez les tests du prototype avant le lancement et fixez le nombre de participants par série, {before_launch}."),
    priority = "high", horizon = "short", owner = "service", evidence = { "evidence.user_centred.prototype_tests[].date" },
  },
  [3] = {
    finding = L("Pre-launch tests involve fewer than five users or record no change made as a result.",
      "Las pruebas previas al lanzamiento involucran a menos de cinco usuarios o no registran cambios resultantes.",
      "Os testes anteriores ao lançamento envolvem menos de cinco usuários ou não registram mudanças resultantes.",
      "Les tests avant lancement concernent moins de cinq usagers ou ne consignent aucune modification qui en résulte."),
    text = L("Test with at least five users per round and record what was changed after each round, {before_launch}.",
      "Pruebe con al menos cinco usuarios por ronda y registre qué se cambió después de cada ronda, {before_launch}.",
      "Teste com pelo menos cinco usuários por rodada e registre o que foi mudado após cada rodada, {before_launch}.",
      "Testez avec au moins cinq usagers par série et consignez ce qui a été modifié après chaque série, {before_launch}."),
    priority = "medium", horizon = "short", owner = "service", evidence = { "evidence.user_centred.prototype_tests" },
  },
  [4] = {
    finding = L("Only one round of testing is planned before launch, or it covers a single user segment.",
      "Solo se prevé una ronda de pruebas antes del lanzamiento, o abarca un solo segmento de usuarios.",
      "Só se prevê uma rodada de testes antes do lançamento, ou ela abrange um só segmento de usuários.",
      "Une seule série de tests est prévue avant le lancement, ou elle ne couvre qu'un segment d'usagers."),
    text = L("Iterate: run at least two rounds of tests before launch, with users from different segments (including people with low digital skills), {before_launch}.",
      "Itere: realice al menos dos rondas de pruebas antes del lanzamiento, con usuarios de distintos segmentos (incluidas personas con bajas habilidades digitales), {before_launch}.",
      "Itere: realize pelo menos duas rodadas de testes antes do lançamento, com usuários de diferentes segmentos (incluindo pessoas com baixas habilidades digitais), {before_launch}.",
      "Itérez : menez au moins deux séries de tests avant le lancement, avec des usagers de segments différents (y compris des personnes peu à l'aise avec le numérique), {before_launch}."),
    priority = "low", horizon = "short", owner = "service", evidence = { "evidence.user_centred.prototype_tests" },
  },
}

local testing = m.indicator {
  id = "uc.testing",
  title = L("Usability tests before launch", "Pruebas de usabilidad antes del lanzamiento", "Testes de usabilidade antes do lançamento",
    "Tests d'utilisabilité avant le lancement"),
  question = L("Is a prototype tested with enough users before launch, in several rounds and segments, with changes recorded?",
    "¿Se prueba un prototipo con suficientes usuarios antes del lanzamiento, en varias rondas y segmentos, registrando los cambios?",
    "Um protótipo é testado com usuários suficientes antes do lançamento, em várias rodadas e segmentos, registrando as mudanças?",
    "Un prototype est-il testé avec assez d'usagers avant le lancement, en plusieurs séries et segments, avec les modifications consignées ?"),
  reads = c.reads { "evidence.user_centred.prototype_tests[].date", "evidence.user_centred.prototype_tests[].participants",
    "evidence.user_centred.prototype_tests[].segments", "evidence.user_centred.prototype_tests[].changes",
    "identification.planned_launch" },
  requires = { "evidence.user_centred" },
  references = { REF.principles, "Nielsen, J. (2000), Why you only need to test with 5 users (usability testing in small iterative rounds)" },
  levels = {
    [0] = L("No test with users.", "Sin pruebas con usuarios.", "Sem testes com usuários.", "Aucun test avec les usagers."),
    [1] = L("Tests mentioned, undated or without participants.", "Pruebas mencionadas, sin fecha o sin participantes.",
      "Testes mencionados, sem data ou sem participantes.", "Tests mentionnés, non datés ou sans participants."),
    [2] = L("A dated test before launch with participants.", "Una prueba fechada antes del lanzamiento con participantes.",
      "Um teste datado antes do lançamento com participantes.", "Un test daté avant le lancement avec des participants."),
    [3] = L("A pre-launch test with five or more users and recorded changes.", "Una prueba previa al lanzamiento con cinco o más usuarios y cambios registrados.",
      "Um teste anterior ao lançamento com cinco ou mais usuários e mudanças registradas.", "Un test avant lancement avec cinq usagers ou plus et des modifications consignées."),
    [4] = L("Two or more rounds before launch, across two or more user segments.", "Dos o más rondas antes del lanzamiento, con dos o más segmentos de usuarios.",
      "Duas ou mais rodadas antes do lançamento, com dois ou mais segmentos de usuários.", "Deux séries ou plus avant le lancement, sur deux segments d'usagers ou plus."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.user_centred.prototype_tests")
    if state == "absent" then return c.insufficient(ctx, "evidence.user_centred.prototype_tests") end
    list = state == "given" and type(list) == "table" and list or {}
    local launch_n = dates.day_number(c.launch(case))
    local any, before, good = false, {}, false
    for _, t in ipairs(list) do
      if type(t) == "table" or c.is_text(t) then any = true end
      if type(t) == "table" then
        local n = dates.day_number(t.date)
        if n and (launch_n == nil or n < launch_n) and type(t.participants) == "number" and t.participants > 0 then
          before[#before + 1] = t
          if t.participants >= K.usability_users and c.given(t.changes) then good = true end
        end
      end
    end
    local _, rounds = c.distinct(before, "date")
    local _, segments = c.distinct(before, "segments")
    local level = c.ladder(ctx, { any, #before >= 1, good, rounds >= 2 and segments >= 2 })
    return c.finish(ctx, case, level, TESTING_GAPS, { "evidence.user_centred.prototype_tests" })
  end,
}

return m.criterion {
  id = "user_centred",
  title = L("User-centred", "Centrado en las personas usuarias", "Centrado nos usuários", "Centré sur les usagers"),
  description = L(
    "Weighted mean (rounded down). User research and accessibility weigh 1.5: a service designed without its users, or that people offline or with disabilities cannot use, fails regardless of its other qualities.",
    "Media ponderada (redondeada hacia abajo). La investigación con usuarios y la accesibilidad pesan 1,5: un servicio diseñado sin sus usuarios, o que no pueden usar las personas sin conexión o con discapacidad, fracasa cualesquiera sean sus otras cualidades.",
    "Média ponderada (arredondada para baixo). A pesquisa com usuários e a acessibilidade pesam 1,5: um serviço desenhado sem seus usuários, ou que pessoas sem conexão ou com deficiência não conseguem usar, fracassa quaisquer que sejam suas outras qualidades.",
    "Moyenne pondérée (arrondie vers le bas). La recherche auprès des usagers et l'accessibilité pèsent 1,5 : un service conçu sans ses usagers, ou inutilisable par les personnes hors ligne ou handicapées, échoue quelles que soient ses autres qualités."),
  aggregation = "weighted_mean",
  indicators = c.indicators { research, journey, accessibility, standards, testing },
}
