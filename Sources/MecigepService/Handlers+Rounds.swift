import Foundation
import Hummingbird
import MecigepStore

extension Service {
    func listRounds(_ call: Call) async throws -> Response {
        let user = try call.user
        guard user.role != .methodologist else { throw APIError.forbidden("methodologists see frameworks, not rounds") }
        return try Reply.json(["rounds": try await store.rounds().filter { Access.canSee($0, user) }])
    }

    func createRound(_ call: Call) async throws -> Response {
        let round = try await createRoundValue(call)
        return try Reply.json(round, status: .created, headers: [.location: "/api/rounds/\(round.id)"])
    }

    func createRoundValue(_ call: Call) async throws -> StoredRound {
        let user = try call.user
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the Technical Secretariat opens rounds") }
        let object = try await call.object(limit: 64 << 10)
        let fields = Fields(object)
        let caseID = try fields.require("case", max: 64)
        let framework = try fields.string("framework", required: false, max: 200) ?? "mecigep-core"
        let language = try fields.string("language", required: false, max: 8) ?? "en"
        guard serviceLanguages.contains(language) else { throw APIError.unprocessable("language: one of en, es, pt, fr") }
        guard let list = object["peers"] as? [[String: Any]] else {
            throw APIError.unprocessable("peers: a list of 2 or 3 peer States ({\"country\": \"UY\", \"institution\": \"...\"})")
        }
        let peers = try list.enumerated().map { index, entry -> RoundPeer in
            let f = Fields(entry)
            let country = try f.require("country", max: 2)
            guard isCountryCode(country) else { throw APIError.unprocessable("peers[\(index)].country: two capital letters, e.g. UY") }
            return RoundPeer(country: country, institution: try f.string("institution", required: false, max: 500))
        }
        guard (2...3).contains(peers.count) else { throw APIError.unprocessable("peers: a round has 2 or 3 peer States") }
        guard Set(peers.map(\.country)).count == peers.count else { throw APIError.unprocessable("peers: each State once") }
        guard let stored = try await store.storedCase(id: caseID) else { throw APIError.notFound("no such case") }
        if peers.contains(where: { $0.country == stored.country }) {
            throw APIError.unprocessable("peers: \(stored.country) is the beneficiary State; a peer must be another State")
        }
        guard try await currentFramework(framework) != nil else {
            throw APIError.unprocessable("framework: \(framework) is not in the rules folder (GET /api/frameworks lists them)")
        }
        return try await store.createRound(id: Identifier.make(), caseID: caseID, framework: framework, language: language,
                                           peers: peers, openedBy: user.id, audit: AuditEvent(user: user, action: "round.open"))
    }

    func visibleRound(_ call: Call) async throws -> (StoredRound, User) {
        let user = try call.user
        guard let round = try await store.round(id: try call.parameter("round")), Access.canSee(round, user) else {
            throw APIError.notFound("no such round")
        }
        return (round, user)
    }

    struct RoundView: Encodable {
        var round: StoredRound
        var assessment: StoredAssessment?
        var agreedLevels: [AgreedLevel]
        var beneficiaryComment: BeneficiaryComment?
        /// Which peers have submitted, drafted or not started (no content).
        var inputs: [String: String]
    }

    func getRound(_ call: Call) async throws -> Response {
        let (round, _) = try await visibleRound(call)
        let stored = try await store.peerInputs(roundID: round.id)
        var inputs: [String: String] = [:]
        for peer in round.peers { inputs[peer.country] = stored.first { $0.country == peer.country }?.status.rawValue ?? "none" }
        return try Reply.json(RoundView(round: round, assessment: try await store.latestAssessment(roundID: round.id)?.0,
                                        agreedLevels: try await store.agreedLevels(roundID: round.id),
                                        beneficiaryComment: try await store.comment(roundID: round.id), inputs: inputs))
    }

