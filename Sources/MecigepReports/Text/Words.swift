import Foundation
import MecigepEngine

/// The report's fixed texts and formats in one language: labels from the translation tables,
/// framework texts through their translations, dates and numbers the language's way.
struct Words {
    let language: Language

    /// A label, with `{1}`, `{2}`... replaced by `args`.
    func callAsFunction(_ key: Label, _ args: String...) -> String {
        var s = Labels.text(key, language)
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i + 1)}", with: a) }
        return s
    }

    /// ": ", or " : " with a no-break space in French.
    var colon: String { language == .fr ? "\u{00A0}: " : ": " }

    func text(_ t: LocalizedText) -> String { t.text(language.rawValue) }
    func date(_ iso: String) -> String { LocalizedFormat.date(iso, language) }
    func number(_ v: Double, decimals: Int = 2) -> String { LocalizedFormat.number(v, language, decimals: decimals) }
    func percent(_ share: Double) -> String { LocalizedFormat.percent(share, language) }

    /// A State's name: the OAS member's name in this language, else the name given, else the code.
    func country(_ code: String, name: String? = nil) -> String {
        CountryNames.name(code, language) ?? name ?? code
    }

    /// "3 — Documented and resourced".
    func grade(_ g: Grade) -> String { "\(g.id) — \(text(g.level.label))" + (g.plus ? " +" : "") }

    /// A result: the grade, or "insufficient information", or "rule error".
    func result(_ status: ResultStatus, _ g: Grade?) -> String {
        switch status {
        case .assessed: return g.map(grade) ?? self(.insufficient)
        case .insufficientInformation: return self(.insufficient)
        case .error: return self(.ruleError)
        }
    }

    /// A result as a badge.
    func badge(_ status: ResultStatus, _ g: Grade?) -> Inline {
        switch status {
        case .assessed: return .badge(self(.levelN, g.map(grade) ?? "?"), style: "level")
        case .insufficientInformation: return .badge("? " + self(.insufficient), style: "insufficient")
        case .error: return .badge("! " + self(.ruleError), style: "error")
        }
    }

    /// A result as a compact badge, for tables: "2 — Partly documented".
    func shortBadge(_ status: ResultStatus, _ g: Grade?) -> Inline {
        switch status {
        case .assessed: return .badge(g.map(grade) ?? "?", style: "level")
        default: return badge(status, g)
        }
    }

    /// A result for a table cell: the level in bold and its label, or a badge when there is none.
    func cell(_ status: ResultStatus, _ g: Grade?) -> [Inline] {
        guard status == .assessed, let g else { return [badge(status, g)] }
        return [.strong(g.id), .text(" — " + text(g.level.label))]
    }

    func priority(_ p: String) -> String {
        switch p {
        case "high": return self(.priorityHigh)
        case "medium": return self(.priorityMedium)
        default: return self(.priorityLow)
        }
    }

    func horizon(_ h: String) -> String {
        switch h {
        case "short": return self(.horizonShort)
        case "medium": return self(.horizonMedium)
        default: return self(.horizonLong)
        }
    }

    func status(_ s: FollowUp.Status) -> String {
        switch s {
        case .adopted: return self(.statusAdopted)
        case .inProgress: return self(.statusInProgress)
        case .notAdopted: return self(.statusNotAdopted)
        case .notApplicable: return self(.statusNotApplicable)
        }
    }

    func aggregation(_ m: AggregationMethod) -> String {
        switch m {
        case .weightedMean: return self(.aggWeightedMean)
        case .weakestLink: return self(.aggWeakestLink)
        case .conversionTable: return self(.aggTable)
        case .thresholds: return self(.aggThresholds)
        case .piecewise: return self(.aggPiecewise)
        case .lua: return self(.aggLua)
        }
    }

    func direction(_ d: AssessmentChanges.Direction) -> String {
        switch d {
        case .up: return self(.changeUp)
        case .down: return self(.changeDown)
        case .same: return self(.changeSame)
        case .changed: return self(.changeStatus)
        case .added: return self(.changeAdded)
        case .removed: return self(.changeRemoved)
        }
    }

    /// The case's thematic area or instrument word, translated when it is one of the known ones.
    func caseWord(_ word: String) -> String {
        guard let key = Label(rawValue: "case_" + word) else { return word }
        return self(key)
    }

    /// A list: "A, B and C".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + self(.and) + items.last!
    }
}
