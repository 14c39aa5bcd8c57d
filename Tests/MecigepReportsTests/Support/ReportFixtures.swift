import Foundation
import LuaRuntime
import MecigepEngine
@testable import MecigepReports

/// Fixtures of the report tests: a copy of the "tiny" test framework, a case for it (and its
/// revision), a round with three peer States and a follow-up.
enum ReportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repository = root.deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent("Fixtures/" + relative).path }

    static let rules = path("rules")
    static let caseFile = path("cases/permits.yaml")
    static let revisedCaseFile = path("cases/permits-revised.yaml")
    static let roundFile = path("rounds/permits-round.yaml")
    static let followUpFile = path("rounds/permits-follow-up.yaml")

    /// Assesses case files with a framework of `rulesFolder`, on a large-stack thread.
    static func assess(_ files: [String], framework: String = "tiny", rulesFolder: String = rules) throws -> [Assessment] {
        let loader = FrameworkLoader(rulesFolder: rulesFolder,
                                     limits: LuaLimits(instructions: 5_000_000, memoryBytes: 64 << 20, timeoutSeconds: 5))
        let outcome: Result<[Assessment], any Error> = LuaThread.run {
            Result {
                let fw = try loader.load(framework)
                let assessor = try Assessor(framework: fw, loader: loader, engineVersion: "test")
                return try files.map { try assessor.assess(CaseDocument.load(path: $0)) }
            }
        }
        return try outcome.get()
    }

    static func assess(_ file: String) throws -> Assessment { try assess([file])[0] }

    /// The round's content: the permits case, the round with three peers, and (optionally) the
    /// follow-up with its comparison against the revised case.
    static func roundContent(followUp withFollowUp: Bool = true) throws -> ReportContent {
        let assessments = try assess([caseFile, revisedCaseFile])
        let round = try RoundFile.read(path: roundFile)
        let followUp = withFollowUp ? try FollowUpFile.read(path: followUpFile) : nil
        let changes = withFollowUp ? AssessmentChanges(earlier: AssessmentSnapshot(assessments[0]),
                                                       later: AssessmentSnapshot(assessments[1])) : nil
        return try ReportContent(assessment: assessments[0], caseValue: try DocumentLoader.load(path: caseFile), round: round,
                                 followUp: followUp, changes: changes)
    }

    /// A round document: the fixture round with `edit` applied to its value.
    static func round(editing edit: (inout [String: LuaValue]) -> Void) throws -> LuaValue {
        guard case .object(var o) = try DocumentLoader.load(path: roundFile) else { fatalError("the fixture round is a mapping") }
        edit(&o)
        return .object(o)
    }
}

/// Golden files under Fixtures/golden. Set MECIGEP_UPDATE_GOLDEN=1 to write them from the output.
enum Golden {
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ text: String, _ name: String) throws {
        let file = ReportFixtures.path("golden/" + name)
        if ProcessInfo.processInfo.environment["MECIGEP_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Mismatch(description: "no golden file \(name); run with MECIGEP_UPDATE_GOLDEN=1 to write it")
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        throw Mismatch(description: "\(name) differs at line \(line + 1):\n  golden: \(line < a.count ? String(a[line]) : "(end)")\n"
            + "  output: \(line < b.count ? String(b[line]) : "(end)")\n(run with MECIGEP_UPDATE_GOLDEN=1 to accept the new output)")
    }
}

/// Runs a Python script (html5lib, jsonschema: installed by scripts/setup.sh) with arguments.
enum Python {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read after standard output: the scripts write little to it.
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "python failed:\n\(output)\n\(error)") }
        return output
    }
}
