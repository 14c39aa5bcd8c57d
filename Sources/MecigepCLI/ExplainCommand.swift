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
            --indicator ID: the fields the rule read (also when it failed), the conditions that \
            decided the level, the rule's file and line. --criterion ID or --overall: what was \
            aggregated, how (the method), what each input counted as (a failed indicator counts \
            as the lowest level), and the result. Labels follow --lang.
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
        let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: frameworkOption.framework)
        let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
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
            case .assessed: return Words.f("level", l, ["level": grade?.id ?? "?"])
            case .error: return Words.f("error counts lowest", l, ["lowest": lowest])
            case .insufficientInformation:
                return fw.insufficientCountsAsLowest ? Words.f("insufficient counts lowest", l, ["lowest": lowest])
                    : Words.f("insufficient left out", l)
            }
        }
        func input(_ id: String, _ weight: Double, _ what: String) -> String {
            "  \(id.padding(toLength: 24, withPad: " ", startingAt: 0))  "
                + Words.f("weight", l, ["w": Assessor.number(weight)]) + "  " + what
        }
        let framework = "\(fw.id) \(fw.version)"
        var lines: [String] = []
        var failed = false
        if let id = criterion, let c = a.criteria.first(where: { $0.criterion.id == id }) {
            if format == .json {
                Console.output(Assessment.criterionValue(c).jsonText(pretty: true))
                if c.status == .error { throw CommandFailure(code: MecigepExit.failure, message: nil) }
                return
            }
            lines.append("\(c.criterion.id) — \(c.criterion.title.text(l))   " + Words.f("framework header", l, ["framework": framework]))
            var head: [(key: String, value: String)] = []
            if let where_ = c.criterion.location { head.append(("declared", where_.description)) }
            head.append(("method", c.criterion.aggregation.name))
            lines += Words.labelled(head, l)
            lines.append("")
            lines.append(Words.f("inputs", l, ["n": String(c.indicators.count)]))
            for r in c.indicators { lines.append(input(r.indicator.id, r.indicator.weight, counted(r.status, r.grade))) }
            lines.append("")
            let result = c.status == .error ? Words.f("rule error", l) + " " + (c.failure ?? "") : counted(c.status, c.grade)
            lines += Words.labelled([("result", result), ("coverage", Words.f("criterion coverage", l, [
                "a": String(c.coverage.assessed), "i": String(c.coverage.insufficient), "e": String(c.coverage.errors)]))], l)
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
            lines.append("\(Words.f("overall", l)) — \(fw.title.text(l)) \(fw.version)")
            lines += Words.labelled([("method", fw.aggregation.name)], l)
            lines.append("")
            lines.append(Words.f("criteria inputs", l, ["n": String(a.criteria.count)]))
            for c in a.criteria {
                let what = c.status == .error ? Words.f("aggregation failed", l, ["lowest": lowest]) : counted(c.status, c.grade)
                lines.append(input(c.criterion.id, c.criterion.weight, what))
            }
            lines.append("")
            lines += Words.labelled([("result", counted(a.status, a.grade)), ("coverage", Words.f("overall coverage", l, [
                "a": String(a.coverage.assessed), "n": String(a.coverage.indicators), "i": String(a.coverage.insufficient),
                "e": String(a.coverage.errors)]))], l)
        }
        Console.output(lines.joined(separator: "\n"))
        if failed { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    func text(_ r: IndicatorResult, criterion: Criterion, assessment: Assessment, language l: String) -> String {
        var lines: [String] = []
        let framework = "\(assessment.framework.id) \(assessment.framework.version)"
        lines.append("\(r.indicator.id) — \(r.indicator.title.text(l))   "
            + Words.f("indicator header", l, ["criterion": criterion.id, "framework": framework]))
        var head: [(key: String, value: String)] = []
        if let q = r.indicator.question { head.append(("question", q.text(l))) }
        if let rule = r.indicator.ruleLocation {
            head.append(("rule", rule.description + (r.indicator.location.map { "   (\(Words.f("declared at", l)) \($0))" } ?? "")))
        }
        switch r.status {
        case .assessed: head.append(("result", Words.f("level", l, ["level": r.grade!.id]) + " — \(r.grade!.level.label.text(l))"))
        case .insufficientInformation: head.append(("result", Words.f("insufficient, add", l, ["paths": r.missing.joined(separator: ", ")])))
        case .error:
            let detail = r.failure.map { Words.f("error at", l, ["kind": $0.kind, "place": "\($0.file ?? "?"):\($0.line.map(String.init) ?? "?")",
                                                                 "message": $0.message]) } ?? ""
            head.append(("result", Words.f("rule error", l) + " " + detail))
        }
        if let note = r.note { head.append(("note", note.text(l))) }
        lines += Words.labelled(head, l)
        lines.append("")
        lines.append(Words.f("fields read", l, ["n": String(r.reads.count)]))
        if r.reads.isEmpty { lines.append("  " + Words.f("none", l)) }
        let width = min(48, r.reads.map(\.path.count).max() ?? 0)
        for read in r.reads {
            let shown = read.value.map { $0.jsonText() }
                ?? (read.kind == nil || read.kind == "table" ? Words.f("table", l) : read.kind == "absent" ? Words.f("absent value", l) : "(\(read.kind!))")
            lines.append("  " + read.path.padding(toLength: max(width, read.path.count), withPad: " ", startingAt: 0) + "  " + shown)
        }
        if !r.conditions.isEmpty {
            lines.append("")
            lines.append(Words.f("conditions", l))
            for c in r.conditions { lines.append("  [\(c.value ? "x" : " ")] \(c.label.text(l))") }
        }
        if let rubric = r.grade.flatMap({ r.indicator.rubric[$0.level.id] }) {
            lines.append("")
            lines.append(Words.f("rubric", l, ["text": rubric.text(l)]))
        }
        if !r.findings.isEmpty {
            lines.append("")
            lines.append(Words.f("findings", l))
            for f in r.findings { lines.append("  - \(f.text.text(l))" + (f.evidence.isEmpty ? "" : "  [\(f.evidence.joined(separator: ", "))]")) }
        }
        if !r.recommendations.isEmpty {
            lines.append("")
            lines.append(Words.f("recommendations", l))
            for rec in r.recommendations {
                let meta = [rec.priority, rec.horizon, rec.owner?.text(l), rec.challenge.map { Words.f("challenge", l, ["id": $0]) }].compactMap { $0 }
                lines.append("  \(rec.id): \(rec.text.text(l))" + (meta.isEmpty ? "" : "  (\(meta.joined(separator: "; ")))"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
