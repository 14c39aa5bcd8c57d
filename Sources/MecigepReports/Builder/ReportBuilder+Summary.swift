import MecigepEngine

extension ReportBuilder {
    /// 1. Executive summary: the overall level, coverage, the radar, criteria side by side, where
    /// the dialogue should focus, and the recommendations in numbers.
    func summary() -> [Block] {
        var blocks: [Block] = []
        let intro = round == nil ? w(.summaryIntroNoRound, beneficiaryName, caseTitle, frameworkName)
            : w(.summaryIntro, beneficiaryName, caseTitle, w.list(round!.peers.map { peerName($0.participant.country) }), frameworkName)
        blocks.append(.paragraph([.text(intro)]))
        var overall: [Inline] = [.text(w(.overallLevel) + " "), w.badge(a.status, a.grade)]
        if let agreed = content.agreedOverall {
            overall += [.text(" " + w(.agreedOverallLevel) + " "), .badge(w.grade(agreed), style: "agreed")]
        }
        blocks.append(.paragraph(overall))
        let c = a.coverage
        blocks.append(.paragraph([.text(w(a.framework.insufficientCountsAsLowest ? .coverageSentenceLowest : .coverageSentence, String(c.assessed), String(c.indicators), w.percent(c.share),
                                          String(c.insufficient), String(c.errors)))]))
        blocks.append(.chart(radar()))
        blocks.append(.table(criteriaTable()))

        let assessed = content.criteria.filter { $0.status == .assessed && $0.rules != nil }
        if assessed.count >= 2 {
            let best = assessed.map { $0.rules!.score }.max()!, worst = assessed.map { $0.rules!.score }.min()!
            if best > worst {
                let strong = assessed.filter { $0.rules!.score == best }.map { w.text($0.criterion.title) }
                let weak = assessed.filter { $0.rules!.score == worst }.map { w.text($0.criterion.title) }
                blocks.append(.paragraph([.strong(w(.strongest) + " "), .text(w.list(strong) + ". "),
                                          .strong(w(.weakest) + " "), .text(w.list(weak) + ".")]))
            }
        }
        let missing = content.criteria.filter { $0.status == .insufficientInformation }.map { w.text($0.criterion.title) }
        if !missing.isEmpty { blocks.append(.note(style: "info", [.text(w(.criteriaWithoutInformation, w.list(missing)))])) }

        if round != nil {
            let wide = content.criteria.filter { ($0.spread ?? 0) >= 2 }
            if wide.isEmpty {
                blocks.append(.paragraph([.text(w(.noDisagreement))]))
            } else {
                let items = wide.map { "\(w.text($0.criterion.title)) (\(w(.spread).lowercased()) \(w.number($0.spread!)))" }
                blocks.append(.note(style: "warning", [.strong(w(.discussTitle) + " "), .text(w.list(items) + ".")]))
            }
        }
        let recs = content.recommendations
        let high = recs.filter { $0.priority == "high" }.count
        let byPeers = recs.filter { if case .peer = $0.author { return true } else { return false } }.count
        var sentence = w(.recommendationCount, String(recs.count), String(high))
        if round != nil { sentence += " " + w(.recommendationAuthors, String(recs.count - byPeers), String(byPeers)) }
        blocks.append(.paragraph([.text(sentence)]))
        return blocks
    }

    func radar() -> Chart {
        let rows = content.criteria
        var series = [RadarChart.Series(name: w(.seriesRules), values: rows.map { $0.status == .assessed ? $0.rules?.score : nil })]
        if rows.contains(where: { $0.agreed != nil }) {
            series.append(.init(name: w(.seriesAgreed), values: rows.map { ($0.agreed ?? ($0.status == .assessed ? $0.rules : nil))?.score }))
        }
        for (i, peer) in (a.round?.peers ?? []).enumerated() {
            series.append(.init(name: peerName(peer.country), values: rows.map { $0.peers[i].level?.score }))
        }
        let description = rows.map { row -> String in
            var parts = [w.text(row.criterion.title) + w.colon + w.result(row.status, row.rules)]
            if let agreed = row.agreed { parts.append("\(w(.seriesAgreed)) \(agreed.id)") }
            for p in row.peers { parts.append("\(peerName(p.country)) \(p.level?.id ?? "—")") }
            return parts.joined(separator: ", ")
        }.joined(separator: "; ") + "."
        let chart = RadarChart(id: "radar", axes: rows.map { w.text($0.criterion.title) },
                               insufficient: rows.map { $0.status != .assessed },
                               rings: scale.levels.map { ($0.score, $0.id) }, series: series,
                               insufficientLabel: w(.insufficient), title: w(.radarTitle), description: description)
        return Chart(svg: chart.svg(), alternative: description, caption: w(.radarTitle), style: "radar")
    }

    func criteriaTable() -> Table {
        var header: [[Inline]] = [[.text(w(.criterion))], [.text(w(.colRules))]]
        let agreed = content.criteria.contains { $0.agreed != nil }
        if agreed { header.append([.text(w(.colAgreed))]) }
        let peers = a.round?.peers ?? []
        for p in peers { header.append([.text(peerName(p.country))]) }
        if !peers.isEmpty { header.append([.text(w(.spread))]) }
        header.append([.text(w(.colCoverage))])
        var rows: [[[Inline]]] = []
        for row in content.criteria {
            var cells: [[Inline]] = [[.text(w.text(row.criterion.title))], w.cell(row.status, row.rules)]
            if agreed { cells.append(row.agreed.map { w.cell(.assessed, $0) } ?? [.text("—")]) }
            for p in row.peers { cells.append([.text(p.level?.id ?? "—")]) }
            if !peers.isEmpty {
                let s = row.spread.map { w.number($0) } ?? "—"
                cells.append((row.spread ?? 0) >= 2 ? [.strong(s + " ⚑")] : [.text(s)])
            }
            let cov = a.criteria.first { $0.criterion.id == row.criterion.id }!.coverage
            cells.append([.text("\(cov.assessed)/\(cov.indicators)")])
            rows.append(cells)
        }
        var numeric: Set<Int> = [header.count - 1]
        if !peers.isEmpty { numeric.formUnion((header.count - 2 - peers.count)..<(header.count - 1)) }
        return Table(header: header, rows: rows, numeric: numeric, caption: w(.criteriaTableCaption), style: "criteria")
    }
}
