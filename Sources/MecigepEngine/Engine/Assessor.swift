import Foundation
import LuaRuntime

/// Options for one assessment.
public struct AssessmentOptions: Sendable {
    /// Any rule error (an indicator that fails or runs out of budget) fails the assessment.
    public var strict: Bool
    /// A time to record in the assessment; nil (the default) keeps output byte-identical.
    public var timestamp: Date?
    /// Refuse a case the validation finds invalid (malformed or missing required fields, a list
    /// longer than the framework accepts, a document that is not a mapping) instead of assessing
    /// what is left of it: what `mecigep assess` does, exactly as `mecigep validate` judges.
    public var rejectInvalid: Bool

    public init(strict: Bool = false, timestamp: Date? = nil, rejectInvalid: Bool = false) {
        self.strict = strict
        self.timestamp = timestamp
        self.rejectInvalid = rejectInvalid
    }
}

/// Why an assessment could not be produced.
public struct AssessmentError: Error, Sendable, CustomStringConvertible {
    public var caseID: String
    public var message: String
    /// The validation problems, when the case was refused as invalid.
    public var issues: [CaseIssue] = []
    public var description: String { "\(caseID): \(message)" }
}

/// Runs one framework on cases: owns a Lua runtime with the framework loaded, and evaluates
/// every indicator as a separate call under the runtime's budgets, so that a failing or
/// over-budget indicator is recorded as an error and the rest goes on.
///
/// Like its runtime, an assessor serves one thread at a time, and must run on a thread with a
/// large stack (`LuaThread.run`). Cases do not leak into each other: every call gets a fresh
/// environment and the case is a read-only view.
public final class Assessor {
    public let framework: Framework
    public let engineVersion: String
    let runtime: LuaRuntime
    /// Seconds spent inside calls into the Lua runtime (rules, conversions), for benchmarks.
    public private(set) var luaSeconds: Double = 0
    /// Calls made into the Lua runtime.
    public private(set) var luaCalls = 0
    /// Indicators a crossing could not settle (an error, a stop, fast mode's window) and that ran
    /// again in one exact call of their own, for benchmarks.
    public private(set) var reruns = 0
    /// Whether each result lists the case paths its rule read that nothing declares
    /// (`IndicatorResult.undeclaredReads`, which `mecigep test` reports). A batch has no use for
    /// them and turns the check off: for one case from the command line it was 3 % of the run.
    public var checksDeclaredReads = true
    private let evaluateChunk: LuaChunk
    private let aggregateChunk: LuaChunk
    private let lastTraceChunk: LuaChunk
    private let evaluateCaseChunk: LuaChunk
    private let crossingResultsChunk: LuaChunk
    /// The framework's indicators in order with their criteria, and their ids as handed to
    /// every per-case crossing.
    private let ordered: [(criterion: Criterion, indicator: Indicator)]
    private let indicatorIDs: LuaPreparedValue
    /// The framework's parts of every assessment's JSON, written once.
    private lazy var jsonFragments = AssessmentJSONFragments(framework)

    public init(framework: Framework, loader: FrameworkLoader, engineVersion: String) throws(FrameworkLoadError) {
        self.framework = framework
        self.engineVersion = engineVersion
        func failed(_ error: LuaError) -> FrameworkLoadError {
            FrameworkLoadError(framework: framework.id, problems: [FrameworkProblem(subject: framework.id, message: error.message)])
        }
        if let warm = WarmRuntime.shared.take(for: framework, loader: loader) {
            runtime = warm  // the runtime that just loaded this framework: it holds it already
        } else {
            do throws(LuaError) { runtime = try LuaRuntime(configuration: loader.runtimeConfiguration) } catch { throw failed(error) }
            try loader.instantiate(framework, into: runtime)
        }
        do throws(LuaError) {
            evaluateChunk = try runtime.compile("""
                local framework, indicator, case = ...
                return sandbox_internal.evaluate(framework, indicator, case)
                """, chunkName: "=(sandbox evaluate)")
            aggregateChunk = try runtime.compile("""
                local framework, key, inputs = ...
                return sandbox_internal.aggregate(framework, key, inputs)
                """, chunkName: "=(sandbox aggregate)")
            lastTraceChunk = try runtime.compile("return sandbox_internal.last_trace()", chunkName: "=(sandbox trace)")
            crossingResultsChunk = try runtime.compile("return sandbox_internal.crossing_results()",
                                                       chunkName: "=(sandbox crossing results)")
            evaluateCaseChunk = try runtime.compile("""
                local framework, ids, case = ...
                return sandbox_internal.evaluate_case(framework, ids, case)
                """, chunkName: "=(sandbox evaluate case)")
            ordered = framework.criteria.flatMap { c in c.indicators.map { (c, $0) } }
            indicatorIDs = try runtime.prepare(.array(ordered.map { .string($0.indicator.id) }))
        } catch { throw failed(error) }
    }

