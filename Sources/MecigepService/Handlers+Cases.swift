import Foundation
import Hummingbird
import LuaRuntime
import MecigepEngine
import MecigepStore

extension Service {
    /// An uploaded case file: checked as a document in process (it must parse, and name the
    /// caller's country), then validated against the framework by a worker.
    struct Upload {
        var format: String
        var body: Data
        var title: String
        var country: String
        var validation: String?
    }

    func readUpload(_ call: Call, user: User, existing: StoredCase?) async throws -> Upload {
        let fields = Fields(try await call.object(limit: configuration.maxBodyBytes))
        let format = try fields.require("format", max: 8)
        guard format == "yaml" || format == "json" else { throw APIError.unprocessable("format: yaml or json") }
        let content = try fields.require("content", max: configuration.maxBodyBytes)
        let framework = try fields.string("framework", required: false, max: 200) ?? "mecigep-core"
        let body = Data(content.utf8)
        let value: LuaValue
        do throws(DocumentError) {
            value = try DocumentLoader.parse(body, format: format == "json" ? .json : .yaml, name: "content")
        } catch {
            throw APIError.unprocessable("the case file cannot be read: \(error)")
        }
        let identification = value["identification"]
        guard let country = identification?["country"]?.stringValue, isCountryCode(country) else {
            throw APIError.unprocessable("identification.country: the case must name its State (two capital letters, e.g. UY)")
        }
        if user.role == .beneficiary, country != user.country {
            throw APIError.forbidden("identification.country is \(country); this account presents cases of \(user.country ?? "")")
        }
        if let existing, existing.country != country {
            throw APIError.unprocessable("identification.country is \(country); this case belongs to \(existing.country)")
        }
        let title = identification?["title"]?.stringValue ?? value["id"]?.stringValue ?? "(untitled case)"
        let validation = try await validate(body, format: format, framework: framework)
        return Upload(format: format, body: body, title: String(title.prefix(500)), country: country, validation: validation)
    }

