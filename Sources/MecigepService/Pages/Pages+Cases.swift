import Foundation
import Hummingbird
import MecigepStore

/// A case: upload, the completeness check per field, revisions, submission, opening a round.
extension Service {
    func uploadForm(_ context: PageContext, action: String, value: String = "") -> HTMLNode {
        H.form(action, csrf: context.csrf ?? "", [
            H.field(context.tr("format"), id: "format", H.select("format", id: "format", options: [("yaml", "YAML"), ("json", "JSON")])),
            H.field(context.tr("case file"), id: "content", help: context.tr("case file help"),
                    H.textarea("content", id: "content", value: value, rows: 18, required: true, describedBy: "content-help")),
            H.button(context.tr("upload")),
        ])
    }

    func uploadPreset(_ call: Call) -> Call {
        var c = call
        c.preset = .init(object: ["format": call.field("format") ?? "yaml", "content": call.field("content") ?? ""])
        return c
    }

    func pageCreateCase(_ call: Call) async throws -> Response {
        let stored = try await createCaseValue(uploadPreset(call))
        return Reply.redirect("/cases/\(stored.id)")
    }

    func pageAddRevision(_ call: Call) async throws -> Response {
        _ = try await addRevisionValue(uploadPreset(call))
        return Reply.redirect("/cases/\(try call.parameter("case"))")
    }

    func pageSubmitCase(_ call: Call) async throws -> Response {
        var c = call
        c.preset = .init(object: [:])
        _ = try await submitCase(c)
        return Reply.redirect("/cases/\(try call.parameter("case"))")
    }

    func pageOpenRound(_ call: Call) async throws -> Response {
        var c = call
        let peers = ["peer1", "peer2", "peer3"].compactMap { call.field($0)?.trimmingCharacters(in: .whitespaces).uppercased() }
            .filter { !$0.isEmpty }.map { ["country": $0] }
        c.preset = .init(object: ["case": try call.parameter("case"), "framework": call.field("framework") ?? "mecigep-core",
                                  "language": call.field("round_language") ?? "en", "peers": peers])
        _ = try await visibleCase(call)
        let user = try call.user
        guard Access.isSecretariat(user) else { throw APIError.forbidden("the Technical Secretariat opens rounds") }
        return Reply.redirect("/rounds/\(try await createRoundValue(c).id)")
    }

