import Foundation
import LuaRuntime

/// A framework's `releases.json`: the content hash each released version had, and the levels
/// its example cases got, written by `mecigep release` and read by `check`, `pack` and the
/// resolution of `ID@VERSION`. It is what makes a silent edit of a released version visible.
public struct ReleaseRecord: Sendable {
    public struct Release: Sendable {
        public var version: SemanticVersion
        public var contentSHA256: String
        public var date: String
        /// Per example case (path from the rules folder's parent) and indicator id (and
        /// "overall"): the level, `insufficient` or `error`.
        public var levels: [String: [String: String]]
        /// Each source file's SHA-256 (what the content hash is made of), by path.
        public var sources: [String: String] = [:]

        /// The next minor version: what a change that moves levels is released as.
        public var nextMinor: SemanticVersion { SemanticVersion(version.major, version.minor + 1, 0) }

        public init(version: SemanticVersion, contentSHA256: String, date: String, levels: [String: [String: String]],
                    sources: [String: String]) {
            self.version = version; self.contentSHA256 = contentSHA256; self.date = date
            self.levels = levels; self.sources = sources
        }
    }

    public static let fileName = "releases.json"
    public var framework: String
    public var releases: [Release]

    public init(framework: String, releases: [Release] = []) {
        self.framework = framework
        self.releases = releases
    }

    public func release(_ version: SemanticVersion) -> Release? { releases.first { $0.version == version } }
    /// The newest version released.
    public var latest: Release? { releases.max { $0.version < $1.version } }

    /// Where a framework at `version` with `contentSHA256` stands against the record: the one
    /// comparison `check`, `release`, `pack`, `frameworks` and `ID@VERSION` all rest on.
    public enum Standing: Sendable {
        /// Released as this version, and unchanged since.
        case released(Release)
        /// Released as this version, but the rules changed since.
        case changed(since: Release)
        /// Not released, and below the latest release: versions only go up.
        case belowLatest(Release)
        /// Not released yet; the latest release, if any.
        case unreleased(latest: Release?)
    }

    public func standing(of version: SemanticVersion, contentSHA256: String) -> Standing {
        if let released = release(version) {
            return released.contentSHA256 == contentSHA256 ? .released(released) : .changed(since: released)
        }
        if let latest, version < latest.version { return .belowLatest(latest) }
        return .unreleased(latest: latest)
    }

    /// The latest release when `version` is a patch of it: a patch must not move the levels
    /// recorded for it.
    public func patchBase(for version: SemanticVersion) -> Release? {
        guard let latest, latest.version < version, latest.version.step(to: version) == .patch else { return nil }
        return latest
    }

