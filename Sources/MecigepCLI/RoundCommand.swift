import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine
import MecigepReports

/// `mecigep round ROUNDFILE`: the consolidated report of a peer-review round.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Assess a round's case and write the consolidated peer-review report.",
        discussion: """
            The round file (YAML or JSON, see docs/reports.md) names the case, the \
            beneficiary State, the peer States, the Secretariat and the dates, and holds \
            each peer's levels, comments, experience and recommendations, and the levels \
            agreed by judgement. The report puts the rules' levels beside each peer's, \
            with the spread per criterion, and merges all recommendations with their \
            authors. --format json writes the assessment with the agreed levels and the \
            round instead. With --follow-up, the informational follow-up (and, when it \
            names a revised case, what changed per indicator). Exit code 1 when the \
            round, the follow-up or the case is bad (every problem is listed with its \
            path in the file), 2 on usage errors.
            """
    )

    @Argument(help: "The round file.")
    var roundFile: String

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var output: ReportOutputOptions

    @Option(help: "The framework: ID, ID@VERSION or a package file (default: the round file's, else mecigep-core).")
    var framework: String?

    @Option(name: .customLong("follow-up"), help: "A follow-up file of this round.")
    var followUp: String?

    func run() throws {
        try requireFile(roundFile, "round")
        if let followUp { try requireFile(followUp, "follow-up") }
        let round = try readInput { () throws(ReportInputError) in try RoundFile.read(path: roundFile) }
        let followUp = try self.followUp.map { path throws -> FollowUp in
            try readInput { () throws(ReportInputError) in try FollowUpFile.read(path: path) }
        }
        guard FileManager.default.fileExists(atPath: round.caseFile) else {
            throw CommandFailure(code: MecigepExit.failure, message: "\(roundFile): case: \(round.caseFile): no such file; "
                + "the path is relative to the round file's folder")
        }
        if let revised = followUp?.revisedCase, !FileManager.default.fileExists(atPath: revised) {
            throw CommandFailure(code: MecigepExit.failure, message: "\(followUp!.file): revised_case: \(revised): no such file; "
                + "the path is relative to the follow-up file's folder")
        }
        let spec = self.framework ?? round.framework ?? "mecigep-core"
        let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: spec)
        let (framework, loader) = try loadFramework(spec, rulesLoader)
        try Self.checkPin(round, framework)
        var files = [round.caseFile]
        if let revised = followUp?.revisedCase { files.append(revised) }
        let assessments = try assessAll(files, framework: framework, loader: loader)
        let changes = try followUp.flatMap { f in try comparison(f, current: assessments[0], revised: assessments.count > 1 ? assessments[1] : nil) }
        let content = try readInput { () throws(ReportInputError) in
            try ReportContent(assessment: assessments[0], caseValue: PeerReviewReport.caseValue(of: assessments[0]),
                              round: round, followUp: followUp, changes: changes)
        }
        if output.resolvedFormat == .json {
            try output.write(content.assessment.jsonText(pretty: true) + "\n")
        } else {
            try output.write(PeerReviewReport.render(content, language: output.language(default: round.language),
                                                     format: output.reportFormat))
        }
    }

    /// A round is assessed with the framework it pins (`framework: ID@VERSION` and
    /// `framework_sha256`), or not at all: the States agreed to that version.
    static func checkPin(_ round: ReviewRound, _ framework: Framework) throws {
        let spec = round.framework ?? ""
        let (pinned, pinnedVersion) = FrameworkResolver.reference(spec)
        let pinnedID = spec.isEmpty ? nil : pinned
        let install = "install the package the round was agreed on (mecigep install \(pinnedID ?? framework.id)-\(pinnedVersion ?? "VERSION").mecigep.tar.gz)"
        if let pinnedID, pinnedID != framework.id {
            throw CommandFailure(code: MecigepExit.failure, message: "\(round.file): framework: the round pins \(spec), not \(framework.id)")
        }
        if let pinnedVersion, pinnedVersion != framework.version {
            throw CommandFailure(code: MecigepExit.failure, message: "\(round.file): framework: the round pins \(spec), but \(framework.id) "
                + "\(framework.version) was loaded; \(install)")
        }
        if let pin = round.frameworkSHA256, pin != framework.contentHash {
            throw CommandFailure(code: MecigepExit.failure, message: "\(round.file): framework_sha256: the round pins \(framework.id) "
                + "\(pinnedVersion ?? framework.version) with content \(pin.prefix(16)), but the installed one has content "
                + "\(framework.contentHash.prefix(16)); \(install), or, if the States agreed to move the round to this content, "
                + "update framework and framework_sha256 in the round file")
        }
        if pinnedVersion == nil || round.frameworkSHA256 == nil {
            Console.error("\(round.file): warning: the round does not pin its framework; add\n  framework: \(framework.id)@\(framework.version)\n"
                + "  framework_sha256: \(framework.contentHash)\nso that it is always assessed with the version the States agreed to")
        }
    }
}
