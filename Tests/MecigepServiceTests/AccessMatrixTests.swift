import Foundation
@testable import MecigepService
import MecigepStore
import Testing

/// The access matrix: for every route of the service, every role, and the caller's own or
/// another country, the status the caller gets. "Own" is the beneficiary State of the case
/// (BR) or a peer sitting in the round (UY); "other" is another State (AR) or a peer outside
/// the round (CL). For the Secretariat and methodologists, who have no country, both columns
/// are the same call. A route added to `Service.routes` without a row here fails the test.
@Suite(.serialized) struct AccessMatrixTests {
    /// Statuses in the order: secretariat own, other; beneficiary own, other; peer own, other;
    /// methodologist own, other.
    struct Row {
        var statuses: [Int]
        var setup: @Sendable (World, _ own: Bool, _ caller: String) async throws -> (path: String, body: String?)
    }

    /// A JSON body as text.
    static func js(_ object: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    static let callers: [(role: Role, own: String, other: String)] = [
        (.secretariat, "sec", "sec"), (.beneficiary, "br", "ar"), (.peer, "uy", "cl"), (.methodologist, "meth", "meth"),
    ]

    static func fixed(_ path: String, _ body: String? = nil) -> @Sendable (World, Bool, String) async throws -> (path: String, body: String?) {
        { _, _, _ in (path, body) }
    }

    static let matrix: [String: Row] = api.merging(pages) { a, _ in a }

    static let api: [String: Row] = [
        "GET /healthz": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/healthz")),
        "GET /metrics": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/metrics")),
        "GET /openapi.json": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/openapi.json")),
        "POST /api/login": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200]) { _, _, caller in
            ("/api/login", js(["username": caller, "password": "correct-horse-battery"]))
        },
        "POST /api/logout": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/api/logout")),
        "GET /api/me": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/api/me")),
        "PUT /api/me/language": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/api/me/language", js(["language": "es"]))),
        "GET /api/tokens": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/api/tokens")),
        "POST /api/tokens": Row(statuses: [201, 201, 201, 201, 201, 201, 201, 201], setup: fixed("/api/tokens", js(["name": "script"]))),
        // own: a token of the caller's; other: a token of another account
        "DELETE /api/tokens/{token}": Row(statuses: [200, 404, 200, 404, 200, 404, 200, 404]) { w, own, caller in
            ("/api/tokens/" + (try await w.token(of: own ? caller : "pe")), nil)
        },
        "GET /api/cases": Row(statuses: [200, 200, 200, 200, 200, 200, 403, 403], setup: fixed("/api/cases")),
        // own: a case of the caller's State (BR for the Secretariat); other: of another State
        "POST /api/cases": Row(statuses: [201, 201, 201, 403, 403, 403, 403, 403]) { _, own, caller in
            ("/api/cases", js(["format": "yaml", "content": Samples.caseText(country: own || caller == "sec" ? "BR" : "MX")]))
        },
        "GET /api/cases/{case}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/cases/" + (try await w.openRound()).caseID, nil)
        },
        "GET /api/cases/{case}/revisions": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/cases/\(try await w.openRound().caseID)/revisions", nil)
        },
        "POST /api/cases/{case}/revisions": Row(statuses: [201, 201, 201, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/api/cases/\(try await w.draftCase())/revisions", js(["format": "yaml", "content": Samples.brazilCase]))
        },
        "GET /api/cases/{case}/revisions/{revision}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            let r = try await w.openRound()
            return ("/api/cases/\(r.caseID)/revisions/\(r.revision)", nil)
        },
        "GET /api/cases/{case}/revisions/{revision}/file": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            let r = try await w.openRound()
            return ("/api/cases/\(r.caseID)/revisions/\(r.revision)/file", nil)
        },
        // a case in a round (peers UY, PE) whose revision cites an annex
        "GET /api/cases/{case}/annexes": Row(statuses: [200, 200, 200, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/cases/\(try await w.caseWithAnnex().caseID)/annexes", nil)
        },
        "GET /api/cases/{case}/annexes/{annex}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            let (caseID, sha) = try await w.caseWithAnnex()
            return ("/api/cases/\(caseID)/annexes/\(sha)", nil)
        },
        "POST /api/cases/{case}/submit": Row(statuses: [200, 200, 200, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/api/cases/\(try await w.draftCase())/submit", js([String: Any]()))
        },
        "GET /api/rounds": Row(statuses: [200, 200, 200, 200, 200, 200, 403, 403], setup: fixed("/api/rounds")),
        "POST /api/rounds": Row(statuses: [201, 201, 403, 403, 403, 403, 403, 403]) { w, _, _ in
            ("/api/rounds", js(["case": try await w.submittedCase(), "framework": "mecigep-core",
                             "peers": [["country": "UY"], ["country": "PE"]]]))
        },
        "GET /api/rounds/{round}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound().id)", nil)
        },
        "POST /api/rounds/{round}/assessments": Row(statuses: [201, 201, 403, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound(assessed: false).id)/assessments", js([String: Any]()))
        },
        "GET /api/rounds/{round}/assessment": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound().id)/assessment", nil)
        },
        "GET /api/rounds/{round}/inputs": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound(inputs: ["UY": true, "PE": false]).id)/inputs", nil)
        },
        // UY's submitted input before publication: the Secretariat and UY read it; BR does not yet
        "GET /api/rounds/{round}/inputs/{country}": Row(statuses: [200, 200, 404, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound(inputs: ["UY": true]).id)/inputs/UY", nil)
        },
        "PUT /api/rounds/{round}/inputs/{country}": Row(statuses: [403, 403, 403, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound().id)/inputs/UY", js(["levels": Samples.levels]))
        },
        "PUT /api/rounds/{round}/agreed/{indicator}": Row(statuses: [200, 200, 403, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound().id)/agreed/\(w.indicator)", js(["level": 2, "justification": "Agreed."]))
        },
        "PUT /api/rounds/{round}/comments": Row(statuses: [403, 403, 200, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound().id)/comments", js(["text": "Comentários."]))
        },
        "POST /api/rounds/{round}/follow-up": Row(statuses: [403, 403, 200, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.publishedRound())/follow-up", js([String: Any]()))
        },
        "PUT /api/rounds/{round}/follow-up-report": Row(statuses: [200, 200, 200, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.publishedRound(followUp: true))/follow-up-report",
             js(["date": "2027-11-30", "reported_by": "Prefeitura", "statuses": [Any]()]))
        },
        "POST /api/rounds/{round}/publish": Row(statuses: [200, 200, 403, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.openRound(inputs: ["UY": true, "PE": true]).id)/publish", js([String: Any]()))
        },
        "GET /api/rounds/{round}/report": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/api/rounds/\(try await w.publishedRound())/report?format=html&lang=es", nil)
        },
        "GET /api/frameworks": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/api/frameworks")),
        "POST /api/frameworks/{framework}/tests": Row(statuses: [200, 200, 403, 403, 403, 403, 200, 200],
                                                     setup: fixed("/api/frameworks/pefa-budget/tests", js([String: Any]()))),
        "POST /api/frameworks/{framework}/robustness": Row(statuses: [200, 200, 403, 403, 403, 403, 200, 200],
                                                          setup: fixed("/api/frameworks/pefa-budget/robustness", js([String: Any]()))),
        "GET /api/audit": Row(statuses: [200, 200, 403, 403, 403, 403, 403, 403], setup: fixed("/api/audit")),
        "GET /api/audit.csv": Row(statuses: [200, 200, 403, 403, 403, 403, 403, 403], setup: fixed("/api/audit.csv")),
    ]

    /// A form body (application/x-www-form-urlencoded).
    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { k, v in k + "=" + (v.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }.joined(separator: "&")
    }

    /// The pages: 303 after a change that succeeded, the same 403/404 rules as the API.
    static let pages: [String: Row] = [
        "GET /assets/mecigep.css": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/assets/mecigep.css")),
        "GET /login": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/login")),
        "POST /login": Row(statuses: [303, 303, 303, 303, 303, 303, 303, 303]) { _, _, caller in
            ("/login", form([("username", caller), ("password", "correct-horse-battery"), ("next", "/")]))
        },
        "POST /logout": Row(statuses: [303, 303, 303, 303, 303, 303, 303, 303], setup: fixed("/logout", "")),
        "POST /language": Row(statuses: [303, 303, 303, 303, 303, 303, 303, 303], setup: fixed("/language", "language=es&back=%2F")),
        "GET /": Row(statuses: [200, 200, 200, 200, 200, 200, 200, 200], setup: fixed("/")),
        "GET /cases/new": Row(statuses: [200, 200, 200, 200, 403, 403, 403, 403], setup: fixed("/cases/new")),
        "POST /cases": Row(statuses: [303, 303, 303, 403, 403, 403, 403, 403]) { _, own, caller in
            ("/cases", form([("format", "yaml"), ("content", Samples.caseText(country: own || caller == "sec" ? "BR" : "MX"))]))
        },
        "GET /cases/{case}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/cases/" + (try await w.openRound()).caseID, nil)
        },
        "POST /cases/form": Row(statuses: [303, 303, 303, 403, 403, 403, 403, 403]) { _, own, caller in
            ("/cases/form", form([("framework", "mecigep-core"), ("c/id", "BR-1"), ("c/identification/title", "Form"),
                                  ("c/identification/country", own || caller == "sec" ? "BR" : "MX")]))
        },
        "GET /cases/{case}/form": Row(statuses: [200, 200, 200, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/cases/\(try await w.draftCase())/form", nil)
        },
        "POST /cases/{case}/form": Row(statuses: [303, 303, 303, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/cases/\(try await w.draftCase())/form", form([("framework", "mecigep-core"), ("c/identification/title", "Revised")]))
        },
        "GET /cases/{case}/diff": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/cases/\(try await w.openRound().caseID)/diff?from=1&to=1", nil)
        },
        "GET /cases/{case}/annexes/{annex}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            let (caseID, sha) = try await w.caseWithAnnex()
            return ("/cases/\(caseID)/annexes/\(sha)", nil)
        },
        "POST /cases/{case}/revisions": Row(statuses: [303, 303, 303, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/cases/\(try await w.draftCase())/revisions", form([("format", "yaml"), ("content", Samples.brazilCase)]))
        },
        "POST /cases/{case}/submit": Row(statuses: [303, 303, 303, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/cases/\(try await w.draftCase())/submit", "")
        },
        "POST /cases/{case}/rounds": Row(statuses: [303, 303, 403, 404, 404, 404, 404, 404]) { w, _, _ in
            ("/cases/\(try await w.submittedCase())/rounds", form([("framework", "mecigep-core"), ("peer1", "UY"), ("peer2", "PE")]))
        },
        "GET /rounds/{round}": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.openRound(inputs: ["UY": false]).id)", nil)
        },
        "POST /rounds/{round}/assess": Row(statuses: [303, 303, 403, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.openRound(assessed: false).id)/assess", "")
        },
        "POST /rounds/{round}/input": Row(statuses: [403, 403, 403, 404, 303, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.openRound().id)/input", form([("level.long_term", "2"), ("comments", "Bien."), ("submit", "false")]))
        },
        "POST /rounds/{round}/agreed": Row(statuses: [303, 303, 403, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.openRound().id)/agreed", form([("indicator", w.indicator), ("level", "2"), ("justification", "Agreed.")]))
        },
        "POST /rounds/{round}/comments": Row(statuses: [403, 403, 303, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.openRound().id)/comments", form([("text", "Comentários.")]))
        },
        "POST /rounds/{round}/follow-up": Row(statuses: [403, 403, 303, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.publishedRound())/follow-up", "")
        },
        "POST /rounds/{round}/publish": Row(statuses: [303, 303, 403, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.openRound(inputs: ["UY": true, "PE": true]).id)/publish", "")
        },
        "GET /rounds/{round}/report": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.publishedRound())/report", nil)
        },
        "GET /rounds/{round}/follow-up": Row(statuses: [200, 200, 200, 404, 200, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.publishedRound(followUp: true))/follow-up", nil)
        },
        "POST /rounds/{round}/follow-up-report": Row(statuses: [303, 303, 303, 404, 403, 404, 404, 404]) { w, _, _ in
            ("/rounds/\(try await w.publishedRound(followUp: true))/follow-up-report",
             form([("date", "2027-11-30"), ("reported_by", "Prefeitura")]))
        },
        "GET /frameworks": Row(statuses: [200, 200, 403, 403, 403, 403, 200, 200], setup: fixed("/frameworks")),
        "POST /frameworks/{framework}/tests": Row(statuses: [303, 303, 403, 403, 403, 403, 303, 303],
                                                 setup: fixed("/frameworks/pefa-budget/tests", "")),
        "POST /frameworks/{framework}/robustness": Row(statuses: [200, 200, 403, 403, 403, 403, 200, 200],
                                                      setup: fixed("/frameworks/pefa-budget/robustness", "")),
        "GET /audit": Row(statuses: [200, 200, 403, 403, 403, 403, 403, 403], setup: fixed("/audit")),
    ]

    @Test("every route has a row in the access matrix, and every row a route")
    func matrixCoversEveryRoute() {
        let routes = Set(Service.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routes.subtracting(Self.matrix.keys).sorted() == [], "routes without a row in the access matrix")
        #expect(Set(Self.matrix.keys).subtracting(routes).sorted() == [], "rows for routes that do not exist")
    }

    @Test("every route × role × own/other country answers the status in the matrix; without credentials, 401")
    func accessMatrix() async throws {
        let world = try await World()
        var mismatches: [String] = []
        var checked = 0
        for route in Service.routes {
            let key = "\(route.method.rawValue) \(route.path)"
            guard let row = Self.matrix[key] else { continue }
            for (index, caller) in Self.callers.enumerated() {
                for own in [true, false] {
                    let name = own ? caller.own : caller.other
                    let (path, body) = try await row.setup(world, own, name)
                    let reply = try await world.server.request(route.method.rawValue, path, as: name, raw: body)
                    let expected = row.statuses[index * 2 + (own ? 0 : 1)]
                    checked += 1
                    if reply.status != expected {
                        mismatches.append("\(key) as \(caller.role.rawValue) (\(own ? "own" : "other")): "
                            + "expected \(expected), got \(reply.status) \(reply.text.prefix(200))")
                    }
                }
            }
            if route.auth == .signedIn {
                let (path, body) = try await row.setup(world, true, "sec")
                let reply = try await world.server.request(route.method.rawValue, path, as: nil, raw: body)
                checked += 1
                let expected = route.kind == .page ? 303 : 401  // a page sends the browser to /login
                if reply.status != expected {
                    mismatches.append("\(key) without credentials: expected \(expected), got \(reply.status)")
                }
            }
        }
        await world.server.stop()
        #expect(mismatches == [])
        #expect(checked >= Service.routes.count * 8)
    }
}