    func pageCase(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let (stored, rounds, user) = try await visibleCase(call)
        let revisions = try await visibleRevisions(of: stored, user, rounds: rounds)
        var content: [HTMLNode] = [.el("dl", [("class", "facts")], [
            .el("dt", [], [.text(tr("country"))]), .el("dd", [], [.text(stored.country)]),
            .el("dt", [], [.text(tr("status"))]), .el("dd", [], [H.badge(tr(stored.status.rawValue))]),
        ])]
        if let latest = revisions.last {
            content.append(H.section(tr("completeness") + " — " + tr("revision") + " " + String(latest.number), id: "completeness",
                                     validationPanel(latest.validation, context)))
        }
        if stored.status == .draft, Access.mayWriteCases(user) {
            content.append(H.p(H.a("/cases/\(stored.id)/form", tr("edit form"), [("class", "button")])))
        }
        let previous = Dictionary(zip(revisions.dropFirst().map(\.number), revisions.map(\.number)), uniquingKeysWith: { a, _ in a })
        content.append(H.section(tr("revisions"), id: "revisions", [H.table(caption: tr("revisions"),
            head: [tr("revision"), tr("date"), "SHA-256", tr("download"), tr("compare")], rows: revisions.reversed().map { r in
                [H.t(String(r.number)), H.t(String(r.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " ")),
                 .el("code", [], [.text(String(r.sha256.prefix(16)))]),
                 H.a("/api/cases/\(stored.id)/revisions/\(r.number)/file", tr("download") + " (" + r.format.uppercased() + ")"),
                 previous[r.number].map { H.a("/cases/\(stored.id)/diff?from=\($0)&to=\(r.number)", tr("changes since") + " " + String($0)) }
                    ?? H.t("")]
            })]))
        if Access.mayWriteCases(user) {
            let annexes = try await store.annexes(caseID: stored.id)
            if !annexes.isEmpty {
                content.append(H.section(tr("annexes"), id: "annexes", [H.table(caption: tr("annexes"),
                    head: [tr("file"), tr("size"), "SHA-256", tr("revision")], rows: annexes.map { a in
                        [H.a("/cases/\(stored.id)/annexes/\(a.sha256)", a.filename), H.t(String(a.size)),
                         .el("code", [], [.text(String(a.sha256.prefix(16)))]), H.t(String(a.revision))]
                    })]))
            }
        }
        if stored.status == .draft, Access.mayWriteCases(user), let csrf = context.csrf {
            content.append(H.section(tr("submit case"), id: "submit", [H.form("/cases/\(stored.id)/submit", csrf: csrf,
                                                                               [H.button(tr("submit case"))])]))
            let current = try await store.revision(caseID: stored.id, number: stored.latestRevision)
            content.append(H.section(tr("new revision"), id: "revise", [
                uploadForm(context, action: "/cases/\(stored.id)/revisions",
                           value: current.map { String(decoding: $0.1, as: UTF8.self) } ?? ""),
            ]))
        }
        if stored.status == .submitted, Access.isSecretariat(user), !rounds.contains(where: { $0.caseID == stored.id }),
           let csrf = context.csrf {
            let frameworks = try await frameworkList().compactMap { $0["id"] as? String }
            content.append(H.section(tr("open round"), id: "open-round", [H.form("/cases/\(stored.id)/rounds", csrf: csrf, [
                H.field(tr("framework"), id: "framework", H.select("framework", id: "framework",
                                                                  options: frameworks.map { ($0, $0) }, selected: "mecigep-core")),
                H.field(tr("language"), id: "round_language", H.select("round_language", id: "round_language",
                    options: [("en", "English"), ("es", "Español"), ("pt", "Português"), ("fr", "Français")], selected: context.language)),
                H.field(tr("peer") + " 1", id: "peer1", help: tr("peer help"),
                        H.input("peer1", id: "peer1", required: true, extra: [("aria-describedby", "peer1-help"), ("maxlength", "2")])),
                H.field(tr("peer") + " 2", id: "peer2", H.input("peer2", id: "peer2", required: true, extra: [("maxlength", "2")])),
                H.field(tr("peer") + " 3", id: "peer3", H.input("peer3", id: "peer3", extra: [("maxlength", "2")])),
                H.button(tr("open round")),
            ])]))
        }
        for r in rounds where r.caseID == stored.id && Access.canSee(r, user) {
            content.append(H.p(H.a("/rounds/\(r.id)", tr("round") + " " + r.openedAt.prefix(10))))
        }
        return page(context, title: stored.title, content)
    }

    /// The id of the form's input for a path as `validate` writes it (`problem.baseline[1].value`).
    static func fieldAnchor(_ path: String) -> String {
        "f-" + formPath(path).replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
            .split(separator: ".").joined(separator: "-")
    }

    /// The completeness check of a revision, per field, in the page's language.
    func validationPanel(_ json: String?, _ context: PageContext, linkFields: Bool = false) -> [HTMLNode] {
        let tr = context.tr
        guard let json, let report = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [] }
        func text(_ value: Any?) -> String { PageContext.localized(value, in: context.language) }
        var out: [HTMLNode] = []
        if let share = report["coverage"] as? Double {
            out.append(H.p(H.t(String(Int((share * 100).rounded())) + " % " + tr("coverage"))))
        }
        let malformed = report["malformed"] as? [[String: Any]] ?? []
        if malformed.isEmpty { out.append(H.p(H.t(tr("valid")), cls: "notice")) } else {
            out.append(H.h3(tr("malformed")))
            out.append(.el("ul", [("class", "problems"), ("id", "malformed")], malformed.map { m in
                let path = m["path"] as? String ?? ""
                let name: HTMLNode = .el("code", [], [.text(path)])
                return .el("li", [], [linkFields ? .el("a", [("href", "#" + Self.fieldAnchor(path))], [name]) : name,
                                      .text(": " + Self.friendly(m["message"] as? String ?? "", tr))])
            }))
        }
        let incomplete = report["incomplete"] as? [[String: Any]] ?? []
        if !incomplete.isEmpty {
            out.append(H.h3(tr("missing")))
            out.append(.el("ul", [("class", "problems")], incomplete.map { i in
                let add = (i["add"] as? [String] ?? []).joined(separator: ", ")
                return .el("li", [], [.text(text(i["title"]) + " (" + (i["indicator"] as? String ?? "") + ")" + (add.isEmpty ? "" : ": ")),
                                      .el("code", [], [.text(add)])])
            }))
        }
        return out
    }
}
