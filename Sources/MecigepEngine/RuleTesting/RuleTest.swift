import Foundation
import Synchronization
import LuaRuntime

/// A rule test: a case and the results a framework must give for it (see docs/rules.md).
public struct RuleTest: Sendable {
    public struct Expectation: Sendable, Hashable {
        public var level: LuaValue?
        public var status: ResultStatus?
        public var reason: String?
        /// Substrings that must appear in the English text of some finding.
        public var findings: [String]
    }

    public var name: String
    public var file: String
    public var framework: String
    public var caseValue: LuaValue?
    public var caseFile: String?
    public var skip: String?
    public var indicators: [(id: String, expectation: Expectation)]
    public var criteria: [(id: String, expectation: Expectation)]
    public var overall: Expectation?
    /// A problem with the test file itself.
    public var problem: String?

    /// Every test under `<rules>/frameworks/<id>/tests/`, sorted by file.
    public static func discover(rulesFolder: String, frameworks: [String]) -> [RuleTest] {
        var files: [(path: String, framework: String, name: String)] = []
        for framework in frameworks {
            let folder = (rulesFolder as NSString).appendingPathComponent("frameworks/\(framework)/tests")
            let found = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
                .filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
            for relative in found {
                files.append(((folder as NSString).appendingPathComponent(relative), framework,
                              (relative as NSString).deletingPathExtension))
            }
        }
        // Reading and parsing a hundred test files is most of a test run's start: on every core,
        // in the files' order.
        let tests = Mutex<[RuleTest?]>(Array(repeating: nil, count: files.count))
        let list = files
        DispatchQueue.concurrentPerform(iterations: list.count) { i in
            let test = load(list[i].path, framework: list[i].framework, name: list[i].name)
            tests.withLock { $0[i] = test }
        }
        return tests.withLock { $0.compactMap { $0 } }
    }

