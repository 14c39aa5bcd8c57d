import Foundation
import Hummingbird
import MecigepStore

/// A round: the levels beside each peer's with the spread, and what each party does in it.
extension Service {
    func pageRound(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let (round, user) = try await visibleRound(call)
        let stored = try await store.storedCase(id: round.caseID)
        let latest = try await store.latestAssessment(roundID: round.id)
        let inputs = try await store.peerInputs(roundID: round.id)
        let visible = inputs.filter { Access.canSee($0, in: round, user) }
        let agreed = try await store.agreedLevels(roundID: round.id)
        let shape = try await assessedShape(round)
        let csrf = context.csrf ?? ""
        var content: [HTMLNode] = [.el("dl", [("class", "facts")], [
            .el("dt", [], [.text(tr("cases"))]), .el("dd", [], [H.a("/cases/\(round.caseID)", stored?.title ?? round.caseID)]),
            .el("dt", [], [.text(tr("country"))]), .el("dd", [], [.text(round.country)]),
            .el("dt", [], [.text(tr("framework"))]), .el("dd", [], [.text(round.framework)]),
            .el("dt", [], [.text(tr("peer"))]), .el("dd", [], [.text(round.peers.map(\.country).joined(separator: ", "))]),
            .el("dt", [], [.text(tr("status"))]), .el("dd", [], [H.badge(tr(round.status.rawValue))]),
        ])]
        content.append(H.section(tr("progress"), id: "progress", [roundProgress(round, assessed: latest.map { $0.0.status != .failed },
                                                                                submitted: inputs.filter { $0.status == .submitted }.count,
                                                                                agreed: agreed.count, indicators: shape?.indicators.count, tr)]))
        if round.status == .published {
            content.append(H.p(H.a("/rounds/\(round.id)/report", tr("read report")), cls: "notice"))
            if round.followUpRequested { content.append(H.p(H.a("/rounds/\(round.id)/follow-up", tr("follow-up title")))) }
        }
        // Levels: the rules' beside each visible peer's, and the spread.
        var levelBlock: [HTMLNode] = []
        if let (assessment, _) = latest {
            if assessment.status == .failed {
                levelBlock.append(.el("p", [("role", "alert")], [.text(tr("failed") + ": " + (assessment.error ?? ""))]))
            } else {
                let rules = (try? JSONSerialization.jsonObject(with: Data((assessment.levels ?? "{}").utf8))) as? [String: Any] ?? [:]
                let peerLevels: [(String, [String: Any])] = visible.map { input in
                    let doc = (try? JSONSerialization.jsonObject(with: Data(input.document.utf8))) as? [String: Any] ?? [:]
                    return (input.country, doc["levels"] as? [String: Any] ?? [:])
                }
                func number(_ v: Any?) -> Double? { (v as? Double) ?? (v as? Int).map(Double.init) ?? (v as? String).flatMap(Double.init) }
                func show(_ v: Any?) -> String { v.map { "\($0)" }.flatMap { $0 == "<null>" ? nil : $0 } ?? "—" }
                levelBlock.append(H.table(caption: tr("levels"), head: [tr("criterion"), tr("rules")] + peerLevels.map(\.0) + [tr("spread")],
                    rows: (shape?.criteria ?? rules.keys.sorted()).map { criterion in
                        let values = [rules[criterion]] + peerLevels.map { $0.1[criterion] }
                        let numbers = values.compactMap(number)
                        let spread = numbers.count > 1 ? String(format: "%g", (numbers.max() ?? 0) - (numbers.min() ?? 0)) : "—"
                        return [H.t(criterion)] + values.map { H.t(show($0)) } + [H.t(spread)]
                    }))
                levelBlock.append(H.p(H.t("\(assessment.frameworkID ?? "")@\(assessment.frameworkVersion ?? "") · "
                    + String((assessment.frameworkSHA256 ?? "").prefix(16))), cls: "meta"))
            }
        } else {
            levelBlock.append(H.p(H.t(tr("not assessed"))))
        }
        if Access.isSecretariat(user), round.status == .open {
            levelBlock.append(H.form("/rounds/\(round.id)/assess", csrf: csrf, [
                .el("div", [("class", "field")], [
                    .el("input", [("type", "checkbox"), ("name", "confirm_failing_tests"), ("id", "confirm"), ("value", "true")]),
                    .el("label", [("for", "confirm"), ("class", "inline")], [.text(" " + tr("confirm tests"))]),
                ]),
                H.button(tr("assess")),
            ]))
        }
        content.append(H.section(tr("assessment"), id: "assessment", levelBlock))
        // Peer input: statuses for the Secretariat; the form for the peer whose turn it is.
        if Access.isSecretariat(user) {
            content.append(H.section(tr("inputs"), id: "inputs", [H.ul(round.peers.map { p in
                H.t(p.country + ": " + tr(inputs.first { $0.country == p.country }?.status.rawValue ?? "none"))
            })]))
        }
        if user.role == .peer, let country = user.country, round.status == .open {
            let mine = inputs.first { $0.country == country }
            content.append(H.section(tr("your input"), id: "your-input", peerForm(round, mine, shape, context)))
        }
        if !agreed.isEmpty {
            content.append(H.section(tr("agreed levels"), id: "agreed-levels", [H.table(caption: tr("agreed levels"),
                head: [tr("indicator"), tr("level"), tr("justification")],
                rows: agreed.map { [H.t($0.indicator), H.t($0.level), H.t($0.justification)] })]))
        }
        if Access.isSecretariat(user), round.status == .open, let shape {
            content.append(H.section(tr("agreed"), id: "agreed", [H.form("/rounds/\(round.id)/agreed", csrf: csrf, [
                H.field(tr("indicator"), id: "indicator", H.select("indicator", id: "indicator", options: shape.indicators.map { ($0, $0) })),
                H.field(tr("level"), id: "level", H.select("level", id: "level", options: shape.levels.map { ($0, $0) })),
                H.field(tr("justification"), id: "justification", H.textarea("justification", id: "justification", rows: 3, required: true)),
                H.button(tr("save")),
            ])]))
            content.append(H.section(tr("publish"), id: "publish", [H.form("/rounds/\(round.id)/publish", csrf: csrf,
                                                                         [H.button(tr("publish"))])]))
        }
        if user.role == .beneficiary {
            let comment = try await store.comment(roundID: round.id)
            var block: [HTMLNode] = []
            if round.status == .open {
                block.append(H.form("/rounds/\(round.id)/comments", csrf: csrf, [
                    H.field(tr("beneficiary comments"), id: "comment", H.textarea("text", id: "comment", value: comment?.text ?? "",
                                                                                 rows: 5, required: true)),
                    H.button(tr("save")),
                ]))
            } else if let comment { block.append(.el("div", [("class", "verbatim")], [.text(comment.text)])) }
            block.append(round.followUpRequested ? H.p(H.t(tr("follow-up requested")))
                : H.form("/rounds/\(round.id)/follow-up", csrf: csrf, [H.button(tr("follow-up"), cls: "secondary")]))
            content.append(H.section(tr("comments"), id: "comments", block))
        }
        return page(context, title: tr("round") + " — " + (stored?.title ?? round.id), content)
    }

