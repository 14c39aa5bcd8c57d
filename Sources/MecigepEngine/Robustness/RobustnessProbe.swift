import Foundation
import LuaRuntime

/// Changes to a case that change no fact, and the direction in which each may move a level.
/// A framework is honest when its levels rest on the case's facts: rewording or reordering
/// moves nothing; taking information out, or putting a placeholder or keywords in, never raises
/// a level; disclosing one more complete item never lowers one.
public enum Transformation: String, Sendable, CaseIterable, Hashable {
    /// A free-text answer replaced by a neutral sentence: no level may change.
    case neutralText = "neutral_text"
    /// A free-text answer replaced by the framework's own vocabulary: no level may rise.
    case keywordStuffing = "keyword_stuffing"
    /// An answer replaced by a placeholder ("TBD", "por definir"): no level may rise.
    case placeholder
    /// A field (or a list item) removed: no level may rise.
    case removal
    /// A list extended by a copy of its most complete item: no level may fall.
    case listExtension = "extension"
    /// Every list in the case in reverse order: no level may change.
    case listOrder = "list_order"
    /// The cases assessed in reverse order by the same assessor: no level may change.
    case caseOrder = "case_order"

    /// Whether moving from `before` to `after` breaks the transformation's rule. Ranks:
    /// insufficient information is below every level; nil is a rule error, always forbidden.
    func forbids(_ before: Double?, _ after: Double?) -> Bool {
        guard let after else { return true }
        guard let before else { return false }
        switch self {
        case .neutralText, .listOrder, .caseOrder: return after != before
        case .keywordStuffing, .placeholder, .removal: return after > before
        case .listExtension: return after < before
        }
    }
}

/// One level that moved under one transformation.
public struct RobustnessMove: Sendable, Hashable {
    public var caseID: String
    public var file: String
    public var indicator: String
    public var transformation: Transformation
    /// The path changed ("" for whole-case transformations).
    public var path: String
    public var before: String
    public var after: String
    public var forbidden: Bool
}

/// What a probe did and found.
public struct RobustnessReport: Sendable {
    public var cases = 0
    public var indicators = 0
    /// Transformed cases assessed, by transformation.
    public var applied: [Transformation: Int] = [:]
    /// Indicator evaluations run (only the indicators a change can reach are re-run).
    public var evaluations = 0
    public var moves: [RobustnessMove] = []
    /// Cases that could not be read or assessed at all.
    public var failures: [(file: String, message: String)] = []
    public var forbidden: [RobustnessMove] { moves.filter(\.forbidden) }

    public init() {}

    /// Adds what another worker found (cases are disjoint between workers).
    public mutating func merge(_ other: RobustnessReport) {
        cases += other.cases
        indicators = max(indicators, other.indicators)
        for (t, n) in other.applied { applied[t, default: 0] += n }
        evaluations += other.evaluations
        moves += other.moves
        failures += other.failures
    }
}

/// Applies every transformation to every answer of each case and re-runs the indicators that
/// read what changed (an indicator whose trace never touched a path cannot depend on it).
public struct RobustnessProbe {
    public let assessor: Assessor
    public var transformations: Set<Transformation>

    /// At most this many transformed cases per case, chosen by a fixed pseudo-random draw (the
    /// same every run); nil applies every transformation to every answer.
    public var sample: Int?

    public init(assessor: Assessor, transformations: Set<Transformation> = Set(Transformation.allCases), sample: Int? = nil) {
        self.assessor = assessor
        self.transformations = transformations
        self.sample = sample
    }

    /// A fixed draw of `n` of `count` positions, in order: the same for the same case and count.
    static func draw(_ n: Int, of count: Int, seed: String) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var positions = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { positions.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        return positions.prefix(n).sorted()
    }

    static let placeholders = ["en": "TBD", "es": "por definir", "pt": "a definir", "fr": "à définir"]
    static let neutral = ["en": "The State describes this in its own words.", "es": "El Estado lo describe con sus propias palabras.",
                          "pt": "O Estado descreve isto com suas próprias palavras.", "fr": "L'État le décrit avec ses propres mots."]

    /// Runs the probe over `documents`; `report` collects what it did and found.
    public func run(_ documents: [CaseDocument], report: inout RobustnessReport) {
        run(documents, report: &report, caseOrder: transformations.contains(.caseOrder))
    }

    /// The probe without the case-order check (for one of several parallel workers).
    public func runWithoutCaseOrder(_ documents: [CaseDocument], report: inout RobustnessReport) {
        run(documents, report: &report, caseOrder: false)
    }

    /// Only the case-order check: `documents` assessed in order, then in reverse order, by this
    /// probe's one assessor.
    public func runCaseOrder(_ documents: [CaseDocument], report: inout RobustnessReport) {
        var first: [String: [String: IndicatorResult]] = [:]
        for document in documents {
            guard let a = try? assessor.assess(document) else { continue }
            var results: [String: IndicatorResult] = [:]
            for r in a.indicatorResults { results[r.indicator.id] = r }
            first[document.id + "\u{0}" + (document.file ?? "")] = results
        }
        for document in documents.reversed() {
            guard let again = try? assessor.assess(document), let before = first[document.id + "\u{0}" + (document.file ?? "")]
            else { continue }
            report.applied[.caseOrder, default: 0] += 1
            report.evaluations += assessor.framework.indicators.count
            for r in again.indicatorResults {
                record(document, document.file ?? document.id, r.indicator.id, .caseOrder, "", before[r.indicator.id], r, &report)
            }
        }
    }