    /// Assesses one case.
    public func assess(_ document: CaseDocument, options: AssessmentOptions = .init()) throws(AssessmentError) -> Assessment {
        let (cleaned, issues, placeholders) = validated(document)
        if options.rejectInvalid, !issues.isEmpty {
            throw AssessmentError(caseID: document.id, message: "invalid case, not assessed: "
                + issues.map(\.description).joined(separator: "; "), issues: issues)
        }
        let prepared = try prepare(cleaned, of: document)
        defer { runtime.release(prepared) }

        // moved, not copied, into their criteria: taken from the end of the reversed list
        var pending = evaluateAll(prepared)
        pending.reverse()
        var criteria: [CriterionResult] = []
        criteria.reserveCapacity(framework.criteria.count)
        for criterion in framework.criteria {
            var own: [IndicatorResult] = []
            own.reserveCapacity(criterion.indicators.count)
            for _ in criterion.indicators { own.append(pending.removeLast()) }
            criteria.append(aggregate(criterion, own))
        }
        if options.strict {
            let failures = criteria.flatMap(\.indicators).filter { $0.status == .error }
            if let first = failures.first {
                let location = first.failure?.place.map { $0 + ": " } ?? ""
                throw AssessmentError(caseID: document.id, message: "strict: \(failures.count) indicator(s) failed; first: "
                    + "\(first.indicator.id): \(location)\(first.failure?.message ?? "error")")
            }
        }
        let (status, grade) = overall(criteria)
        var timestamp: String?
        if let date = options.timestamp {
            let formatter = ISO8601DateFormatter()
            timestamp = formatter.string(from: date)
        }
        return Assessment(engineVersion: engineVersion, framework: framework, caseID: document.id,
                          caseSHA256: document.sha256, caseFile: document.file, caseIssues: issues,
                          casePlaceholders: placeholders, status: status,
                          grade: grade, criteria: criteria, coverage: Coverage(criteria.lazy.flatMap { $0.indicators.lazy.map(\.status) }),
                          generatedAt: timestamp,
                          jsonFragments: jsonFragments)
    }

    /// Evaluates only the indicators named in `ids` on a case (validated as `assess` does),
    /// without aggregating: what `mecigep robustness` needs to re-run the few indicators a
    /// change can reach, and rule tests of single indicators. Results come back by indicator id.
    public func evaluate(_ document: CaseDocument, indicators ids: Set<String>) throws(AssessmentError) -> [String: IndicatorResult] {
        try evaluate(document, indicators: ids, oneCallEach: false)
    }

    /// `oneCallEach`: one exact call per indicator, no crossing (the reference the crossing is
    /// tested against); else one crossing for them all, as `assess` does.
    func evaluate(_ document: CaseDocument, indicators ids: Set<String>, oneCallEach: Bool) throws(AssessmentError) -> [String: IndicatorResult] {
        let prepared = try prepare(validated(document).value, of: document)
        defer { runtime.release(prepared) }
        let chosen = ordered.filter { ids.contains($0.indicator.id) }
        let results = oneCallEach ? chosen.map { evaluate($0.indicator, in: $0.criterion, case: prepared) }
                                  : evaluateCrossing(chosen[...], ids: nil, case: prepared)
        return Dictionary(uniqueKeysWithValues: results.map { ($0.indicator.id, $0) })
    }

