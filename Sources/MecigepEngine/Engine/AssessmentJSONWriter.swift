import LuaRuntime
import Synchronization

/// The framework's parts of an assessment's compact JSON (its description, each indicator's
/// and criterion's fixed fields, each grade), written once per framework and reused for every
/// assessment: most of an assessment's text does not depend on the case.
final class AssessmentJSONFragments: Sendable {
    let framework: [UInt8]
    /// An indicator's fixed pieces, with the indicator they were written for. Classes, not
    /// tuples: a lookup per indicator and assessment then costs one reference, not a copy of
    /// every field (copying an `Indicator` was 1.3 % of a benchmark batch).
    final class IndicatorPieces: Sendable {
        let indicator: Indicator
        let id, references, title, weight: [UInt8]
        init(_ indicator: Indicator, _ id: [UInt8], _ references: [UInt8], _ title: [UInt8], _ weight: [UInt8]) {
            (self.indicator, self.id, self.references, self.title, self.weight) = (indicator, id, references, title, weight)
        }
    }
    /// A criterion's fixed pieces, with the fields they were written from, and its indicators'
    /// pieces in the framework's order.
    final class CriterionPieces: Sendable {
        let title: LocalizedText
        let weight: Double
        let aggregation: String
        let head, idAndIndicators, tail: [UInt8]
        let indicators: [IndicatorPieces]
        init(_ title: LocalizedText, _ weight: Double, _ aggregation: String, _ head: [UInt8], _ idAndIndicators: [UInt8],
             _ tail: [UInt8], _ indicators: [IndicatorPieces]) {
            (self.title, self.weight, self.aggregation) = (title, weight, aggregation)
            (self.head, self.idAndIndicators, self.tail, self.indicators) = (head, idAndIndicators, tail, indicators)
        }
    }
    /// A grade's value, written once.
    final class GradePieces: Sendable {
        let grade: Grade
        let bytes: [UInt8]
        init(_ grade: Grade, _ bytes: [UInt8]) { (self.grade, self.bytes) = (grade, bytes) }
    }
    /// Per indicator id.
    let indicators: [String: IndicatorPieces]
    /// Per criterion id.
    let criteria: [String: CriterionPieces]
    /// `gradeValue` of each assessed grade, in the scale's order (a handful: found by a scan
    /// that compares the level's id, rather than by hashing an id made for the purpose).
    let grades: [GradePieces]
    let insufficient: [UInt8]
    let error: [UInt8]
    /// Room to reserve for the next assessment: a little more than the last one took (the
    /// assessments of a framework are alike in size), so that writing rarely grows the buffer.
    /// Before the first: twice the fixed parts (an assessment holds each of them once, with its
    /// findings beside them); room reserved and never written costs no memory.
    let sizeHint: Atomic<Int>

    init(_ f: Framework) {
        func bytes(_ v: LuaValue) -> [UInt8] { v.jsonBytes(pretty: false) }
        func key(_ k: String) -> [UInt8] { bytes(.string(k)) + [UInt8(ascii: ":")] }
        // the framework object, exactly as Assessment.value writes it
        let probe = Assessment(engineVersion: "", framework: f, caseID: "", caseSHA256: "", caseFile: nil, caseIssues: [],
                               status: .error, grade: nil, criteria: [], coverage: Coverage([]), generatedAt: nil)
        framework = bytes(probe.value["framework"] ?? .null)
        var indicators: [String: IndicatorPieces] = [:]
        var criteria: [String: CriterionPieces] = [:]
        for c in f.criteria {
            var inOrder: [IndicatorPieces] = []
            for i in c.indicators {
                let pieces = IndicatorPieces(i, key("id") + bytes(.string(i.id)) + [UInt8(ascii: ",")] + key("missing"),
                                    key("references") + bytes(.array(i.references.map { .string($0) })) + [UInt8(ascii: ",")]
                                        + key("result"),
                                    [UInt8(ascii: ",")] + key("title") + bytes(i.title.value) + [UInt8(ascii: ",")] + key("trace"),
                                    [UInt8(ascii: ",")] + key("weight") + bytes(.double(i.weight)) + [UInt8(ascii: "}")])
                indicators[i.id] = pieces
                inOrder.append(pieces)
            }
            criteria[c.id] = CriterionPieces(c.title, c.weight, c.aggregation.name,
                              key("aggregation") + bytes(.string(c.aggregation.name)) + [UInt8(ascii: ",")] + key("coverage"),
                              key("id") + bytes(.string(c.id)) + [UInt8(ascii: ",")] + key("indicators"),
                              [UInt8(ascii: ",")] + key("title") + bytes(c.title.value) + [UInt8(ascii: ",")] + key("weight")
                                + bytes(.double(c.weight)) + [UInt8(ascii: "}")], inOrder)
        }
        self.indicators = indicators
        self.criteria = criteria
        var grades: [GradePieces] = []
        for level in f.scale.levels {
            for plus in f.scale.plus ? [false, true] : [false] {
                let grade = Grade(level: level, plus: plus, scale: f.scale)
                grades.append(GradePieces(grade, bytes(Assessment.gradeValue(status: .assessed, grade: grade))))
            }
        }
        self.grades = grades
        insufficient = bytes(Assessment.gradeValue(status: .insufficientInformation, grade: nil))
        error = bytes(Assessment.gradeValue(status: .error, grade: nil))
        var fixed = framework.count
        for c in criteria.values {
            fixed += c.head.count + c.idAndIndicators.count + c.tail.count
            for i in c.indicators { fixed += i.id.count + i.references.count + i.title.count + i.weight.count }
        }
        sizeHint = Atomic(max(16 << 10, 2 * fixed))
    }
}

