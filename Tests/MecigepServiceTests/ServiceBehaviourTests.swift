import Foundation
@testable import MecigepService
import MecigepStore
import Testing

/// What the service does for the people using it, beyond who may call what: sessions and
/// CSRF, throttled sign-ins, 404s that reveal nothing, crashed workers, the audit log.
@Suite(.serialized) struct ServiceBehaviourTests {
    @Test("a session cookie is HttpOnly, Secure and SameSite=Strict, and unsafe requests need its CSRF token")
    func sessionsAndCSRF() async throws {
        let server = try await TestServer()
        try await server.account("br", .beneficiary, "BR")
        let login = try await server.request("POST", "/api/login", as: nil,
                                             json: ["username": "br", "password": "correct-horse-battery"])
        #expect(login.status == 200)
        let cookie = login.headers["set-cookie"] ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"))
        let session = String(cookie.split(separator: ";")[0])
        let csrf = login.json["csrf_token"] as? String ?? ""
        let without = try await server.request("PUT", "/api/me/language", as: nil, json: ["language": "es"],
                                               headers: ["Cookie": session])
        #expect(without.status == 403)
        #expect(without.json["error"] as? String == "csrf")
        let wrong = try await server.request("PUT", "/api/me/language", as: nil, json: ["language": "es"],
                                             headers: ["Cookie": session, "X-CSRF-Token": String(csrf.reversed())])
        #expect(wrong.status == 403)
        let right = try await server.request("PUT", "/api/me/language", as: nil, json: ["language": "es"],
                                             headers: ["Cookie": session, "X-CSRF-Token": csrf])
        #expect(right.status == 200)
        // Reading needs no CSRF token; after sign-out the cookie is worthless.
        #expect(try await server.request("GET", "/api/me", as: nil, headers: ["Cookie": session]).status == 200)
        #expect(try await server.request("POST", "/api/logout", as: nil, headers: ["Cookie": session, "X-CSRF-Token": csrf]).status == 200)
        #expect(try await server.request("GET", "/api/me", as: nil, headers: ["Cookie": session]).status == 401)
        await server.stop()
    }

    @Test("after 5 failed sign-ins the account is throttled (429, even with the right password), and no password reaches the audit log")
    func throttledSignIn() async throws {
        let server = try await TestServer()
        try await server.account("sec", .secretariat)
        for attempt in 1...5 {
            let reply = try await server.request("POST", "/api/login", as: nil,
                                                 json: ["username": "sec", "password": "wrong-password-\(attempt)"])
            #expect(reply.status == 401)
        }
        let throttled = try await server.request("POST", "/api/login", as: nil,
                                                 json: ["username": "sec", "password": "correct-horse-battery"])
        #expect(throttled.status == 429)
        #expect(Int(throttled.headers["retry-after"] ?? "") ?? 0 > 0)
        let page = try await server.request("POST", "/login", as: nil, raw: "username=sec&password=correct-horse-battery&next=%2F")
        #expect(page.status == 429 && page.text.contains("<html"), "the sign-in page says it too")
        #expect(Int(page.headers["retry-after"] ?? "") ?? 0 > 0, "and carries Retry-After")
        let csv = try await server.request("GET", "/api/audit.csv", as: "sec")
        #expect(csv.text.components(separatedBy: "login.failed").count - 1 == 5)
        #expect(!csv.text.contains("wrong-password") && !csv.text.contains("correct-horse") && !csv.text.contains("mct_"))
        await server.stop()
    }

    @Test("another country's case and a never-issued id get the same 404, byte for byte")
    func notFoundRevealsNothing() async throws {
        let world = try await World()
        let round = try await world.openRound()
        for path in ["/api/cases/\(round.caseID)", "/api/rounds/\(round.id)", "/api/cases/\(round.caseID)/revisions/1/file"] {
            let foreign = try await world.server.request("GET", path, as: "ar")
            let unknown = try await world.server.request("GET", path.replacingOccurrences(of: round.caseID, with: Identifier.make())
                .replacingOccurrences(of: round.id, with: Identifier.make()), as: "ar")
            #expect(foreign.status == 404)
            #expect(foreign.body == unknown.body, "\(path)")
        }
        await world.server.stop()
    }