    func getAssessment(_ call: Call) async throws -> Response {
        let (round, _) = try await visibleRound(call)
        guard let (assessment, result) = try await store.latestAssessment(roundID: round.id) else {
            throw APIError.notFound("the round has not been assessed yet")
        }
        var body: [String: Any] = ["assessment": (try? JSONSerialization.jsonObject(with: Reply.encoder.encode(assessment))) ?? [:]]
        if let result, let object = try? JSONSerialization.jsonObject(with: result) { body["result"] = object }
        return Reply.object(body)
    }

    func listInputs(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        let inputs = try await store.peerInputs(roundID: round.id).filter { Access.canSee($0, in: round, user) }
        return Reply.object(["inputs": inputs.map(inputObject)])
    }

    func inputObject(_ input: PeerInput) -> [String: Any] {
        ["country": input.country, "status": input.status.rawValue, "updated_at": input.updatedAt,
         "document": (try? JSONSerialization.jsonObject(with: Data(input.document.utf8))) ?? [:]]
    }

    func getInput(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        let country = try call.parameter("country")
        guard round.peers.contains(where: { $0.country == country }) else { throw APIError.notFound("no such peer") }
        guard let input = try await store.peerInputs(roundID: round.id).first(where: { $0.country == country }),
              Access.canSee(input, in: round, user) else { throw APIError.notFound("no input from \(country)") }
        return Reply.object(inputObject(input))
    }

    /// A peer saves its input (a draft, or submitted with `"submit": true`); checked with the
    /// round file's own rules, each problem with its path.
    func saveInput(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        let country = try call.parameter("country")
        guard round.peers.contains(where: { $0.country == country }) else { throw APIError.notFound("no such peer") }
        guard user.role == .peer, user.country == country else {
            throw APIError.forbidden("only the peer State \(country) enters its input")
        }
        var object = try await call.object(limit: 1 << 20)
        let submit = try Fields(object).bool("submit")
        object["submit"] = nil
        let allowed: Set<String> = ["levels", "comments", "experience", "recommendations", "delegation", "name"]
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw APIError.unprocessable("\(unknown): unknown field; a peer's input has \(allowed.sorted().joined(separator: ", "))")
        }
        // The round file's own rules, on this peer's entry; its paths given relative to the entry.
        let document = RoundDocument(round: round, submitted: nil, frameworkSHA256: nil, inputs: [country: object], agreed: [],
                                     comment: nil, reportDate: nil)
        let entry = "peers[\((round.peers.firstIndex { $0.country == country } ?? 0) + 1)]"
        let problems = document.problems().compactMap { p -> (path: String, message: String)? in
            if p.path == entry { return ("(input)", p.message) }
            return p.path.hasPrefix(entry + ".") ? (String(p.path.dropFirst(entry.count + 1)), p.message) : nil
        }
        if !problems.isEmpty { throw APIError.invalid(problems) }
        if let shape = try await assessedShape(round), let levels = object["levels"] as? [String: Any] {
            let offScale = levels.sorted { $0.key < $1.key }.compactMap { criterion, value -> (path: String, message: String)? in
                let level = (value as? Int).map(String.init) ?? (value as? String) ?? "\(value)"
                if !shape.criteria.contains(criterion) {
                    return ("levels.\(criterion)", "not a criterion of the framework (\(shape.criteria.joined(separator: ", ")))")
                }
                return shape.levels.contains(level) ? nil
                    : ("levels.\(criterion)", "\(level) is not on the scale (\(shape.levels.joined(separator: ", ")))")
            }
            if !offScale.isEmpty { throw APIError.invalid(offScale) }
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        let saved = try await store.savePeerInput(roundID: round.id, country: country, document: text, submit: submit, by: user.id,
                                                  audit: AuditEvent(user: user, action: submit ? "peer.submit" : "peer.draft"))
        return Reply.object(inputObject(saved))
    }

