import Foundation
import MecigepEngine

/// `assess --format text`: a summary a person reads at a glance — the level of every criterion,
/// what was missing, and the recommendations by priority.
enum SummaryText {
    static let words: [String: [String: String]] = [
        "framework": ["en": "framework", "es": "marco", "pt": "marco", "fr": "cadre"],
        "indicators": ["en": "indicators", "es": "indicadores", "pt": "indicadores", "fr": "indicateurs"],
        "indicator": ["en": "indicator", "es": "indicador", "pt": "indicador", "fr": "indicateur"],
        "covered": ["en": "with enough information", "es": "con información suficiente",
                    "pt": "com informação suficiente", "fr": "avec assez d'information"],
        "criterion": ["en": "criterion", "es": "criterio", "pt": "critério", "fr": "critère"],
        "level": ["en": "level", "es": "nivel", "pt": "nível", "fr": "niveau"],
        "overall": ["en": "overall", "es": "global", "pt": "global", "fr": "ensemble"],
        "insufficient": ["en": "insufficient information", "es": "información insuficiente",
                         "pt": "informação insuficiente", "fr": "information insuffisante"],
        "error": ["en": "rule error", "es": "error de regla", "pt": "erro de regra", "fr": "erreur de règle"],
        "recommendations": ["en": "recommendations (non-binding)", "es": "recomendaciones (no vinculantes)",
                            "pt": "recomendações (não vinculantes)", "fr": "recommandations (non contraignantes)"],
        "recommendation": ["en": "recommendation (non-binding)", "es": "recomendación (no vinculante)",
                           "pt": "recomendação (não vinculante)", "fr": "recommandation (non contraignante)"],
        "high": ["en": "high priority", "es": "prioridad alta", "pt": "prioridade alta", "fr": "priorité haute"],
        "missing": ["en": "to add to the case", "es": "a añadir al caso", "pt": "a acrescentar ao caso",
                    "fr": "à ajouter au dossier"],
        "issues": ["en": "malformed fields", "es": "campos mal formados", "pt": "campos malformados",
                   "fr": "champs mal formés"],
        "rule errors": ["en": "rule errors (counted as the lowest level; fix the rule, not the case)",
                        "es": "errores de regla (cuentan como el nivel más bajo; se corrige la regla, no el caso)",
                        "pt": "erros de regra (contam como o nível mais baixo; corrige-se a regra, não o caso)",
                        "fr": "erreurs de règle (comptées au niveau le plus bas ; corriger la règle, pas le dossier)"],
    ]

    static func word(_ key: String, _ language: String) -> String { words[key]?[language] ?? words[key]?["en"] ?? key }

    /// The word for a count: singular for 1, plural otherwise ("1 indicador", "2 indicadores").
    static func counted(_ n: Int, _ singular: String, _ plural: String, _ language: String) -> String {
        "\(n) " + word(n == 1 ? singular : plural, language)
    }

    static func result(_ status: ResultStatus, _ grade: Grade?, _ language: String) -> (String, String) {
        switch status {
        case .assessed: return (grade?.id ?? "?", grade?.level.label.text(language) ?? "")
        case .insufficientInformation: return ("—", word("insufficient", language))
        case .error: return ("!", word("error", language))
        }
    }

    static func render(_ a: Assessment, language l: String) -> String {
        var lines: [String] = []
        lines.append("\(a.caseID)  ·  \(word("framework", l)) \(a.framework.id) \(a.framework.version)  ·  "
            + counted(a.coverage.indicators, "indicator", "indicators", l) + ", "
            + String(format: "%.0f%% ", a.coverage.share * 100) + word("covered", l))
        lines.append("")
        let width = max(24, a.criteria.map { $0.criterion.title.text(l).count }.max() ?? 0)
        // the level column is as wide as its header in the language ("niveau"), never cut
        let levelWidth = max(5, word("level", l).count)
        func row(_ name: String, _ level: String, _ label: String, _ note: String = "") -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + level.padding(toLength: levelWidth, withPad: " ", startingAt: 0) + "  " + label + note
        }
        lines.append(row(word("criterion", l), word("level", l), ""))
        for c in a.criteria {
            let (level, label) = result(c.status, c.grade, l)
            var coverage = c.coverage.indicators > 0 ? "  (\(c.coverage.assessed)/\(c.coverage.indicators))" : ""
            if c.coverage.errors > 0 { coverage += "  ! \(c.coverage.errors) \(word("error", l))" }
            lines.append(row(c.criterion.title.text(l), level, label, coverage))
        }
        let (level, label) = result(a.status, a.grade, l)
        lines.append(row(word("overall", l), level, label))
        let missing = a.indicatorResults.filter { $0.status == .insufficientInformation }
            .flatMap { $0.missing.isEmpty ? $0.indicator.requires : $0.missing }
        var seen = Set<String>()
        let distinct = missing.filter { seen.insert($0).inserted }
        if !distinct.isEmpty {
            lines.append("")
            lines.append("\(word("missing", l)): " + distinct.prefix(12).joined(separator: ", ") + (distinct.count > 12 ? ", …" : ""))
        }
        // A rule error is never presented as missing information: each is listed with its place.
        let failed = a.indicatorResults.filter { $0.status == .error }
        if !failed.isEmpty || a.criteria.contains(where: { $0.failure != nil }) {
            lines.append("")
            lines.append("\(word("rule errors", l)):")
            for r in failed {
                let place = r.failure?.place.map { " (\($0))" } ?? ""
                lines.append("  \(r.indicator.id): \(r.failure?.kind ?? "error"): \(r.failure?.message ?? "")\(place)")
            }
            for c in a.criteria { if let f = c.failure { lines.append("  \(c.criterion.id): aggregation: \(f)") } }
        }
        if !a.caseIssues.isEmpty {
            lines.append("")
            lines.append("\(word("issues", l)):")
            for issue in a.caseIssues { lines.append("  \(issue.path): \(issue.message)") }
        }
        let recommendations = a.recommendations
        if !recommendations.isEmpty {
            let high = recommendations.filter { $0.priority == "high" }
            lines.append("")
            lines.append(counted(recommendations.count, "recommendation", "recommendations", l) + ", \(high.count) \(word("high", l)):")
            for (n, r) in (high.isEmpty ? recommendations : high).prefix(5).enumerated() {
                lines.append("  \(n + 1). [\(r.indicator)] \(r.text.text(l))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
