import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep frameworks`: the frameworks found, with version, criteria, content hash, release
/// state and adoption, and the packages installed beside them.
struct FrameworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "List the frameworks in the rules folder."
    )

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    func run() throws {
        let loader = try rulesOptions.loader()
        var rows: [LuaValue] = []
        var failed = false
        for id in loader.frameworkIDs() {
            do throws(FrameworkLoadError) {
                let fw = try loader.load(id)
                rows.append([
                    "id": .string(fw.id), "version": .string(fw.version), "title": fw.title.value,
                    "criteria": .array(fw.criteria.map { ["id": .string($0.id), "indicators": .integer(Int64($0.indicators.count)),
                                                          "aggregation": .string($0.aggregation.name)] }),
                    "indicators": .integer(Int64(fw.indicators.count)), "content_sha256": .string(fw.contentHash),
                    "extends": fw.extends.map { .string($0.id) } ?? .null, "status": "ok",
                    "release": Self.release(fw),
                    "schema": fw.caseSchema.map { .string($0.file) } ?? .null,
                ])
            } catch {
                failed = true
                rows.append(["id": .string(id), "status": "invalid", "problems": .integer(Int64(error.problems.count))])
            }
        }
        switch format {
        case .json:
            Console.output(LuaValue.array(rows).jsonText(pretty: true))
        case .text:
            if rows.isEmpty { Console.output("no frameworks in \(loader.rulesFolder)/frameworks") }
            for row in rows {
                guard row["status"] == "ok" else {
                    Console.output("\(row["id"]!.stringValue!)  INVALID (\(row["problems"]!.jsonText()) problem(s); run mecigep check)")
                    continue
                }
                let criteria = (row["criteria"]?.arrayValue ?? []).map { "\($0["id"]!.stringValue!)(\($0["indicators"]!.jsonText()))" }
                Console.output("\(row["id"]!.stringValue!) \(row["version"]!.stringValue!)  \(row["title"].flatMap { LocalizedText($0) }?.text("en") ?? "")")
                Console.output("  criteria: \(criteria.joined(separator: ", "))")
                Console.output("  sha256:   \(row["content_sha256"]!.stringValue!)")
                if let release = row["release"], let state = release["state"]?.stringValue {
                    Console.output("  release:  \(state)" + (release["adoption"]?["sentence"]?.stringValue.map { "; \($0)" } ?? ""))
                }
            }
            let installed = FrameworkResolver(rulesFolder: loader.rulesFolder).installedPackages().map { "\($0.id)@\($0.version)" }
            if !installed.isEmpty { Console.output("installed packages (\(loader.rulesFolder)/packages): \(installed.joined(separator: ", "))") }
        }
        if failed { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    /// Where the framework stands in its release cycle, and the States' agreement to it.
    static func release(_ fw: Framework) -> LuaValue {
        let changelog = Changelog.read(folder: fw.folder)
        let record = try? ReleaseRecord.read(folder: fw.folder)
        guard let version = SemanticVersion(fw.version), changelog != nil || record != nil else { return ["state": "not versioned (no CHANGELOG.md)"] }
        var out: [String: LuaValue] = [:]
        switch (record ?? ReleaseRecord(framework: fw.id)).standing(of: version, contentSHA256: fw.contentHash) {
        case .released(let released): out["state"] = .string("released \(released.date)")
        case .changed: out["state"] = .string("CHANGED since \(version) was released (run mecigep check)")
        case .belowLatest(let latest): out["state"] = .string("\(version) is below the released \(latest.version) (run mecigep check)")
        case .unreleased(let latest): out["state"] = .string("\(version) not released yet" + (latest.map { " (latest \($0.version))" } ?? ""))
        }
        if let adoption = changelog?.entry(for: version)?.adoption {
            var value = adoption.value.objectValue ?? [:]
            value["sentence"] = .string(adoption.sentence)
            out["adoption"] = .object(value)
        }
        return .object(out)
    }

}