    func setAgreed(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the Secretariat records agreed levels") }
        let indicator = try call.parameter("indicator")
        let fields = Fields(try await call.object(limit: 64 << 10))
        let justification = try fields.require("justification", max: 20_000)
        let object = fields.object["level"]
        let level = (object as? Int).map(String.init) ?? (object as? String)
        guard let level else { throw APIError.unprocessable("level: required (a level of the framework's scale)") }
        guard let shape = try await assessedShape(round) else {
            throw APIError.conflict("assess the round first: agreed levels are set against the assessment's indicators")
        }
        guard shape.indicators.contains(indicator) else { throw APIError.notFound("no indicator \(indicator) in the assessment") }
        guard shape.levels.contains(level) else {
            throw APIError.unprocessable("level: \(level) is not on the scale (\(shape.levels.joined(separator: ", ")))")
        }
        let agreed = AgreedLevel(roundID: round.id, indicator: indicator, level: level, justification: justification,
                                 author: user.id, createdAt: SQLiteStore.timestamp(clock()))
        try await store.setAgreedLevel(agreed, audit: AuditEvent(user: user, action: "round.agreed_level"))
        return try Reply.json(agreed)
    }

    func setComment(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        guard user.role == .beneficiary else { throw APIError.forbidden("the beneficiary State writes its comments") }
        let text = try Fields(try await call.object(limit: 256 << 10)).require("text", max: 100_000)
        return try Reply.json(try await store.setComment(roundID: round.id, text: text, author: user.id,
                                                         audit: AuditEvent(user: user, action: "round.comment")))
    }

    func requestFollowUp(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        guard user.role == .beneficiary else { throw APIError.forbidden("only the beneficiary State asks for a follow-up") }
        return try Reply.json(try await store.requestFollowUp(roundID: round.id, audit: AuditEvent(user: user, action: "round.follow_up")))
    }

    func getReport(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        let format = call.request.query("format") ?? "html"
        let language = call.request.query("lang") ?? (serviceLanguages.contains(user.language) ? user.language : round.language)
        guard ["html", "md", "json"].contains(format) else { throw APIError.badRequest("format: html, md or json") }
        guard serviceLanguages.contains(language) else { throw APIError.badRequest("lang: en, es, pt or fr") }
        let followUp = call.request.query("follow_up") != nil
        guard !(followUp && format == "json") else { throw APIError.badRequest("the follow-up is in html or md") }
        guard round.status == .published,
              let report = try await store.report(roundID: round.id, format: (followUp ? "follow-up-" : "") + format,
                                                  language: format == "json" ? "all" : language) else {
            throw APIError.notFound(followUp ? "no follow-up recorded" : "the report is not published yet")
        }
        let type = ["html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "json": "application/json"][format]!
        var headers: HTTPFields = [.eTag: "\"\(report.sha256)\""]
        if call.request.query("download") != nil {
            headers[.contentDisposition] = "attachment; filename=\"report-\(round.id)-\(language).\(format)\""
        }
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return Reply.bytes(report.body, type: type, headers: headers)
    }

    /// The criteria, indicators and scale levels of the round's latest assessment, to check levels against.
    func assessedShape(_ round: StoredRound) async throws -> (criteria: [String], indicators: [String], levels: [String])? {
        guard let (_, result) = try await store.latestAssessment(roundID: round.id), let result,
              let assessment = try? JSONSerialization.jsonObject(with: result) as? [String: Any] else { return nil }
        let criteria = assessment["criteria"] as? [[String: Any]] ?? []
        let indicators = criteria.flatMap { ($0["indicators"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        let scale = ((assessment["framework"] as? [String: Any])?["scale"] as? [String: Any])?["levels"] as? [[String: Any]] ?? []
        let levels = scale.compactMap { l -> String? in (l["id"] as? Int).map(String.init) ?? (l["id"] as? String) }
        return (criteria.compactMap { $0["id"] as? String }, indicators, levels)
    }
}