    /// `mecigep validate --format json` of a case, in a worker: per field what is malformed and what
    /// is missing, with the texts in every language.
    func validate(_ body: Data, format: String, framework: String) async throws -> String? {
        let job = try JobFolder()
        defer { job.remove() }
        let file = try job.write("case.\(format)", body)
        let result = try await workers.run(["validate", file, "--framework", framework, "--rules", rulesPath, "--format", "json"],
                                           in: job.url)
        if let failure = result.failure {
            throw APIError(status: .unprocessableContent, code: "worker_failed", message: "validation: \(failure)")
        }
        guard case .exited(let code) = result.outcome, code <= 1, !result.stdout.isEmpty else {
            throw APIError.unprocessable("validation: " + result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let reports = try? JSONSerialization.jsonObject(with: result.stdout) as? [Any], let first = reports.first,
              let data = try? JSONSerialization.data(withJSONObject: first, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: job.url.path + "/", with: "")
    }

    /// The rules folder as an absolute path (workers run in their own folders).
    var rulesPath: String {
        URL(fileURLWithPath: configuration.rulesDirectory).standardizedFileURL.path
    }

    func listCases(_ call: Call) async throws -> Response {
        let user = try call.user
        guard user.role != .methodologist else { throw APIError.forbidden("methodologists see frameworks, not case data") }
        let rounds = try await store.rounds()
        let visible = try await store.cases().filter { Access.canSee($0, user, rounds: rounds) }
        return try Reply.json(["cases": visible])
    }

    func createCase(_ call: Call) async throws -> Response {
        let stored = try await createCaseValue(call)
        return try Reply.json(CaseView(case: stored, revisions: try await store.revisions(caseID: stored.id)), status: .created)
    }

    func createCaseValue(_ call: Call, annexes: [NewAnnex] = []) async throws -> StoredCase {
        let user = try call.user
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("cases are presented by beneficiary States") }
        let upload = try await readUpload(call, user: user, existing: nil)
        return try await store.createCase(id: Identifier.make(), country: upload.country, title: upload.title,
                                          format: upload.format, body: upload.body, validation: upload.validation,
                                          annexes: annexes, author: user.id, audit: AuditEvent(user: user, action: "case.upload"))
    }

    struct CaseView: Encodable {
        var `case`: StoredCase
        var revisions: [CaseRevision]
    }

    /// The case, if the caller may see it (404 otherwise, the same as for an unknown id).
    func visibleCase(_ call: Call) async throws -> (StoredCase, [StoredRound], User) {
        let user = try call.user
        let rounds = try await store.rounds()
        guard let stored = try await store.storedCase(id: try call.parameter("case")),
              Access.canSee(stored, user, rounds: rounds) else { throw APIError.notFound("no such case") }
        return (stored, rounds, user)
    }

    /// The case's revisions the caller may see (a peer: the one under review in its round).
    func visibleRevisions(of stored: StoredCase, _ user: User, rounds: [StoredRound]) async throws -> [CaseRevision] {
        try await store.revisions(caseID: stored.id).filter { Access.canSee(revision: $0.number, of: stored, user, rounds: rounds) }
    }

    func getCase(_ call: Call) async throws -> Response {
        let (stored, rounds, user) = try await visibleCase(call)
        let revisions = try await visibleRevisions(of: stored, user, rounds: rounds)
        return try Reply.json(CaseView(case: stored, revisions: revisions))
    }

    func listRevisions(_ call: Call) async throws -> Response {
        let (stored, rounds, user) = try await visibleCase(call)
        let revisions = try await visibleRevisions(of: stored, user, rounds: rounds)
        return try Reply.json(["revisions": revisions])
    }

    func addRevision(_ call: Call) async throws -> Response {
        try Reply.json(try await addRevisionValue(call), status: .created)
    }

    func addRevisionValue(_ call: Call, annexes: [NewAnnex] = []) async throws -> CaseRevision {
        let (stored, _, user) = try await visibleCase(call)
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("only the beneficiary State revises its case") }
        let upload = try await readUpload(call, user: user, existing: stored)
        return try await store.addRevision(caseID: stored.id, title: upload.title, format: upload.format, body: upload.body,
                                           validation: upload.validation, annexes: annexes, author: user.id,
                                           audit: AuditEvent(user: user, action: "case.revision"))
    }

    func visibleRevision(_ call: Call) async throws -> (CaseRevision, Data) {
        let (stored, rounds, user) = try await visibleCase(call)
        guard let number = Int(try call.parameter("revision")), Access.canSee(revision: number, of: stored, user, rounds: rounds),
              let found = try await store.revision(caseID: stored.id, number: number) else {
            throw APIError.notFound("no such revision")
        }
        return found
    }

    func getRevision(_ call: Call) async throws -> Response {
        try Reply.json(try await visibleRevision(call).0)
    }

    func downloadRevision(_ call: Call) async throws -> Response {
        let (revision, body) = try await visibleRevision(call)
        let type = revision.format == "json" ? "application/json" : "application/yaml; charset=utf-8"
        return Reply.bytes(body, type: type, headers: [
            .contentDisposition: "attachment; filename=\"case-\(revision.caseID)-r\(revision.number).\(revision.format)\"",
        ])
    }

    func submitCase(_ call: Call) async throws -> Response {
        let (stored, _, user) = try await visibleCase(call)
        guard Access.mayWriteCases(user) else { throw APIError.forbidden("only the beneficiary State submits its case") }
        let object = try await call.object(limit: 4096)
        let number = (object["revision"] as? Int) ?? stored.latestRevision
        if let (revision, _) = try await store.revision(caseID: stored.id, number: number), let text = revision.validation,
           let report = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], report["valid"] as? Bool == false {
            throw APIError.conflict("revision \(number) has malformed fields (see its validation); correct them in a new revision first")
        }
        let submitted = try await store.submitCase(id: stored.id, revision: number, audit: AuditEvent(user: user, action: "case.submit"))
        return try Reply.json(submitted)
    }
}