extension Assessment {
    /// The assessment as compact JSON: the bytes of `value.jsonBytes(pretty: false)`, written
    /// straight from the results with the framework's fixed parts copied from fragments made
    /// once (no tree of values is built).
    public func jsonBytes() -> [UInt8] {
        compactWriter().take()
    }

    /// The assessment's JSON (indented when `pretty`) and a line break, lent to `body` without
    /// copying it into an array: what a command writes to a file or to standard output. An
    /// assessment of the core framework is a few hundred kilobytes, and each copy of it is memory
    /// touched for the first time in a one-case run.
    public func withJSONLine<R, E: Error>(pretty: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        var w = compactWriter()
        if !pretty {
            w.out.append(UInt8(ascii: "\n"))
            return try w.out.withBytes(body)
        }
        var indented = w.out.withBytes { LuaValue.prettyJSON(fromCompact: $0) }
        indented.append(UInt8(ascii: "\n"))
        return try indented.withBytes(body)
    }

    /// A writer that has written this assessment as compact JSON, its buffer reserved from the
    /// framework's last assessment (or, for the first, from the size of its fixed parts).
    private func compactWriter() -> AssessmentJSONWriter {
        let fragments = jsonFragments ?? AssessmentJSONFragments(framework)
        var w = AssessmentJSONWriter(fragments: fragments, reserving: fragments.sizeHint.load(ordering: .relaxed))
        w.write(self)
        fragments.sizeHint.store(w.out.count + w.out.count / 8 + 64, ordering: .relaxed)
        return w
    }
}

/// Writes an assessment as compact JSON with sorted keys (the order `LuaValue`'s writer uses:
/// by UTF-8 bytes), key by key; the test `AssessmentJSONWriterTests` holds it to the tree's bytes.
/// Into a `ByteOutput`: thousands of pieces of a few bytes, each copied at once.
struct AssessmentJSONWriter: ~Copyable {
    let fragments: AssessmentJSONFragments
    var out: ByteOutput

    init(fragments: AssessmentJSONFragments, reserving room: Int = 16 << 10) {
        self.fragments = fragments
        out = ByteOutput(capacity: room)
    }

    /// The document written.
    consuming func take() -> [UInt8] { out.take() }