    private func run(_ documents: [CaseDocument], report: inout RobustnessReport, caseOrder: Bool) {
        let framework = assessor.framework
        report.indicators = framework.indicators.count
        var baselines: [(file: String, document: CaseDocument, results: [String: IndicatorResult])] = []
        for document in documents {
            let file = document.file ?? document.id
            do throws(AssessmentError) {
                let a = try assessor.assess(document)
                report.cases += 1
                report.evaluations += framework.indicators.count
                var results: [String: IndicatorResult] = [:]
                for r in a.indicatorResults { results[r.indicator.id] = r }
                baselines.append((file, document, results))
                probe(document, file: file, baseline: results, report: &report)
            } catch {
                report.failures.append((file, error.message))
            }
        }
        if caseOrder, baselines.count > 1 {
            // The same assessor, the cases in reverse order: nothing of one case may reach the next.
            for item in baselines.reversed() {
                guard let again = try? assessor.assess(item.document) else { continue }
                report.applied[.caseOrder, default: 0] += 1
                report.evaluations += framework.indicators.count
                for r in again.indicatorResults {
                    record(item.document, item.file, r.indicator.id, .caseOrder, "", item.results[r.indicator.id], r, &report)
                }
            }
        }
    }

    private func probe(_ document: CaseDocument, file: String, baseline: [String: IndicatorResult], report: inout RobustnessReport) {
        let value = document.value
        let language = value["language"]?.stringValue.flatMap { Self.placeholders[$0] != nil ? $0 : nil } ?? "en"
        let enumerated = Set(assessor.framework.fields.flatMap { $0.allowed ?? [] })
        let stuffing = stuffingText(language)
        var variants: [(Transformation, String, LuaValue)] = []
        for (path, node) in Self.nodes(value) where !path.isEmpty {
            let steps = CaseValidator.steps(path)
            let isIdentity = path == "id" || path == "language"
            if transformations.contains(.removal) {
                variants.append((.removal, path, Self.replacing(value, at: steps, with: nil)))
            }
            switch node {
            case .string(let s):
                let prose = s.split(whereSeparator: \.isWhitespace).count >= 4 && !enumerated.contains(s)
                if prose, transformations.contains(.neutralText) {
                    variants.append((.neutralText, path, Self.replacing(value, at: steps, with: .string(Self.neutral[language]!))))
                }
                if prose, transformations.contains(.keywordStuffing) {
                    variants.append((.keywordStuffing, path, Self.replacing(value, at: steps, with: .string(stuffing))))
                }
                // A framework that declares placeholders has the engine remove them before any rule
                // runs (an answer "TBD" is exactly a removed answer): only where it declares none
                // do text placeholders need re-running.
                if !isIdentity, assessor.framework.placeholders.isEmpty, transformations.contains(.placeholder) {
                    variants.append((.placeholder, path, Self.replacing(value, at: steps, with: .string(Self.placeholders[language]!))))
                }
            case .integer, .double, .bool:
                if !isIdentity, transformations.contains(.placeholder) {
                    variants.append((.placeholder, path, Self.replacing(value, at: steps, with: .string(Self.placeholders[language]!))))
                }
            case .array(let items) where !items.isEmpty:
                if transformations.contains(.listExtension) {
                    let richest = items.max { Self.leafCount($0) < Self.leafCount($1) }!
                    variants.append((.listExtension, path, Self.replacing(value, at: steps, with: .array(items + [richest]))))
                }
            default:
                break
            }
        }
        if transformations.contains(.listOrder) {
            variants.append((.listOrder, "", Self.reversingLists(value)))
        }
        if let sample, sample < variants.count {
            variants = Self.draw(sample, of: variants.count, seed: document.id).map { variants[$0] }
        }
        for (transformation, path, variant) in variants {
            let reached = affected(by: transformation == .listOrder ? nil : path, baseline)
            // Where the framework declares a list's items can be weaknesses, one more may lower a
            // level, and so one fewer (the whole item removed) may raise it.
            let weakness = assessor.framework.weaknessLists.map(CaseValidator.withoutIndices).contains(CaseValidator.withoutIndices(path))
            let mayLower = transformation == .listExtension && weakness
            let mayRise = transformation == .removal && weakness && path.hasSuffix("]")
            guard !reached.isEmpty else { continue }
            let changed = CaseDocument(id: document.id, file: file, sha256: "", value: variant)
            report.applied[transformation, default: 0] += 1
            report.evaluations += reached.count
            guard let results = try? assessor.evaluate(changed, indicators: reached) else { continue }
            for id in reached.sorted() {
                record(document, file, id, transformation, path, baseline[id], results[id], &report,
                       allowed: mayLower || mayRise)
            }
        }
    }

