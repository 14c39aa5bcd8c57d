import Foundation
import Hummingbird
import MecigepStore

/// The methodologists' frameworks page and the Secretariat's audit log.
extension Service {
    func pageFrameworks(_ call: Call) async throws -> Response { try await pageFrameworks(call, robustness: nil) }

    func pageRobustness(_ call: Call) async throws -> Response {
        let run = try await runRobustness(call)
        return try await pageFrameworks(call, robustness: run)
    }

    func pageFrameworks(_ call: Call, robustness: (framework: String, passed: Bool, output: [String: Any])?) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let user = try call.user
        guard Access.mayRunFrameworkTests(user) else { throw APIError.forbidden("methodologists and the Secretariat") }
        var rows: [[HTMLNode]] = []
        for f in try await frameworkList() {
            guard let id = f["id"] as? String else { continue }
            let sha = f["content_sha256"] as? String ?? ""
            let run = try await store.lastTestRun(framework: id)
            let tests: HTMLNode = run.flatMap { $0.contentSHA256 == sha ? $0 : nil }.map {
                H.badge(($0.passed ? tr("passed") : tr("failed")) + " · " + String($0.at.prefix(16)), cls: $0.passed ? "low" : "error")
            } ?? H.t(tr("not run"))
            rows.append([H.t(id), H.t(f["version"] as? String ?? ""), .el("code", [], [.text(String(sha.prefix(16)))]), tests,
                         .el("div", [("class", "actions")], [
                            H.form("/frameworks/\(id)/tests", csrf: context.csrf ?? "", [H.button(tr("run tests"), cls: "secondary")],
                                   cls: "inline"),
                            H.form("/frameworks/\(id)/robustness", csrf: context.csrf ?? "",
                                   [H.button(tr("run robustness"), cls: "secondary")], cls: "inline"),
                         ])])
        }
        var content: [HTMLNode] = [H.table(caption: tr("frameworks"), head: [tr("framework"), tr("version"), tr("content"), tr("tests"), ""],
                                           rows: rows)]
        if let output = call.request.query("tested"), let run = try await store.lastTestRun(framework: output) {
            content.append(H.section(tr("tests") + " — " + output, id: "test-output",
                                     [.el("pre", [("class", "verbatim")], [.text(run.output)])]))
        }
        if let robustness {
            let o = robustness.output
            let summary = ["cases", "evaluations", "moves", "forbidden"].map { tr("robustness " + $0) + ": " + String(describing: o[$0] ?? 0) }
            var block: [HTMLNode] = [
                H.p(H.badge(robustness.passed ? tr("passed") : tr("failed"), cls: robustness.passed ? "low" : "error"),
                    H.t(" " + summary.joined(separator: " · ")), cls: "notice"),
                H.p(H.t(tr("robustness help"))),
            ]
            let failures = o["failures"] as? [[String: Any]] ?? []
            if !failures.isEmpty {
                block.append(.el("ul", [("class", "problems")], failures.prefix(50).map { f in
                    let text = (try? JSONSerialization.data(withJSONObject: f, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
                    return .el("li", [], [.el("code", [], [.text(text ?? "")])])
                }))
            }
            let json = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .prettyPrinted]))
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            block.append(.el("details", [], [.el("summary", [], [.text("JSON")]), .el("pre", [("class", "verbatim")], [.text(json)])]))
            content.append(H.section(tr("robustness") + " — " + robustness.framework, id: "robustness-output", block))
        }
        return page(context, title: tr("frameworks"), content)
    }

    func pageTestFramework(_ call: Call) async throws -> Response {
        _ = try await testFramework(call)
        return Reply.redirect("/frameworks?tested=\(try call.parameter("framework"))#test-output")
    }

    func pageAudit(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let user = try call.user
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the audit log is the Secretariat's") }
        let action = call.request.query("action").flatMap { $0.isEmpty ? nil : $0 }
        let who = call.request.query("user").flatMap { $0.isEmpty ? nil : $0 }
        let entries = try await store.audit(limit: 500, action: action, user: who)
        var query = [String]()
        if let action { query.append("action=" + (action.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        if let who { query.append("user=" + (who.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        return page(context, title: tr("audit"), [
            .el("form", [("method", "get"), ("action", "/audit"), ("class", "inline")], [
                .el("label", [("for", "action")], [.text(tr("action"))]), H.input("action", id: "action", value: action ?? ""),
                .el("label", [("for", "user")], [.text(tr("who"))]), H.input("user", id: "user", value: who ?? ""),
                H.button(tr("filter")),
            ]),
            H.p(H.a("/api/audit.csv" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")), tr("export csv"))),
            H.table(caption: tr("audit"), head: [tr("date"), tr("who"), tr("action"), tr("object"), tr("country"), ""],
                    rows: entries.map { e in
                        [H.t(String(e.at.prefix(19)).replacingOccurrences(of: "T", with: " ")),
                         H.t((e.username ?? "") + (e.role.map { " (\($0))" } ?? "")), H.t(e.action),
                         H.t([e.objectType, e.objectID].compactMap { $0 }.joined(separator: " ")), H.t(e.country ?? ""), H.t(e.detail ?? "")]
                    }),
        ])
    }
}