    private mutating func raw(_ s: StaticString) { out.append(s) }
    private mutating func value(_ v: LuaValue) { v.writeJSON(into: &out, pretty: false) }
    private mutating func string(_ s: String) { LuaValue.writeJSONString(s, into: &out) }
    /// `t.value` as JSON, written without building that value (a dictionary per text).
    private mutating func text(_ t: LocalizedText) {
        if let s = t.translations["*"] { string(s); return }
        // (the four languages, as nearly every text has them: in their order, without sorting)
        if t.translations.count == 4, let en = t.translations["en"], let es = t.translations["es"],
           let fr = t.translations["fr"], let pt = t.translations["pt"] {
            raw("{\"en\":")
            string(en)
            raw(",\"es\":")
            string(es)
            raw(",\"fr\":")
            string(fr)
            raw(",\"pt\":")
            string(pt)
            raw("}")
            return
        }
        raw("{")
        for (n, language) in t.translations.keys.sorted(by: LuaValue.keyOrder).enumerated() {
            if n > 0 { raw(",") }
            string(language)
            raw(":")
            string(t.translations[language]!)
        }
        raw("}")
    }
    private mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    private mutating func strings(_ list: [String]) {
        raw("[")
        for (n, s) in list.enumerated() {
            if n > 0 { raw(",") }
            string(s)
        }
        raw("]")
    }

    /// Each item is lent to `each` from the array's storage: the plain loop copied every item
    /// and released it again (measured with results in their box: 0.4 % of a peer batch's
    /// instructions).
    private mutating func list<T>(_ items: [T], _ each: (inout Self, borrowing T) -> Void) {
        raw("[")
        items.withUnsafeBufferPointer { buffer in
            for n in buffer.indices {
                if n > 0 { raw(",") }
                each(&self, buffer[n])
            }
        }
        raw("]")
    }

    private mutating func grade(_ status: ResultStatus, _ grade: Grade?) {
        if let grade {
            if status == .assessed,
               let known = fragments.grades.first(where: { $0.grade.plus == grade.plus && $0.grade.level.id == grade.level.id }),
               known.grade == grade {
                out.append(contentsOf: known.bytes)
            } else {
                value(Assessment.gradeValue(status: status, grade: grade))
            }
        } else {
            switch status {
            case .insufficientInformation: out.append(contentsOf: fragments.insufficient)
            case .error: out.append(contentsOf: fragments.error)
            case .assessed: value(Assessment.gradeValue(status: status, grade: nil))
            }
        }
    }

    private mutating func coverage(_ c: Coverage) {
        raw("{\"assessed\":")
        value(.integer(Int64(c.assessed)))
        raw(",\"errors\":")
        value(.integer(Int64(c.errors)))
        raw(",\"indicators\":")
        value(.integer(Int64(c.indicators)))
        raw(",\"insufficient_information\":")
        value(.integer(Int64(c.insufficient)))
        raw(",\"share\":")
        value(.double((c.share * 10_000).rounded() / 10_000))
        raw("}")
    }

    private mutating func issues(_ list: [CaseIssue]) {
        self.list(list) { w, issue in
            w.raw("{\"message\":")
            w.string(issue.message)
            w.raw(",\"path\":")
            w.string(issue.path)
            w.raw("}")
        }
    }

    mutating func write(_ a: Assessment) {
        raw("{\"case\":{")
        if let file = a.caseFile {
            raw("\"file\":")
            string(file)
            raw(",")
        }
        raw("\"id\":")
        string(a.caseID)
        raw(",\"issues\":")
        issues(a.caseIssues)
        raw(",\"placeholders\":")
        issues(a.casePlaceholders)
        raw(",\"sha256\":")
        string(a.caseSHA256)
        raw("},\"coverage\":")
        coverage(a.coverage)
        raw(",\"criteria\":")
        list(a.criteria) { w, c in w.criterion(c) }
        raw(",\"engine\":{\"name\":\"mecigep\",\"version\":")
        string(a.engineVersion)
        raw("},\"framework\":")
        out.append(contentsOf: fragments.framework)
        if let generatedAt = a.generatedAt {
            raw(",\"generated_at\":")
            string(generatedAt)
        }
        raw(",\"result\":")
        grade(a.status, a.grade)
        if let round = a.round {
            raw(",\"round\":")
            value(Assessment.roundValue(round))
        }
        raw(",\"schema_version\":")
        string(Assessment.schemaVersion)
        raw("}")
    }

