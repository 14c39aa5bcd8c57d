import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// The compact JSON written straight from an assessment (what batch files and `--jsonl` carry)
/// must be byte for byte the JSON of its value tree, which the published schema and every
/// reader were written against: for every shipped case of both shipped frameworks, and for
/// assessments changed in every optional part (agreed levels, evidence bases, failures, notes,
/// rounds, timestamps, "+" grades, a criterion or indicator that is not the framework's); and
/// its indented form byte for byte the tree's pretty JSON.
@Suite("Assessment JSON writer")
struct AssessmentJSONWriterTests {
    static let rules = Fixtures.repository.appendingPathComponent("rules").path

    static func assessments(_ framework: String, _ folders: [String]) throws -> [Assessment] {
        let files = BatchRunner.caseFiles(folders.map { Fixtures.repository.appendingPathComponent($0).path }).files
        let loader = FrameworkLoader(rulesFolder: rules)
        let outcome: Result<[Assessment], any Error> = LuaThread.run {
            Result {
                let assessor = try Assessor(framework: try loader.load(framework), loader: loader, engineVersion: "test")
                return try files.compactMap { file -> Assessment? in
                    let document = try CaseDocument.load(path: file)
                    return try? assessor.assess(document)
                }
            }
        }
        return try outcome.get()
    }

