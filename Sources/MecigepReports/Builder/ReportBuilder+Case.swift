import LuaRuntime
import MecigepEngine

extension ReportBuilder {
    /// 3. The case as submitted: its implementation challenges and questions for peers first,
    /// then what it is, in the beneficiary's own words and language.
    func caseSection() -> [Block] {
        var blocks: [Block] = [.note(style: "info", [.text(w(.caseAsSubmitted))])]
        guard let value = content.caseValue else {
            blocks.append(.paragraph([.text(w(.caseUnavailable))]))
            return blocks + caseIssues()
        }
        blocks.append(.heading(level: 3, text: [.text(w(.implementationChallenges))], id: "challenges"))
        if content.challenges.isEmpty {
            blocks.append(.paragraph([.emphasis(w(.noneSubmitted))]))
        } else {
            blocks.append(.list(ordered: false, start: 1, items: content.challenges.map { c in
                [.paragraph([.code(c.id), .text(" " + c.description)])]
            }))
        }
        blocks.append(.heading(level: 3, text: [.text(w(.questionsForPeers))], id: "questions"))
        let questions = (value["questions_for_peers"]?.arrayValue ?? []).compactMap { q -> [Block]? in
            guard let text = q["question"]?.stringValue ?? q.stringValue else { return nil }
            var line: [Inline] = [.text(text)]
            if let c = q["challenge"]?.stringValue { line += [.text(" ("), .text(w(.challenge).lowercased() + " "), .code(c), .text(")")] }
            return [.paragraph(line)]
        }
        blocks.append(questions.isEmpty ? .paragraph([.emphasis(w(.noneSubmitted))]) : .list(ordered: true, start: 1, items: questions))

        blocks.append(.heading(level: 3, text: [.text(w(.identification))], id: nil))
        var items: [(term: [Inline], detail: [Inline])] = [([.text(w(.factCase))], [.code(a.caseID)])]
        let fields: [(Label, String, Bool)] = [(.institution, "identification.agency", false), (.initiative, "identification.title", false),
                                               (.thematicArea, "identification.thematic_area", true),
                                               (.instrument, "identification.instrument", true),
                                               (.contact, "identification.contact", false)]
        for (label, path, translated) in fields {
            if let s = caseString(path) { items.append(([.text(w(label))], [.text(translated ? w.caseWord(s) : s)])) }
        }
        if let launch = caseString("identification.planned_launch") { items.append(([.text(w(.plannedLaunch))], [.text(w.date(launch))])) }
        if let lang = caseString("language"), let l = Language(rawValue: lang) {
            items.append(([.text(w(.caseLanguage))], [.text(w(Label(rawValue: "lang_" + l.rawValue)!))]))
        }
        blocks.append(.definitions(items))
        if let summary = caseString("summary") {
            blocks.append(.heading(level: 3, text: [.text(w(.caseSummary))], id: nil))
            blocks.append(.paragraph([.text(summary)]))
        }
        if let statement = caseString("problem.statement") {
            blocks.append(.heading(level: 3, text: [.text(w(.problem))], id: nil))
            blocks.append(.paragraph([.text(statement)]))
            var who: [String] = []
            if let d = caseString("problem.affected_population.description") { who.append(d) }
            if let n = value["problem"]?["affected_population"]?["size"]?.doubleValue { who.append(w.number(n, decimals: 0)) }
            if !who.isEmpty { blocks.append(.paragraph([.strong(w(.affectedPopulation) + w.colon), .text(who.joined(separator: " — "))])) }
        }
        let specific = (value["objectives"]?["specific"]?.arrayValue ?? []).compactMap(\.stringValue)
        if caseString("objectives.general") != nil || !specific.isEmpty {
            blocks.append(.heading(level: 3, text: [.text(w(.objectives))], id: nil))
            if let g = caseString("objectives.general") { blocks.append(.paragraph([.strong(w(.generalObjective) + w.colon), .text(g)])) }
            if !specific.isEmpty { blocks.append(.list(ordered: false, start: 1, items: specific.map { [.paragraph([.text($0)])] })) }
        }
        return blocks + caseIssues()
    }

    func caseIssues() -> [Block] {
        guard !a.caseIssues.isEmpty else { return [] }
        return [.heading(level: 3, text: [.text(w(.caseIssues))], id: nil),
                .paragraph([.text(w(.caseIssuesIntro))]),
                .list(ordered: false, start: 1, items: a.caseIssues.map { [.paragraph([.code($0.path), .text(w.colon + $0.message)])] })]
    }
}