    private mutating func criterion(_ c: CriterionResult) {
        guard let known = fragments.criteria[c.criterion.id], known.title == c.criterion.title,
              known.weight == c.criterion.weight, known.aggregation == c.criterion.aggregation.name else {
            value(Assessment.criterionValue(c))  // not the framework's criterion as written: the tree
            return
        }
        raw("{")
        out.append(contentsOf: known.head)
        coverage(c.coverage)
        raw(",")
        if let failure = c.failure {
            raw("\"error\":{\"kind\":\"aggregation\",\"message\":")
            string(failure)
            raw("},")
        }
        out.append(contentsOf: known.idAndIndicators)
        // the criterion's results are normally its indicators in the framework's order: their
        // pieces are found by position, by id otherwise
        var k = 0
        list(c.indicators) { w, r in
            let inOrder = k < known.indicators.count ? known.indicators[k] : nil
            k += 1
            w.indicator(r, inOrder)
        }
        raw(",\"result\":")
        grade(c.status, c.grade)
        out.append(contentsOf: known.tail)
    }

    /// `inOrder`: the pieces of the indicator at the result's place in its criterion, if any.
    private mutating func indicator(_ r: IndicatorResult, _ inOrder: AssessmentJSONFragments.IndicatorPieces?) {
        let indicator = r.indicator
        guard let known = inOrder.flatMap({ $0.indicator == indicator ? $0 : nil }) ?? fragments.indicators[indicator.id],
              known.indicator == indicator else {
            value(Assessment.indicatorValue(r))
            return
        }
        raw("{")
        if let a = r.agreed {
            raw("\"agreed\":{\"author\":")
            string(a.author)
            raw(",\"date\":")
            string(a.date)
            raw(",\"justification\":")
            string(a.justification)
            raw(",\"label\":")
            text(a.grade.level.label)
            raw(",\"level\":")
            value(a.grade.idValue)
            raw(",\"role\":")
            string(a.role)
            raw("},")
        }
        if let b = r.basis {
            raw("\"basis\":{\"documents\":")
            strings(b.documents)
            if let why = b.justification {
                raw(",\"justification\":")
                string(why)
            }
            raw(",\"kind\":")
            string(b.kind.rawValue)
            if let who = b.verifiedBy {
                raw(",\"verified_by\":")
                string(who)
            }
            raw("},")
        }
        if let f = r.failure {
            raw("\"error\":{\"file\":")
            optionalString(f.file)
            raw(",\"kind\":")
            string(f.kind)
            raw(",\"line\":")
            if let line = f.line { value(.integer(Int64(line))) } else { raw("null") }
            raw(",\"message\":")
            string(f.message)
            raw("},")
        }
        raw("\"findings\":")
        list(r.findings) { w, finding in
            w.raw("{\"evidence\":")
            w.strings(finding.evidence)
            w.raw(",\"text\":")
            w.text(finding.text)
            w.raw("}")
        }
        raw(",")
        out.append(contentsOf: known.id)
        strings(r.missing)
        raw(",")
        if let note = r.note {
            raw("\"note\":")
            text(note)
            raw(",")
        }
        raw("\"recommendations\":")
        list(r.recommendations) { w, rec in
            w.raw("{\"binding\":false,\"challenge\":")
            w.optionalString(rec.challenge)
            w.raw(",\"criterion\":")
            w.string(rec.criterion)
            w.raw(",\"horizon\":")
            w.optionalString(rec.horizon)
            w.raw(",\"id\":")
            w.string(rec.id)
            w.raw(",\"indicator\":")
            w.string(rec.indicator)
            w.raw(",\"owner\":")
            if let owner = rec.owner { w.text(owner) } else { w.raw("null") }
            w.raw(",\"priority\":")
            w.optionalString(rec.priority)
            w.raw(",\"text\":")
            w.text(rec.text)
            w.raw("}")
        }
        raw(",")
        out.append(contentsOf: known.references)
        grade(r.status, r.grade)
        out.append(contentsOf: known.title)
        raw("{\"conditions\":")
        list(r.conditions) { w, c in
            w.raw("{\"label\":")
            w.text(c.label)
            w.raw(c.value ? ",\"value\":true}" : ",\"value\":false}")
        }
        raw(",\"reads\":")
        list(r.reads) { w, read in
            w.raw("{")
            if let kind = read.kind {
                w.raw("\"kind\":")
                w.string(kind)
                w.raw(",")
            }
            w.raw("\"path\":")
            w.string(read.path)
            if let v = read.value {
                w.raw(",\"value\":")
                w.value(v)
            }
            w.raw("}")
        }
        raw("}")
        out.append(contentsOf: known.weight)
    }
}
