import Foundation

/// A semantic version (`MAJOR.MINOR.PATCH`, with an optional `-prerelease` part), as frameworks
/// declare theirs. Ordered as semver.org orders versions (a prerelease sorts before its release;
/// build metadata is not accepted).
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Dot-separated prerelease identifiers (`rc.1`), empty for a release.
    public var prerelease: [String]

    public init(_ major: Int, _ minor: Int, _ patch: Int, prerelease: [String] = []) {
        self.major = major; self.minor = minor; self.patch = patch; self.prerelease = prerelease
    }

    /// Parses `1.2.3` or `1.2.3-rc.1`; nil for anything else (leading zeros included).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let core = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in core {
            guard !part.isEmpty, part.utf8.count <= 9, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part == "0" || !part.hasPrefix("0"), let n = Int(part) else { return nil }
            numbers.append(n)
        }
        var pre: [String] = []
        if parts.count == 2 {
            pre = parts[1].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard pre.allSatisfy({ id in
                !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            }) else { return nil }
        }
        self.init(numbers[0], numbers[1], numbers[2], prerelease: pre)
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: "."))
    }

    /// What kind of step leads from `self` to a later `next`: major, minor or patch.
    public func step(to next: SemanticVersion) -> Step {
        if next.major != major { return .major }
        if next.minor != minor { return .minor }
        return .patch
    }

    public enum Step: String, Sendable { case major, minor, patch }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        if a.prerelease.isEmpty || b.prerelease.isEmpty { return !a.prerelease.isEmpty && b.prerelease.isEmpty }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            switch (Int(x), Int(y)) {
            case let (i?, j?): return i < j
            case (_?, nil): return true
            case (nil, _?): return false
            default: return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }
}

/// The versions of a base framework an extension accepts, written as npm and Cargo write them:
/// `^2.0.0` (same major), `~2.1.0` (same major and minor), `>=2.0.0 <3.0.0` (every comparison
/// must hold), `2.0.0` (exactly), `*` (any). Alternatives are separated by `||`.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    private struct Comparison: Hashable {
        enum Operator: String { case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "=" }
        var op: Operator
        var version: SemanticVersion
        func holds(_ v: SemanticVersion) -> Bool {
            switch op {
            case .lt: return v < version
            case .le: return v <= version
            case .gt: return v > version
            case .ge: return v >= version
            case .eq: return v == version
            }
        }
    }

    public let description: String
    private let alternatives: [[Comparison]]

    /// Parses a range; nil (with nothing thrown) when it is not one.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var alternatives: [[Comparison]] = []
        for alternative in trimmed.components(separatedBy: "||") {
            var all: [Comparison] = []
            let words = alternative.split(separator: " ").map(String.init)
            guard !words.isEmpty else { return nil }
            for word in words {
                guard let parsed = Self.parse(word) else { return nil }
                all += parsed
            }
            alternatives.append(all)
        }
        self.description = trimmed
        self.alternatives = alternatives
    }

    /// Whether `version` is in the range. A prerelease is in it only when written out exactly.
    public func contains(_ version: SemanticVersion) -> Bool {
        alternatives.contains { all in
            all.allSatisfy { $0.holds(version) }
                && (version.prerelease.isEmpty || all.contains { $0.version.prerelease == version.prerelease
                    && ($0.version.major, $0.version.minor, $0.version.patch) == (version.major, version.minor, version.patch) })
        }
    }

    private static func parse(_ word: String) -> [Comparison]? {
        if word == "*" { return [] }
        for op in ["<=", ">=", "<", ">", "="] where word.hasPrefix(op) {
            guard let v = SemanticVersion(String(word.dropFirst(op.count))) else { return nil }
            return [Comparison(op: Comparison.Operator(rawValue: op)!, version: v)]
        }
        if word.hasPrefix("^") {
            guard let v = SemanticVersion(String(word.dropFirst())) else { return nil }
            let upper = v.major > 0 ? SemanticVersion(v.major + 1, 0, 0)
                : v.minor > 0 ? SemanticVersion(0, v.minor + 1, 0) : SemanticVersion(0, 0, v.patch + 1)
            return [Comparison(op: .ge, version: v), Comparison(op: .lt, version: upper)]
        }
        if word.hasPrefix("~") {
            guard let v = SemanticVersion(String(word.dropFirst())) else { return nil }
            return [Comparison(op: .ge, version: v), Comparison(op: .lt, version: SemanticVersion(v.major, v.minor + 1, 0))]
        }
        guard let v = SemanticVersion(word) else { return nil }
        return [Comparison(op: .eq, version: v)]
    }
}
