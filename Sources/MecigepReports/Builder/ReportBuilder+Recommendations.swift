import Foundation
import MecigepEngine

extension ReportBuilder {
    /// 6. Recommendations: numbered, by criterion, each with its challenge, priority, horizon,
    /// suggested owner and author; all non-binding.
    func recommendations() -> [Block] {
        var blocks: [Block] = [.note(style: "notice", [.strong(w(.nonBinding) + ". "), .text(w(.nonBindingNote))])]
        let recs = content.recommendations
        guard !recs.isEmpty else { return blocks + [.paragraph([.emphasis(w(.noRecommendations))])] }
        if !content.challenges.isEmpty {
            var rows: [[[Inline]]] = content.challenges.map { c in
                let numbers = recs.filter { $0.challenge == c.id }.map { "\($0.number)" }
                return [[.code(c.id)], [.text(c.description)], [.text(numbers.isEmpty ? "—" : numbers.joined(separator: ", "))]]
            }
            let untied = recs.filter { $0.challenge == nil }.map { "\($0.number)" }
            if !untied.isEmpty { rows.append([[.text("—")], [.emphasis(w(.noChallenge))], [.text(untied.joined(separator: ", "))]]) }
            blocks.append(.table(Table(header: [[.text(w(.challenge))], [.text(w(.description))], [.text(w(.recommendationNumbers))]],
                                       rows: rows, caption: w(.byChallengeCaption), style: "challenges")))
        }
        for c in a.framework.criteria {
            let these = recs.filter { $0.criterion == c.id }
            guard !these.isEmpty else { continue }
            blocks.append(.heading(level: 3, text: [.text(w.text(c.title))], id: nil))
            blocks.append(.list(ordered: true, start: these[0].number, items: these.map(recommendation)))
        }
        return blocks
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
