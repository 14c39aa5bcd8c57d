import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine
import MecigepReports

/// `mecigep diff EARLIER LATER`: what changed per indicator between two assessments.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two assessments of a case (a revised case with an earlier one), indicator by indicator.",
        discussion: """
            Each side is an assessment JSON written by mecigep assess (or round --format \
            json), or a case file, which is assessed now. Prints the indicators whose \
            level or status changed, and how many moved up or down.
            """
    )

    @Argument(help: "The earlier assessment (JSON) or case.")
    var earlier: String

    @Argument(help: "The later assessment (JSON) or revised case.")
    var later: String

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    @Option(help: "Language of the text output: labels and indicator titles.")
    var lang: ReportLanguage = .en

    func run() throws {
        try requireFile(earlier, "assessment or case")
        try requireFile(later, "assessment or case")
        var snapshots: [AssessmentSnapshot?] = try [earlier, later].map(Self.storedAssessment)
        let toAssess = [earlier, later].enumerated().filter { snapshots[$0.offset] == nil }
        if !toAssess.isEmpty {
            let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: frameworkOption.framework)
            let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
            let assessed = try assessAll(toAssess.map(\.element), framework: framework, loader: loader)
            for (k, item) in toAssess.enumerated() { snapshots[item.offset] = AssessmentSnapshot(assessed[k]) }
        }
        let changes = AssessmentChanges(earlier: snapshots[0]!, later: snapshots[1]!)
        let l = lang.rawValue
        func describe(_ i: AssessmentSnapshot.Item?) -> String {
            guard let i else { return "absent" }
            switch i.status {
            case .assessed: return "level \(i.level ?? "?")"
            case .insufficientInformation: return "insufficient information"
            case .error: return "error"
            }
        }
        if format == .json {
            let list: [LuaValue] = changes.changed.map { c in
                ["criterion": .string(c.criterion), "indicator": .string(c.indicator), "before": .string(describe(c.before)),
                 "after": .string(describe(c.after)), "direction": .string(c.direction.rawValue)]
            }
            let value: LuaValue = ["earlier": .string(earlier), "later": .string(later), "changes": .array(list),
                                   "up": .integer(Int64(changes.count(.up))), "down": .integer(Int64(changes.count(.down))),
                                   "changed": .integer(Int64(changes.count(.changed) + changes.count(.added) + changes.count(.removed))),
                                   "unchanged": .integer(Int64(changes.count(.same)))]
            Console.output(value.jsonText(pretty: true))
            return
        }
        func shown(_ i: AssessmentSnapshot.Item?) -> String {
            guard let i else { return Words.f("absent", l) }
            switch i.status {
            case .assessed: return Words.f("level", l, ["level": i.level ?? "?"])
            case .insufficientInformation: return Words.f("insufficient", l)
            case .error: return Words.f("error", l)
            }
        }
        var lines = Words.labelled([
            ("earlier", "\(earlier) (\(Words.f("case", l, ["id": changes.earlier.caseID])))"),
            ("later", "\(later) (\(Words.f("case", l, ["id": changes.later.caseID])))"),
        ], l)
        lines.append("")
        for c in changes.changed {
            lines.append("  \(c.indicator) — \(c.title.text(l)): \(shown(c.before)) → \(shown(c.after))  [\(Words.f(c.direction.rawValue, l))]")
        }
        if changes.changed.isEmpty { lines.append("  " + Words.f("no change", l)) }
        lines.append("")
        lines.append(Words.f("diff summary", l, [
            "up": String(changes.count(.up)), "down": String(changes.count(.down)),
            "changed": String(changes.count(.changed) + changes.count(.added) + changes.count(.removed)),
            "same": String(changes.count(.same))]))
        Console.output(lines.joined(separator: "\n"))
    }

    /// The file's assessment, if it is an assessment JSON; nil for a case.
    static func storedAssessment(_ path: String) throws -> AssessmentSnapshot? {
        guard (path as NSString).pathExtension.lowercased() == "json",
              let value = try? DocumentLoader.load(path: path, limits: DocumentLimits(maxBytes: 64 << 20)),
              value["schema_version"] != nil, value["criteria"] != nil else { return nil }
        return try readInput { () throws(ReportInputError) in try AssessmentSnapshot.parse(value, file: path) }
    }
}
