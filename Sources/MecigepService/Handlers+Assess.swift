import Foundation
import Hummingbird
import LuaRuntime
import MecigepEngine
import MecigepReports
import MecigepStore

extension Service {
    /// `mecigep frameworks --format json` of the rules folder, read again each time (no restart
    /// after a methodologist's change).
    func frameworkList() async throws -> [[String: Any]] {
        let job = try JobFolder()
        defer { job.remove() }
        let result = try await workers.run(["frameworks", "--rules", rulesPath, "--format", "json"], in: job.url)
        guard case .exited(0) = result.outcome,
              let list = try? JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else {
            throw APIError(status: .serviceUnavailable, code: "rules_unreadable",
                           message: "the rules folder cannot be read: " + (result.failure ?? result.stderr))
        }
        return list
    }

    /// The framework `spec` (`ID` or `ID@VERSION`) names, as `mecigep frameworks` lists it now; nil when absent.
    func currentFramework(_ spec: String) async throws -> [String: Any]? {
        let id = FrameworkResolver.reference(spec).id
        return try await frameworkList().first { $0["id"] as? String == id }
    }

    /// Runs a framework's rule tests in a worker and records the result (no case data: the tests
    /// use the framework's own example cases).
    func runTests(_ id: String, version: String, sha: String, user: User) async throws -> (passed: Bool, output: [String: Any]) {
        let job = try JobFolder()
        defer { job.remove() }
        let result = try await workers.run(["test", rulesPath, "--framework", id, "--format", "json"], in: job.url)
        let output = (try? JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            ?? ["error": result.failure ?? result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)]
        let passed = result.outcome == .exited(0) && (output["failed"] as? Int ?? 1) == 0
        let text = String(decoding: (try? JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        try await store.recordTestRun(framework: id, version: version, contentSHA256: sha, passed: passed, output: text,
                                      audit: AuditEvent(user: user, action: "framework.test"))
        return (passed, output)
    }

    func listFrameworks(_ call: Call) async throws -> Response {
        _ = try call.user
        var list: [[String: Any]] = []
        for f in try await frameworkList() {
            guard let id = f["id"] as? String else { continue }
            var entry: [String: Any] = ["id": id, "version": f["version"] ?? NSNull(), "title": f["title"] ?? NSNull(),
                                        "content_sha256": f["content_sha256"] ?? NSNull()]
            if let run = try await store.lastTestRun(framework: id), run.contentSHA256 == f["content_sha256"] as? String {
                entry["tests"] = ["passed": run.passed, "at": run.at]
            } else {
                entry["tests"] = NSNull()
            }
            list.append(entry)
        }
        return Reply.object(["frameworks": list])
    }

    func testFramework(_ call: Call) async throws -> Response {
        let user = try call.user
        guard Access.mayRunFrameworkTests(user) else { throw APIError.forbidden("methodologists and the Secretariat run rule tests") }
        let id = try call.parameter("framework")
        guard let f = try await currentFramework(id) else {
            throw APIError.notFound("no framework \(id) in the rules folder")
        }
        let (passed, output) = try await runTests(id, version: f["version"] as? String ?? "", sha: f["content_sha256"] as? String ?? "",
                                                  user: user)
        return Reply.object(["framework": id, "passed": passed, "output": output])
    }

    /// Runs the round's framework on the revision under review, in a worker. A crash or a limit
    /// is recorded on the assessment (status failed, with why); the service goes on.
    func assess(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the Technical Secretariat runs assessments") }
        guard round.status == .open else { throw APIError.conflict("the round is published; it no longer changes") }
        let confirmed = try Fields(try await call.object(limit: 4096, emptyIsObject: true)).bool("confirm_failing_tests")
        let id = FrameworkResolver.reference(round.framework).id
        guard let f = try await currentFramework(id) else {
            throw APIError.conflict("the framework \(id) is no longer in the rules folder")
        }
        let sha = f["content_sha256"] as? String ?? ""
        var passed: Bool
        if let run = try await store.lastTestRun(framework: id), run.contentSHA256 == sha { passed = run.passed } else {
            passed = try await runTests(id, version: f["version"] as? String ?? "", sha: sha, user: user).passed
        }
        if !passed, !confirmed {
            throw APIError(status: .conflict, code: "tests_failing",
                           message: "the rule tests of \(id) fail for its current content; fix the rules, or assess anyway "
                               + "with {\"confirm_failing_tests\": true} (recorded in the audit log)")
        }
        guard let (revision, body) = try await store.revision(caseID: round.caseID, number: round.revision) else {
            throw APIError.notFound("the case revision is missing")
        }
        let job = try JobFolder()
        defer { job.remove() }
        let file = try job.write("case.\(revision.format)", body)
        let result = try await workers.run(["assess", file, "--framework", round.framework, "--rules", rulesPath, "--format", "json"],
                                           in: job.url)
        var stored = StoredAssessment(id: Identifier.make(), roundID: round.id, revision: round.revision, status: .failed,
                                      createdBy: user.id, createdAt: SQLiteStore.timestamp(clock()))
        var output: Data?
        if let failure = result.failure {
            stored.error = failure
        } else if case .exited(0) = result.outcome, let json = try? JSONSerialization.jsonObject(with: result.stdout) as? [String: Any] {
            let framework = json["framework"] as? [String: Any] ?? [:]
            stored.status = .done
            stored.frameworkID = framework["id"] as? String
            stored.frameworkVersion = framework["version"] as? String
            stored.frameworkSHA256 = framework["content_sha256"] as? String
            var levels: [String: Any] = [:]
            for c in json["criteria"] as? [[String: Any]] ?? [] { if let cid = c["id"] as? String { levels[cid] = (c["result"] as? [String: Any])?["level"] ?? NSNull() } }
            stored.levels = String(decoding: try JSONSerialization.data(withJSONObject: levels, options: [.sortedKeys]), as: UTF8.self)
            output = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes])
        } else {
            stored.error = result.stderr.replacingOccurrences(of: job.url.path + "/", with: "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let detail = stored.status == .done
            ? "\(stored.frameworkID ?? "")@\(stored.frameworkVersion ?? "") \(stored.frameworkSHA256?.prefix(16) ?? "")"
                + (passed ? "" : " (rule tests failing, confirmed)")
            : "failed: \(stored.error ?? "")"
        try await store.addAssessment(stored, result: output, audit: AuditEvent(user: user, action: "round.assess", detail: detail))
        await metrics.assessment(status: stored.status.rawValue)
        return try Reply.json(stored, status: .created)
    }

    /// Renders the report in every format and language with `mecigep round` (pinned to the
    /// assessed framework content) and publishes the round: from then on nothing in it changes.
    func publish(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the Technical Secretariat publishes reports") }
        guard round.status == .open else { throw APIError.conflict("the round is already published") }
        guard let (assessment, _) = try await store.latestAssessment(roundID: round.id), assessment.status == .done else {
            throw APIError.conflict("assess the round first (its latest assessment did not succeed)")
        }
        let inputs = try await store.peerInputs(roundID: round.id)
        let missing = round.peers.filter { p in !inputs.contains { $0.country == p.country && $0.status == .submitted } }
        guard missing.isEmpty else {
            throw APIError.conflict("waiting for the input of \(missing.map(\.country).joined(separator: ", "))")
        }
        let (document, body) = try await roundDocument(round, assessment: assessment, reportDate: today())
        let problems = document.problems()
        guard problems.isEmpty else { throw APIError.unprocessable("the round is not complete: " + problems.map(\.description).joined(separator: "; ")) }
        let reports = try await render(document, caseBody: body, followUp: nil)
        let published = try await store.publish(roundID: round.id, reports: reports,
                                                 audit: AuditEvent(user: user, action: "round.publish",
                                                                   detail: "\(reports.count) renditions"))
        return try Reply.json(published)
    }

    /// The round file of a stored round, with the case file it names.
    func roundDocument(_ round: StoredRound, assessment: StoredAssessment, reportDate: String) async throws -> (RoundDocument, Data) {
        guard let (revision, body) = try await store.revision(caseID: round.caseID, number: round.revision) else {
            throw APIError.notFound("the case revision is missing")
        }
        let inputs = try await store.peerInputs(roundID: round.id)
        var documents: [String: [String: Any]] = [:]
        for input in inputs where input.status == .submitted {
            documents[input.country] = (try? JSONSerialization.jsonObject(with: Data(input.document.utf8))) as? [String: Any]
        }
        let document = RoundDocument(round: round, submitted: String(revision.createdAt.prefix(10)),
                                     frameworkSHA256: assessment.frameworkSHA256, inputs: documents,
                                     agreed: try await store.agreedLevels(roundID: round.id),
                                     comment: try await store.comment(roundID: round.id), reportDate: reportDate,
                                     caseFile: "case.\(revision.format)")
        return (document, body)
    }

    /// The report in HTML and Markdown in the four languages (and JSON), rendered by `mecigep round`
    /// in workers; with a follow-up document, the follow-up report instead (formats `follow-up-html`, `follow-up-md`).
    func render(_ document: RoundDocument, caseBody: Data, followUp: Data?) async throws -> [ReportRendition] {
        let job = try JobFolder()
        defer { job.remove() }
        _ = try job.write(document.caseFile, caseBody)
        let roundFile = try job.write("round.json", try document.data())
        var extra: [String] = []
        if let followUp { extra = ["--follow-up", try job.write("follow-up.json", followUp)] }
        var reports: [ReportRendition] = []
        let renditions = serviceLanguages.flatMap { l in [("html", l), ("md", l)] } + (followUp == nil ? [("json", "all")] : [])
        for (format, language) in renditions {
            var arguments = ["round", roundFile, "--rules", rulesPath, "--format", format] + extra
            if language != "all" { arguments += ["--lang", language] }
            let result = try await workers.run(arguments, in: job.url)
            if let failure = result.failure { throw APIError.conflict("rendering the report: \(failure)") }
            guard case .exited(0) = result.outcome else {
                throw APIError.conflict("rendering the report: " + result.stderr.replacingOccurrences(of: job.url.path + "/", with: "")
                    .trimmingCharacters(in: .whitespacesAndNewlines))
            }
            reports.append(ReportRendition(roundID: document.round.id, format: (followUp == nil ? "" : "follow-up-") + format,
                                           language: language, body: result.stdout, sha256: SHA256.hex(of: result.stdout)))
        }
        return reports
    }

    /// The informational follow-up of a published round, only if the beneficiary asked for it: what
    /// was done with each recommendation (docs/reports.md's follow-up format), rendered in the four languages.
    func saveFollowUp(_ call: Call) async throws -> Response {
        let (round, user) = try await visibleRound(call)
        guard user.role == .beneficiary || Access.isSecretariat(user) else {
            throw APIError.forbidden("the beneficiary State or the Secretariat records the follow-up")
        }
        guard round.status == .published, round.followUpRequested else {
            throw APIError.conflict("a follow-up is recorded only for a published round whose beneficiary asked for it")
        }
        var object = try await call.object(limit: 1 << 20)
        if let unknown = object.keys.first(where: { !["date", "reported_by", "statuses"].contains($0) }) {
            throw APIError.unprocessable("\(unknown): unknown field; a follow-up has date, reported_by and statuses")
        }
        object["round"] = round.id
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let value: LuaValue
        do throws(DocumentError) { value = try DocumentLoader.parse(data, format: .json, name: "follow-up") } catch {
            throw APIError.unprocessable("\(error)")
        }
        do throws(ReportInputError) { _ = try FollowUpFile.parse(value, file: "follow-up.json") } catch {
            throw APIError.invalid(error.problems.map { ($0.path, $0.message) })
        }
        guard let (assessment, _) = try await store.latestAssessment(roundID: round.id) else { throw APIError.notFound("no assessment") }
        let (document, body) = try await roundDocument(round, assessment: assessment, reportDate: String((round.publishedAt ?? "").prefix(10)))
        let reports = try await render(document, caseBody: body, followUp: data)
        let at = try await store.saveFollowUp(roundID: round.id, document: String(decoding: data, as: UTF8.self), author: user.id,
                                              reports: reports, audit: AuditEvent(user: user, action: "round.follow_up_report"))
        return Reply.object(["round_id": round.id, "updated_at": at, "renditions": reports.count])
    }
}

extension Service {
    /// `mecigep robustness` of a framework over its own example cases (`tests/cases` in its
    /// folder: no case data), sampled so it ends in seconds; audited.
    func runRobustness(_ call: Call) async throws -> (framework: String, passed: Bool, output: [String: Any]) {
        let user = try call.user
        guard Access.mayRunFrameworkTests(user) else { throw APIError.forbidden("methodologists and the Secretariat run robustness") }
        let id = try call.parameter("framework")
        guard try await currentFramework(id) != nil else { throw APIError.notFound("no framework \(id) in the rules folder") }
        let cases = URL(fileURLWithPath: rulesPath).appendingPathComponent("frameworks/\(id)/tests/cases").path
        guard FileManager.default.fileExists(atPath: cases) else {
            throw APIError.conflict("the framework \(id) ships no example cases (tests/cases in its folder) to probe")
        }
        let job = try JobFolder()
        defer { job.remove() }
        let result = try await workers.run(["robustness", cases, "--framework", id, "--rules", rulesPath, "--sample", "10",
                                            "--jobs", "1", "--format", "json"], in: job.url)
        guard let output = try? JSONSerialization.jsonObject(with: result.stdout) as? [String: Any] else {
            throw APIError(status: .unprocessableContent, code: "worker_failed",
                           message: "robustness: " + (result.failure ?? result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let forbidden = output["forbidden"] as? Int ?? 0
        try await store.record(AuditEvent(user: user, action: "framework.robustness", objectType: "framework", objectID: id,
                                          detail: "\(forbidden) forbidden move(s)"))
        return (id, forbidden == 0, output)
    }

    func robustness(_ call: Call) async throws -> Response {
        let (id, passed, output) = try await runRobustness(call)
        return Reply.object(["framework": id, "passed": passed, "output": output])
    }
}