    /// The case as the rules see it: validated against the framework's fields and schema, with
    /// placeholders removed; and what was found on the way.
    private func validated(_ document: CaseDocument) -> (value: LuaValue, issues: [CaseIssue], placeholders: [CaseIssue]) {
        CaseValidator.validate(document.value, fields: framework.fields, maxItems: framework.maxItems,
                               schema: framework.caseSchema, placeholders: framework.placeholders)
    }

    /// Hands a validated case to the runtime (the caller releases it), as plain tables: the
    /// engine's Lua gives rules only its traced views over them (read-only by every means, each
    /// read recorded), never a table of the case itself (`OneCrossingTests`), so the sandbox's
    /// own read-only view of every table of the case would be made for nothing.
    private func prepare(_ cleaned: LuaValue, of document: CaseDocument) throws(AssessmentError) -> LuaPreparedValue {
        do throws(LuaError) { return try runtime.prepare(cleaned, readOnly: false) } catch {
            throw AssessmentError(caseID: document.id, message: "the case could not be handed to the rules: \(error.message)")
        }
    }

    // MARK: Indicators

    /// Every indicator of the framework on a case, in framework order: one crossing into Lua
    /// for the whole case (each indicator still its own protected call with fresh budgets).
    /// The crossing runs in fast mode (no count hook; a watchdog stops an indicator that runs
    /// long). An indicator it cannot settle exactly (it raised an error, ran long, hit a budget or
    /// broke a rule of the sandbox) runs again in one exact call, the way errors are attributed,
    /// and the rest go on in a new crossing (`evaluateCrossing`); the results are the same either
    /// way.
    private func evaluateAll(_ prepared: LuaPreparedValue) -> [IndicatorResult] {
        evaluateCrossing(ordered[...], ids: indicatorIDs, case: prepared)
    }

    /// `chosen` (in framework order) on a case in one crossing; `ids`, when the caller keeps
    /// their ids prepared (the whole framework's), else each crossing prepares its own. An
    /// indicator the crossing cannot settle (it raised an error, ran past fast mode's window, hit
    /// a budget or broke a rule of the sandbox) runs again in one exact call of its own, and the
    /// indicators after it in a new crossing: the results settled before a stop are kept. When a
    /// stopped crossing cannot hand back what it settled (a result that cannot be read), the rest
    /// run one exact call each, so the work stays linear in the indicators.
    private func evaluateCrossing(_ chosen: ArraySlice<(criterion: Criterion, indicator: Indicator)>,
                                  ids: LuaPreparedValue?, case prepared: LuaPreparedValue) -> [IndicatorResult] {
        var out: [IndicatorResult] = []
        out.reserveCapacity(chosen.count)
        var rest = chosen
        var given = ids
        while !rest.isEmpty {
            let made = given == nil ? try? runtime.prepare(.array(rest.map { .string($0.indicator.id) })) : nil
            defer { if let made { runtime.release(made) } }
            guard let list = given ?? made else { break }
            given = nil
            let started = clua_seconds()
            let generation = runtime.errorPlaceGeneration
            // fast mode: no count hook; a call that runs long stops the crossing
            var value = try? runtime.call(evaluateCaseChunk, with: [.writable(.string(framework.id)), .prepared(list),
                                                                    .prepared(prepared)], fast: true).value
            luaCalls += 1
            // A rule's error caught in the crossing is described as a call of its own would
            // describe it, unless something that decides how errors are placed changed meanwhile
            // (a module loaded, a syntax error located): that indicator then runs exactly.
            let errorsPlaced = value != nil && runtime.errorPlaceGeneration == generation
            if value == nil { // stopped: what it settled before the stop
                value = try? runtime.call(crossingResultsChunk).value
                luaCalls += 1
            }
            luaSeconds += clua_seconds() - started
            let results = value?["results"]?.arrayValue ?? []
            // (indicators run again exactly only once every result is read: a call of its own
            // empties the buffer of reads the crossing's results point into)
            var again: [(at: Int, criterion: Criterion, indicator: Indicator)] = []
            for k in 0..<min(results.count, rest.count) {
                let (criterion, indicator) = rest[rest.startIndex + k]
                if results[k]["status"]?.stringValue == "error" {
                    if errorsPlaced, let message = results[k]["message"]?.stringValue {
                        let error = runtime.caughtRuleError(message: message, frames: results[k]["frames"]?.arrayValue ?? [],
                                                            chunk: evaluateChunk)
                        out.append(failed(indicator, error, reads: results[k]["reads"], conditions: results[k]["conditions"]))
                    } else {
                        again.append((out.count, criterion, indicator))
                        out.append(Self.unsettled(indicator))
                    }
                    continue
                }
                out.append(result(of: results[k], for: indicator, in: criterion))
            }
            for (at, criterion, indicator) in again {
                out[at] = evaluate(indicator, in: criterion, case: prepared)
                reruns += 1
            }
            rest = rest.dropFirst(results.count)
            // nothing handed back (value nil): the rest one call each, below
            guard value != nil, let (criterion, indicator) = rest.first else { break }
            out.append(evaluate(indicator, in: criterion, case: prepared))
            reruns += 1
            rest = rest.dropFirst()
        }
        reruns += rest.count
        for (criterion, indicator) in rest { out.append(evaluate(indicator, in: criterion, case: prepared)) }
        return out
    }

