import LuaRuntime
import MecigepEngine

/// The results of an assessment, indicator by indicator: taken from an `Assessment`, or read
/// back from the JSON that `mecigep assess` wrote, so that a revised case can be compared with an
/// assessment made months earlier.
public struct AssessmentSnapshot: Sendable {
    public struct Item: Sendable, Hashable {
        public var criterion: String
        public var criterionTitle: LocalizedText
        public var indicator: String
        public var title: LocalizedText
        public var status: ResultStatus
        /// The level's id ("3", "B+"); nil unless assessed.
        public var level: String?
        public var score: Double?
        public var label: LocalizedText?
    }

    public var caseID: String
    public var caseSHA256: String
    public var frameworkID: String
    public var frameworkVersion: String
    public var status: ResultStatus
    public var level: String?
    public var label: LocalizedText?
    public var items: [Item]

    public init(_ a: Assessment) {
        caseID = a.caseID
        caseSHA256 = a.caseSHA256
        frameworkID = a.framework.id
        frameworkVersion = a.framework.version
        status = a.status
        level = a.grade?.id
        label = a.grade?.level.label
        items = a.criteria.flatMap { c in
            c.indicators.map { r in
                Item(criterion: c.criterion.id, criterionTitle: c.criterion.title, indicator: r.indicator.id,
                     title: r.indicator.title, status: r.status, level: r.grade?.id, score: r.grade?.score,
                     label: r.grade?.level.label)
            }
        }
    }

    /// Reads an assessment's JSON (docs/assessment.md); `file` names it in errors.
    public static func read(path: String) throws(ReportInputError) -> AssessmentSnapshot {
        let value: LuaValue
        do throws(DocumentError) { value = try DocumentLoader.load(path: path, limits: DocumentLimits(maxBytes: 64 << 20)) } catch {
            throw ReportInputError(error)
        }
        return try parse(value, file: path)
    }

    public static func parse(_ v: LuaValue, file: String) throws(ReportInputError) -> AssessmentSnapshot {
        func fail(_ path: String, _ message: String) -> ReportInputError {
            ReportInputError(file: file, problems: [InputProblem(path: path, message: message)])
        }
        guard v["schema_version"]?.stringValue == Assessment.schemaVersion, let criteria = v["criteria"]?.arrayValue else {
            throw fail("", "not an assessment (schema_version \(Assessment.schemaVersion) with criteria); "
                + "give the JSON written by mecigep assess")
        }
        func result(_ r: LuaValue?, _ path: String) throws(ReportInputError) -> (ResultStatus, String?, Double?, LocalizedText?) {
            guard let s = r?["status"]?.stringValue, let status = ResultStatus(rawValue: s) else {
                throw fail(path + ".status", "expected assessed, insufficient_information or error")
            }
            let level: String? = switch r?["level"] {
            case .integer(let i)?: String(i)
            case .string(let s)?: s
            default: nil
            }
            return (status, level, r?["score"]?.doubleValue, LocalizedText(r?["label"]))
        }
        var items: [Item] = []
        for (i, c) in criteria.enumerated() {
            let cPath = "criteria[\(i + 1)]"
            guard let cid = c["id"]?.stringValue else { throw fail(cPath + ".id", "missing") }
            let ctitle = LocalizedText(c["title"]) ?? LocalizedText(cid)
            for (j, r) in (c["indicators"]?.arrayValue ?? []).enumerated() {
                let path = "\(cPath).indicators[\(j + 1)]"
                guard let id = r["id"]?.stringValue else { throw fail(path + ".id", "missing") }
                let (status, level, score, label) = try result(r["result"], path + ".result")
                items.append(Item(criterion: cid, criterionTitle: ctitle, indicator: id, title: LocalizedText(r["title"]) ?? LocalizedText(id),
                                  status: status, level: level, score: score, label: label))
            }
        }
        let (status, level, _, label) = try result(v["result"], "result")
        return AssessmentSnapshot(caseID: v["case"]?["id"]?.stringValue ?? "", caseSHA256: v["case"]?["sha256"]?.stringValue ?? "",
                                  frameworkID: v["framework"]?["id"]?.stringValue ?? "",
                                  frameworkVersion: v["framework"]?["version"]?.stringValue ?? "",
                                  status: status, level: level, label: label, items: items)
    }

    init(caseID: String, caseSHA256: String, frameworkID: String, frameworkVersion: String, status: ResultStatus,
         level: String?, label: LocalizedText?, items: [Item]) {
        self.caseID = caseID
        self.caseSHA256 = caseSHA256
        self.frameworkID = frameworkID
        self.frameworkVersion = frameworkVersion
        self.status = status
        self.level = level
        self.label = label
        self.items = items
    }
}