    @Test("a worker that crashes (SIGSEGV) is recorded on the assessment; the service answers and the next job runs")
    func crashedWorker() async throws {
        // A worker that crashes on `assess` and runs the real binary for everything else.
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("crashing-worker-\(UUID().uuidString).sh")
        try """
            #!/bin/sh
            case " $* " in *" assess "*) kill -SEGV $$ ;; esac
            exec "\(TestServer.binary)" "$@"
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let server = try await TestServer(worker: script.path)
        try await server.account("sec", .secretariat)
        let sec = server.accounts["sec"]!.user
        let caseID = try await server.store.createCase(id: Identifier.make(), country: "BR", title: "c", format: "yaml",
                                                       body: Data(Samples.brazilCase.utf8), validation: nil, author: sec.id,
                                                       audit: AuditEvent(user: sec, action: "case.upload")).id
        _ = try await server.store.submitCase(id: caseID, revision: 1, audit: AuditEvent(user: sec, action: "case.submit"))
        let round = try await server.request("POST", "/api/rounds", as: "sec",
                                             json: ["case": caseID, "framework": "pefa-budget", "peers": [["country": "UY"], ["country": "PE"]]])
        #expect(round.status == 201)
        let id = round.json["id"] as? String ?? ""
        let assessed = try await server.request("POST", "/api/rounds/\(id)/assessments", as: "sec", json: [String: Any]())
        #expect(assessed.status == 201)
        #expect(assessed.json["status"] as? String == "failed")
        #expect((assessed.json["error"] as? String ?? "").contains("SIGSEGV"))
        #expect(try await server.request("GET", "/healthz", as: nil).status == 200)
        let metrics = try await server.request("GET", "/metrics", as: nil).text
        #expect(metrics.contains("mecigep_worker_failures_total 1"))
        #expect(metrics.contains("mecigep_assessments_total{status=\"failed\"} 1"))
        // The next job gets a new worker.
        #expect(try await server.request("GET", "/api/frameworks", as: "sec").status == 200)
        let audit = try await server.request("GET", "/api/audit?action=round.assess", as: "sec")
        #expect(audit.text.contains("SIGSEGV"))
        await server.stop()
        try? FileManager.default.removeItem(at: script)
    }

    @Test("a worker running away is stopped by its OS CPU limit (SIGXCPU) or, failing that, by the wall-clock limit")
    func workerLimits() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-spin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "local x = 0\nwhile true do x = x + 1 end\n".write(to: folder.appendingPathComponent("spin.lua"), atomically: true, encoding: .utf8)
        // The rule budgets are set far out of the way, so only the worker's own limits can stop it.
        let spin = ["sandbox", folder.appendingPathComponent("spin.lua").path, "--timeout", "60", "--instructions", "1000000000000"]
        var cpu = ServiceConfiguration(workerExecutable: TestServer.binary, workerCPUSeconds: 1, workerWallSeconds: 60)
        let byCPU = try await WorkerPool.spawn(cpu, spin, in: folder)
        #expect(byCPU.outcome == .signalled(SIGXCPU))
        #expect(byCPU.failure?.contains("CPU-time limit") == true)
        cpu.workerCPUSeconds = 100
        cpu.workerWallSeconds = 1
        let byWall = try await WorkerPool.spawn(cpu, spin, in: folder)
        #expect(byWall.outcome == .timedOut)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("/openapi.json is docs/openapi.json, and it documents every API route")
    func openAPIIsCommitted() async throws {
        let committed = try Data(contentsOf: TestServer.projectRoot.appendingPathComponent("docs/openapi.json"))
        let generated = Service.openAPIDocument() + Data("\n".utf8)
        #expect(committed == generated, "docs/openapi.json is stale: run `.build/debug/mecigep serve --print-openapi > docs/openapi.json`")
        let document = try JSONSerialization.jsonObject(with: generated) as? [String: Any]
        let paths = document?["paths"] as? [String: [String: Any]] ?? [:]
        for route in Service.routes where route.kind == .api {
            #expect(paths[route.path]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(route.path)")
        }
    }

    @Test("CSV export quotes fields and defuses spreadsheet formulas")
    func csvFields() {
        #expect(Service.csvField("plain") == "plain")
        #expect(Service.csvField("a,b") == "\"a,b\"")
        #expect(Service.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Service.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    }

    @Test("a revoked or unknown token gets 401 where an account is needed, and public routes still answer; last use is kept to the minute")
    func tokens() async throws {
        let server = try await TestServer()
        let br = try await server.account("br", .beneficiary, "BR")
        let bad = ["Authorization": "Bearer not-a-token"]
        #expect(try await server.request("GET", "/healthz", as: nil, headers: bad).status == 200)
        #expect(try await server.request("GET", "/login", as: nil, headers: bad).status == 200)
        #expect(try await server.request("GET", "/api/me", as: nil, headers: bad).status == 401)
        for _ in 0..<5 { #expect(try await server.request("GET", "/api/me", as: "br").status == 200) }
        let tokens = try await server.store.tokens(userID: br.id)
        #expect(tokens.allSatisfy { $0.lastUsedAt != nil })
        await server.stop()
    }
}