    /// Reads the record in `folder`; nil when there is none.
    public static func read(folder: String) throws(PackageError) -> ReleaseRecord? {
        let file = (folder as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let value: LuaValue
        do throws(DocumentError) { value = try DocumentLoader.load(path: file) } catch {
            throw PackageError("\(file): \(error.message)")
        }
        var record = ReleaseRecord(framework: value["framework"]?.stringValue ?? "")
        for (n, r) in (value["releases"]?.arrayValue ?? []).enumerated() {
            guard let text = r["version"]?.stringValue, let version = SemanticVersion(text),
                  let hash = r["content_sha256"]?.stringValue, hash.count == 64 else {
                throw PackageError("\(file): releases[\(n)] needs version and content_sha256; it is written by mecigep release, do not edit it by hand")
            }
            var levels: [String: [String: String]] = [:]
            for (path, byIndicator) in r["levels"]?.objectValue ?? [:] {
                var row: [String: String] = [:]
                for (id, level) in byIndicator.objectValue ?? [:] { row[id] = level.stringValue ?? "" }
                levels[path] = row
            }
            let sources = (r["sources"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            record.releases.append(Release(version: version, contentSHA256: hash, date: r["date"]?.stringValue ?? "",
                                           levels: levels, sources: sources))
        }
        return record
    }

    /// The file's text: releases oldest first, keys sorted, so that a new release is a small diff.
    public var text: String {
        let list: [LuaValue] = releases.sorted { $0.version < $1.version }.map { r in
            ["version": .string(r.version.description), "content_sha256": .string(r.contentSHA256), "date": .string(r.date),
             "levels": .object(r.levels.mapValues { .object($0.mapValues { .string($0) }) }),
             "sources": .object(r.sources.mapValues { .string($0) })]
        }
        return LuaValue.object(["framework": .string(framework), "releases": .array(list)]).jsonText(pretty: true) + "\n"
    }
}

/// The levels a framework gives its example cases (the cases its rule tests name), compared
/// across versions to tell a patch from a change that moves levels.
public enum ExampleLevels {
    /// The case files the framework's tests name, absolute, sorted.
    public static func caseFiles(of framework: Framework, rulesFolder: String) -> [String] {
        let tests = RuleTest.discover(rulesFolder: rulesFolder, frameworks: [framework.id])
        return Array(Set(tests.compactMap(\.caseFile))).sorted()
    }

    /// The levels of every example case, keyed by its path from the rules folder's parent.
    public static func compute(_ framework: Framework, loader: FrameworkLoader, engineVersion: String) -> [String: [String: String]] {
        let files = caseFiles(of: framework, rulesFolder: loader.rulesFolder)
        final class Box: @unchecked Sendable { var levels: [String: [String: String]] = [:]; let lock = NSLock() }
        let box = Box()
        BatchRunner(framework: framework, loader: loader, jobs: min(2, ProcessInfo.processInfo.activeProcessorCount),
                    engineVersion: engineVersion).run(files: files) { index, outcome in
            var row: [String: String] = [:]
            switch outcome {
            case .assessed(let a):
                for r in a.indicatorResults { row[r.indicator.id] = describe(r.status, r.grade?.id) }
                row["overall"] = describe(a.status, a.grade?.id)
            case .failed, .invalid:
                row["overall"] = "error"
            }
            let key = PackagePaths.packagePath(of: files[index], rulesFolder: loader.rulesFolder) ?? files[index]
            box.lock.withLock { box.levels[key] = row }
        }
        return box.levels
    }

    /// Each (case, indicator) whose level differs between `old` and `new`, as "case: id a → b".
    public static func moves(from old: [String: [String: String]], to new: [String: [String: String]]) -> [String] {
        var out: [String] = []
        for path in Set(old.keys).intersection(new.keys).sorted() {
            let a = old[path]!, b = new[path]!
            for id in Set(a.keys).union(b.keys).sorted() where a[id] != b[id] {
                out.append("\(path): \(id) \(a[id] ?? "absent") → \(b[id] ?? "absent")")
            }
        }
        return out
    }

    static func describe(_ status: ResultStatus, _ grade: String?) -> String {
        switch status {
        case .assessed: return grade ?? "assessed"
        case .insufficientInformation: return "insufficient"
        case .error: return "error"
        }
    }
}

/// Where a file goes in a package: files of the rules folder under `rules/`, files beside it
/// (example cases named by tests) at their path from the rules folder's parent.
public enum PackagePaths {
    /// The package path of `path`, or nil when it lies outside the rules folder's parent.
    public static func packagePath(of path: String, rulesFolder: String) -> String? {
        let file = standard(path), rules = standard(rulesFolder)
        if file.hasPrefix(rules + "/") { return "rules/" + file.dropFirst(rules.count + 1) }
        let root = (rules as NSString).deletingLastPathComponent
        let prefix = root == "/" ? "/" : root + "/"
        guard file.hasPrefix(prefix) else { return nil }
        let relative = String(file.dropFirst(prefix.count))
        return relative.hasPrefix("rules/") ? nil : relative
    }

    static func standard(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (absolute as NSString).standardizingPath
    }
}
