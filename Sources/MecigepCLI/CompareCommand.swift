import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep compare CASE... --framework A --framework B`: where two frameworks (or two versions
/// of one, in two rules folders) give different results.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two frameworks, or two versions of one, on the same cases.",
        discussion: """
            Either --framework A --framework B (one rules folder; each may be ID@VERSION or a \
            package file, so two released versions compare directly), or one --framework \
            with --rules OLD --against NEW (two versions in two folders). Prints, per case and \
            indicator, where the results differ, and how many moved up or down.
            """
    )

    @Argument(help: "Case files or folders.")
    var cases: [String]

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "The framework(s): once, or twice to compare two.")
    var framework: [String] = []

    @Option(help: "A second rules folder holding the other version.")
    var against: String?

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    func validate() throws {
        guard !framework.isEmpty, framework.count <= 2 else {
            throw ValidationError("give --framework once (with --against DIR) or twice")
        }
        if framework.count == 1 && against == nil {
            throw ValidationError("with one --framework, give --against DIR: the rules folder of the other version")
        }
    }

    struct Side {
        var label: String
        var results: [String: Assessment] = [:]
        var failures: [String: String] = [:]
    }

    func run() throws {
        let loaderA = try rulesOptions.loader(for: framework[0])
        var otherOptions = rulesOptions
        if let against { otherOptions.rules = against }
        let loaderB = try otherOptions.loader(for: framework.count > 1 ? framework[1] : framework[0])
        let idA = framework[0], idB = framework.count > 1 ? framework[1] : framework[0]
        let (files, missing) = BatchRunner.caseFiles(cases)
        for path in missing { Console.error("mecigep: \(path): no such file or folder") }
        guard !files.isEmpty else { throw CommandFailure(code: MecigepExit.usage, message: "mecigep compare: no case files found") }
        let (fwA, runA) = try loadFramework(idA, loaderA), (fwB, runB) = try loadFramework(idB, loaderB)
        let a = assess(files, fwA, runA, label: "\(fwA.id) \(fwA.version)" + (against != nil ? " (\(loaderA.rulesFolder))" : ""))
        let b = assess(files, fwB, runB, label: "\(fwB.id) \(fwB.version)" + (against != nil ? " (\(loaderB.rulesFolder))" : ""))

        var up = 0, down = 0, same = 0, changed = 0
        var lines: [String] = ["A: \(a.label)", "B: \(b.label)", ""]
        var cases: [LuaValue] = []
        for file in files {
            guard let ra = a.results[file], let rb = b.results[file] else {
                lines.append("\(file): not compared (\(a.failures[file] ?? b.failures[file] ?? "not assessed"))")
                continue
            }
            var diffs: [LuaValue] = []
            let ids = ra.indicatorResults.map(\.indicator.id) + rb.indicatorResults.map(\.indicator.id).filter { id in
                !ra.indicatorResults.contains { $0.indicator.id == id }
            }
            for id in ids {
                let x = ra.indicatorResults.first { $0.indicator.id == id }
                let y = rb.indicatorResults.first { $0.indicator.id == id }
                let left = Self.describe(x), right = Self.describe(y)
                var direction = "same"
                if let gx = x?.grade, let gy = y?.grade, x?.status == .assessed, y?.status == .assessed {
                    direction = gy.score > gx.score ? "up" : gy.score < gx.score ? "down" : "same"
                } else if left != right {
                    direction = "changed"
                }
                switch direction {
                case "up": up += 1
                case "down": down += 1
                case "same": same += 1
                default: changed += 1
                }
                if direction != "same" {
                    diffs.append(["indicator": .string(id), "a": .string(left), "b": .string(right), "direction": .string(direction)])
                }
            }
            let overall = "\(Self.describe(ra.status, ra.grade)) → \(Self.describe(rb.status, rb.grade))"
            cases.append(["file": .string(file), "case": .string(ra.caseID), "overall": .string(overall), "differences": .array(diffs)])
            lines.append("\(ra.caseID) (\(file)): overall \(overall), \(diffs.count) difference\(diffs.count == 1 ? "" : "s")")
            for d in diffs {
                lines.append("  \(d["indicator"]!.stringValue!): \(d["a"]!.stringValue!) → \(d["b"]!.stringValue!)  [\(d["direction"]!.stringValue!)]")
            }
        }
        let summary = "\(up) moved up, \(down) moved down, \(changed) changed status, \(same) unchanged"
        if format == .json {
            Console.output(LuaValue.object(["a": .string(a.label), "b": .string(b.label), "cases": .array(cases),
                                            "up": .integer(Int64(up)), "down": .integer(Int64(down)),
                                            "changed": .integer(Int64(changed)), "unchanged": .integer(Int64(same))]).jsonText(pretty: true))
        } else {
            lines.append("")
            lines.append(summary)
            Console.output(lines.joined(separator: "\n"))
        }
    }

    static func describe(_ r: IndicatorResult?) -> String {
        guard let r else { return "absent" }
        if r.status == .error, let f = r.failure {
            // a rule error with its place, never mistaken for a level or missing information
            return "rule error (" + CSV.errorText(f) + ")"
        }
        return describe(r.status, r.grade)
    }

    static func describe(_ status: ResultStatus, _ grade: Grade?) -> String {
        switch status {
        case .assessed: return grade.map { "level \($0.id)" } ?? "assessed"
        case .insufficientInformation: return "insufficient information"
        case .error: return "error"
        }
    }

    func assess(_ files: CaseFileList, _ fw: Framework, _ loader: FrameworkLoader, label: String) -> Side {
        final class Box: @unchecked Sendable { var side: Side; let lock = NSLock(); init(_ s: Side) { side = s } }
        let box = Box(Side(label: label))
        BatchRunner(framework: fw, loader: loader, jobs: ProcessInfo.processInfo.activeProcessorCount,
                    engineVersion: MecigepVersion.current).run(files: files) { index, outcome in
            box.lock.withLock {
                switch outcome {
                case .assessed(let a): box.side.results[files[index]] = a
                case .failed(_, let m): box.side.failures[files[index]] = m
                case .invalid(_, let issues): box.side.failures[files[index]] = "invalid case: "
                    + issues.map(\.description).joined(separator: "; ")
                }
            }
        }
        return box.side
    }
}
