import MecigepEngine

extension ReportBuilder {
    /// Annex A: every indicator's weight, status, level (the rules' and the agreed one) and
    /// score, criterion by criterion, and the scale.
    func scoringSheet() -> [Block] {
        let showAgreed = a.indicatorResults.contains { $0.agreed != nil }
        var rows: [[[Inline]]] = []
        func score(_ g: Grade?) -> [Inline] { [.text(g.map { w.number($0.score) } ?? "—")] }
        for c in a.criteria {
            let agreed = content.criteria.first { $0.criterion.id == c.criterion.id }?.agreed
            rows.append([[.text(w.text(c.criterion.title))], [.text(w.number(c.criterion.weight))],
                         [.text(w.aggregation(c.criterion.aggregation))], [.text(w.result(c.status, c.grade))],
                         [.text(agreed?.id ?? "")], score(c.grade)])
            for r in c.indicators {
                rows.append([[.text("   "), .code(r.indicator.id), .text(" " + w.text(r.indicator.title))], [.text(w.number(r.indicator.weight))],
                             [.text("")], [.text(w.result(r.status, r.grade))], [.text(r.agreed?.grade.id ?? "")], score(r.grade)])
            }
        }
        rows.append([[.strong(w(.overall))], [.text("")], [.text(w.aggregation(a.framework.aggregation))],
                     [.strong(w.result(a.status, a.grade))], [.text(content.agreedOverall?.id ?? "")], score(a.grade)])
        var header: [[Inline]] = [[.text(w(.criterion) + " / " + w(.indicator).lowercased())], [.text(w(.weight))],
                                  [.text(w(.aggregation))], [.text(w(.colRules))], [.text(w(.colAgreed))], [.text(w(.score))]]
        if !showAgreed {
            header.remove(at: 4)
            rows = rows.map { var r = $0; r.remove(at: 4); return r }
        }
        var blocks: [Block] = [.paragraph([.text(w(showAgreed ? .scoringIntro : .scoringIntroNoAgreed))])]
        blocks.append(.table(Table(header: header, rows: rows, numeric: [1, header.count - 1], caption: w(.secScoring), style: "sheet")))
        let levels: [[[Inline]]] = scale.levels.map { [[.text($0.id)], [.text(w.text($0.label))], [.text(w.number($0.score))]] }
        blocks.append(.table(Table(header: [[.text(w(.level))], [.text(w(.label))], [.text(w(.score))]], rows: levels, numeric: [2],
                                   caption: w(.scaleCaption, scale.id), style: "scale")))
        blocks.append(.paragraph([.text(w(a.framework.insufficientCountsAsLowest ? .insufficientLowest : .insufficientExcluded))]))
        return blocks
    }

    /// Annex B: what produced this report, so that it can be reproduced and checked.
    func provenance() -> [Block] {
        let fw = a.framework
        var items: [(term: [Inline], detail: [Inline])] = [
            ([.text(w(.factFramework))], [.text(w.text(fw.title) + " "), .code("\(fw.id) \(fw.version)")]),
            ([.text(w(.contentHash))], [.code(fw.contentHash)]),
        ]
        if let e = fw.extends { items.append(([.text(w(.extends))], [.code("\(e.id) \(e.version)")])) }
        items.append(([.text(w(.engine))], [.code("mecigep \(a.engineVersion)")]))
        items.append(([.text(w(.schemaVersion))], [.code(Assessment.schemaVersion)]))
        items.append(([.text(w(.caseFile))], [.code(a.caseFile.map(Self.fileName) ?? a.caseID), .text(" — SHA-256 "), .code(a.caseSHA256)]))
        if let round { items.append(([.text(w(.roundFile))], [.code(Self.fileName(round.file)), .text(" — SHA-256 "), .code(round.sha256)])) }
        if let f = content.followUp { items.append(([.text(w(.followUpFile))], [.code(Self.fileName(f.file)), .text(" — SHA-256 "), .code(f.sha256)])) }
        if let t = a.generatedAt { items.append(([.text(w(.generatedAt))], [.code(t)])) }
        var blocks: [Block] = [.paragraph([.text(w(.provenanceIntro))]), .definitions(items)]
        blocks.append(.table(Table(header: [[.text(w(.sourceFile))], [.text("SHA-256")]],
                                   rows: fw.sources.map { [[.code($0.path)], [.code($0.sha256)]] },
                                   caption: w(.sourcesCaption), style: "sources")))
        return blocks
    }

    /// The last component of a path: reports do not reveal where files were on a machine.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