    private func evaluate(_ indicator: Indicator, in criterion: Criterion, case prepared: LuaPreparedValue) -> IndicatorResult {
        let value: LuaValue
        let started = clua_seconds()
        defer {
            luaSeconds += clua_seconds() - started
            luaCalls += 1
        }
        do throws(LuaError) {
            value = try runtime.call(evaluateChunk, with: [.writable(.string(framework.id)),
                                                           .writable(.string(indicator.id)), .prepared(prepared)]).value
        } catch {
            // What the rule read and checked before it failed, for explain and the report.
            let trace = try? runtime.call(lastTraceChunk).value
            return failed(indicator, error, reads: trace?["reads"], conditions: trace?["conditions"])
        }
        return self.result(of: value, for: indicator, in: criterion)
    }

    /// The result of an indicator whose rule call failed with `error`, with what the rule read
    /// and checked before it failed.
    private func failed(_ indicator: Indicator, _ error: LuaError, reads: LuaValue?, conditions: LuaValue?) -> IndicatorResult {
        var result = Self.unsettled(indicator)
        // Errors with no rule frame (the rule returned something unusable) point at the rule.
        let inRule = error.chunkName.map { !$0.contains("(sandbox") } ?? false
        result.failure = RuleFailure(kind: error.kind.rawValue, message: error.message,
                                     file: inRule ? error.chunkName : indicator.ruleLocation?.file,
                                     line: inRule ? error.line : indicator.ruleLocation?.line)
        try? appendTrace(reads: reads, conditions: conditions, to: &result)
        return result
    }

    /// A result with nothing in it yet, an error until something settles it.
    private static func unsettled(_ indicator: Indicator) -> IndicatorResult {
        IndicatorResult(indicator: indicator, status: .error, grade: nil, note: nil, findings: [],
                        recommendations: [], missing: [], failure: nil, reads: [], conditions: [])
    }

    /// An indicator's result from what its evaluation returned.
    private func result(of value: LuaValue, for indicator: Indicator, in criterion: Criterion) -> IndicatorResult {
        var result = Self.unsettled(indicator)
        do throws(ResultDecodingError) {
            try decode(value, into: &result, criterion: criterion)
        } catch {
            result.status = .error
            result.grade = nil
            result.failure = RuleFailure(kind: "result", message: error.message, file: indicator.ruleLocation?.file,
                                         line: indicator.ruleLocation?.line)
        }
        return result
    }

    struct ResultDecodingError: Error { var message: String }