    /// Where the round stands: the steps of the mechanism, each done, under way or to do.
    func roundProgress(_ round: StoredRound, assessed: Bool?, submitted: Int, agreed: Int, indicators: Int?,
                       _ tr: (String) -> String) -> HTMLNode {
        let published = round.status == .published
        let steps: [(String, String, String)] = [
            (tr("step submitted"), "done", tr("revision") + " " + String(round.revision)),
            (tr("step assessed"), assessed == true ? "done" : assessed == false ? "failed" : "todo",
             assessed == false ? tr("failed") : ""),
            (tr("step inputs"), submitted >= round.peers.count ? "done" : submitted > 0 ? "doing" : "todo",
             String(submitted) + " / " + String(round.peers.count)),
            (tr("step agreed"), published || (indicators.map { agreed >= $0 } ?? false) ? "done" : agreed > 0 ? "doing" : "todo",
             String(agreed) + (indicators.map { " / " + String($0) } ?? "")),
            (tr("step published"), published ? "done" : "todo", String((round.publishedAt ?? "").prefix(10))),
        ]
        return .el("ol", [("class", "progress")], steps.map { title, state, detail in
            .el("li", [("class", "step " + state)], [
                .el("span", [("class", "state")], [.text(tr("state " + state))]), .text(" " + title + (detail.isEmpty ? "" : " — " + detail)),
            ])
        })
    }

