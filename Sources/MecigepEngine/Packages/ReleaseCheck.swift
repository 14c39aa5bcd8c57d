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
        guard let record, let latest = record.latest else { return findings }
        if let released = record.release(version) {
            if released.contentSHA256 != framework.contentHash {
                let changed = changedSources(framework, since: released)
                say(.error, (folder as NSString).appendingPathComponent("framework.lua"), nil,
                    "the rules changed since \(version) was released (content \(released.contentSHA256.prefix(16)) in "
                    + "\(ReleaseRecord.fileName), \(framework.contentHash.prefix(16)) now\(changed)); raise version: patch if no level "
                    + "moves on the example cases, minor if levels move, major if criteria or the scale change, and add a "
                    + "CHANGELOG.md entry")
            }
            return findings
        }
        if version < latest.version {
            say(.error, (folder as NSString).appendingPathComponent("framework.lua"), nil,
                "version \(version) is lower than the released \(latest.version); versions only go up")
            return findings
        }
        say(.note, recordFile, nil, "\(version) is not released yet (latest \(latest.version)); when it is final: mecigep release \(framework.id)")
        if latest.version.step(to: version) == .patch, latest.contentSHA256 != framework.contentHash, !latest.levels.isEmpty {
            let moves = ExampleLevels.moves(from: latest.levels, to: ExampleLevels.compute(framework, loader: loader, engineVersion: engineVersion))
            if !moves.isEmpty {
                let next = SemanticVersion(latest.version.major, latest.version.minor + 1, 0)
                say(.warning, changelogFile, changelog.entry(for: version)?.line,
                    "\(version) is a patch of \(latest.version) but moves \(moves.count) level\(moves.count == 1 ? "" : "s") on the example "
                    + "cases (\(moves.prefix(5).joined(separator: "; "))\(moves.count > 5 ? "; …" : "")); release it as \(next) "
                    + "(mecigep compare shows every move)")
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