/// The objects the matrix's requests act on, each made fresh for each request so that one
/// request's change (a submission, a publication) does not decide the next one's answer.
final class World: @unchecked Sendable {
    let server: TestServer
    var store: SQLiteStore { server.store }
    /// A valid completeness check and a real assessment of the Brazilian case, made once.
    private(set) var validation: String?
    private(set) var result = Data()
    private(set) var assessment: StoredAssessment!
    private(set) var indicator = ""
    private var sec: User { server.accounts["sec"]!.user }

    init() async throws {
        server = try await TestServer()
        try await server.account("sec", .secretariat)
        try await server.account("br", .beneficiary, "BR")
        try await server.account("ar", .beneficiary, "AR")
        try await server.account("uy", .peer, "UY")
        try await server.account("pe", .peer, "PE")
        try await server.account("cl", .peer, "CL")
        try await server.account("meth", .methodologist)
        validation = try await server.service.validate(Data(Samples.brazilCase.utf8), format: "yaml", framework: "mecigep-core")
        let round = try await openRound(assessed: false)
        let reply = try await server.request("POST", "/api/rounds/\(round.id)/assessments", as: "sec", raw: "{}")
        guard reply.status == 201, let (stored, data) = try await store.latestAssessment(roundID: round.id), let data,
              stored.status == .done else { throw TestFailure("the reference assessment failed: \(reply.text)") }
        assessment = stored
        result = data
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let criteria = json?["criteria"] as? [[String: Any]] ?? []
        indicator = ((criteria.last?["indicators"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
    }

    func token(of name: String) async throws -> String {
        let user = server.accounts[name]!.user
        return try await store.createToken(id: Identifier.make(), tokenHash: Secrets.hash(Identifier.make()), userID: user.id,
                                           name: "to delete", audit: AuditEvent(user: user, action: "token.create")).id
    }

    func draftCase(country: String = "BR") async throws -> String {
        try await store.createCase(id: Identifier.make(), country: country, title: "Case", format: "yaml",
                                   body: Data(Samples.caseText(country: country).utf8), validation: validation,
                                   author: sec.id, audit: AuditEvent(user: sec, action: "case.upload")).id
    }

    func submittedCase(country: String = "BR") async throws -> String {
        let id = try await draftCase(country: country)
        _ = try await store.submitCase(id: id, revision: 1, audit: AuditEvent(user: sec, action: "case.submit"))
        return id
    }

    /// A round of a BR case with peers UY and PE; assessed unless told; with peer input
    /// (country: submitted?) when given.
    func openRound(assessed: Bool = true, inputs: [String: Bool] = [:]) async throws -> StoredRound {
        let caseID = try await submittedCase()
        let round = try await store.createRound(id: Identifier.make(), caseID: caseID, framework: "mecigep-core", language: "pt",
                                                peers: [RoundPeer(country: "UY", institution: "Intendencia"),
                                                        RoundPeer(country: "PE", institution: nil)],
                                                openedBy: sec.id, audit: AuditEvent(user: sec, action: "round.open"))
        if assessed, let assessment {
            var copy = assessment
            copy.id = Identifier.make()
            copy.roundID = round.id
            try await store.addAssessment(copy, result: result, audit: AuditEvent(user: sec, action: "round.assess"))
        }
        for (country, submit) in inputs.sorted(by: { $0.key < $1.key }) {
            let peer = server.accounts[country.lowercased()]!.user
            let document = String(decoding: try JSONSerialization.data(withJSONObject: ["levels": Samples.levels]), as: UTF8.self)
            _ = try await store.savePeerInput(roundID: round.id, country: country, document: document, submit: submit, by: peer.id,
                                              audit: AuditEvent(user: peer, action: "peer.submit"))
        }
        return round
    }

    /// A case in an open round (peers UY and PE) whose revision under review cites an annex.
    func caseWithAnnex() async throws -> (caseID: String, sha: String) {
        let annex = NewAnnex(filename: "acta.pdf", contentType: "application/pdf", body: Data("%PDF-1.4 acta".utf8))
        let body = Samples.caseText(country: "BR") + "\n# annex: acta.pdf (sha256:\(annex.sha256))\n"
        let id = try await store.createCase(id: Identifier.make(), country: "BR", title: "Case", format: "yaml", body: Data(body.utf8),
                                            validation: validation, annexes: [annex], author: sec.id,
                                            audit: AuditEvent(user: sec, action: "case.upload")).id
        _ = try await store.submitCase(id: id, revision: 1, audit: AuditEvent(user: sec, action: "case.submit"))
        _ = try await store.createRound(id: Identifier.make(), caseID: id, framework: "mecigep-core", language: "pt",
                                        peers: [RoundPeer(country: "UY", institution: nil), RoundPeer(country: "PE", institution: nil)],
                                        openedBy: sec.id, audit: AuditEvent(user: sec, action: "round.open"))
        return (id, annex.sha256)
    }

    /// A published round (its report renditions stand in for rendered ones).
    func publishedRound(followUp: Bool = false) async throws -> String {
        let round = try await openRound(inputs: ["UY": true, "PE": true])
        var reports: [ReportRendition] = []
        for language in ["en", "es", "pt", "fr"] {
            for format in ["html", "md"] {
                let body = Data("<!doctype html><html lang=\"\(language)\"><title>report</title></html>".utf8)
                reports.append(ReportRendition(roundID: round.id, format: format, language: language, body: body,
                                               sha256: SQLiteStore.sha256(body)))
            }
        }
        reports.append(ReportRendition(roundID: round.id, format: "json", language: "all", body: Data("{}".utf8), sha256: ""))
        _ = try await store.publish(roundID: round.id, reports: reports, audit: AuditEvent(user: sec, action: "round.publish"))
        if followUp { _ = try await store.requestFollowUp(roundID: round.id, audit: AuditEvent(user: sec, action: "round.follow_up")) }
        return round.id
    }
}
