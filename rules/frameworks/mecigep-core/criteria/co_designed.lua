--- Criterion 3, co-designed: the people affected, the vulnerable among them and the frontline
-- staff who will deliver the initiative shaped it; engagement went beyond informing; inputs
-- received a documented response; and governance is shared in implementation.
--
-- Anchors: OECD Recommendation of the Council on Open Government (2017), provision 8; OGP
-- Participation and Co-Creation Standards; the IAP2 spectrum of public participation (inform,
-- consult, involve, collaborate, empower); OECD Guidelines for Citizen Participation
-- Processes (2022).
-- @module frameworks.mecigep-core.criteria.co_designed

local m = require "mecigep"
local text = require "lib.text"
local i18n = require "lib.i18n"
local c = require "frameworks.mecigep-core.common"
local K = require("frameworks.mecigep-core.calibration").values
-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, tostring, math = type, ipairs, tostring, math

local L = c.L

local REF = {
  clad_participation = "CLAD (2009), Carta Iberoamericana de Participación Ciudadana en la Gestión Pública",
  clad_open = "CLAD (2016), Carta Iberoamericana de Gobierno Abierto",
  oecd = "OECD (2017), Recommendation of the Council on Open Government (OECD/LEGAL/0438), provision 8: stakeholders' opportunities to be informed and consulted and actively engaged in all phases of the policy cycle and service design and delivery",
  ogp = "Open Government Partnership (2021), OGP Participation and Co-Creation Standards (reasoned response, inclusive participation, multi-stakeholder forum)",
  iap2 = "IAP2 Spectrum of Public Participation (International Association for Public Participation): inform, consult, involve, collaborate, empower",
  guidelines = "OECD (2022), OECD Guidelines for Citizen Participation Processes",
}

local AFFECTED = text.keywords {
  en = { "user*", "beneficiar*", "citizen*", "resident*", "taxpayer*", "applicant*", "patient*", "student*", "famil*", "households", "communit*", "affected population" },
  es = { "usuari*", "beneficiari*", "ciudadan*", "vecin*", "contribuyente*", "solicitante*", "pacientes", "estudiantes", "familias", "hogares", "comunidad*", "poblacion afectada" },
  pt = { "usuari*", "beneficiari*", "cidada*", "morador*", "contribuinte*", "requerente*", "pacientes", "estudantes", "familias", "domicilios", "comunidade*", "populacao afetada" },
  fr = { "usager*", "beneficiaire*", "citoyen*", "habitant*", "contribuable*", "demandeur*", "patients", "eleves", "etudiants", "familles", "menages", "communaute*", "population concernee" },
}
local VULNERABLE = text.keywords {
  en = { "women", "indigenous", "afro*", "disabilit*", "disabled", "older", "elderly", "rural", "migrant*", "refugee*", "youth", "poor", "poverty", "low income", "lgbt*", "vulnerable" },
  es = { "mujeres", "indigena*", "pueblos originarios", "afrodescendiente*", "discapacidad", "personas mayores", "adultos mayores", "rural*", "migrante*", "refugiad*", "jovenes", "pobreza", "bajos ingresos", "vulnerable*" },
  pt = { "mulheres", "indigena*", "quilombola*", "afrodescendente*", "deficiencia", "idosos", "pessoas idosas", "rura*", "migrante*", "refugiad*", "jovens", "pobreza", "baixa renda", "vulnerave*" },
  fr = { "femmes", "autochtone*", "indigene*", "afrodescendant*", "handicap*", "personnes agees", "aines", "rura*", "migrant*", "refugie*", "jeunes", "pauvrete", "faible revenu", "vulnerable*" },
}
local FRONTLINE = text.keywords {
  en = { "frontline", "front line", "street level", "caseworker*", "civil servant*", "public servant*", "staff", "officer*", "teacher*", "nurse*", "clerk*", "agents" },
  es = { "primera linea", "funcionari*", "servidores publicos", "personal", "ventanilla", "docentes", "maestr*", "enfermer*", "agentes", "trabajadores sociales" },
  pt = { "linha de frente", "servidor*", "funcionari*", "atendentes", "balcao", "professor*", "enfermeir*", "agentes" },
  fr = { "premiere ligne", "agent*", "fonctionnaire*", "personnel", "guichet*", "enseignant*", "infirmier*", "travailleurs sociaux" },
}

local GROUP_NAMES = {
  vulnerable = L("vulnerable groups", "grupos vulnerables", "grupos vulneráveis", "groupes vulnérables"),
  frontline = L("frontline staff", "personal de primera línea", "servidores da linha de frente", "personnel de première ligne"),
  affected = L("the affected population", "la población afectada", "a população afetada", "la population concernée"),
}

local TYPE_SUGGESTION = L("\"{name}\" has no type; its name suggests type: {type}. Record the type: the level counts declared types only.",
  "\"{name}\" no tiene type; su nombre sugiere type: {type}. Registre el tipo: el nivel solo cuenta tipos declarados.",
  "\"{name}\" não tem type; seu nome sugere type: {type}. Registre o tipo: o nível só conta tipos declarados.",
  "« {name} » n'a pas de type ; son nom suggère type: {type}. Indiquez le type : le niveau ne compte que les types déclarés.")

