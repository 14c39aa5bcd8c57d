import Foundation

/// What `mecigep check` says about a framework's versioning: the rules of docs/frameworks.md.
/// - the version has a CHANGELOG.md entry (once the framework has a changelog);
/// - a released version's rules are unchanged (content hash as recorded in releases.json);
/// - versions only go up;
/// - a patch release moves no level on the example cases (a warning: the States may agree).
public enum ReleaseCheck {
    public struct Finding: Sendable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning, note }
        public var severity: Severity
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message)" }
    }

    /// The findings for `framework` (loaded by `loader`). Assesses the example cases only when
    /// an unreleased patch version changed the rules.
    public static func check(_ framework: Framework, loader: FrameworkLoader, engineVersion: String) -> [Finding] {
        let folder = framework.folder
        let changelogFile = (folder as NSString).appendingPathComponent("CHANGELOG.md")
        let recordFile = (folder as NSString).appendingPathComponent(ReleaseRecord.fileName)
        var findings: [Finding] = []
        func say(_ severity: Finding.Severity, _ file: String, _ line: Int? = nil, _ message: String) {
            findings.append(Finding(severity: severity, file: file, line: line, message: message))
        }
        let changelog = Changelog.read(folder: folder)
        let record: ReleaseRecord?
        do throws(PackageError) { record = try ReleaseRecord.read(folder: folder) } catch {
            say(.error, recordFile, nil, error.message)
            return findings
        }
        guard let changelog else {
            if record != nil {
                say(.error, changelogFile, nil, "missing: \(ReleaseRecord.fileName) records releases, so every version needs an entry here")
            } else {
                say(.note, changelogFile, nil, "\(framework.id) is not versioned yet (no CHANGELOG.md); docs/frameworks.md says how to release it")
            }
            return findings
        }
        for problem in changelog.problems { say(.error, changelogFile, problem.line, problem.message) }
        guard let version = SemanticVersion(framework.version) else { return findings }
        if changelog.entry(for: version) == nil {
            say(.error, changelogFile, nil, "version \(version) (framework.lua) has no entry: add \"## \(version) - YYYY-MM-DD\" "
                + "above the others, saying what changed for the States")
        }
        for release in record?.releases ?? [] where changelog.entry(for: release.version) == nil {
            say(.error, changelogFile, nil, "released version \(release.version) has no entry; entries are never removed")
        }
        guard let record else { return findings }
        let frameworkFile = (folder as NSString).appendingPathComponent("framework.lua")
        switch record.standing(of: version, contentSHA256: framework.contentHash) {
        case .released:
            break
        case .changed(let released):
            let changed = changedSources(framework, since: released)
            say(.error, frameworkFile, nil,
                "the rules changed since \(version) was released (content \(released.contentSHA256.prefix(16)) in "
                + "\(ReleaseRecord.fileName), \(framework.contentHash.prefix(16)) now\(changed)); raise version: patch if no level "
                + "moves on the example cases, minor if levels move, major if criteria or the scale change, and add a "
                + "CHANGELOG.md entry")
        case .belowLatest(let latest):
            say(.error, frameworkFile, nil, "version \(version) is lower than the released \(latest.version); versions only go up")
        case .unreleased(let latest):
            guard let latest else { break }
            say(.note, recordFile, nil, "\(version) is not released yet (latest \(latest.version)); when it is final: mecigep release \(framework.id)")
            if let base = record.patchBase(for: version), base.contentSHA256 != framework.contentHash, !base.levels.isEmpty {
                let moves = ExampleLevels.moves(from: base.levels, to: ExampleLevels.compute(framework, loader: loader, engineVersion: engineVersion))
                if !moves.isEmpty {
                    say(.warning, changelogFile, changelog.entry(for: version)?.line,
                        "\(version) is a patch of \(base.version) but moves \(moves.count) level\(moves.count == 1 ? "" : "s") on the example "
                        + "cases (\(moves.prefix(5).joined(separator: "; "))\(moves.count > 5 ? "; …" : "")); release it as \(base.nextMinor) "
                        + "(mecigep compare shows every move)")
                }
            }
        }
        return findings
    }

    /// ": lib/x.lua changed, lib/y.lua added" from the sources the release recorded.
    private static func changedSources(_ framework: Framework, since release: ReleaseRecord.Release) -> String {
        guard !release.sources.isEmpty else { return "" }
        let now = Dictionary(framework.sources.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var parts: [String] = []
        for (path, digest) in now.sorted(by: { $0.key < $1.key }) {
            if let then = release.sources[path] { if then != digest { parts.append("\(path) changed") } } else { parts.append("\(path) added") }
        }
        for path in release.sources.keys.sorted() where now[path] == nil { parts.append("\(path) removed") }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
    }
}