    static func expectSame(_ a: Assessment, _ what: String) {
        let fast = a.jsonBytes()
        let tree = a.value.jsonBytes(pretty: false)
        if fast != tree {
            let at = zip(fast, tree).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, tree.count)
            let context = { (b: [UInt8]) in String(decoding: b[max(0, at - 80)..<min(b.count, at + 80)], as: UTF8.self) }
            Issue.record("\(what): differs at byte \(at):\n  fast: \(context(fast))\n  tree: \(context(tree))")
        }
        // the indented form (`assess` to the terminal, `--pretty` files) is the tree's pretty text
        // (each comparison made first and expected as a Bool: on a failure, Swift Testing would
        // otherwise diff the two arrays of hundreds of kilobytes, which takes many minutes)
        let prettyTree = a.value.jsonBytes(pretty: true)
        let samePretty = a.prettyJSONBytes() == prettyTree
        #expect(samePretty, "\(what): indented JSON differs from the tree's")
        // what `assess` writes to files and to the terminal, lent without a copy: the same bytes
        // and a line break
        let newline = [UInt8(ascii: "\n")]
        let sameLine = a.withJSONLine(pretty: false) { Array($0) } == tree + newline
        #expect(sameLine, "\(what): compact line differs")
        let samePrettyLine = a.withJSONLine(pretty: true) { Array($0) } == prettyTree + newline
        #expect(samePrettyLine, "\(what): indented line differs")
    }

    @Test func shippedCasesOfBothFrameworks() throws {
        let core = try Self.assessments("mecigep-core", ["examples/cases", "rules/frameworks/mecigep-core/tests/cases"])
        let pefa = try Self.assessments("pefa-budget", ["examples/pefa-cases", "rules/frameworks/pefa-budget/tests/cases"])
        #expect(core.count >= 10 && pefa.count >= 3)
        for a in core + pefa { Self.expectSame(a, a.caseID) }
    }

    /// Every optional part of the format, set at random over many variants of shipped
    /// assessments (seeded: a failure names its seed).
    @Test func everyOptionalPartOverGeneratedVariants() throws {
        let base = try Self.assessments("mecigep-core", ["examples/cases"]).prefix(3)
            + Self.assessments("pefa-budget", ["examples/pefa-cases"]).prefix(2)
        for seed in UInt64(1)...150 {
            var rng = SplitMix64(seed: seed)
            var a = Array(base)[Int(rng.next() % UInt64(base.count))]
            let scale = a.framework.scale
            func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
            func grade() -> Grade { Grade(level: pick(scale.levels), plus: scale.plus && rng.next() % 2 == 0, scale: scale) }
            // (plain; two languages; the four, written without sorting; four others; five)
            let texts = [LocalizedText("plain \"quoted\"\n\u{1}"), LocalizedText(translations: ["en": "E", "es": "É"]),
                         LocalizedText(translations: ["pt": "P", "fr": "F\"", "es": "S", "en": "E"]),
                         LocalizedText(translations: ["pt": "P", "fr": "F", "de": "D", "en": "E"]),
                         LocalizedText(translations: ["pt": "P", "fr": "F", "es": "S", "en": "E", "Es": "x"])]
            if rng.next() % 3 == 0 { a.generatedAt = "2026-12-05T12:00:00Z" }
            if rng.next() % 3 == 0 { a.caseFile = nil }
            if rng.next() % 2 == 0 { a.caseIssues.append(CaseIssue(path: "a.b[1]", message: "bad \\ value")) }
            if rng.next() % 3 == 0 { a.grade = grade(); a.status = .assessed }
            if rng.next() % 4 == 0 { a.grade = nil; a.status = pick([.error, .insufficientInformation]) }
            if rng.next() % 3 == 0 {
                a.round = RoundRecord(id: "r1", beneficiary: "UY", peers: [.init(country: "CL", levels: [
                    .init(criterion: a.criteria[0].criterion.id, level: grade())])],
                    recommendations: [.init(id: "p1", author: "CL", text: pick(texts), priority: "high", horizon: nil,
                                            owner: nil, challenge: "c", criterion: a.criteria[0].criterion.id, indicator: nil)])
            }
            for c in a.criteria.indices {
                if rng.next() % 5 == 0 { a.criteria[c].failure = "aggregation failed: \"x\"" }
                if rng.next() % 5 == 0 { a.criteria[c].grade = grade() }
                if rng.next() % 9 == 0 { a.criteria[c].criterion.title = LocalizedText("changed") }
                for i in a.criteria[c].indicators.indices {
                    var r = a.criteria[c].indicators[i]
                    if rng.next() % 4 == 0 {
                        r.agreed = AgreedLevel(grade: grade(), justification: "why", author: "Ana", role: "secretariat",
                                               date: "2026-12-05")
                    }
                    if rng.next() % 4 == 0 {
                        r.basis = EvidenceBasis(kind: pick([.selfDeclared, .documented, .verified]), documents: ["d1", "d2"],
                                                verifiedBy: rng.next() % 2 == 0 ? "peer CL" : nil,
                                                justification: rng.next() % 2 == 0 ? "seen" : nil)
                    }
                    if rng.next() % 5 == 0 {
                        r.failure = RuleFailure(kind: "runtime", message: "boom", file: rng.next() % 2 == 0 ? "x.lua" : nil,
                                                line: rng.next() % 2 == 0 ? 7 : nil)
                        r.status = .error
                        r.grade = nil
                    }
                    if rng.next() % 4 == 0 { r.note = pick(texts) }
                    if rng.next() % 4 == 0 { r.findings.append(Finding(text: pick(texts), evidence: ["p.q"])) }
                    if rng.next() % 4 == 0 {
                        r.recommendations.append(Recommendation(id: "x.r9", text: pick(texts), priority: nil, horizon: "long",
                                                                owner: pick(texts), challenge: nil, criterion: "c", indicator: "i"))
                    }
                    if rng.next() % 4 == 0 {
                        r.reads.append(TraceRead(path: "x[1].y", value: pick([nil, .integer(3), .double(2.5), .string("é"),
                                                                              .bool(true), ["k": "v"]]),
                                                 kind: rng.next() % 2 == 0 ? "absent" : nil))
                        r.conditions.append(TraceCondition(label: pick(texts), value: rng.next() % 2 == 0))
                    }
                    if rng.next() % 12 == 0 { r.indicator.weight = 3.5 }  // not the framework's indicator
                    if rng.next() % 6 == 0 { r.grade = grade(); r.status = .assessed }
                    a.criteria[c].indicators[i] = r
                }
            }
            Self.expectSame(a, "seed \(seed)")
        }
    }

    /// A framework changed on an assessment drops the fragments written for the old one.
    @Test func aChangedFrameworkIsWrittenAsChanged() throws {
        var a = try #require(try Self.assessments("mecigep-core", ["examples/cases"]).first)
        a.framework.title = LocalizedText("Another title")
        a.framework.version = "9.9.9"
        Self.expectSame(a, "changed framework")
        #expect(String(decoding: a.jsonBytes(), as: UTF8.self).contains("Another title"))
    }
}
