import Foundation
import LuaRuntime
import MecigepEngine

/// Reads follow-up files (YAML or JSON; docs/reports.md).
public enum FollowUpFile {
    static let topFields = ["round", "date", "reported_by", "revised_case", "earlier_assessment", "statuses"]
    static let entryFields = ["recommendation", "status", "date", "note"]

    public static func read(path: String) throws(ReportInputError) -> FollowUp {
        let value: LuaValue
        do throws(DocumentError) { value = try DocumentLoader.load(path: path) } catch { throw ReportInputError(error) }
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        return try parse(value, file: path, sha256: SHA256.hex(of: bytes))
    }

    public static func parse(_ value: LuaValue, file: String, sha256: String = "") throws(ReportInputError) -> FollowUp {
        var r = FieldReader()
        if value == .null { r.fail("(document)", "the file is empty; start from examples/rounds/ or docs/reports.md") }
        let top = r.mapping(value, "", fields: topFields) ?? [:]
        let round = r.string(top, "round", "")
        let date = r.date(top, "date", "", required: value != .null)
        let reportedBy = r.string(top, "reported_by", "")
        let revised = r.string(top, "revised_case", "")
        let earlier = r.string(top, "earlier_assessment", "")
        var entries: [FollowUp.Entry] = []
        var seen: [String: String] = [:]
        for item in r.list(top, "statuses", "", required: value != .null) {
            guard let o = r.mapping(item.value, item.path, fields: entryFields) else {
                r.fail(item.path, "expected a mapping with recommendation, status, date and note")
                continue
            }
            let id = r.string(o, "recommendation", item.path, required: true)
            let status = r.choice(o, "status", item.path, FollowUp.Status.allCases.map(\.rawValue), required: true)
            let entryDate = r.date(o, "date", item.path, required: true)
            let note = r.text(o, "note", item.path)
            if let id {
                if let first = seen[id] {
                    r.fail(item.path + ".recommendation", "\"\(id)\" already has a status at \(first); keep the latest one")
                }
                seen[id] = item.path
            }
            if let id, let status, let entryDate, let s = FollowUp.Status(rawValue: status) {
                entries.append(.init(recommendation: id, status: s, date: entryDate, note: note, path: item.path))
            }
        }
        guard r.problems.isEmpty, let date else { throw ReportInputError(file: file, problems: r.problems) }
        let folder = (file as NSString).deletingLastPathComponent
        func resolve(_ p: String?) -> String? {
            guard let p else { return nil }
            let joined = p.hasPrefix("/") || folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p)
            return (joined as NSString).standardizingPath
        }
        return FollowUp(round: round, date: date, reportedBy: reportedBy, revisedCase: resolve(revised),
                        earlierAssessment: resolve(earlier), entries: entries, file: file, sha256: sha256)
    }
}
