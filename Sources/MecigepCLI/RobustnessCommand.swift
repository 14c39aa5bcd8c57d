import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep robustness CASE...`: whether a framework's levels move under changes that change no
/// fact — the check that keeps a framework honest.
struct RobustnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robustness",
        abstract: "Check that levels rest on facts: move no level by rewording, placeholders, omissions or order.",
        discussion: """
            For every case, changes each answer in ways that change no fact and re-runs the \
            indicators that read it: free text replaced by a neutral sentence (no level may \
            change) or by the framework's own vocabulary (none may rise); each answer replaced by \
            a placeholder such as TBD or "por definir" (none may rise); each field or list item \
            removed (none may rise); each list extended by a copy of its most complete item \
            (none may fall); every list reversed, and the cases assessed in reverse order (no \
            level may change). A rule error under any change is a forbidden move too. Prints the \
            moves, and exits 1 when any is forbidden.
            """
    )

    @Argument(help: "Case files or folders.")
    var cases: [String]

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .customLong("only"), help: ArgumentHelp(
        "Only these transformations (comma-separated): "
            + Transformation.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "list"))
    var only: String?

    @Option(help: "At most this many transformed versions of each case, drawn the same way every run (default: all).")
    var sample: Int?

    @Option(help: "Cases probed at once (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "List every move, also the allowed ones (a level falling when information is removed).")
    var all = false

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    func run() throws {
        var chosen = Set(Transformation.allCases)
        if let only {
            chosen = []
            for name in only.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let t = Transformation(rawValue: name) else {
                    throw CommandFailure(code: MecigepExit.usage, message: "mecigep robustness: unknown transformation \"\(name)\"; "
                        + "use " + Transformation.allCases.map(\.rawValue).joined(separator: ", "))
                }
                chosen.insert(t)
            }
        }
        let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: frameworkOption.framework)
        let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
        let (files, missing) = BatchRunner.caseFiles(cases)
        for path in missing { Console.error("mecigep: \(path): no such file or folder") }
        guard !files.isEmpty else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep robustness: no case files found")
        }
        var report = RobustnessReport()
        var documents: [CaseDocument] = []
        for file in files {
            do throws(DocumentError) { documents.append(try CaseDocument.load(path: file)) } catch {
                report.failures.append((file: file, message: error.description))
            }
        }
        // Cases are probed in parallel, one assessor per worker; the case-order check then runs
        // on one assessor over all cases. The moves are the same whatever the number of workers.
        let workers = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, documents.count))
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var reports: [Int: RobustnessReport] = [:]
            var errors: [String] = []
        }
        let results = Results()
        let shared = documents
        let transformations = chosen
        let limit = sample
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let mine = shared.enumerated().filter { $0.offset % workers == worker }.map(\.element)
            let outcome: Result<RobustnessReport, Error> = LuaThread.run {
                Result {
                    let assessor = try Assessor(framework: framework, loader: loader, engineVersion: MecigepVersion.current)
                    var part = RobustnessReport()
                    RobustnessProbe(assessor: assessor, transformations: transformations, sample: limit)
                        .runWithoutCaseOrder(mine, report: &part)
                    return part
                }
            }
            results.lock.lock()
            switch outcome {
            case .success(let part): results.reports[worker] = part
            case .failure(let error): results.errors.append("\(error)")
            }
            results.lock.unlock()
        }
        if let error = results.errors.first { throw CommandFailure(code: MecigepExit.failure, message: "mecigep robustness: \(error)") }
        for worker in 0..<workers { if let part = results.reports[worker] { report.merge(part) } }
        if chosen.contains(.caseOrder), documents.count > 1 {
            let orderOutcome: Result<RobustnessReport, Error> = LuaThread.run {
                Result {
                    let assessor = try Assessor(framework: framework, loader: loader, engineVersion: MecigepVersion.current)
                    var part = RobustnessReport()
                    RobustnessProbe(assessor: assessor, transformations: chosen).runCaseOrder(documents, report: &part)
                    return part
                }
            }
            let part = try orderOutcome.get()
            report.applied[.caseOrder, default: 0] += part.applied[.caseOrder] ?? 0
            report.evaluations += part.evaluations
            report.moves += part.moves
        }
        // the same order whatever the workers: by case file, then as found
        let order = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        report.moves = report.moves.enumerated().sorted {
            (order[$0.element.file] ?? 0, $0.offset) < (order[$1.element.file] ?? 0, $1.offset)
        }.map(\.element)
        let shown = all ? report.moves : report.forbidden
        if format == .json {
            let moves: [LuaValue] = shown.map { m -> LuaValue in
                ["case": .string(m.caseID), "file": .string(m.file), "indicator": .string(m.indicator),
                 "transformation": .string(m.transformation.rawValue), "path": .string(m.path),
                 "before": .string(m.before), "after": .string(m.after), "forbidden": .bool(m.forbidden)]
            }
            var applied: [String: LuaValue] = [:]
            for (t, n) in report.applied { applied[t.rawValue] = .integer(Int64(n)) }
            Console.output(LuaValue.object([
                "framework": .string("\(framework.id) \(framework.version)"), "cases": .integer(Int64(report.cases)),
                "indicators": .integer(Int64(report.indicators)), "applied": .object(applied),
                "evaluations": .integer(Int64(report.evaluations)), "moves": .integer(Int64(report.moves.count)),
                "forbidden": .integer(Int64(report.forbidden.count)), "listed": .array(moves),
                "failures": .array(report.failures.map { ["file": .string($0.file), "message": .string($0.message)] }),
            ]).jsonText(pretty: true))
        } else {
            var lines: [String] = []
            let byIndicator = Dictionary(grouping: shown, by: \.indicator)
            for id in framework.indicators.map(\.id) {
                guard let moves = byIndicator[id] else { continue }
                let forbidden = moves.filter(\.forbidden).count
                lines.append("\(id): \(moves.count) move\(moves.count == 1 ? "" : "s")" + (forbidden > 0 ? ", \(forbidden) forbidden" : ""))
                for m in moves.prefix(12) {
                    lines.append("  \(m.forbidden ? "FORBIDDEN" : "allowed  ")  \(m.transformation.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) "
                        + "\(m.caseID)\(m.path.isEmpty ? "" : " " + m.path): \(m.before) → \(m.after)")
                }
                if moves.count > 12 { lines.append("  … \(moves.count - 12) more (--format json lists all)") }
            }
            for f in report.failures { lines.append("\(f.file): not probed: \(f.message)") }
            if !lines.isEmpty { Console.output(lines.joined(separator: "\n")) }
            let applied = Transformation.allCases.compactMap { t in report.applied[t].map { "\(t.rawValue) \($0)" } }
            Console.error("\(framework.id) \(framework.version): \(report.cases) case\(report.cases == 1 ? "" : "s"), "
                + "\(report.indicators) indicators, \(report.applied.values.reduce(0, +)) transformed cases "
                + "(\(applied.joined(separator: ", "))), \(report.evaluations) indicator runs; "
                + "\(report.moves.count) moves, \(report.forbidden.count) forbidden")
        }
        if !report.forbidden.isEmpty || !report.failures.isEmpty || !missing.isEmpty {
            throw CommandFailure(code: MecigepExit.failure, message: nil)
        }
    }
}
