import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep validate CASE...`: the completeness check a Secretariat sends back to a State.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check cases before assessing them: malformed fields, and what is missing.",
        discussion: """
            Lists the fields that are malformed, and the indicators that would come out as \
            "insufficient information" with what to add to the case to change that. Exit code 1 \
            when a case is invalid (unreadable, or with malformed fields); incompleteness alone \
            is a report, not an error.
            """
    )

    @Argument(help: "Case files or folders.")
    var cases: [String]

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    @Option(help: "Language of the text output: its labels and the indicator titles.")
    var lang: ReportLanguage?

    /// The words of the text report, in the four languages (the field paths stay as written).
    static let words: [String: [String: String]] = [
        "valid": ["en": "valid", "es": "válido", "pt": "válido", "fr": "valide"],
        "invalid": ["en": "INVALID", "es": "NO VÁLIDO", "pt": "INVÁLIDO", "fr": "INVALIDE"],
        "covered": ["en": "of indicators have enough information", "es": "de los indicadores tienen información suficiente",
                    "pt": "dos indicadores têm informação suficiente", "fr": "des indicateurs ont assez d'information"],
        "malformed": ["en": "malformed", "es": "mal formado", "pt": "malformado", "fr": "mal formé"],
        "suggest": ["en": "suggest", "es": "sugerencia", "pt": "sugestão", "fr": "suggestion"],
        "placeholder": ["en": "placeholder", "es": "marcador", "pt": "marcador", "fr": "à compléter"],
        "placeholders": ["en": "placeholders (counted as missing)", "es": "marcadores (cuentan como faltantes)",
                         "pt": "marcadores (contam como ausentes)", "fr": "réponses à compléter (comptées comme manquantes)"],
        "missing": ["en": "missing", "es": "falta", "pt": "falta", "fr": "manque"],
        "add": ["en": "add", "es": "añadir", "pt": "acrescentar", "fr": "ajouter"],
        "what it asks": ["en": "the information it asks for", "es": "la información que pide",
                         "pt": "a informação que pede", "fr": "l'information qu'il demande"],
    ]

    func run() throws {
        let rulesLoader = try rulesOptions.loader(for: frameworkOption.framework)
        let (files, missing) = BatchRunner.caseFiles(cases)
        for path in missing { Console.error("mecigep: \(path): no such file or folder") }
        guard !files.isEmpty else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep validate: no case files found")
        }
        let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
        let lang = try language(self.lang, for: framework, command: "validate")
        var invalid = !missing.isEmpty
        var reports: [LuaValue] = []
        let runner = BatchRunner(framework: framework, loader: loader, jobs: 1, engineVersion: MecigepVersion.current)
        final class Collector: @unchecked Sendable { var outcomes: [Int: BatchOutcome] = [:] }
        let collector = Collector()
        runner.run(files: files) { index, outcome in collector.outcomes[index] = outcome }
        for (index, file) in files.enumerated() {
            switch collector.outcomes[index]! {
            case .invalid(_, let issues): // not produced here (validate assesses what it can), but say so
                invalid = true
                reports.append(["file": .string(file), "valid": false,
                                "error": .string(issues.map(\.description).joined(separator: "; "))])
            case .failed(_, let message):
                invalid = true
                reports.append(["file": .string(file), "valid": false, "error": .string(message)])
                if format == .text { Console.output("\(file): INVALID\n  \(message)") }
            case .assessed(let a):
                let incomplete = a.indicatorResults.filter { $0.status == .insufficientInformation }
                if !a.caseIssues.isEmpty { invalid = true }
                reports.append([
                    "file": .string(file), "case": .string(a.caseID), "valid": .bool(a.caseIssues.isEmpty),
                    "malformed": .array(a.caseIssues.map { ["path": .string($0.path), "message": .string($0.message)] }),
                    "placeholders": .array(a.casePlaceholders.map { ["path": .string($0.path), "message": .string($0.message)] }),
                    "suggestions": .array(a.indicatorResults.flatMap { r in r.suggestions.map { s -> LuaValue in
                        ["indicator": .string(r.indicator.id), "path": s.path.map { .string($0) } ?? .null, "text": s.text.value]
                    } }),
                    "incomplete": .array(incomplete.map { r in
                        ["indicator": .string(r.indicator.id), "title": r.indicator.title.value,
                         "add": .array((r.missing.isEmpty ? r.indicator.requires : r.missing).map { .string($0) })]
                    }),
                    "coverage": .double((a.coverage.share * 10_000).rounded() / 10_000),
                ])
                if format == .text {
                    func w(_ key: String) -> String { Self.words[key]?[lang] ?? Self.words[key]?["en"] ?? key }
                    Console.output("\(file) (\(a.caseID)): \(w(a.caseIssues.isEmpty ? "valid" : "invalid")), "
                        + String(format: "%.0f%%", a.coverage.share * 100) + " " + w("covered"))
                    for issue in a.caseIssues { Console.output("  \(w("malformed"))  \(issue.path): \(issue.message)") }
                    for p in a.casePlaceholders { Console.output("  \(w("placeholder")) \(p.path): \(p.message)") }
                    var suggested = Set<String>()
                    for r in a.indicatorResults {
                        for s in r.suggestions where suggested.insert((s.path ?? "") + s.text.text(lang)).inserted {
                            Console.output("  \(w("suggest"))    " + (s.path.map { "\($0): " } ?? "") + s.text.text(lang))
                        }
                    }
                    for r in incomplete {
                        let add = (r.missing.isEmpty ? r.indicator.requires : r.missing)
                        Console.output("  \(w("missing"))    \(r.indicator.id) (\(r.indicator.title.text(lang))): \(w("add")) "
                            + (add.isEmpty ? w("what it asks") : add.joined(separator: ", ")))
                    }
                }
            }
        }
        if format == .json { Console.output(LuaValue.array(reports).jsonText(pretty: true)) }
        if invalid { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }
}
