import MecigepEngine

extension ReportBuilder {
    /// 4. Analysis by criterion: level and label, a bar of the indicators, then each indicator's
    /// level, agreed level, findings with their evidence, and missing information.
    func analysis() -> [Block] {
        var blocks: [Block] = [.paragraph([.text(w(a.framework.insufficientCountsAsLowest ? .analysisIntroLowest : .analysisIntro))])]
        for (n, c) in a.criteria.enumerated() {
            let row = content.criteria[n]
            var group: [Block] = [.heading(level: 3, text: [.text("\(n + 1). \(w.text(c.criterion.title)) "), w.badge(c.status, c.grade)],
                                           id: "criterion-" + SVG.id(c.criterion.id))]
            if let d = c.criterion.description { group.append(.paragraph([.emphasis(w.text(d))])) }
            var meta: [Inline] = [.text(w(.aggregationLine, w.aggregation(c.criterion.aggregation), w.number(c.criterion.weight),
                                          String(c.coverage.assessed), String(c.coverage.indicators)))]
            if let agreed = row.agreed { meta += [.text(" "), .text(w(.agreedCriterion) + " "), .badge(w.grade(agreed), style: "agreed")] }
            group.append(.paragraph(meta))
            if !row.peers.isEmpty {
                let levels = row.peers.map { "\(peerName($0.country)) \($0.level?.id ?? "—")" }
                var line: [Inline] = [.strong(w(.peerLevels) + w.colon), .text(levels.joined(separator: " · "))]
                if let s = row.spread { line.append(.text(" · " + w(.spread) + w.colon + w.number(s) + (s >= 2 ? " ⚑" : ""))) }
                group.append(.paragraph(line))
            }
            if let failure = c.failure { group.append(.note(style: "warning", [.text(w(.aggregationFailed) + " " + failure)])) }
            group.append(.chart(indicatorBar(c)))
            for r in c.indicators { group.append(indicator(r)) }
            blocks.append(.group(style: "criterion-block", group))
        }
        return blocks
    }

    func indicatorBar(_ c: CriterionResult) -> Chart {
        let items = c.indicators.map { r in
            IndicatorBar.Item(id: r.indicator.id, score: r.status == .assessed ? r.grade?.score : nil, levelLabel: r.grade?.id,
                              insufficient: r.status == .insufficientInformation, error: r.status == .error,
                              agreedScore: r.agreed?.grade.score, agreedLabel: r.agreed.map { "→ \($0.grade.id)" })
        }
        let description = c.indicators.map { r in
            "\(w.text(r.indicator.title)) (\(r.indicator.id))" + w.colon + w.result(r.status, r.grade)
                + (r.agreed.map { " (\(w(.seriesAgreed).lowercased()) \($0.grade.id))" } ?? "")
        }.joined(separator: "; ") + "."
        let bar = IndicatorBar(id: "bar-" + SVG.id(c.criterion.id), items: items, minScore: scale.lowest.score,
                               maxScore: scale.highest.score, title: w(.barTitle, w.text(c.criterion.title)), description: description)
        return Chart(svg: bar.svg(), alternative: description, caption: w(.barTitle, w.text(c.criterion.title)), style: "bars")
    }

    func indicator(_ r: IndicatorResult) -> Block {
        var blocks: [Block] = [.heading(level: 4, text: [.text(w.text(r.indicator.title) + " "), .code(r.indicator.id)], id: nil)]
        var line: [Inline] = [w.badge(r.status, r.grade)]
        if r.indicator.weight != 1 { line.append(.text(" · " + w(.weight) + " " + w.number(r.indicator.weight))) }
        blocks.append(.paragraph(line))
        if let q = r.indicator.question { blocks.append(.paragraph([.emphasis(w.text(q))])) }
        if let agreed = r.agreed {
            let author = agreed.author == "secretariat" ? w(.secretariat) : peerName(agreed.author) + " (" + w(.peerState) + ")"
            blocks.append(.note(style: "agreed", [
                .strong(w(.agreedLevel) + w.colon), .badge(w.grade(agreed.grade), style: "agreed"),
                .text(" (" + w(.rulesLevel, w.result(r.status, r.grade)) + "). "),
                .strong(w(.why) + w.colon), .text(agreed.justification + " — " + author + ", " + w.date(agreed.date) + "."),
            ]))
        }
        if let rubric = r.grade.flatMap({ r.indicator.rubric[$0.level.id] }) {
            blocks.append(.paragraph([.strong(w(.rubric) + w.colon), .text(w.text(rubric))]))
        }
        if !r.findings.isEmpty {
            blocks.append(.paragraph([.strong(w(.findings))]))
            blocks.append(.list(ordered: false, start: 1, items: r.findings.map { f in
                var inl: [Inline] = [.text(w.text(f.text))]
                if !f.evidence.isEmpty {
                    inl.append(.text(" — " + w(.evidence) + w.colon))
                    for (i, e) in f.evidence.enumerated() { inl += (i > 0 ? [.text(", ")] : []) + [.code(e)] }
                }
                return [.paragraph(inl)]
            }))
        }
        if !r.missing.isEmpty {
            var inl: [Inline] = [.strong(w(.missingInformation) + w.colon)]
            for (i, m) in r.missing.enumerated() { inl += (i > 0 ? [.text(", ")] : []) + [.code(m)] }
            blocks.append(.paragraph(inl))
        } else if r.status == .insufficientInformation {
            blocks.append(.paragraph([.strong(w(.missingInformation) + w.colon), .text(w(.notSpecified))]))
        }
        if let note = r.note { blocks.append(.paragraph([.strong(w(.note) + w.colon), .text(w.text(note))])) }
        if let f = r.failure {
            let location = [f.file, f.line.map(String.init)].compactMap { $0 }.joined(separator: ":")
            blocks.append(.note(style: "warning", [.strong(w(.ruleError) + w.colon), .code(f.kind),
                                                   .text(" " + f.message + (location.isEmpty ? "" : " (\(location))"))]))
        }
        if !r.recommendations.isEmpty {
            let numbers = r.recommendations.compactMap { rec in content.recommendations.first { $0.id == rec.id }?.number }
            blocks.append(.paragraph([.text(w(numbers.count == 1 ? .seeRecommendation : .seeRecommendations, numbers.map { "\($0)" }.joined(separator: ", ")))]))
        }
        if !r.indicator.references.isEmpty {
            blocks.append(.group(style: "refs", [.paragraph([.emphasis(w(.references) + w.colon + r.indicator.references.joined(separator: "; "))])]))
        }
        return .group(style: "indicator", blocks)
    }
}
