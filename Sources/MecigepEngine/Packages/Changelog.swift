import Foundation
import LuaRuntime

/// A framework's `CHANGELOG.md`: one entry per released version, newest first, each headed
/// `## 2.1.0 - 2026-12-04`. An entry may open with the record of the States' agreement:
///
///     - adopted by: the participating States of MECIGEP
///     - adopted on: 2026-10-15
///     - adopted for: rounds opened from 2026-11-01
///     - adoption record: minutes of the meeting, OEA/Ser.W/...
///
/// The agreement lives here and not in `framework.lua` on purpose: recording that a version was
/// agreed must not change the rules agreed (their content hash).
public struct Changelog: Sendable {
    public struct Entry: Sendable {
        public var version: SemanticVersion
        /// The date on the heading, as written (YYYY-MM-DD), if any.
        public var date: String?
        /// The heading's line in the file.
        public var line: Int
        public var adoption: Adoption?
        /// The entry's other lines, trimmed of blank lines at both ends.
        public var notes: [String]
    }

    /// Who agreed to a version, when, and for which rounds.
    public struct Adoption: Sendable, Hashable {
        public var body: String
        public var date: String?
        public var scope: String?
        public var record: String?

        public init(body: String, date: String?, scope: String?, record: String?) {
            self.body = body; self.date = date; self.scope = scope; self.record = record
        }

        /// Reads back what `value` wrote (a package manifest's `adoption`); nil without a body.
        public init?(_ value: LuaValue) {
            guard let body = value["body"]?.stringValue else { return nil }
            self.init(body: body, date: value["date"]?.stringValue, scope: value["rounds"]?.stringValue,
                      record: value["record"]?.stringValue)
        }

        public var value: LuaValue {
            var v: [String: LuaValue] = ["body": .string(body)]
            if let date { v["date"] = .string(date) }
            if let scope { v["rounds"] = .string(scope) }
            if let record { v["record"] = .string(record) }
            return .object(v)
        }

        /// One sentence: "adopted by X on D for R (record)".
        public var sentence: String {
            "adopted by \(body)" + (date.map { " on \($0)" } ?? "") + (scope.map { ", for \($0)" } ?? "")
                + (record.map { " (\($0))" } ?? "")
        }
    }

    public var file: String
    public var entries: [Entry]
    /// Lines that look like entry headings but are not well formed, and other problems.
    public var problems: [(line: Int, message: String)]

    public func entry(for version: SemanticVersion) -> Entry? { entries.first { $0.version == version } }

    /// Reads `CHANGELOG.md` in `folder`; nil when there is none.
    public static func read(folder: String) -> Changelog? {
        let file = (folder as NSString).appendingPathComponent("CHANGELOG.md")
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return parse(String(decoding: data, as: UTF8.self), file: file)
    }

    static let adoptionKeys = ["adopted by", "adopted on", "adopted for", "adoption record"]

    public static func parse(_ text: String, file: String) -> Changelog {
        var entries: [Entry] = []
        var problems: [(Int, String)] = []
        var current: Entry?
        var inPreamble = false
        var fields: [String: String] = [:]
        func finish() {
            guard var entry = current else { return }
            if let body = fields["adopted by"] {
                entry.adoption = Adoption(body: body, date: fields["adopted on"], scope: fields["adopted for"],
                                          record: fields["adoption record"])
            } else if !fields.isEmpty {
                problems.append((entry.line, "\(entry.version): adoption lines without \"- adopted by: ...\"; say which body agreed"))
            }
            while entry.notes.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { entry.notes.removeLast() }
            entries.append(entry)
        }
        for (n, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if line.hasPrefix("## ") {
                finish(); current = nil; fields = [:]
                let heading = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                let words = heading.components(separatedBy: " - ")
                let versionText = words[0].trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                guard let version = SemanticVersion(versionText) else {
                    problems.append((n + 1, "heading \"\(line)\" does not start with a semantic version; write \"## 1.2.0 - YYYY-MM-DD\""))
                    continue
                }
                let date = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : nil
                if let date, !isDate(date) {
                    problems.append((n + 1, "\(version): date \"\(date)\" is not YYYY-MM-DD"))
                }
                if entries.contains(where: { $0.version == version }) {
                    problems.append((n + 1, "\(version) has two entries"))
                }
                if let previous = entries.last, !(version < previous.version) {
                    problems.append((n + 1, "\(version) comes after \(previous.version); entries go newest first"))
                }
                current = Entry(version: version, date: date, line: n + 1, adoption: nil, notes: [])
                inPreamble = true
                continue
            }
            guard current != nil else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inPreamble, trimmed.hasPrefix("- "), let colon = trimmed.firstIndex(of: ":") {
                let key = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<colon].lowercased()
                if adoptionKeys.contains(key) {
                    let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if key == "adopted on" && !isDate(value) {
                        problems.append((n + 1, "\(current!.version): adopted on \"\(value)\" is not YYYY-MM-DD"))
                    }
                    fields[key] = value
                    continue
                }
            }
            if !trimmed.isEmpty { inPreamble = false }
            if current!.notes.isEmpty && trimmed.isEmpty { continue }
            current!.notes.append(line)
        }
        finish()
        return Changelog(file: file, entries: entries, problems: problems.map { (line: $0.0, message: $0.1) })
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d) else { return false }
        return true
    }
}