    func peerForm(_ round: StoredRound, _ mine: PeerInput?, _ shape: (criteria: [String], indicators: [String], levels: [String])?,
                  _ context: PageContext) -> [HTMLNode] {
        let tr = context.tr
        let doc = mine.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.document.utf8))) as? [String: Any] } ?? [:]
        if mine?.status == .submitted { return [H.p(H.t(tr("submitted")), cls: "notice")] }
        let levels = doc["levels"] as? [String: Any] ?? [:]
        let comments = (doc["comments"] as? [String: Any])?[context.language] as? String ?? ""
        let what = ((doc["experience"] as? [String: Any])?["what"] as? [String: Any])?[context.language] as? String ?? ""
        var fields: [HTMLNode] = (shape?.criteria ?? []).map { criterion in
            H.field(tr("level") + ": " + criterion, id: "level-" + criterion,
                    H.select("level." + criterion, id: "level-" + criterion, options: [("", "—")] + (shape?.levels ?? []).map { ($0, $0) },
                             selected: levels[criterion].map { "\($0)" }))
        }
        fields += [
            H.field(tr("comments"), id: "peer-comments", H.textarea("comments", id: "peer-comments", value: comments, rows: 4)),
            H.field(tr("experience"), id: "peer-experience", H.textarea("experience", id: "peer-experience", value: what, rows: 4)),
            H.field(tr("recommendation"), id: "peer-recommendation", H.textarea("recommendation", id: "peer-recommendation", rows: 3)),
            H.field(tr("criterion"), id: "recommendation-criterion", H.select("recommendation_criterion", id: "recommendation-criterion",
                                                                               options: (shape?.criteria ?? []).map { ($0, $0) })),
            H.button(tr("save draft"), name: "submit", value: "false", cls: "secondary"),
            H.button(tr("submit input"), name: "submit", value: "true"),
        ]
        return [H.form("/rounds/\(round.id)/input", csrf: context.csrf ?? "", fields)]
    }

    func pageRoundAction(_ call: Call, _ action: String) async throws -> Response {
        let id = try call.parameter("round")
        _ = try await visibleRound(call)  // 404 before anything else for a round the caller may not know
        var c = call
        switch action {
        case "assess":
            c.preset = .init(object: ["confirm_failing_tests": call.field("confirm_failing_tests") == "true"])
            _ = try await assess(c)
        case "agreed":
            c.overrides["indicator"] = call.field("indicator") ?? ""
            c.preset = .init(object: ["level": call.field("level") ?? "", "justification": call.field("justification") ?? ""])
            _ = try await setAgreed(c)
        case "publish":
            _ = try await publish(c)
        case "comments":
            c.preset = .init(object: ["text": call.field("text") ?? ""])
            _ = try await setComment(c)
        case "follow-up":
            _ = try await requestFollowUp(c)
        default:
            let user = try call.user
            guard user.role == .peer, let country = user.country else { throw APIError.forbidden("only a peer State enters input") }
            var levels: [String: Any] = [:]
            for (key, value) in call.form where key.hasPrefix("level.") && !value.isEmpty {
                levels[String(key.dropFirst(6))] = Int(value) ?? value as Any
            }
            var object: [String: Any] = ["levels": levels, "submit": call.field("submit") == "true"]
            let language = user.language
            if let text = call.field("comments"), !text.isEmpty { object["comments"] = [language: text] }
            if let text = call.field("experience"), !text.isEmpty { object["experience"] = ["what": [language: text]] }
            if let text = call.field("recommendation"), !text.isEmpty {
                object["recommendations"] = [["text": [language: text], "criterion": call.field("recommendation_criterion") ?? ""]]
            }
            c.overrides["country"] = country
            c.preset = .init(object: object)
            _ = try await saveInput(c)
        }
        return Reply.redirect("/rounds/\(id)")
    }

    func pageReport(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let (round, _) = try await visibleRound(call)
        guard round.status == .published else { throw APIError.notFound("the report is not published yet") }
        let base = "/api/rounds/\(round.id)/report"
        let stored = try await store.storedCase(id: round.caseID)
        return page(context, title: tr("report") + " — " + (stored?.title ?? round.id), [
            H.ul([H.a(base + "?format=html&download=1&lang=\(context.language)", tr("download") + " HTML"),
                  H.a(base + "?format=md&download=1&lang=\(context.language)", tr("download") + " Markdown"),
                  H.a(base + "?format=json&download=1", tr("download") + " JSON"),
                  H.a("/api/cases/\(round.caseID)/revisions/\(round.revision)/file", tr("download") + " — " + tr("case file"))]),
            .el("iframe", [("class", "report"), ("title", tr("report frame")), ("src", base + "?format=html&lang=\(context.language)")]),
        ])
    }
}