    static func load(_ file: String, framework: String, name: String) -> RuleTest {
        var test = RuleTest(name: name, file: file, framework: framework, caseValue: nil, caseFile: nil, skip: nil,
                            indicators: [], criteria: [], overall: nil, problem: nil)
        let document: LuaValue
        do throws(DocumentError) { document = try DocumentLoader.load(path: file) } catch {
            test.problem = error.description
            return test
        }
        if let n = document["name"]?.stringValue { test.name = n }
        test.skip = document["skip"]?.stringValue
        switch document["case"] {
        case .string(let path)?:
            test.caseFile = path.hasPrefix("/") ? path
                : (((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path) as NSString).standardizingPath
        case .object?:
            test.caseValue = document["case"]
        default:
            test.problem = "\(file): missing case: give a mapping, or the path of a case file relative to the test"
        }
        func expectations(_ v: LuaValue?, _ key: String) -> [(String, Expectation)] {
            guard let map = v?.objectValue else { return [] }
            var out: [(String, Expectation)] = []
            for id in map.keys.sorted() {
                guard let e = expectation(map[id]!) else {
                    test.problem = "\(file): \(key).\(id): use { level = ..., reason = ... } or { status = insufficient_information }"
                    continue
                }
                out.append((id, e))
            }
            return out
        }
        test.indicators = expectations(document["expect"], "expect")
        test.criteria = expectations(document["expect_criteria"], "expect_criteria")
        if let o = document["expect_overall"] { test.overall = expectation(o) }
        if test.indicators.isEmpty && test.criteria.isEmpty && test.overall == nil && test.problem == nil {
            test.problem = "\(file): nothing to check: add expect: { <indicator id>: { level: ..., reason: ... } }"
        }
        return test
    }

    static func expectation(_ v: LuaValue) -> Expectation? {
        guard let map = v.objectValue else { return nil }
        var status: ResultStatus?
        if let s = map["status"]?.stringValue {
            guard let parsed = ResultStatus(rawValue: s) else { return nil }
            status = parsed
        }
        let level = map["level"]
        if level == nil && status == nil { return nil }
        return Expectation(level: level, status: status ?? .assessed, reason: map["reason"]?.stringValue,
                           findings: (map["findings"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}

/// The outcome of one rule test.
public struct RuleTestOutcome: Sendable {
    public enum Verdict: String, Sendable { case passed, failed, skipped }
    public var test: RuleTest
    public var verdict: Verdict
    /// Each mismatch: "indicator lt.horizon: expected level 3, got 2 (reason: ...)".
    public var failures: [String]
    /// The whole assessment, unless only the tested indicators were evaluated (`results`).
    public var assessment: Assessment?
    /// The results of the indicators evaluated: every one with a whole assessment.
    public var results: [IndicatorResult]
    public var seconds: Double

    public init(test: RuleTest, verdict: Verdict, failures: [String], assessment: Assessment?, seconds: Double,
                results: [IndicatorResult]? = nil) {
        self.test = test
        self.verdict = verdict
        self.failures = failures
        self.assessment = assessment
        self.results = results ?? assessment?.indicatorResults ?? []
        self.seconds = seconds
    }
}

/// Runs rule tests with an assessor.
public enum RuleTestRunner {
    /// Runs one test. With `onlyTested`, a test that checks indicators only (no criterion, no
    /// overall level) evaluates just those indicators: each indicator runs in a fresh
    /// environment and sees nothing of the others, so its result is the one a whole assessment
    /// gives (RuleTestShortcutTests holds every shipped test to that), at a fraction of the
    /// cost. Coverage needs every indicator's result, so it runs whole assessments.
    public static func run(_ test: RuleTest, with assessor: Assessor, onlyTested: Bool = false) -> RuleTestOutcome {
        let start = Date()
        func done(_ verdict: RuleTestOutcome.Verdict, _ failures: [String], _ a: Assessment? = nil,
                  results: [IndicatorResult]? = nil) -> RuleTestOutcome {
            RuleTestOutcome(test: test, verdict: verdict, failures: failures, assessment: a,
                            seconds: Date().timeIntervalSince(start), results: results)
        }
        if let skip = test.skip { return done(.skipped, [skip]) }
        if let problem = test.problem { return done(.failed, [problem]) }
        let document: CaseDocument
        if let file = test.caseFile {
            do throws(DocumentError) { document = try CaseDocument.load(path: file) } catch {
                return done(.failed, ["case: \(error.description)"])
            }
        } else {
            document = CaseDocument(id: test.caseValue?["id"]?.stringValue ?? test.name, value: test.caseValue ?? .object([:]))
        }
        var assessment: Assessment?
        let results: [IndicatorResult]
        if onlyTested, test.criteria.isEmpty, test.overall == nil {
            let ids = Set(test.indicators.map(\.id))
            do throws(AssessmentError) {
                let byID = try assessor.evaluate(document, indicators: ids)
                results = assessor.framework.indicators.compactMap { byID[$0.id] }
            } catch {
                return done(.failed, ["assessment failed: \(error.message)"])
            }
        } else {
            do throws(AssessmentError) {
                let whole = try assessor.assess(document)
                assessment = whole
                results = whole.indicatorResults
            } catch {
                return done(.failed, ["assessment failed: \(error.message)"])
            }
        }
        var failures: [String] = []
        for (id, e) in test.indicators {
            guard let r = results.first(where: { $0.indicator.id == id }) else {
                failures.append("indicator \(id): not in framework \(test.framework)")
                continue
            }
            var found = compare("indicator \(id)", e, status: r.status, grade: r.grade, findings: r.findings,
                                detail: r.failure.map { f in "\(f.kind): \(f.message)" + (f.place.map { " at \($0)" } ?? "") })
            if !found.isEmpty, r.status != .error {
                // Where the rule is, and the conditions that decided its level.
                var context = r.indicator.ruleLocation.map { "    rule: \($0.description)" } ?? ""
                if !r.conditions.isEmpty {
                    context += (context.isEmpty ? "    " : "; ") + "conditions: "
                        + r.conditions.map { "\($0.label.text("en")) \($0.value ? "yes" : "no")" }.joined(separator: ", ")
                }
                if !context.isEmpty { found[found.count - 1] += "\n" + context }
            }
            failures += found
        }
        for (id, e) in test.criteria {
            guard let c = assessment?.criteria.first(where: { $0.criterion.id == id }) else {
                failures.append("criterion \(id): not in framework \(test.framework)")
                continue
            }
            failures += compare("criterion \(id)", e, status: c.status, grade: c.grade, findings: [], detail: c.failure)
        }
        if let e = test.overall, let assessment {
            failures += compare("overall", e, status: assessment.status, grade: assessment.grade, findings: [], detail: nil)
        }
        return done(failures.isEmpty ? .passed : .failed, failures, assessment, results: results)
    }

    static func compare(_ what: String, _ e: RuleTest.Expectation, status: ResultStatus, grade: Grade?,
                        findings: [Finding], detail: String?) -> [String] {
        var out: [String] = []
        let because = e.reason.map { " (expected because: \($0))" } ?? ""
        let actual = status == .assessed ? "level \(grade?.id ?? "?")" : status.rawValue + (detail.map { " — \($0)" } ?? "")
        if let expected = e.status, expected != status {
            let want = expected == .assessed ? "level \(e.level.map(levelText) ?? "?")" : expected.rawValue
            out.append("\(what): expected \(want), got \(actual)\(because)")
        } else if let level = e.level, status == .assessed, levelText(level) != grade?.id {
            out.append("\(what): expected level \(levelText(level)), got \(actual)\(because)")
        }
        for fragment in e.findings where !findings.contains(where: { $0.text.text("en").contains(fragment) }) {
            out.append("\(what): no finding contains \"\(fragment)\"")
        }
        return out
    }

    static func levelText(_ v: LuaValue) -> String {
        switch v {
        case .integer(let i): return String(i)
        case .double(let d): return d == d.rounded() ? String(Int64(d)) : String(d)
        case .string(let s): return s
        default: return v.jsonText()
        }
    }
}
