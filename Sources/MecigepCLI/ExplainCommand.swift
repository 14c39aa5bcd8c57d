import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep explain CASE --indicator ID`: the trace behind one result.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why an indicator, a criterion or the overall level got its result.",
        discussion: """
            --indicator ID: the fields the rule read (also when it failed), the conditions that
            decided the level, the rule's file and line. --criterion ID or --overall: what was
            aggregated, how (the method), what each input counted as (a failed indicator counts
            as the lowest level), and the result.
            """
    )

    @Argument(help: "A case file.")
    var file: String

    @Option(help: "The indicator to explain.")
    var indicator: String?

    @Option(help: "The criterion to explain (its aggregation).")
    var criterion: String?

    @Flag(help: "Explain the overall level (the aggregation of the criteria).")
    var overall = false

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "Language of texts.")
    var lang: ReportLanguage?

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    func validate() throws {
        let chosen = [indicator != nil, criterion != nil, overall].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of --indicator ID, --criterion ID, --overall") }
    }

    func run() throws {
        let loader = try rulesOptions.loader(limits: limitOptions.limits)
        let framework = try loadFramework(frameworkOption.framework, loader)
        let language = try MecigepCLI.language(lang, for: framework, command: "explain")
        if let criterion, !framework.criteria.contains(where: { $0.id == criterion }) {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep explain: no criterion \"\(criterion)\" in \(framework.id); "
                + "criteria: \(framework.criteria.map(\.id).joined(separator: ", "))")
        }
        if let indicator, !framework.indicators.contains(where: { $0.id == indicator }) {
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
        if criterion != nil || overall {
            try explainAggregation(assessment, language: language)
            return
        }
        let indicator = self.indicator!
        let result = assessment.indicatorResults.first { $0.indicator.id == indicator }!
        let criterion = assessment.criteria.first { $0.indicators.contains { $0.indicator.id == indicator } }!.criterion
        if format == .json {
            Console.output(Assessment.indicatorValue(result).jsonText(pretty: true))
        } else {
            Console.output(text(result, criterion: criterion, assessment: assessment, language: language))
        }
        if result.status == .error { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    /// What a criterion (or the overall level) aggregated, how, and what came out.
    func explainAggregation(_ a: Assessment, language l: String) throws {
        let fw = a.framework
        let lowest = fw.scale.lowest.id
        func counted(_ status: ResultStatus, _ grade: Grade?) -> String {
            switch status {
            case .assessed: return "level \(grade?.id ?? "?")"
            case .error: return "rule error, counts as \(lowest) (the lowest level)"
            case .insufficientInformation:
                return fw.insufficientCountsAsLowest ? "insufficient information, counts as \(lowest)"
                    : "insufficient information, left out"
            }
        }
        var lines: [String] = []
        var failed = false
        if let id = criterion, let c = a.criteria.first(where: { $0.criterion.id == id }) {
            if format == .json {
                Console.output(Assessment.criterionValue(c).jsonText(pretty: true))
                if c.status == .error { throw CommandFailure(code: MecigepExit.failure, message: nil) }
                return
            }
            lines.append("\(c.criterion.id) — \(c.criterion.title.text(l))   (framework \(fw.id) \(fw.version))")
            if let where_ = c.criterion.location { lines.append("declared: \(where_)") }
            lines.append("method:   \(c.criterion.aggregation.name)")
            lines.append("")
            lines.append("inputs (\(c.indicators.count)):")
            for r in c.indicators {
                lines.append("  \(r.indicator.id.padding(toLength: 24, withPad: " ", startingAt: 0))  weight \(Assessor.number(r.indicator.weight))  "
                    + counted(r.status, r.grade))
            }
            lines.append("")
            lines.append("result:   " + (c.status == .error ? "ERROR \(c.failure ?? "")" : counted(c.status, c.grade)))
            lines.append("coverage: \(c.coverage.assessed) assessed, \(c.coverage.insufficient) insufficient, \(c.coverage.errors) failed")
            failed = c.status == .error
        } else {
            if format == .json {
                let value: LuaValue = ["aggregation": .string(fw.aggregation.name),
                                       "result": ["status": .string(a.status.rawValue), "level": a.grade?.idValue ?? .null],
                                       "criteria": .array(a.criteria.map { c in
                                           ["id": .string(c.criterion.id), "weight": .double(c.criterion.weight),
                                            "status": .string(c.status.rawValue), "level": c.grade?.idValue ?? .null]
                                       })]
                Console.output(value.jsonText(pretty: true))
                return
            }
            lines.append("overall — \(fw.title.text(l)) \(fw.version)")
            lines.append("method:   \(fw.aggregation.name)")
            lines.append("")
            lines.append("inputs (\(a.criteria.count) criteria):")
            for c in a.criteria {
                let what = c.status == .error ? "aggregation failed, counts as \(lowest) (the lowest level)" : counted(c.status, c.grade)
                lines.append("  \(c.criterion.id.padding(toLength: 24, withPad: " ", startingAt: 0))  weight \(Assessor.number(c.criterion.weight))  \(what)")
            }
            lines.append("")
            lines.append("result:   " + counted(a.status, a.grade))
            lines.append("coverage: \(a.coverage.assessed) of \(a.coverage.indicators) indicators assessed, "
                + "\(a.coverage.insufficient) insufficient, \(a.coverage.errors) failed")
        }
        Console.output(lines.joined(separator: "\n"))
        if failed { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    func text(_ r: IndicatorResult, criterion: Criterion, assessment: Assessment, language l: String) -> String {
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
