import MecigepEngine

extension ReportBuilder {
    /// 8. The informational follow-up: what the beneficiary reports it did with each
    /// recommendation, and what changed when the revised case was assessed again.
    func followUp() -> [Block] {
        var blocks: [Block] = [.note(style: "info", [.text(w(.followUpInformational))])]
        guard let f = content.followUp else {
            return blocks + [.paragraph([.emphasis(w(.followUpPending))])]
        }
        blocks.append(.paragraph([.text(w(.followUpReported, f.reportedBy ?? beneficiaryName, w.date(f.date)))]))
        let recs = content.recommendations
        var counts: [[[Inline]]] = FollowUp.Status.allCases.map { s in
            [[.badge(w.status(s), style: s.rawValue)], [.text(String(f.entries.filter { $0.status == s }.count))]]
        }
        counts.append([[.emphasis(w(.statusNotReported))], [.text(String(recs.filter { f.entry(for: $0.id) == nil }.count))]])
        blocks.append(.table(Table(header: [[.text(w(.status))], [.text(w(.count))]], rows: counts, numeric: [1],
                                   caption: w(.followUpCountsCaption), style: "counts")))
        let rows: [[[Inline]]] = recs.map { r in
            let e = f.entry(for: r.id)
            return [[.text("\(r.number)")], [.code(r.id)], [.text(w.text(r.text))],
                    e.map { [.badge(w.status($0.status), style: $0.status.rawValue)] } ?? [.emphasis(w(.statusNotReported))],
                    [.text(e.map { w.date($0.date) } ?? "—")], [.text(e?.note.map { w.text($0) } ?? "")]]
        }
        blocks.append(.table(Table(header: [[.text("#")], [.text(w(.identifier))], [.text(w(.recommendation))], [.text(w(.status))],
                                            [.text(w(.date))], [.text(w(.note))]],
                                   rows: rows, numeric: [], caption: w(.followUpTableCaption), style: "follow-up")))
        if let changes = content.changes { blocks += changesBlocks(changes) }
        return blocks
    }

    func describe(_ item: AssessmentSnapshot.Item?) -> String {
        guard let item else { return "—" }
        switch item.status {
        case .assessed: return (item.level ?? "?") + (item.label.map { " — " + w.text($0) } ?? "")
        case .insufficientInformation: return w(.insufficient)
        case .error: return w(.ruleError)
        }
    }

    func changesBlocks(_ changes: AssessmentChanges) -> [Block] {
        var blocks: [Block] = [.heading(level: 3, text: [.text(w(.changesTitle))], id: "changes")]
        let e = changes.earlier, l = changes.later
        blocks.append(.paragraph([.text(w(.changesIntro, e.caseID, String(e.caseSHA256.prefix(12)), l.caseID,
                                          String(l.caseSHA256.prefix(12))))]))
        func overall(_ s: AssessmentSnapshot) -> String {
            s.status == .assessed ? (s.level ?? "?") + (s.label.map { " — " + w.text($0) } ?? "") : w(s.status == .error ? .ruleError : .insufficient)
        }
        blocks.append(.paragraph([.strong(w(.overallLevel) + " "), .text(overall(e) + " → " + overall(l))]))
        blocks.append(.paragraph([.text(w(.changesCounts, String(changes.count(.up)), String(changes.count(.down)),
                                          String(changes.count(.changed) + changes.count(.added) + changes.count(.removed)),
                                          String(changes.count(.same))))]))
        let changed = changes.changed
        if changed.isEmpty { return blocks + [.paragraph([.emphasis(w(.noChanges))])] }
        let rows: [[[Inline]]] = changed.map { c in
            [[.text(criterionTitle(c.criterion))], [.text(w.text(c.title) + " "), .code(c.indicator)], [.text(describe(c.before))],
             [.text(describe(c.after))], [.badge(w.direction(c.direction), style: c.direction.rawValue)]]
        }
        blocks.append(.table(Table(header: [[.text(w(.criterion))], [.text(w(.indicator))], [.text(w(.before))], [.text(w(.after))],
                                            [.text(w(.change))]], rows: rows, caption: w(.changesTableCaption), style: "changes")))
        return blocks
    }
}