    private func decode(_ v: LuaValue, into result: inout IndicatorResult, criterion: Criterion) throws(ResultDecodingError) {
        let scale = framework.scale
        // The fields the engine's Lua returns, in one pass over the result (rather than a hashed
        // lookup for each field it might have).
        var status, levelValue, note, missing, findings, recommendations, suggestions, basis, reads, conditions,
            engineReadList: LuaValue?
        if case .object(let fields) = v {
            for (key, value) in fields {
                switch key {
                case "status": status = value
                case "level": levelValue = value
                case "note": note = value
                case "missing": missing = value
                case "findings": findings = value
                case "recommendations": recommendations = value
                case "suggestions": suggestions = value
                case "basis": basis = value
                case "reads": reads = value
                case "conditions": conditions = value
                case "engine_reads": engineReadList = value
                default: break
                }
            }
        }
        switch status?.stringValue {
        case "assessed":
            // Exactly a level of the scale: no coercion ("3" is not 3), no clamping (5 is not 4).
            guard let levelValue, let level = scale.exactLevel(levelValue) else {
                let returned = levelValue?.jsonText() ?? "nothing"
                let kind = scale.kind == .numeric ? "a number" : "a letter"
                throw ResultDecodingError(message: "the rule returned level \(returned), which is not a level of the "
                    + "scale '\(scale.id)': return \(kind) among \(scale.levelList)")
            }
            result.status = .assessed
            result.grade = Grade(level: level, plus: false, scale: scale)
        case "insufficient_information":
            result.status = .insufficientInformation
        default:
            throw ResultDecodingError(message: "the rule returned no status")
        }
        if let note, note != .null {
            guard let text = LocalizedText(note) else { throw ResultDecodingError(message: "note must be text") }
            result.note = text
        }
        for (n, path) in (missing?.arrayValue ?? []).enumerated() {
            guard let p = path.stringValue else { throw ResultDecodingError(message: "missing[\(n + 1)] must be a path string") }
            result.missing.append(p)
        }
        for (n, f) in (findings?.arrayValue ?? []).enumerated() {
            guard let text = LocalizedText(f["text"]) else {
                throw ResultDecodingError(message: "finding \(n + 1): text must be a string or translations")
            }
            let evidence = (f["evidence"]?.arrayValue ?? []).compactMap(\.stringValue)
            result.findings.append(Finding(text: text, evidence: evidence))
        }
        for (n, r) in (recommendations?.arrayValue ?? []).enumerated() {
            let label = "recommendation \(n + 1)"
            guard let text = LocalizedText(r["text"]) else {
                throw ResultDecodingError(message: "\(label): text must be a string or translations")
            }
            let priority = r["priority"]?.stringValue
            if let priority, !["high", "medium", "low"].contains(priority) {
                throw ResultDecodingError(message: "\(label): priority must be high, medium or low (got \"\(priority)\")")
            }
            let horizon = r["horizon"]?.stringValue
            if let horizon, !["short", "medium", "long"].contains(horizon) {
                throw ResultDecodingError(message: "\(label): horizon must be short, medium or long (got \"\(horizon)\")")
            }
            var owner: LocalizedText?
            if let o = r["owner"], o != .null {
                guard let t = LocalizedText(o) else { throw ResultDecodingError(message: "\(label): owner must be text") }
                owner = t
            }
            result.recommendations.append(Recommendation(
                id: "\(result.indicator.id).r\(n + 1)", text: text, priority: priority, horizon: horizon, owner: owner,
                challenge: r["challenge"]?.stringValue, criterion: criterion.id, indicator: result.indicator.id))
        }
        for (n, s) in (suggestions?.arrayValue ?? []).enumerated() {
            guard let text = LocalizedText(s["text"]) else {
                throw ResultDecodingError(message: "suggestion \(n + 1): text must be a string or translations")
            }
            result.suggestions.append(Suggestion(text: text, path: s["path"]?.stringValue))
        }
        if let b = basis, let kind = b["kind"]?.stringValue.flatMap(EvidenceBasis.Kind.init(rawValue:)) {
            result.basis = EvidenceBasis(kind: kind, documents: (b["documents"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        try appendTrace(reads: reads, conditions: conditions, to: &result)
        if checksDeclaredReads {
            // what the engine read for the rule (citations under ctx.cited) is not the rule's to declare
            let engineReads = engineReadList?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
            result.undeclaredReads = undeclared(result.reads, except: engineReads, indicator: result.indicator)
        }
    }

    /// Case paths as declared: list indices written `[]`.
    public static func pattern(_ path: String) -> String {
        // A byte scan, not a regular expression: this runs for every read of every indicator.
        guard path.utf8.contains(UInt8(ascii: "[")) else { return path }
        var path = path
        return path.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "[") {
                    var j = i + 1
                    while j < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]) { j += 1 }
                    if j > i + 1, j < bytes.count, bytes[j] == UInt8(ascii: "]") {
                        out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                        i = j + 1
                        continue
                    }
                }
                out.append(bytes[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The framework's declared fields, which every indicator may read: built once per assessor,
    /// not once per indicator (a framework declares ~150 fields; a case has ~40 indicators).
    private lazy var frameworkPaths = DeclaredPaths(framework.fields.lazy.map(\.path))
    /// Per indicator: its own `reads` and `requires`, what it was found to read within them, and
    /// the suggestions for what it read outside them.
    private var indicatorPaths: [String: IndicatorPaths] = [:]
    /// Past this many covered reads an indicator's reads are worked out each time, as they would
    /// be without the cache.
    private static let coveredLimit = 4096

    /// A set of declared paths (as patterns: `a.b[].c`) with every leading part of them cut
    /// before a "." or "[".
    struct DeclaredPaths {
        let declared: Set<String>
        let leading: Set<String>

        init(_ paths: some Sequence<String>) {
            declared = Set(paths.lazy.map(Assessor.pattern))
            leading = Set(declared.lazy.flatMap { Assessor.leadingParts($0).lazy.map(String.init) })
        }

        var isEmpty: Bool { declared.isEmpty }

        /// Whether `pattern` is declared, lies inside a declared path or leads to one.
        func covers(_ pattern: String) -> Bool {
            declared.contains(pattern) || leading.contains(pattern)
                || Assessor.firstLeadingPart(of: pattern, where: { declared.contains(String($0)) }) != nil
        }
    }

    /// What the assessor keeps per indicator for the undeclared-read check.
    private struct IndicatorPaths {
        let own: DeclaredPaths
        /// Reads (as read, indices included) already found covered: the reads every case
        /// repeats cost one lookup.
        var covered: Set<String> = []
        /// The nearest declared path of an undeclared read, per read pattern.
        var nearest: [String: String?] = [:]
    }

    /// The leading parts of a path, cut before each "." and "[" (`a.b[].c` → `a`, `a.b`, `a.b[]`).
    static func leadingParts(_ path: String) -> [Substring] {
        var out: [Substring] = []
        _ = firstLeadingPart(of: path) { out.append($0); return false }
        return out
    }

    /// The first leading part of `path` (shortest first) for which `found` holds, without
    /// building the list.
    static func firstLeadingPart(of path: String, where found: (Substring) -> Bool) -> Substring? {
        // by bytes: "." and "[" are ASCII, so every cut falls between characters
        let bytes = path.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let c = bytes[index]
            if (c == UInt8(ascii: ".") || c == UInt8(ascii: "[")), index > bytes.startIndex, found(path[..<index]) {
                return path[..<index]
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// The reads no declaration covers (leaving out `engineReads`). A read is covered when it is a
    /// declared path, lies inside one (one of its leading parts is declared) or leads to one (it is
    /// a leading part of a declared path: reading `evidence` on the way to
    /// `evidence.fiscal.costing`). A few hash lookups per read, whatever the number of declared
    /// paths; one for a read the indicator made before.
    private func undeclared(_ reads: [TraceRead], except engineReads: Set<String>?, indicator: Indicator) -> [UndeclaredRead] {
        guard !reads.isEmpty else { return [] }
        let shared = frameworkPaths
        // changed in place (one lookup, and adding to its sets does not copy them)
        let (own, required) = (indicator.reads, indicator.requires)  // not the whole indicator into the closure
        return Self.undeclared(reads, except: engineReads, shared: shared,
                               paths: &indicatorPaths[indicator.id, default: IndicatorPaths(own: DeclaredPaths(own + required))])
    }

    private static func undeclared(_ reads: [TraceRead], except engineReads: Set<String>?, shared: DeclaredPaths,
                                   paths: inout IndicatorPaths) -> [UndeclaredRead] {
        guard !(shared.isEmpty && paths.own.isEmpty) else { return [] }
        var out: [UndeclaredRead] = []
        var newlyCovered: [String] = []
        for read in reads {
            let path = read.path
            if paths.covered.contains(path) || engineReads?.contains(path) == true { continue }
            let p = Self.pattern(path)
            if shared.covers(p) || paths.own.covers(p) {
                newlyCovered.append(path)
                continue
            }
            // the suggestion is worth computing once per indicator and path, not per case
            if paths.nearest[p] == nil {
                paths.nearest[p] = .some(nearest(p, in: shared.declared.union(paths.own.declared)))
            }
            out.append(UndeclaredRead(path: path, nearest: paths.nearest[p] ?? nil))
        }
        if !newlyCovered.isEmpty, paths.covered.count < coveredLimit {
            paths.covered.formUnion(newlyCovered)
        }
        return out
    }

    /// The declared path closest to `path` by edit distance, when it is close: declared paths
    /// and their leading parts are candidates (a typo in a middle segment).
    static func nearest(_ path: String, in declared: Set<String>) -> String? {
        var candidates = Set<String>()
        for d in declared {
            var prefix = ""
            for part in d.split(separator: ".", omittingEmptySubsequences: false) {
                prefix = prefix.isEmpty ? String(part) : prefix + "." + part
                candidates.insert(prefix)
            }
        }
        return Spelling.nearest(path, in: candidates, maxDistance: max(2, path.count / 5))
    }

    /// What a call read and checked (a result's or a trace's `reads` and `conditions`), into
    /// `result`. Its reads are the bytes `reads = { from, to }` of the crossing's trace buffer
    /// (`LuaRuntime.forEachTracedRead`), read here before the next call into Lua empties it.
    private func appendTrace(reads: LuaValue?, conditions: LuaValue?,
                             to result: inout IndicatorResult) throws(ResultDecodingError) {
        if let span = reads?.arrayValue, span.count == 2,
           let from = span[0].integerValue, let to = span[1].integerValue {
            // gathered apart and added at once: appending to the result itself went through its
            // box for every read, and grew the list from empty (a read takes 6 bytes at least,
            // usually dozens: the room is a guess, capped)
            var reads: [TraceRead] = []
            reads.reserveCapacity(to >= from ? Int(min((to &- from) / 16 + 1, 256)) : 0)
            do throws(LuaError) {
                try runtime.forEachTracedRead(from: Int(from), to: Int(to)) { path, found in
                    switch found {
                    case .value(let value): reads.append(TraceRead(path: path, value: value, kind: nil))
                    case .table: reads.append(TraceRead(path: path, value: nil, kind: "table"))
                    case .absent: reads.append(TraceRead(path: path, value: nil, kind: "absent"))
                    }
                }
            } catch {
                throw ResultDecodingError(message: error.message)
            }
            if result.reads.isEmpty { result.reads = reads } else { result.reads += reads }
        }
        for condition in conditions?.arrayValue ?? [] {
            if let label = LocalizedText(condition["label"]) {
                result.conditions.append(TraceCondition(label: label, value: condition["value"]?.boolValue ?? false))
            }
        }
    }

    // MARK: Aggregation

    /// What an aggregation combines. An indicator that failed (a rule error, a budget run out)
    /// counts as the scale's lowest level: a fault in a rule, or a case padded until a rule
    /// fails, can never raise a criterion. Insufficient information is left out unless the
    /// framework counts it as lowest.
    private func inputs(_ results: [IndicatorResult]) -> [(id: String, grade: Grade, weight: Double)] {
        let lowest = lowestGrade
        return results.compactMap { r in
            switch r.status {
            case .assessed: return r.grade.map { (r.indicator.id, $0, r.indicator.weight) }
            case .error: return (r.indicator.id, lowest, r.indicator.weight)
            case .insufficientInformation where framework.insufficientCountsAsLowest:
                return (r.indicator.id, lowest, r.indicator.weight)
            default: return nil
            }
        }
    }

    private func combine(_ method: AggregationMethod, key: String,
                         _ items: [(id: String, grade: Grade, weight: Double)]) -> Result<Grade, Aggregator.Failure> {
        if case .lua = method {
            let list: LuaValue = .array(items.map { item in
                ["id": .string(item.id), "level": item.grade.idValue, "score": .double(item.grade.score),
                 "weight": .double(item.weight)]
            })
            do throws(LuaError) {
                let v = try runtime.call(aggregateChunk, with: [.writable(.string(framework.id)), .writable(.string(key)),
                                                                .readOnly(list)]).value
                // A level of the scale, a grade with "+" where the scale has them, or a score within
                // the scale's range; anything else is a rule error, never clamped or coerced.
                let scale = framework.scale
                if let level = scale.exactLevel(v) { return .success(Grade(level: level, plus: false, scale: scale)) }
                if scale.kind == .letter, let id = v.stringValue, let grade = scale.grade(id) { return .success(grade) }
                if case .string = v {} else if let score = v.doubleValue, score.isFinite,
                   score >= scale.lowest.score, score <= scale.highest.score {
                    return .success(scale.grade(score: score))
                }
                let place = key.isEmpty ? "the framework's aggregation" : "the aggregation of criterion '\(key)'"
                return .failure(.init(message: "\(place) returned \(v.jsonText()), which is not on the scale '\(scale.id)': "
                    + "return a level (\(scale.levelList)) or a score from \(Self.number(scale.lowest.score)) "
                    + "to \(Self.number(scale.highest.score))"))
            } catch {
                return .failure(.init(message: "the aggregation function failed: \(error.description)"))
            }
        }
        do throws(Aggregator.Failure) {
            return .success(try Aggregator.aggregate(method, items.map { .init(grade: $0.grade, weight: $0.weight) },
                                                     scale: framework.scale))
        } catch {
            return .failure(error)
        }
    }

    private func aggregate(_ criterion: Criterion, _ results: [IndicatorResult]) -> CriterionResult {
        let items = inputs(results)
        var out = CriterionResult(criterion: criterion, status: .insufficientInformation, grade: nil, indicators: results,
                                  failure: nil, coverage: Coverage(results))
        guard !items.isEmpty else { return out } // every indicator lacked information
        switch combine(criterion.aggregation, key: criterion.id, items) {
        case .success(let grade):
            out.status = .assessed
            out.grade = grade
        case .failure(let failure):
            out.status = .error
            out.failure = failure.message
        }
        return out
    }

    /// The scale's lowest level, which failures (and, if the framework says so, insufficient
    /// information) count as.
    private var lowestGrade: Grade { Grade(level: framework.scale.lowest, plus: false, scale: framework.scale) }

    /// A score as people write it: 4, not 4.0.
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    private func overall(_ criteria: [CriterionResult]) -> (ResultStatus, Grade?) {
        // A criterion whose aggregation failed counts as lowest too, like a failed indicator.
        let lowest = lowestGrade
        let items = criteria.compactMap { c -> (String, Grade, Double)? in
            if let grade = c.grade { return (c.criterion.id, grade, c.criterion.weight) }
            if c.status == .error { return (c.criterion.id, lowest, c.criterion.weight) }
            if c.status == .insufficientInformation, framework.insufficientCountsAsLowest {
                return (c.criterion.id, lowest, c.criterion.weight)
            }
            return nil
        }
        guard !items.isEmpty else {
            return (criteria.contains { $0.status == .error } ? .error : .insufficientInformation, nil)
        }
        switch combine(framework.aggregation, key: "", items) {
        case .success(let grade): return (.assessed, grade)
        case .failure: return (.error, nil)
        }
    }
}

/// Monotonic seconds.
@inline(__always) func clua_seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