    private func record(_ document: CaseDocument, _ file: String, _ id: String, _ t: Transformation, _ path: String,
                        _ before: IndicatorResult?, _ after: IndicatorResult?, _ report: inout RobustnessReport,
                        allowed: Bool = false) {
        let (b, a) = (Self.rank(before), Self.rank(after))
        guard b != a else { return }
        let forbidden = t.forbids(b, a) && !(allowed && a != nil)
        report.moves.append(RobustnessMove(caseID: document.id, file: file, indicator: id, transformation: t, path: path,
                                           before: Self.describe(before), after: Self.describe(after), forbidden: forbidden))
    }


    /// The indicators a change at `path` can reach (all of them for nil): those whose baseline
    /// trace read the path, something under it, or the table that holds it (a rule that counts,
    /// iterates or tests a table for emptiness reads the table itself); and those that read
    /// nothing (`requires` stopped them). Every read a rule makes is in its trace, so an
    /// indicator that touched none of these cannot depend on the change.
    private func affected(by path: String?, _ baseline: [String: IndicatorResult]) -> Set<String> {
        var out = Set<String>()
        let parent = path.map(Self.parent)
        for (id, r) in baseline {
            guard let path else { out.insert(id); continue }
            if r.reads.isEmpty || r.reads.contains(where: { $0.path == parent || Self.under($0.path, path) }) { out.insert(id) }
        }
        return out
    }

    /// Whether `x` is `y` or lies under it ("a.b[2]" lies under "a.b").
    static func under(_ x: String, _ y: String) -> Bool {
        x.hasPrefix(y) && (x.count == y.count || ".[".contains(x[x.index(x.startIndex, offsetBy: y.count)]))
    }

    /// The table that holds a path: "a.b[2].c" → "a.b[2]", "a.b[2]" → "a.b", "a" → "".
    static func parent(_ path: String) -> String {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return "" }
        return String(path[..<cut])
    }

    /// The framework's own words in the case's language — indicator titles, questions and level
    /// rubrics, four times over — which is what a rule that counts keywords would look for.
    private func stuffingText(_ language: String) -> String {
        var words: [String] = []
        for indicator in assessor.framework.indicators {
            words.append(indicator.title.text(language))
            if let q = indicator.question { words.append(q.text(language)) }
            for key in indicator.rubric.keys.sorted() { words.append(indicator.rubric[key]!.text(language)) }
        }
        let once = words.joined(separator: " ")
        return Array(repeating: once, count: 4).joined(separator: " ")
    }

    static func rank(_ r: IndicatorResult?) -> Double? {
        guard let r else { return nil }
        switch r.status {
        case .assessed: return r.grade?.score
        case .insufficientInformation: return -1
        case .error: return nil
        }
    }

    static func describe(_ r: IndicatorResult?) -> String {
        guard let r else { return "absent" }
        switch r.status {
        case .assessed: return "level \(r.grade?.id ?? "?")"
        case .insufficientInformation: return "insufficient information"
        case .error: return "rule error"
        }
    }

    // MARK: Documents

    /// Every node with its path, written as the rest of mecigep writes paths ("a.b[2].c").
    static func nodes(_ v: LuaValue, _ path: String = "") -> [(String, LuaValue)] {
        var out: [(String, LuaValue)] = [(path, v)]
        switch v {
        case .object(let m):
            for k in m.keys.sorted() { out += nodes(m[k]!, path.isEmpty ? k : path + "." + k) }
        case .array(let a):
            for (i, x) in a.enumerated() { out += nodes(x, path + "[\(i + 1)]") }
        default: break
        }
        return out
    }

    /// `v` with the node at `steps` replaced (or removed, for nil).
    static func replacing(_ v: LuaValue, at steps: [CaseValidator.Step], with new: LuaValue?) -> LuaValue {
        guard let step = steps.first else { return new ?? .null }
        let rest = Array(steps.dropFirst())
        switch (step, v) {
        case (.key(let k), .object(var m)):
            guard let child = m[k] else { return v }
            m[k] = rest.isEmpty ? new : replacing(child, at: rest, with: new)
            return .object(m)
        case (.index(let i), .array(var a)) where a.indices.contains(i - 1):
            if rest.isEmpty {
                if let new { a[i - 1] = new } else { a.remove(at: i - 1) }
            } else {
                a[i - 1] = replacing(a[i - 1], at: rest, with: new)
            }
            return .array(a)
        default:
            return v
        }
    }

    static func reversingLists(_ v: LuaValue) -> LuaValue {
        switch v {
        case .object(let m): return .object(m.mapValues(reversingLists))
        case .array(let a): return .array(a.reversed().map(reversingLists))
        default: return v
        }
    }

    static func leafCount(_ v: LuaValue) -> Int {
        switch v {
        case .object(let m): return m.values.reduce(0) { $0 + leafCount($1) }
        case .array(let a): return a.reduce(0) { $0 + leafCount($1) }
        case .null: return 0
        default: return 1
        }
    }
}
