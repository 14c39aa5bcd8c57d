import Foundation
import Hummingbird
import MecigepStore

/// The informational follow-up of a published round, once the beneficiary asked for it: what was
/// done with each recommendation, recorded from a page and rendered in the four languages.
extension Service {
    /// The report's recommendations (id and text in `language`), by id.
    func recommendations(of round: StoredRound, language: String) async throws -> [(id: String, text: String)] {
        guard let report = try await store.report(roundID: round.id, format: "json", language: "all"),
              let json = try? JSONSerialization.jsonObject(with: report.body) else { return [] }
        var out: [(String, String)] = []
        var seen: Set<String> = []
        func walk(_ node: Any) {
            if let d = node as? [String: Any] {
                for key in d.keys.sorted() {
                    if key == "recommendations", let list = d[key] as? [[String: Any]] {
                        for r in list {
                            guard let id = r["id"] as? String, seen.insert(id).inserted else { continue }
                            out.append((id, PageContext.localized(r["text"], in: language)))
                        }
                    } else { walk(d[key]!) }
                }
            } else if let a = node as? [Any] { a.forEach(walk) }
        }
        walk(json)
        return out.sorted { $0.0 < $1.0 }
    }

    static let followUpStatuses = ["adopted", "in_progress", "not_adopted", "not_applicable"]

    func pageFollowUp(_ call: Call) async throws -> Response {
        let context = PageContext(call)
        let tr = context.tr
        let (round, user) = try await visibleRound(call)
        guard round.status == .published, round.followUpRequested else {
            throw APIError.notFound("no follow-up was asked for in this round")
        }
        let recorded = try await store.followUp(roundID: round.id)
        let document = recorded.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.document.utf8))) as? [String: Any] } ?? [:]
        var statuses: [String: [String: Any]] = [:]
        for s in document["statuses"] as? [[String: Any]] ?? [] {
            if let id = s["recommendation"] as? String { statuses[id] = s }
        }
        var content: [HTMLNode] = [H.p(H.t(tr("follow-up intro")))]
        if let recorded {
            content.append(H.p(H.t(tr("follow-up recorded") + " " + String(recorded.updatedAt.prefix(16)).replacingOccurrences(of: "T", with: " ") + " — "),
                               H.a("/api/rounds/\(round.id)/report?follow_up=1&format=html&lang=\(context.language)", tr("read follow-up")),
                               cls: "notice"))
        }
        if user.role == .beneficiary || Access.isSecretariat(user), let csrf = context.csrf {
            let recommendations = try await recommendations(of: round, language: context.language)
            var fields: [HTMLNode] = [
                H.field(tr("follow-up date"), id: "fu-date", help: tr("date placeholder"),
                        H.input("date", id: "fu-date", value: document["date"] as? String ?? "", required: true,
                                extra: [("aria-describedby", "fu-date-help")])),
                H.field(tr("reported by"), id: "fu-by", H.input("reported_by", id: "fu-by", value: document["reported_by"] as? String ?? "")),
            ]
            for (i, r) in recommendations.enumerated() {
                let s = statuses[r.id] ?? [:]
                let note = (s["note"] as? String) ?? ((s["note"] as? [String: Any])?[context.language] as? String) ?? ""
                fields.append(.el("fieldset", [("class", "item")], [
                    .el("legend", [], [.el("code", [], [.text(r.id)])]),
                    H.p(H.t(r.text), cls: "help"),
                    .el("input", [("type", "hidden"), ("name", "rec.\(i).id"), ("value", r.id)]),
                    H.field(tr("status"), id: "rec-\(i)-status", H.select("rec.\(i).status", id: "rec-\(i)-status",
                        options: [("", tr("not reported"))] + Self.followUpStatuses.map { ($0, tr("fu " + $0)) },
                        selected: s["status"] as? String ?? "")),
                    H.field(tr("date"), id: "rec-\(i)-date", H.input("rec.\(i).date", id: "rec-\(i)-date", value: s["date"] as? String ?? "",
                                                                    extra: [("placeholder", tr("date placeholder"))])),
                    H.field(tr("note"), id: "rec-\(i)-note", H.textarea("rec.\(i).note", id: "rec-\(i)-note", value: note, rows: 2)),
                ]))
            }
            if recommendations.isEmpty { fields.append(H.p(H.t(tr("no recommendations")))) }
            fields.append(H.button(tr("save")))
            content.append(H.section(tr("follow-up form"), id: "follow-up-form", [H.form("/rounds/\(round.id)/follow-up-report", csrf: csrf, fields)]))
        }
        content.append(H.p(H.a("/rounds/\(round.id)", tr("back to round"))))
        return page(context, title: tr("follow-up title"), content)
    }

    func pageSaveFollowUp(_ call: Call) async throws -> Response {
        let id = try call.parameter("round")
        _ = try await visibleRound(call)
        var statuses: [[String: Any]] = []
        var i = 0
        while let rec = call.field("rec.\(i).id"), i < 10_000 {
            defer { i += 1 }
            guard let status = call.field("rec.\(i).status"), !status.isEmpty else { continue }
            var entry: [String: Any] = ["recommendation": rec, "status": status]
            if let date = call.field("rec.\(i).date")?.trimmingCharacters(in: .whitespaces), !date.isEmpty { entry["date"] = date }
            if let note = call.field("rec.\(i).note")?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty { entry["note"] = note }
            statuses.append(entry)
        }
        var object: [String: Any] = ["statuses": statuses]
        if let date = call.field("date")?.trimmingCharacters(in: .whitespaces), !date.isEmpty { object["date"] = date }
        if let by = call.field("reported_by")?.trimmingCharacters(in: .whitespaces), !by.isEmpty { object["reported_by"] = by }
        var c = call
        c.preset = .init(object: object)
        _ = try await saveFollowUp(c)
        return Reply.redirect("/rounds/\(id)/follow-up")
    }
}
