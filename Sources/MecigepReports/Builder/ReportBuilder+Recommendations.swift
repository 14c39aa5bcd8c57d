import Foundation
import LuaRuntime
import MecigepEngine

extension ReportBuilder {
    /// 6. Recommendations: numbered, by criterion, each with its challenge, priority, horizon,
    /// suggested owner and author; all non-binding.
    func recommendations() -> [Block] {
        var blocks: [Block] = [.note(style: "notice", [.strong(w(.nonBinding) + ". "), .text(w(.nonBindingNote))])]
        let recs = content.recommendations
        guard !recs.isEmpty else { return blocks + [.paragraph([.emphasis(w(.noRecommendations))])] }
        let key = keyRecommendations(recs)
        if !key.isEmpty {
            blocks.append(.heading(level: 3, text: [.text(w(.keyRecommendations))], id: "key-recommendations"))
            blocks.append(.paragraph([.emphasis(w(.keyRecommendationsNote))]))
            blocks.append(.list(ordered: true, start: 1, items: key.map { r in
                [.paragraph([.text(w.text(r.text) + " "), .code("\(r.number)")])]
            }))
        }
        if !content.challenges.isEmpty {
            var rows: [[[Inline]]] = content.challenges.map { c in
                let numbers = recs.filter { $0.challenge == c.id }.map { "\($0.number)" }
                return [[.code(c.id)], [.text(c.description)],
                        numbers.isEmpty ? [.emphasis(w(.leftToDialogue))] : [.text(numbers.joined(separator: ", "))]]
            }
            let untied = recs.filter { $0.challenge == nil }.map { "\($0.number)" }
            if !untied.isEmpty { rows.append([[.text("—")], [.emphasis(w(.noChallenge))], [.text(untied.joined(separator: ", "))]]) }
            blocks.append(.table(Table(header: [[.text(w(.challenge))], [.text(w(.description))], [.text(w(.recommendationNumbers))]],
                                       rows: rows, caption: w(.byChallengeCaption), style: "challenges")))
        }
        let questions = Self.questions(content.caseValue)
        if !questions.isEmpty {
            let rows: [[[Inline]]] = questions.map { q in
                let numbers = recs.filter { r in
                    q.criteria.contains(r.criterion) || r.indicator.map(q.criteria.contains) == true
                }.map { "\($0.number)" }
                return [[.code(q.id)], [.text(q.text)],
                        numbers.isEmpty ? [.emphasis(w(.leftToDialogue))] : [.text(numbers.joined(separator: ", "))]]
            }
            blocks.append(.table(Table(header: [[.text("#")], [.text(w(.question))], [.text(w(.recommendationNumbers))]],
                                       rows: rows, caption: w(.byQuestionCaption), style: "challenges")))
        }
        for c in a.framework.criteria {
            let these = recs.filter { $0.criterion == c.id }
            guard !these.isEmpty else { continue }
            blocks.append(.heading(level: 3, text: [.text(w.text(c.title))], id: nil))
            blocks.append(.list(ordered: true, start: these[0].number, items: these.map(recommendation)))
        }
        return blocks
    }

    /// At most seven recommendations that matter most: by priority (high first), then by how
    /// weak their criterion is (its level's score, lowest first), then by how weak their
    /// indicator is, then by how much the indicator weighs; ties keep the report's order.
    func keyRecommendations(_ recs: [ReportRecommendation]) -> [ReportRecommendation] {
        let rank = ["high": 0, "medium": 1, "low": 2]
        func criterionScore(_ id: String) -> Double {
            a.criteria.first { $0.criterion.id == id }.flatMap { $0.grade?.score } ?? a.framework.scale.lowest.score
        }
        func indicator(_ id: String?) -> IndicatorResult? { id.flatMap { i in a.indicatorResults.first { $0.indicator.id == i } } }
        let keyed = recs.map { r -> (ReportRecommendation, [Double]) in
            let ind = indicator(r.indicator)
            return (r, [Double(rank[r.priority ?? "medium"] ?? 1), criterionScore(r.criterion),
                        ind?.grade?.score ?? a.framework.scale.lowest.score, -(ind?.indicator.weight ?? 1), Double(r.number)])
        }
        let sorted = keyed.sorted { $0.1.lexicographicallyPrecedes($1.1) }
        return Array(sorted.prefix(7).map(\.0))
    }

    /// The case's questions for the peers: id (declared, else its position), text and the
    /// criteria (or indicators) it declares.
    static func questions(_ caseValue: LuaValue?) -> [(id: String, text: String, criteria: [String])] {
        (caseValue?["questions_for_peers"]?.arrayValue ?? []).enumerated().compactMap { n, q in
            guard let text = q["question"]?.stringValue ?? q.stringValue else { return nil }
            let criteria = (q["criteria"]?.arrayValue ?? []).compactMap(\.stringValue)
            return (q["id"]?.stringValue ?? "q\(n + 1)", text, criteria)
        }
    }

    func authorName(_ author: ReportRecommendation.Author) -> [Inline] {
        switch author {
        case .rules(let indicator): return [.text(w(.authorRules) + " ("), .code(indicator), .text(")")]
        case .peer(let code): return [.text(peerName(code))]
        }
    }

    func recommendation(_ r: ReportRecommendation) -> [Block] {
        var meta: [Inline] = []
        if let p = r.priority { meta += [.badge(w(.priority) + w.colon + w.priority(p), style: p), .text(" ")] }
        if let h = r.horizon { meta += [.badge(w(.horizon) + w.colon + w.horizon(h), style: "horizon"), .text(" ")] }
        meta.append(.badge(w(.nonBinding), style: "nonbinding"))
        var details: [Inline] = [.strong(w(.author) + w.colon)] + authorName(r.author)
        if let owner = r.owner { details += [.text(" · "), .strong(w(.suggestedOwner) + w.colon), .text(w.text(owner))] }
        if let c = r.challenge {
            let text = Self.excerpt(challengeText(c))
            details += [.text(" · "), .strong(w(.challenge) + w.colon), .code(c)] + (text.isEmpty ? [] : [.text(" " + text)])
        }
        details += [.text(" · "), .strong(w(.identifier) + w.colon), .code(r.id)]
        return [.group(style: "recommendation", [.paragraph([.text(w.text(r.text))]), .paragraph(meta),
                                                 .group(style: "meta", [.paragraph(details)])])]
    }

    /// The first clause of a text (to ";" or ":"), at most about 90 characters.
    static func excerpt(_ s: String) -> String {
        var cut = s
        if let i = s.firstIndex(where: { $0 == ";" || $0 == ":" }) { cut = String(s[..<i]) }
        if cut.count > 90 { cut = String(cut.prefix(88)).trimmingCharacters(in: .whitespaces) + "…" }
        return cut == s ? s : cut + (cut.hasSuffix("…") ? "" : "…")
    }
}
