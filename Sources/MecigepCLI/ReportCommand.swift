import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine
import MecigepReports

/// `mecigep report CASE`: the assessment of one case as a report, in Markdown or HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report of one case's assessment (Markdown or self-contained HTML, in en, es, pt or fr).",
        discussion: """
            The report has the sections of a MECIGEP peer-review report; without a \
            round, the process and peer sections say so. For a report with the peer \
            States' input, use mecigep round. With --follow-up, the report ends with the \
            informational follow-up. Exit code 1 when the case or the follow-up file is \
            bad, 2 on usage errors.
            """
    )

    @Argument(help: "A case file (YAML or JSON).")
    var file: String

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption
    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var output: ReportOutputOptions

    @Option(name: .customLong("follow-up"), help: "A follow-up file to show in the report's follow-up section.")
    var followUp: String?

    func run() throws {
        guard output.resolvedFormat != .json else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep report: --format is md or html "
                + "(for the assessment as JSON, use mecigep assess; with a round, mecigep round --format json)")
        }
        try requireFile(file, "case")
        if let followUp { try requireFile(followUp, "follow-up") }
        let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: frameworkOption.framework)
        let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
        let followUp = try self.followUp.map { path throws -> FollowUp in try readInput { () throws(ReportInputError) in try FollowUpFile.read(path: path) } }
        var files = [file]
        if let revised = followUp?.revisedCase { files.append(revised) }
        let assessments = try assessAll(files, framework: framework, loader: loader)
        let changes = try followUp.flatMap { f in try comparison(f, current: assessments[0], revised: assessments.count > 1 ? assessments[1] : nil) }
        let content = try readInput { () throws(ReportInputError) in
            try ReportContent(assessment: assessments[0], caseValue: PeerReviewReport.caseValue(of: assessments[0]),
                              followUp: followUp, changes: changes)
        }
        try output.write(PeerReviewReport.render(content, language: output.language(default: nil), format: output.reportFormat))
    }
}

/// `--format`, `--lang` and `--out` of the report commands.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Output format: md or html (json: round only; default: from --out's extension, else md).")
    var format: ReportFileFormat?

    @Option(help: "Language of the report: en, es, pt or fr (default: the round file's, else en).")
    var lang: ReportLanguage?

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    var resolvedFormat: ReportFileFormat {
        if let format { return format }
        switch ((out ?? "") as NSString).pathExtension.lowercased() {
        case "html", "htm": return .html
        case "json": return .json
        default: return .md
        }
    }

    var reportFormat: ReportFormat { resolvedFormat == .html ? .html : .markdown }

    func language(default fallback: Language?) -> Language {
        lang.flatMap { Language(rawValue: $0.rawValue) } ?? fallback ?? .en
    }

    func write(_ text: String) throws {
        if let out { try writeAtomically(text, to: out) } else { Console.output(text) }
    }
}

/// The formats the report commands write (json only for `round`: the assessment with its round).
enum ReportFileFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, json
}

/// Exit 2 when an input file does not exist.
func requireFile(_ path: String, _ what: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw CommandFailure(code: MecigepExit.usage, message: "mecigep: \(path): no such \(what) file")
    }
}

/// Runs a reader of round or follow-up files; a bad file ends with exit code 1 and every problem.
func readInput<T>(_ body: () throws(ReportInputError) -> T) throws -> T {
    do throws(ReportInputError) { return try body() } catch {
        throw CommandFailure(code: MecigepExit.failure, message: error.description)
    }
}

/// Assesses files in order; any failure ends with exit code 1.
func assessAll(_ files: [String], framework: Framework, loader: FrameworkLoader) throws -> [Assessment] {
    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var outcomes: [Int: BatchOutcome] = [:]
    }
    let box = Box()
    BatchRunner(framework: framework, loader: loader, jobs: min(files.count, ProcessInfo.processInfo.activeProcessorCount),
                engineVersion: MecigepVersion.current).run(files: files) { index, outcome in
        box.lock.withLock { box.outcomes[index] = outcome }
    }
    return try files.indices.map { i in
        switch box.outcomes[i] {
        case .assessed(let a)?: return a
        case .failed(_, let message)?: throw CommandFailure(code: MecigepExit.failure, message: "mecigep: \(message)")
        case .invalid(let file, let issues)?:
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep: \(file): invalid case: "
                + issues.map(\.description).joined(separator: "; "))
        case nil: throw CommandFailure(code: MecigepExit.failure, message: "mecigep: \(files[i]): not assessed")
        }
    }
}

/// The comparison a follow-up asks for: its revised case against its earlier assessment (or the
/// current assessment of the round's case).
func comparison(_ f: FollowUp, current: Assessment, revised: Assessment?) throws -> AssessmentChanges? {
    guard let revised else { return nil }
    var earlier = AssessmentSnapshot(current)
    if let path = f.earlierAssessment {
        try requireFile(path, "earlier assessment")
        earlier = try readInput { () throws(ReportInputError) in try AssessmentSnapshot.read(path: path) }
    }
    return AssessmentChanges(earlier: earlier, later: AssessmentSnapshot(revised))
}
