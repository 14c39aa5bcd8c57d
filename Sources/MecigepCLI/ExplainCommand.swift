import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep explain CASE --indicator ID`: the trace behind one result.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why an indicator got its result: fields read, conditions, the rule's file and line."
    )

    @Argument(help: "A case file.")
    var file: String

    @Option(help: "The indicator to explain.")
    var indicator: String

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "Language of texts.")
    var lang: ReportLanguage = .en

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    func run() throws {
        let loader = try rulesOptions.loader(limits: limitOptions.limits)
        let framework = try loadFramework(frameworkOption.framework, loader)
        guard framework.indicators.contains(where: { $0.id == indicator }) else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep explain: no indicator \"\(indicator)\" in \(framework.id); "
                + "indicators: \(framework.indicators.map(\.id).joined(separator: ", "))")
        }
        let runner = BatchRunner(framework: framework, loader: loader, jobs: 1, engineVersion: MecigepVersion.current)
        final class Box: @unchecked Sendable { var outcome: BatchOutcome? }
        let box = Box()
        runner.run(files: [file]) { _, outcome in box.outcome = outcome }
        guard case .assessed(let assessment)? = box.outcome else {
            if case .failed(_, let message)? = box.outcome { throw CommandFailure(code: MecigepExit.failure, message: "mecigep: \(message)") }
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep: \(file): not assessed")
        }
        let result = assessment.indicatorResults.first { $0.indicator.id == indicator }!
        let criterion = assessment.criteria.first { $0.indicators.contains { $0.indicator.id == indicator } }!.criterion
        if format == .json {
            Console.output(Assessment.indicatorValue(result).jsonText(pretty: true))
        } else {
            Console.output(text(result, criterion: criterion, assessment: assessment))
        }
        if result.status == .error { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    func text(_ r: IndicatorResult, criterion: Criterion, assessment: Assessment) -> String {
        let l = lang.rawValue
        var lines: [String] = []
        lines.append("\(r.indicator.id) — \(r.indicator.title.text(l))   (criterion \(criterion.id), framework \(assessment.framework.id) \(assessment.framework.version))")
        if let q = r.indicator.question { lines.append("question: \(q.text(l))") }
        if let rule = r.indicator.ruleLocation { lines.append("rule:     \(rule)" + (r.indicator.location.map { "   (declared at \($0))" } ?? "")) }
        switch r.status {
        case .assessed: lines.append("result:   level \(r.grade!.id) — \(r.grade!.level.label.text(l))")
        case .insufficientInformation: lines.append("result:   insufficient information; add: \(r.missing.joined(separator: ", "))")
        case .error: lines.append("result:   ERROR \(r.failure.map { "\($0.kind) at \($0.file ?? "?"):\($0.line.map(String.init) ?? "?"): \($0.message)" } ?? "")")
        }
        if let note = r.note { lines.append("note:     \(note.text(l))") }
        lines.append("")
        lines.append("fields read (\(r.reads.count)):")
        if r.reads.isEmpty { lines.append("  (none)") }
        let width = min(48, r.reads.map(\.path.count).max() ?? 0)
        for read in r.reads {
            let shown = read.value.map { $0.jsonText() } ?? "(\(read.kind ?? "table"))"
            lines.append("  " + read.path.padding(toLength: max(width, read.path.count), withPad: " ", startingAt: 0) + "  " + shown)
        }
        if !r.conditions.isEmpty {
            lines.append("")
            lines.append("conditions that decided the level:")
            for c in r.conditions { lines.append("  [\(c.value ? "x" : " ")] \(c.label.text(l))") }
        }
        if let rubric = r.grade.flatMap({ r.indicator.rubric[$0.level.id] }) {
            lines.append("")
            lines.append("rubric for this level: \(rubric.text(l))")
        }
        if !r.findings.isEmpty {
            lines.append("")
            lines.append("findings:")
            for f in r.findings { lines.append("  - \(f.text.text(l))" + (f.evidence.isEmpty ? "" : "  [\(f.evidence.joined(separator: ", "))]")) }
        }
        if !r.recommendations.isEmpty {
            lines.append("")
            lines.append("recommendations:")
            for rec in r.recommendations {
                let meta = [rec.priority, rec.horizon, rec.owner?.text(l), rec.challenge.map { "challenge \($0)" }].compactMap { $0 }
                lines.append("  \(rec.id): \(rec.text.text(l))" + (meta.isEmpty ? "" : "  (\(meta.joined(separator: "; ")))"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