--- What a stakeholder is, by its declared `type` only (the name is the State's own words). For
-- an untyped stakeholder whose name suggests a type, a suggestion for `validate`.
local function stakeholder_class(s, ctx, path)
  local t = type(s) == "table" and s.type or nil
  if t == nil and ctx then
    local words = type(s) == "table" and { s.name, s.description } or { s }
    local name = type(s) == "table" and (s.name or s.description) or s
    for _, guess in ipairs({ { "vulnerable_group", VULNERABLE }, { "frontline_staff", FRONTLINE }, { "affected_population", AFFECTED } }) do
      if text.contains_any(words, guess[2]) then
        ctx.suggest(i18n.format(TYPE_SUGGESTION, { name = tostring(name), type = guess[1] }), path)
        break
      end
    end
  end
  return {
    affected = t == "affected_population" or t == "users",
    vulnerable = t == "vulnerable_group",
    frontline = t == "frontline_staff",
  }
end

---------------------------------------------------------------------------------------------
-- cd.stakeholders
---------------------------------------------------------------------------------------------
local STAKEHOLDER_GAPS = {
  [1] = {
    finding = L("No stakeholder is identified.", "No se identifica ningún actor.", "Nenhum ator é identificado.",
      "Aucune partie prenante n'est identifiée."),
    text = L("Map the stakeholders: the affected population and its vulnerable groups, the frontline staff who will deliver the initiative, civil society and partner agencies, {before_launch}.",
      "Mapee a los actores: la población afectada y sus grupos vulnerables, el personal de primera línea que ejecutará la iniciativa, la sociedad civil y las entidades socias, {before_launch}.",
      "Mapeie os atores: a população afetada e seus grupos vulneráveis, os servidores da linha de frente que executarão a iniciativa, a sociedade civil e os órgãos parceiros, {before_launch}.",
      "Cartographiez les parties prenantes : la population concernée et ses groupes vulnérables, le personnel de première ligne qui mettra en œuvre l'initiative, la société civile et les organismes partenaires, {before_launch}."),
    priority = "high", horizon = "short", owner = "participation", evidence = { "evidence.co_design.stakeholders" },
  },
  [2] = {
    finding = L("The stakeholders listed do not include the affected population itself.",
      "Los actores enumerados no incluyen a la propia población afectada.",
      "Os atores listados não incluem a própria população afetada.",
      "Les parties prenantes citées n'incluent pas la population concernée elle-même."),
    text = L("Add the people the initiative serves (users, beneficiaries or their organisations) to the stakeholder map and plan how to reach them, {before_launch}.",
      "Agregue al mapa de actores a las personas a las que sirve la iniciativa (usuarios, beneficiarios o sus organizaciones) y planifique cómo llegar a ellas, {before_launch}.",
      "Acrescente ao mapa de atores as pessoas a quem a iniciativa serve (usuários, beneficiários ou suas organizações) e planeje como alcançá-las, {before_launch}.",
      "Ajoutez à la cartographie les personnes que sert l'initiative (usagers, bénéficiaires ou leurs organisations) et prévoyez comment les atteindre, {before_launch}."),
    priority = "high", horizon = "short", owner = "participation", evidence = { "evidence.co_design.stakeholders" },
  },
  [3] = {
    finding = L("The stakeholders do not include {missing}.", "Los actores no incluyen {missing}.",
      "Os atores não incluem {missing}.", "Les parties prenantes n'incluent pas {missing}."),
    text = L("Include {missing} among the stakeholders, with a specific way to reach each (for example sessions in indigenous languages, visits to rural offices, meetings with frontline staff during working hours), {before_launch}.",
      "Incluya {missing} entre los actores, con una forma específica de llegar a cada uno (por ejemplo sesiones en lenguas indígenas, visitas a oficinas rurales, reuniones con el personal de primera línea en horario laboral), {before_launch}.",
      "Inclua {missing} entre os atores, com uma forma específica de alcançar cada um (por exemplo sessões em línguas indígenas, visitas a escritórios rurais, reuniões com servidores da linha de frente no horário de trabalho), {before_launch}.",
      "Incluez {missing} parmi les parties prenantes, avec un moyen précis d'atteindre chacun (par exemple des séances en langues autochtones, des visites dans les bureaux ruraux, des réunions avec le personnel de première ligne pendant les heures de travail), {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.stakeholders" },
  },
  [4] = {
    finding = L("Not every stakeholder has a defined role, or no outreach measure reaches the vulnerable groups.",
      "No todos los actores tienen un rol definido, o ninguna medida de alcance llega a los grupos vulnerables.",
      "Nem todos os atores têm um papel definido, ou nenhuma medida de alcance chega aos grupos vulneráveis.",
      "Toutes les parties prenantes n'ont pas de rôle défini, ou aucune mesure ne va au-devant des groupes vulnérables."),
    text = L("Give each stakeholder a defined role in design and implementation, and budget specific outreach to vulnerable groups (transport, interpretation, childcare, schedules), {before_launch}.",
      "Asigne a cada actor un rol definido en el diseño y la implementación, y presupueste acciones específicas de alcance a grupos vulnerables (transporte, interpretación, cuidado infantil, horarios), {before_launch}.",
      "Atribua a cada ator um papel definido no desenho e na implementação, e orce ações específicas de alcance a grupos vulneráveis (transporte, interpretação, cuidado infantil, horários), {before_launch}.",
      "Donnez à chaque partie prenante un rôle défini dans la conception et la mise en œuvre, et budgétisez des actions spécifiques vers les groupes vulnérables (transport, interprétation, garde d'enfants, horaires), {before_launch}."),
    priority = "low", horizon = "short", owner = "participation", evidence = { "evidence.co_design.stakeholders[].role", "evidence.co_design.stakeholders[].outreach" },
  },
}

local stakeholders = m.indicator {
  id = "cd.stakeholders",
  title = L("Stakeholders: affected, vulnerable, frontline", "Actores: afectados, vulnerables, primera línea",
    "Atores: afetados, vulneráveis, linha de frente", "Parties prenantes : concernés, vulnérables, première ligne"),
  question = L("Are the affected population, its vulnerable groups and frontline staff among the stakeholders, each with a role?",
    "¿La población afectada, sus grupos vulnerables y el personal de primera línea están entre los actores, cada uno con un rol?",
    "A população afetada, seus grupos vulneráveis e os servidores da linha de frente estão entre os atores, cada um com um papel?",
    "La population concernée, ses groupes vulnérables et le personnel de première ligne font-ils partie des parties prenantes, chacun avec un rôle ?"),
  reads = c.reads { "evidence.co_design.stakeholders[].name", "evidence.co_design.stakeholders[].type",
    "evidence.co_design.stakeholders[].role", "evidence.co_design.stakeholders[].outreach" },
  requires = { "evidence.co_design" },
  references = { REF.oecd, REF.ogp, REF.guidelines, REF.clad_participation },
  levels = {
    [0] = L("No stakeholder identified.", "Sin actores identificados.", "Sem atores identificados.", "Aucune partie prenante identifiée."),
    [1] = L("Stakeholders listed, but not the affected population.", "Actores enumerados, pero no la población afectada.",
      "Atores listados, mas não a população afetada.", "Parties prenantes citées, mais pas la population concernée."),
    [2] = L("The affected population is included, but not both vulnerable groups and frontline staff.",
      "Se incluye a la población afectada, pero no a la vez a grupos vulnerables y personal de primera línea.",
      "A população afetada é incluída, mas não ao mesmo tempo grupos vulneráveis e servidores da linha de frente.",
      "La population concernée est incluse, mais pas à la fois les groupes vulnérables et le personnel de première ligne."),
    [3] = L("Affected population, vulnerable groups and frontline staff are all included.",
      "Se incluyen la población afectada, los grupos vulnerables y el personal de primera línea.",
      "Incluem-se a população afetada, os grupos vulneráveis e os servidores da linha de frente.",
      "La population concernée, les groupes vulnérables et le personnel de première ligne sont tous inclus."),
    [4] = L("As level 3, three or more stakeholders with a stated role, and specific outreach to vulnerable groups.",
      "Como el nivel 3, tres o más actores con un rol declarado, y acciones de alcance específicas para grupos vulnerables.",
      "Como o nível 3, três ou mais atores com um papel declarado, e ações de alcance específicas para grupos vulneráveis.",
      "Comme le niveau 3, trois parties prenantes ou plus avec un rôle déclaré, et des actions spécifiques vers les groupes vulnérables."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.co_design.stakeholders")
    if state == "absent" then return c.insufficient(ctx, "evidence.co_design.stakeholders") end
    list = state == "given" and type(list) == "table" and list or {}
    local n, affected, vulnerable, frontline, roles, outreach = 0, false, false, false, 0, false
    for i, s in ipairs(list) do
      if type(s) == "table" or c.is_text(s) then
        n = n + 1
        local class = stakeholder_class(s, ctx, "evidence.co_design.stakeholders[" .. i .. "].type")
        affected = affected or class.affected
        frontline = frontline or class.frontline
        if class.vulnerable then
          vulnerable = true
          if type(s) == "table" and c.is_text(s.outreach) then outreach = true end
        end
        if type(s) == "table" and c.is_text(s.role) then roles = roles + 1 end
      end
    end
    local level = c.ladder(ctx, { n >= 1, affected, affected and vulnerable and frontline, roles >= K.stakeholders_with_roles and outreach })
    local missing = {}
    if not vulnerable then missing[#missing + 1] = GROUP_NAMES.vulnerable end
    if not frontline then missing[#missing + 1] = GROUP_NAMES.frontline end
    if #missing == 0 then missing[1] = GROUP_NAMES.affected end
    return c.finish(ctx, case, level, STAKEHOLDER_GAPS, { "evidence.co_design.stakeholders" },
      { missing = i18n.join(missing, " / ") })
  end,
}

---------------------------------------------------------------------------------------------
-- cd.engagement_level
---------------------------------------------------------------------------------------------
local SPECTRUM = { inform = 1, consult = 2, involve = 3, collaborate = 4, empower = 5 }
local SPECTRUM_NAMES = {
  [1] = L("inform", "informar", "informar", "informer"),
  [2] = L("consult", "consultar", "consultar", "consulter"),
  [3] = L("involve", "involucrar", "envolver", "impliquer"),
  [4] = L("collaborate", "colaborar", "colaborar", "collaborer"),
  [5] = L("empower", "empoderar", "empoderar", "habiliter (pouvoir de décision)"),
}
local METHOD_LEVELS = {
  { 5, text.keywords {
    en = { "participatory budget*", "binding vote", "citizens decide", "vote", "referendum", "delegated decision*" },
    es = { "presupuesto participativo", "presupuestos participativos", "votacion vinculante", "votacion", "consulta vinculante", "deciden" },
    pt = { "orcamento participativo", "orcamentos participativos", "votacao", "consulta vinculante", "decidem" },
    fr = { "budget participatif", "budgets participatifs", "vote", "votation", "referendum", "decision deleguee" },
  } },
  { 4, text.keywords {
    en = { "co design", "codesign", "co creation", "cocreation", "co production", "co-production", "joint working group", "design sprint with users" },
    es = { "codiseno", "co diseno", "cocreacion", "co creacion", "coproduccion", "mesa de trabajo conjunta", "mesa tecnica conjunta" },
    pt = { "codesenho", "co desenho", "cocriacao", "co criacao", "coproducao", "grupo de trabalho conjunto" },
    fr = { "co conception", "coconception", "co construction", "coconstruction", "cocreation", "co creation", "coproduction", "groupe de travail conjoint" },
  } },
  { 3, text.keywords {
    en = { "workshop*", "focus group*", "deliberat*", "citizen panel*", "citizens assembly", "advisory council", "round table*" },
    es = { "taller*", "grupo focal", "grupos focales", "deliberat*", "panel ciudadano", "asamblea ciudadana", "consejo consultivo", "mesa de dialogo", "mesas de dialogo" },
    pt = { "oficina*", "grupo focal", "grupos focais", "deliberat*", "painel cidadao", "assembleia cidada", "conselho consultivo", "mesa redonda" },
    fr = { "atelier*", "groupe de discussion", "groupes de discussion", "deliberat*", "panel citoyen", "assemblee citoyenne", "conseil consultatif", "table ronde" },
  } },
  { 2, text.keywords {
    en = { "survey*", "consultation*", "public comment*", "hearing*", "interview*", "questionnaire*" },
    es = { "encuesta*", "consulta*", "audiencia* publica*", "comentarios", "entrevista*", "cuestionario*" },
    pt = { "pesquisa*", "consulta*", "audiencia* publica*", "comentarios", "entrevista*", "questionario*" },
    fr = { "enquete*", "consultation*", "audience* publique*", "commentaires", "entretien*", "questionnaire*" },
  } },
  { 1, text.keywords {
    en = { "website", "press", "information session*", "campaign*", "newsletter*", "announcement*", "briefing*" },
    es = { "sitio web", "pagina web", "prensa", "difusion", "campana*", "sesion informativa", "boletin*", "comunicado*" },
    pt = { "site", "pagina web", "imprensa", "divulgacao", "campanha*", "sessao informativa", "boletim", "comunicado*" },
    fr = { "site web", "site internet", "presse", "diffusion", "campagne*", "seance d information", "bulletin*", "communique*" },
  } },
}

--- The spectrum level of an activity (1 inform … 5 empower): its `level`, else its method or
-- description matched against the methods typical of each level; nil when unknown.
local LEVEL_SUGGESTION = L("Activity {n} has no level; its method suggests level: {level}. Record the level: untyped activities count as unknown.",
  "La actividad {n} no tiene level; su método sugiere level: {level}. Registre el nivel: las actividades sin nivel cuentan como desconocidas.",
  "A atividade {n} não tem level; seu método sugere level: {level}. Registre o nível: atividades sem nível contam como desconhecidas.",
  "L'activité {n} n'a pas de level ; sa méthode suggère level: {level}. Indiquez le niveau : une activité sans niveau compte comme inconnue.")
local LEVEL_CODES = { "inform", "consult", "involve", "collaborate", "empower" }

--- The spectrum level of an activity (1 inform … 5 empower) from its declared `level`; nil
-- when the case does not say. The method's words only feed a suggestion for `validate`.
local function activity_level(a, ctx, n)
  if type(a) ~= "table" then return nil end
  if SPECTRUM[a.level] then return SPECTRUM[a.level] end
  if ctx then
    for _, entry in ipairs(METHOD_LEVELS) do
      if text.contains_any({ a.method, a.description }, entry[2]) then
        ctx.suggest(i18n.format(LEVEL_SUGGESTION, { n = n, level = LEVEL_CODES[entry[1]] }),
          "evidence.co_design.activities[" .. n .. "].level")
        break
      end
    end
  end
  return nil
end

local ENGAGEMENT_GAPS = {
  [1] = {
    finding = L("No one outside the administration took part in designing the initiative.",
      "Nadie fuera de la administración participó en el diseño de la iniciativa.",
      "Ninguém fora da administração participou do desenho da iniciativa.",
      "Personne en dehors de l'administration n'a participé à la conception de l'initiative."),
    text = L("Before the design is final, consult the affected population and frontline staff on the problem and the proposed solution (survey plus at least one workshop), {before_launch}.",
      "Antes de cerrar el diseño, consulte a la población afectada y al personal de primera línea sobre el problema y la solución propuesta (encuesta y al menos un taller), {before_launch}.",
      "Antes de fechar o desenho, consulte a população afetada e os servidores da linha de frente sobre o problema e a solução proposta (pesquisa e pelo menos uma oficina), {before_launch}.",
      "Avant d'arrêter la conception, consultez la population concernée et le personnel de première ligne sur le problème et la solution proposée (enquête et au moins un atelier), {before_launch}."),
    priority = "high", horizon = "short", owner = "participation", evidence = { "evidence.co_design.activities" },
  },
  [2] = {
    finding = L("Engagement at the design stage stopped at informing the public.",
      "La participación en la etapa de diseño se limitó a informar al público.",
      "A participação na etapa de desenho limitou-se a informar o público.",
      "La participation au stade de la conception s'est limitée à informer le public."),
    text = L("Move from informing to consulting: open a structured consultation on the draft design, with a deadline and a promise to publish what changed as a result, {before_launch}.",
      "Pase de informar a consultar: abra una consulta estructurada sobre el borrador del diseño, con plazo y el compromiso de publicar qué cambió como resultado, {before_launch}.",
      "Passe de informar a consultar: abra uma consulta estruturada sobre o rascunho do desenho, com prazo e o compromisso de publicar o que mudou em consequência, {before_launch}.",
      "Passez de l'information à la consultation : ouvrez une consultation structurée sur le projet de conception, avec une échéance et l'engagement de publier ce qui a changé en conséquence, {before_launch}."),
    priority = "high", horizon = "short", owner = "participation", evidence = { "evidence.co_design.activities[].level" },
  },
  [3] = {
    finding = L("Engagement at the design stage reached consultation only: people gave opinions, but did not work on the design.",
      "La participación en la etapa de diseño solo llegó a la consulta: las personas opinaron, pero no trabajaron en el diseño.",
      "A participação na etapa de desenho chegou apenas à consulta: as pessoas opinaram, mas não trabalharam no desenho.",
      "La participation au stade de la conception s'est arrêtée à la consultation : les personnes ont donné leur avis sans travailler sur la conception."),
    text = L("Involve users and frontline staff directly: run design workshops in which they test and change the proposed service or rules, {before_launch}.",
      "Involucre directamente a usuarios y personal de primera línea: realice talleres de diseño en los que prueben y modifiquen el servicio o las reglas propuestos, {before_launch}.",
      "Envolva diretamente usuários e servidores da linha de frente: realize oficinas de desenho em que testem e modifiquem o serviço ou as regras propostos, {before_launch}.",
      "Impliquez directement usagers et personnel de première ligne : organisez des ateliers de conception où ils testent et modifient le service ou les règles proposés, {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.activities[].level" },
  },
  [4] = {
    finding = L("Engagement reached 'involve', but decisions stayed with the administration.",
      "La participación llegó a 'involucrar', pero las decisiones quedaron en manos de la administración.",
      "A participação chegou a 'envolver', mas as decisões ficaram com a administração.",
      "La participation a atteint « impliquer », mais les décisions sont restées à l'administration."),
    text = L("Set up a co-design group of users (including vulnerable groups) and frontline staff that shares decisions with the project team on priorities and prototypes{example}, {first_year}.",
      "Conforme un grupo de codiseño de usuarios (incluidos grupos vulnerables) y personal de primera línea que comparta las decisiones con el equipo del proyecto sobre prioridades y prototipos{example}, {first_year}.",
      "Forme um grupo de codesenho de usuários (incluindo grupos vulneráveis) e servidores da linha de frente que compartilhe as decisões com a equipe do projeto sobre prioridades e protótipos{example}, {first_year}.",
      "Créez un groupe de co-conception d'usagers (y compris des groupes vulnérables) et de personnel de première ligne qui partage avec l'équipe de projet les décisions sur les priorités et les prototypes{example}, {first_year}."),
    priority = "low", horizon = "medium", owner = "participation", evidence = { "evidence.co_design.activities[].level" },
    example = { areas = { "open_government", "public_budget", "decentralization" },
      text = L(", as Porto Alegre's participatory budget did for investment priorities", ", como hizo el presupuesto participativo de Porto Alegre con las prioridades de inversión",
        ", como fez o orçamento participativo de Porto Alegre com as prioridades de investimento", ", comme le budget participatif de Porto Alegre pour les priorités d'investissement") },
  },
}

local engagement = m.indicator {
  id = "cd.engagement_level",
  title = L("Depth of engagement at the design stage", "Profundidad de la participación en el diseño",
    "Profundidade da participação no desenho", "Profondeur de la participation à la conception"),
  question = L("How far along the spectrum (inform, consult, involve, collaborate, empower) did engagement go while the initiative was designed?",
    "¿Hasta dónde llegó la participación en el espectro (informar, consultar, involucrar, colaborar, empoderar) durante el diseño de la iniciativa?",
    "Até onde chegou a participação no espectro (informar, consultar, envolver, colaborar, empoderar) durante o desenho da iniciativa?",
    "Jusqu'où la participation est-elle allée sur l'échelle (informer, consulter, impliquer, collaborer, habiliter) pendant la conception ?"),
  weight = 2,
  reads = c.reads { "evidence.co_design.activities[].stage", "evidence.co_design.activities[].level",
    "evidence.co_design.activities[].method", "evidence.co_design.activities[].description" },
  requires = { "evidence.co_design" },
  references = { REF.iap2, REF.oecd, REF.ogp, REF.clad_participation },
  levels = {
    [0] = L("No engagement at the design stage.", "Sin participación en la etapa de diseño.", "Sem participação na etapa de desenho.",
      "Aucune participation au stade de la conception."),
    [1] = L("Inform: the public was told about the initiative.", "Informar: se comunicó la iniciativa al público.",
      "Informar: a iniciativa foi comunicada ao público.", "Informer : le public a été informé de l'initiative."),
    [2] = L("Consult: opinions were collected (surveys, comments, hearings).", "Consultar: se recogieron opiniones (encuestas, comentarios, audiencias).",
      "Consultar: opiniões foram coletadas (pesquisas, comentários, audiências).", "Consulter : des avis ont été recueillis (enquêtes, commentaires, auditions)."),
    [3] = L("Involve: people worked on the design (workshops, focus groups, deliberation).",
      "Involucrar: las personas trabajaron en el diseño (talleres, grupos focales, deliberación).",
      "Envolver: as pessoas trabalharam no desenho (oficinas, grupos focais, deliberação).",
      "Impliquer : les personnes ont travaillé sur la conception (ateliers, groupes de discussion, délibération)."),
    [4] = L("Collaborate or empower: decisions were shared or delegated (co-design, participatory budgeting).",
      "Colaborar o empoderar: se compartieron o delegaron decisiones (codiseño, presupuesto participativo).",
      "Colaborar ou empoderar: decisões foram compartilhadas ou delegadas (codesenho, orçamento participativo).",
      "Collaborer ou habiliter : les décisions ont été partagées ou déléguées (co-conception, budget participatif)."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.co_design.activities")
    if state == "absent" then return c.insufficient(ctx, "evidence.co_design.activities") end
    list = state == "given" and type(list) == "table" and list or {}
    local best, best_at = 0, nil
    for i, a in ipairs(list) do
      local stage = type(a) == "table" and a.stage or nil
      if stage == nil or stage == "diagnosis" or stage == "design" then
        local lv = activity_level(a, ctx, i) or 0
        if lv > best then best, best_at = lv, i end
      end
    end
    local level = c.ladder(ctx, { best >= 1, best >= 2, best >= 3, best >= 4 })
    if best_at then
      c.finding(ctx, case, L("Highest engagement at the design stage: {name} (activity {n}).",
        "Mayor participación en la etapa de diseño: {name} (actividad {n}).",
        "Maior participação na etapa de desenho: {name} (atividade {n}).",
        "Participation la plus poussée au stade de la conception : {name} (activité {n})."),
        { "evidence.co_design.activities[" .. best_at .. "]" }, { name = SPECTRUM_NAMES[best], n = best_at })
    end
    return c.finish(ctx, case, level, ENGAGEMENT_GAPS, { "evidence.co_design.activities" })
  end,
}

---------------------------------------------------------------------------------------------
-- cd.breadth
---------------------------------------------------------------------------------------------
local OFFLINE_SUGGESTION = L("Activity {n} reads as held in person; if so, record offline: true (the level reads the code, not the words).",
  "La actividad {n} parece presencial; si lo fue, registre offline: true (el nivel lee el código, no las palabras).",
  "A atividade {n} parece presencial; se foi, registre offline: true (o nível lê o código, não as palavras).",
  "L'activité {n} semble avoir eu lieu en présentiel ; si oui, indiquez offline: true (le niveau lit le code, pas les mots).")

local IN_PERSON = text.keywords {
  en = { "in person", "face to face", "door to door", "town hall*", "community meeting*", "workshop*", "visit*" },
  es = { "presencial*", "cara a cara", "puerta a puerta", "cabildo*", "asamblea*", "taller*", "visita*" },
  pt = { "presencia*", "cara a cara", "porta a porta", "assembleia*", "oficina*", "visita*" },
  fr = { "en personne", "presentiel*", "face a face", "porte a porte", "reunion publique", "assemblee*", "atelier*", "visite*" },
}

local BREADTH_GAPS = {
  [1] = {
    finding = L("No engagement activity is reported.", "No se informa ninguna actividad de participación.",
      "Nenhuma atividade de participação é informada.", "Aucune activité de participation n'est signalée."),
    text = L("Plan the engagement: which groups, through which methods, where and when, and how many people you aim to reach, {before_launch}.",
      "Planifique la participación: qué grupos, con qué métodos, dónde y cuándo, y a cuántas personas busca llegar, {before_launch}.",
      "Planeje a participação: quais grupos, com quais métodos, onde e quando, e quantas pessoas pretende alcançar, {before_launch}.",
      "Planifiez la participation : quels groupes, par quelles méthodes, où et quand, et combien de personnes vous visez, {before_launch}."),
    priority = "high", horizon = "short", owner = "participation", evidence = { "evidence.co_design.activities" },
  },
  [2] = {
    finding = L("Activities are reported without the number of participants.",
      "Se informan actividades sin el número de participantes.",
      "Atividades são informadas sem o número de participantes.",
      "Des activités sont signalées sans le nombre de participants."),
    text = L("Record the number of participants in every activity (and who they were), and report it in the case, {before_launch}.",
      "Registre el número de participantes de cada actividad (y quiénes fueron) e infórmelo en el caso, {before_launch}.",
      "Registre o número de participantes de cada atividade (e quem foram) e informe-o no caso, {before_launch}.",
      "Enregistrez le nombre de participants à chaque activité (et qui ils étaient) et indiquez-le dans le cas, {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.activities[].participants" },
  },
  [3] = {
    finding = L("{people} participants through {methods} method(s), from {groups} distinct group(s): a narrow base.",
      "{people} participantes mediante {methods} método(s), de {groups} grupo(s) distinto(s): una base estrecha.",
      "{people} participantes por meio de {methods} método(s), de {groups} grupo(s) distinto(s): uma base estreita.",
      "{people} participants par {methods} méthode(s), issus de {groups} groupe(s) distinct(s) : une base étroite."),
    text = L("Widen participation: combine at least two methods (for example an online survey and territorial workshops) and reach at least three distinct groups, including those least likely to take part, {before_launch}.",
      "Amplíe la participación: combine al menos dos métodos (por ejemplo una encuesta en línea y talleres territoriales) y llegue al menos a tres grupos distintos, incluidos los que menos suelen participar, {before_launch}.",
      "Amplie a participação: combine pelo menos dois métodos (por exemplo uma pesquisa on-line e oficinas territoriais) e alcance pelo menos três grupos distintos, incluindo os que menos costumam participar, {before_launch}.",
      "Élargissez la participation : combinez au moins deux méthodes (par exemple une enquête en ligne et des ateliers territoriaux) et touchez au moins trois groupes distincts, y compris ceux qui participent le moins, {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.activities" },
  },
  [4] = {
    finding = L("Participation is not disaggregated, relies on fewer than three methods, or has no in-person channel for people offline.",
      "La participación no está desagregada, usa menos de tres métodos o no tiene un canal presencial para quienes no están en línea.",
      "A participação não está desagregada, usa menos de três métodos ou não tem canal presencial para quem está off-line.",
      "La participation n'est pas ventilée, repose sur moins de trois méthodes ou n'offre pas de canal en personne aux personnes hors ligne."),
    text = L("Add an in-person channel for people without internet, use at least three methods, and report participants by sex, age and territory, {first_year}.",
      "Agregue un canal presencial para personas sin internet, use al menos tres métodos e informe los participantes por sexo, edad y territorio, {first_year}.",
      "Acrescente um canal presencial para pessoas sem internet, use pelo menos três métodos e informe os participantes por sexo, idade e território, {first_year}.",
      "Ajoutez un canal en personne pour les personnes sans internet, utilisez au moins trois méthodes et ventilez les participants par sexe, âge et territoire, {first_year}."),
    priority = "low", horizon = "medium", owner = "participation", evidence = { "evidence.co_design.activities[].participants_breakdown" },
  },
}

local breadth = m.indicator {
  id = "cd.breadth",
  title = L("Breadth and diversity of participation", "Amplitud y diversidad de la participación",
    "Amplitude e diversidade da participação", "Ampleur et diversité de la participation"),
  question = L("How many people took part, through how many methods, from how many groups, and can people offline take part?",
    "¿Cuántas personas participaron, con cuántos métodos, de cuántos grupos, y pueden participar quienes no están en línea?",
    "Quantas pessoas participaram, com quantos métodos, de quantos grupos, e podem participar as pessoas off-line?",
    "Combien de personnes ont participé, par combien de méthodes, issues de combien de groupes, et les personnes hors ligne peuvent-elles participer ?"),
  reads = c.reads { "evidence.co_design.activities[].participants", "evidence.co_design.activities[].method",
    "evidence.co_design.activities[].groups", "evidence.co_design.activities[].offline",
    "evidence.co_design.activities[].participants_breakdown" },
  requires = { "evidence.co_design" },
  references = { REF.ogp, REF.guidelines, REF.oecd },
  levels = {
    [0] = L("No activity.", "Sin actividades.", "Sem atividades.", "Aucune activité."),
    [1] = L("Activities without participant numbers.", "Actividades sin número de participantes.",
      "Atividades sem número de participantes.", "Activités sans nombre de participants."),
    [2] = L("Participants counted, through a single method or few groups.", "Participantes contados, con un solo método o pocos grupos.",
      "Participantes contados, com um só método ou poucos grupos.", "Participants comptés, par une seule méthode ou peu de groupes."),
    [3] = L("Two or more methods and three or more distinct groups.", "Dos o más métodos y tres o más grupos distintos.",
      "Dois ou mais métodos e três ou mais grupos distintos.", "Deux méthodes ou plus et trois groupes distincts ou plus."),
    [4] = L("As level 3, three or more methods including in person, with participants disaggregated.",
      "Como el nivel 3, tres o más métodos incluido uno presencial, con participantes desagregados.",
      "Como o nível 3, três ou mais métodos incluindo um presencial, com participantes desagregados.",
      "Comme le niveau 3, trois méthodes ou plus dont une en personne, avec des participants ventilés."),
  },
  evaluate = function(case, ctx)
    local state, list = c.state(case, "evidence.co_design.activities")
    if state == "absent" then return c.insufficient(ctx, "evidence.co_design.activities") end
    list = state == "given" and type(list) == "table" and list or {}
    local people, offline, breakdown = 0, false, false
    local activities = {}
    for _, a in ipairs(list) do
      if type(a) == "table" then
        activities[#activities + 1] = a
        if type(a.participants) == "number" and a.participants > 0 then people = people + a.participants end
        if a.offline == true then offline = true end
        if a.offline == nil and text.contains_any({ a.method, a.description }, IN_PERSON) then
          ctx.suggest(i18n.format(OFFLINE_SUGGESTION, { n = #activities }), "evidence.co_design.activities[" .. #activities .. "].offline")
        end
        if c.given(a.participants_breakdown) then breakdown = true end
      end
    end
    local _, methods = c.distinct(activities, "format")
    local _, groups = c.distinct(activities, "groups")
    local level = c.ladder(ctx, {
      #activities >= 1,
      people > 0,
      methods >= K.engagement_formats_level3 and groups >= K.engagement_groups_level3,
      methods >= K.engagement_formats_level4 and offline and breakdown,
    })
    return c.finish(ctx, case, level, BREADTH_GAPS, { "evidence.co_design.activities" },
      { people = people, methods = methods, groups = groups })
  end,
}

---------------------------------------------------------------------------------------------
-- cd.feedback
---------------------------------------------------------------------------------------------
local FEEDBACK_GAPS = {
  [1] = {
    finding = L("No response to participants' inputs is documented.",
      "No se documenta ninguna respuesta a los aportes de los participantes.",
      "Nenhuma resposta às contribuições dos participantes é documentada.",
      "Aucune réponse aux contributions des participants n'est documentée."),
    text = L("Answer participants: record every input received and what was done with it, {before_launch}.",
      "Responda a los participantes: registre cada aporte recibido y qué se hizo con él, {before_launch}.",
      "Responda aos participantes: registre cada contribuição recebida e o que foi feito com ela, {before_launch}.",
      "Répondez aux participants : enregistrez chaque contribution reçue et la suite qui lui a été donnée, {before_launch}."),
    priority = "high", horizon = "short", owner = "participation", evidence = { "evidence.co_design.response" },
  },
  [2] = {
    finding = L("Inputs are said to have been taken into account, without a record of what was received.",
      "Se afirma que los aportes se tuvieron en cuenta, sin registro de lo recibido.",
      "Afirma-se que as contribuições foram consideradas, sem registro do que foi recebido.",
      "Les contributions auraient été prises en compte, sans trace de ce qui a été reçu."),
    text = L("Produce a record of the inputs received (how many, from whom, on what), {before_launch}.",
      "Elabore un registro de los aportes recibidos (cuántos, de quién, sobre qué), {before_launch}.",
      "Elabore um registro das contribuições recebidas (quantas, de quem, sobre o quê), {before_launch}.",
      "Établissez un relevé des contributions reçues (combien, de qui, sur quoi), {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.response" },
  },
  [3] = {
    finding = L("The record of inputs is not published, or does not say how many inputs were adopted.",
      "El registro de aportes no está publicado o no dice cuántos aportes se adoptaron.",
      "O registro das contribuições não está publicado ou não diz quantas foram adotadas.",
      "Le relevé des contributions n'est pas publié ou n'indique pas combien ont été retenues."),
    text = L("Publish the response report: inputs received, inputs adopted and what changed in the design, {before_launch}.",
      "Publique el informe de respuesta: aportes recibidos, aportes adoptados y qué cambió en el diseño, {before_launch}.",
      "Publique o relatório de resposta: contribuições recebidas, contribuições adotadas e o que mudou no desenho, {before_launch}.",
      "Publiez le rapport de réponse : contributions reçues, contributions retenues et ce qui a changé dans la conception, {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.response.published" },
  },
  [4] = {
    finding = L("Rejected inputs are not explained, or participants were not told the outcome.",
      "No se explican los aportes rechazados, o no se informó a los participantes del resultado.",
      "As contribuições rejeitadas não são explicadas, ou os participantes não foram informados do resultado.",
      "Les contributions rejetées ne sont pas expliquées, ou les participants n'ont pas été informés du résultat."),
    text = L("Give a reason for every input not adopted and hold a return session with participants to explain the final design (OGP's reasoned response), {before_launch}.",
      "Dé una razón para cada aporte no adoptado y realice una sesión de devolución con los participantes para explicar el diseño final (respuesta razonada de OGP), {before_launch}.",
      "Dê uma razão para cada contribuição não adotada e realize uma sessão de devolutiva com os participantes para explicar o desenho final (resposta fundamentada da OGP), {before_launch}.",
      "Motivez chaque contribution non retenue et organisez une séance de restitution avec les participants pour expliquer la conception finale (réponse motivée de l'OGP), {before_launch}."),
    priority = "low", horizon = "short", owner = "participation", evidence = { "evidence.co_design.response.reasons_given" },
  },
}

local feedback = m.indicator {
  id = "cd.feedback",
  title = L("Documented response to inputs", "Respuesta documentada a los aportes", "Resposta documentada às contribuições",
    "Réponse documentée aux contributions"),
  question = L("Is there a published record of the inputs received, those adopted, and the reasons for those rejected, returned to participants?",
    "¿Existe un registro publicado de los aportes recibidos, los adoptados y las razones de los rechazados, devuelto a los participantes?",
    "Existe um registro publicado das contribuições recebidas, das adotadas e das razões das rejeitadas, devolvido aos participantes?",
    "Existe-t-il un relevé publié des contributions reçues, retenues, et des motifs des rejets, restitué aux participants ?"),
  weight = 1.5,
  reads = c.reads { "evidence.co_design.response.statement", "evidence.co_design.response.document",
    "evidence.co_design.response.inputs_received", "evidence.co_design.response.inputs_adopted",
    "evidence.co_design.response.published", "evidence.co_design.response.reasons_given",
    "evidence.co_design.response.returned_to_participants" },
  requires = { "evidence.co_design" },
  references = { REF.ogp, REF.oecd, REF.guidelines, REF.clad_open },
  levels = {
    [0] = L("No response to inputs.", "Sin respuesta a los aportes.", "Sem resposta às contribuições.", "Aucune réponse aux contributions."),
    [1] = L("A response is asserted, without a record.", "Se afirma una respuesta, sin registro.", "Afirma-se uma resposta, sem registro.",
      "Une réponse est affirmée, sans relevé."),
    [2] = L("A record of the inputs received exists.", "Existe un registro de los aportes recibidos.",
      "Existe um registro das contribuições recebidas.", "Un relevé des contributions reçues existe."),
    [3] = L("A published record with the number of inputs received and adopted.", "Un registro publicado con el número de aportes recibidos y adoptados.",
      "Um registro publicado com o número de contribuições recebidas e adotadas.", "Un relevé publié avec le nombre de contributions reçues et retenues."),
    [4] = L("As level 3, with reasons for rejected inputs and a return to participants.",
      "Como el nivel 3, con razones para los aportes rechazados y devolución a los participantes.",
      "Como o nível 3, com razões para as contribuições rejeitadas e devolutiva aos participantes.",
      "Comme le niveau 3, avec les motifs des rejets et une restitution aux participants."),
  },
  evaluate = function(case, ctx)
    local state, r = c.state(case, "evidence.co_design.response")
    if state == "absent" then return c.insufficient(ctx, "evidence.co_design.response") end
    if type(r) ~= "table" then r = {} end
    local received = type(r.inputs_received) == "number" and r.inputs_received or nil
    local adopted = type(r.inputs_adopted) == "number" and r.inputs_adopted or nil
    local level = c.ladder(ctx, {
      state == "given",
      c.is_text(r.document) or (received ~= nil and received > 0),
      r.published == true and received ~= nil and received > 0 and adopted ~= nil,
      r.reasons_given == true and r.returned_to_participants == true,
    })
    if received and received > 0 and adopted then
      c.finding(ctx, case, L("{adopted} of {received} inputs were adopted ({pct} %).",
        "Se adoptaron {adopted} de {received} aportes ({pct} %).",
        "Foram adotadas {adopted} de {received} contribuições ({pct} %).",
        "{adopted} contributions sur {received} ont été retenues ({pct} %)."),
        { "evidence.co_design.response.inputs_received", "evidence.co_design.response.inputs_adopted" },
        { adopted = adopted, received = received, pct = i18n.number(math.floor(adopted / received * 1000 + 0.5) / 10) })
    end
    return c.finish(ctx, case, level, FEEDBACK_GAPS, { "evidence.co_design.response" })
  end,
}

---------------------------------------------------------------------------------------------
-- cd.joint_governance
---------------------------------------------------------------------------------------------
local GOVERNMENT = text.keywords {
  en = { "ministry", "ministries", "secretariat", "agency", "department", "municipalit*", "government", "office of", "presidency" },
  es = { "ministerio*", "secretaria", "agencia", "direccion", "municipalidad*", "municipio*", "gobierno", "intendencia*", "presidencia", "alcaldia*" },
  pt = { "ministerio*", "secretaria", "agencia", "departamento", "prefeitura*", "municipio*", "governo", "presidencia" },
  fr = { "ministere*", "secretariat", "agence", "direction", "municipalite*", "commune*", "gouvernement", "prefecture*", "presidence" },
}
local GOV_TYPES = { government = true, government_agency = true, subnational = true, subnational_government = true }
local SHARED = { co_decision = true, binding = true, decide = true }

local GOVERNANCE_GAPS = {
  [1] = {
    finding = L("No shared governance is planned for implementation.", "No se prevé una gobernanza compartida para la implementación.",
      "Não se prevê uma governança compartilhada para a implementação.", "Aucune gouvernance partagée n'est prévue pour la mise en œuvre."),
    text = L("Create a steering or follow-up body for implementation that includes users' and civil-society representatives, and state its composition, {before_launch}.",
      "Cree una instancia de conducción o seguimiento de la implementación que incluya a representantes de usuarios y sociedad civil, e indique su composición, {before_launch}.",
      "Crie uma instância de condução ou acompanhamento da implementação que inclua representantes de usuários e da sociedade civil, e indique sua composição, {before_launch}.",
      "Créez une instance de pilotage ou de suivi de la mise en œuvre incluant des représentants des usagers et de la société civile, et précisez sa composition, {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.governance" },
  },
  [2] = {
    finding = L("A governance body is announced, but its members are not named.",
      "Se anuncia una instancia de gobernanza, pero no se nombran sus miembros.",
      "Anuncia-se uma instância de governança, mas seus membros não são nomeados.",
      "Une instance de gouvernance est annoncée, mais ses membres ne sont pas désignés."),
    text = L("Name the body and its members (institutions and organisations), {before_launch}.",
      "Nombre la instancia y sus miembros (instituciones y organizaciones), {before_launch}.",
      "Nomeie a instância e seus membros (instituições e organizações), {before_launch}.",
      "Nommez l'instance et ses membres (institutions et organisations), {before_launch}."),
    priority = "medium", horizon = "short", owner = "participation", evidence = { "evidence.co_design.governance.members" },
  },
  [3] = {
    finding = L("The governance body has only government members, or no written mandate or meeting frequency.",
      "La instancia de gobernanza solo tiene miembros del gobierno, o no tiene mandato escrito ni frecuencia de reunión.",
      "A instância de governança só tem membros do governo, ou não tem mandato escrito nem frequência de reunião.",
      "L'instance de gouvernance ne compte que des membres de l'administration, ou n'a ni mandat écrit ni fréquence de réunion."),
    text = L("Open the body to users and civil society (seats, selection rule) and give it a written mandate and a meeting calendar, {before_launch}{example}.",
      "Abra la instancia a usuarios y sociedad civil (cupos, regla de selección) y dótela de un mandato escrito y un calendario de reuniones, {before_launch}{example}.",
      "Abra a instância a usuários e à sociedade civil (vagas, regra de seleção) e dê-lhe um mandato escrito e um calendário de reuniões, {before_launch}{example}.",
      "Ouvrez l'instance aux usagers et à la société civile (sièges, règle de sélection) et dotez-la d'un mandat écrit et d'un calendrier de réunions, {before_launch}{example}."),
    priority = "medium", horizon = "medium", owner = "participation", evidence = { "evidence.co_design.governance" },
    example = { areas = { "open_government", "digital_transformation" },
      text = L(", as Uruguay's information-society council did for AGESIC", ", como el consejo de la sociedad de la información de Uruguay para AGESIC",
        ", como o conselho da sociedade da informação do Uruguai para a AGESIC", ", comme le conseil de la société de l'information de l'Uruguay auprès d'AGESIC") },
  },
  [4] = {
    finding = L("The body is advisory only, or its minutes are not public.",
      "La instancia es solo consultiva, o sus actas no son públicas.",
      "A instância é apenas consultiva, ou suas atas não são públicas.",
      "L'instance est seulement consultative, ou ses comptes rendus ne sont pas publics."),
    text = L("Give the body a share in decisions on priorities and adjustments (co-decision on defined matters) and publish its minutes, {first_year}.",
      "Otorgue a la instancia participación en las decisiones sobre prioridades y ajustes (codecisión en materias definidas) y publique sus actas, {first_year}.",
      "Dê à instância participação nas decisões sobre prioridades e ajustes (codecisão em matérias definidas) e publique suas atas, {first_year}.",
      "Associez l'instance aux décisions sur les priorités et les ajustements (codécision sur des sujets définis) et publiez ses comptes rendus, {first_year}."),
    priority = "low", horizon = "medium", owner = "participation", evidence = { "evidence.co_design.governance.decision_rights" },
  },
}

local governance = m.indicator {
  id = "cd.joint_governance",
  title = L("Joint governance in implementation", "Gobernanza conjunta en la implementación",
    "Governança conjunta na implementação", "Gouvernance partagée de la mise en œuvre"),
  question = L("Will users and civil society share in steering the initiative, with a mandate, a calendar, decision rights and public minutes?",
    "¿Usuarios y sociedad civil participarán en la conducción de la iniciativa, con mandato, calendario, poder de decisión y actas públicas?",
    "Usuários e sociedade civil participarão da condução da iniciativa, com mandato, calendário, poder de decisão e atas públicas?",
    "Usagers et société civile participeront-ils au pilotage de l'initiative, avec mandat, calendrier, pouvoir de décision et comptes rendus publics ?"),
  reads = c.reads { "evidence.co_design.governance.body", "evidence.co_design.governance.members[].name",
    "evidence.co_design.governance.members[].type", "evidence.co_design.governance.mandate",
    "evidence.co_design.governance.frequency", "evidence.co_design.governance.decision_rights",
    "evidence.co_design.governance.public_minutes" },
  requires = { "evidence.co_design" },
  references = { REF.oecd, REF.ogp, REF.iap2, REF.clad_open },
  levels = {
    [0] = L("No shared governance.", "Sin gobernanza compartida.", "Sem governança compartilhada.", "Aucune gouvernance partagée."),
    [1] = L("A body is announced without members.", "Se anuncia una instancia sin miembros.", "Anuncia-se uma instância sem membros.",
      "Une instance est annoncée sans membres."),
    [2] = L("A body with named members, government only or without mandate and calendar.",
      "Una instancia con miembros nombrados, solo gubernamental o sin mandato ni calendario.",
      "Uma instância com membros nomeados, apenas governamental ou sem mandato nem calendário.",
      "Une instance aux membres désignés, uniquement administrative ou sans mandat ni calendrier."),
    [3] = L("Government and non-government members, a written mandate and a meeting frequency.",
      "Miembros gubernamentales y no gubernamentales, mandato escrito y frecuencia de reuniones.",
      "Membros governamentais e não governamentais, mandato escrito e frequência de reuniões.",
      "Membres administratifs et non administratifs, mandat écrit et fréquence de réunion."),
    [4] = L("As level 3, with a share in decisions and public minutes.", "Como el nivel 3, con participación en las decisiones y actas públicas.",
      "Como o nível 3, com participação nas decisões e atas públicas.", "Comme le niveau 3, avec une part des décisions et des comptes rendus publics."),
  },
  evaluate = function(case, ctx)
    local state, g = c.state(case, "evidence.co_design.governance")
    if state == "absent" then return c.insufficient(ctx, "evidence.co_design.governance") end
    if type(g) ~= "table" then g = {} end
    local members, non_gov = 0, 0
    for _, mb in ipairs(c.list(g.members)) do
      local name = type(mb) == "table" and mb.name or mb
      local t = type(mb) == "table" and mb.type or nil
      if c.is_text(name) or c.is_text(t) then
        members = members + 1
        if t == nil then
          local guess = text.contains_any(name, GOVERNMENT) and "government_agency" or "civil_society / users / academia / private_sector"
          ctx.suggest(i18n.format(TYPE_SUGGESTION, { name = tostring(name), type = guess }), "evidence.co_design.governance.members")
        elseif not GOV_TYPES[t] then
          non_gov = non_gov + 1
        end
      end
    end
    local level = c.ladder(ctx, {
      state == "given",
      members >= K.governance_members,
      non_gov >= 1 and c.is_text(g.mandate) and c.is_text(g.frequency),
      SHARED[g.decision_rights] == true and g.public_minutes == true,
    })
    return c.finish(ctx, case, level, GOVERNANCE_GAPS, { "evidence.co_design.governance" })
  end,
}

return m.criterion {
  id = "co_designed",
  title = L("Co-designed", "Codiseñado", "Codesenhado", "Co-conçu"),
  description = L(
    "Weighted mean (rounded down). The depth of engagement weighs 2 and the documented response 1.5: participation that stops at informing, or that never answers participants, is what open-government standards most warn against.",
    "Media ponderada (redondeada hacia abajo). La profundidad de la participación pesa 2 y la respuesta documentada 1,5: una participación que se queda en informar, o que nunca responde a los participantes, es lo que más advierten los estándares de gobierno abierto.",
    "Média ponderada (arredondada para baixo). A profundidade da participação pesa 2 e a resposta documentada 1,5: uma participação que fica em informar, ou que nunca responde aos participantes, é o que os padrões de governo aberto mais advertem.",
    "Moyenne pondérée (arrondie vers le bas). La profondeur de la participation pèse 2 et la réponse documentée 1,5 : une participation qui s'arrête à l'information, ou qui ne répond jamais aux participants, est ce contre quoi les standards du gouvernement ouvert mettent le plus en garde."),
  aggregation = "weighted_mean",
  indicators = c.indicators { stakeholders, engagement, breadth, feedback, governance },
}
