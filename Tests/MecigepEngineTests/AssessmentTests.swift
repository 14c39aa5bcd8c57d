import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

@Suite("Assessing cases")
struct AssessmentTests {
    @Test func assessesACompleteCase() throws {
        let a = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "complete", value: Fixtures.complete)) }
        #expect(a.indicator("baseline")?.grade?.id == "3")
        #expect(a.indicator("targets")?.grade?.id == "3")
        #expect(a.indicator("costing")?.grade?.id == "4")
        #expect(a.indicator("funding")?.grade?.id == "2")
        #expect(a.criterion("evidence")?.grade?.id == "3")
        #expect(a.criterion("fiscal")?.grade?.id == "2") // weakest link
        // (3 × 2 + 2 × 1) / 3 = 2.67, floored
        #expect(a.grade?.id == "2")
        #expect(a.status == .assessed)
        #expect(a.coverage.share == 1)
        #expect(a.caseIssues.isEmpty)
        let baseline = try #require(a.indicator("baseline"))
        #expect(baseline.findings.first?.evidence == ["problem.baseline.source", "problem.baseline.year"])
        #expect(baseline.conditions.map(\.value) == [true, true, true])
        #expect(baseline.reads.map(\.path) == ["problem", "problem.baseline", "problem.baseline.value",
                                              "problem.baseline.source", "problem.baseline.year"])
        #expect(baseline.reads.first { $0.path == "problem.baseline.year" }?.value == 2024)
    }

    @Test func insufficientInformationIsNotALowLevel() throws {
        let a = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "sparse", value: Fixtures.sparse)) }
        let baseline = try #require(a.indicator("baseline"))
        #expect(baseline.status == .insufficientInformation)
        #expect(baseline.grade == nil)
        #expect(baseline.missing == ["problem.baseline"])
        #expect(a.indicator("targets")?.status == .insufficientInformation)
        #expect(a.indicator("targets")?.missing == ["results"])
        #expect(a.criterion("evidence")?.status == .insufficientInformation)
        #expect(a.coverage.assessed == 1)
        #expect(a.coverage.insufficient == 3)
    }

    @Test func mistypedFieldsArePathPreciseAndTreatedAsAbsent() throws {
        let a = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "sparse", value: Fixtures.sparse)) }
        #expect(a.caseIssues.map(\.description) == [
            "fiscal.costing[1].amount: expected a number, got \"ten\"",
            "fiscal.costing[2].year: expected a whole number, got \"next\"",
            "identification.country: \"uy\" must be written in capitals: \"UY\"",
        ])
        // Neither costing row is complete once the mistyped values are removed.
        #expect(a.indicator("costing")?.grade?.id == "0")
        #expect(a.indicator("costing")?.recommendations.first?.id == "costing.r1")
    }

    @Test func recommendationsCarryTheirContext() throws {
        var weak = Fixtures.complete
        if case .object(var o) = weak, case .object(var problem)? = o["problem"] {
            problem["baseline"] = ["value": 43]
            o["problem"] = .object(problem)
            weak = .object(o)
        }
        let a = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "weak", value: weak)) }
        let r = try #require(a.recommendations.first)
        #expect(r.id == "baseline.r1")
        #expect(r.priority == "high")
        #expect(r.horizon == "short")
        #expect(r.challenge == "c1")
        #expect(r.criterion == "evidence")
        #expect(r.owner?.text("fr") == "Statistics office (fr)")
        #expect(a.indicator("baseline")?.grade?.id == "1")
    }

    @Test func oneFailingIndicatorDoesNotStopTheOthers() throws {
        let a = try withAssessor("faulty") { try $0.assess(CaseDocument(id: "x", value: ["a": 1])) }
        func kind(_ id: String) -> String? { a.indicator(id)?.failure?.kind }
        #expect(a.indicator("good")?.grade?.id == "3")
        #expect(kind("loops") == "instruction_limit")
        #expect(kind("raises") == "runtime")
        #expect(a.indicator("raises")?.failure?.line == 16)
        #expect(a.indicator("raises")?.failure?.file?.hasSuffix("frameworks/faulty/framework.lua") == true)
        #expect(kind("off_scale") == "result")
        #expect(a.indicator("off_scale")?.failure?.message.contains("not a level of the scale") == true)
        #expect(kind("returns_nothing") == "runtime")
        #expect(kind("escapes") == "sandbox_violation")
        #expect(kind("writes") == "runtime")
        // Each failed indicator counts as the lowest level: (3 + 6 × 0) / 7, floored, is 0. A
        // fault can never raise a criterion (dropping them would have given 3).
        #expect(a.criterion("c")?.grade?.id == "0")
        #expect(a.criterion("c")?.coverage.errors == 6)
        #expect(a.grade?.id == "0")
        #expect(a.coverage.errors == 6)
    }

    @Test func listsLongerThanTheFrameworkAcceptsAreRejectedWithTheirPath() throws {
        let padded: LuaValue = ["id": "padded", "identification": ["country": "UY"],
                                "results": .array((1...1500).map { _ in ["indicator": "x", "target": 1] })]
        let (cleaned, issues, _) = CaseValidator.validate(padded, fields: [], maxItems: 1000)
        #expect(issues.map(\.path) == ["results"])
        #expect(issues.first?.message.contains("has 1500 items; this framework accepts at most 1000") == true)
        #expect(cleaned["results"]?.arrayValue?.isEmpty == true)
        // A field can set its own bound; nested lists are checked too.
        let rule = FieldRule(path: "results[].steps", type: .array, required: false, allowed: nil, maxItems: 2)
        let nested: LuaValue = ["results": [["steps": [1, 2, 3]], ["steps": [1]]]]
        #expect(CaseValidator.validate(nested, fields: [rule]).issues.map(\.path) == ["results[1].steps"])
        // The framework's own bound applies in an assessment.
        let a = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "padded", value: padded)) }
        #expect(a.caseIssues.contains { $0.path == "results" })
    }

    @Test func strictFailsOnAnyRuleError() throws {
        let message: String? = try withAssessor("faulty") { assessor -> String? in
            do { _ = try assessor.assess(CaseDocument(id: "x", value: [:]), options: AssessmentOptions(strict: true)); return nil }
            catch { return (error as? AssessmentError)?.message }
        }
        #expect(message?.hasPrefix("strict: 6 indicator(s) failed") == true)
    }

    @Test func sameInputsGiveByteIdenticalJSON() throws {
        let texts = try withAssessor("tiny") { assessor -> [String] in
            let a = try assessor.assess(CaseDocument(id: "complete", value: Fixtures.complete)).jsonText()
            let b = try assessor.assess(CaseDocument(id: "complete", value: Fixtures.complete)).jsonText()
            return [a, b]
        }
        let fresh = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "complete", value: Fixtures.complete)).jsonText() }
        #expect(texts[0] == texts[1])
        #expect(texts[0] == fresh)
        #expect(!texts[0].contains("generated_at"))
    }

    @Test func noStateLeaksBetweenCases() throws {
        let (afterA, alone) = try withAssessor("tiny") { assessor -> (String, String) in
            _ = try assessor.assess(CaseDocument(id: "complete", value: Fixtures.complete))
            let b = try assessor.assess(CaseDocument(id: "sparse", value: Fixtures.sparse)).jsonText()
            return (b, "")
        }
        let fresh = try withAssessor("tiny") { try $0.assess(CaseDocument(id: "sparse", value: Fixtures.sparse)).jsonText() }
        _ = alone
        #expect(afterA == fresh)
    }

    @Test func timestampOnlyWhenAsked() throws {
        let text = try withAssessor("tiny") {
            try $0.assess(CaseDocument(id: "c", value: Fixtures.complete),
                          options: AssessmentOptions(timestamp: Date(timeIntervalSince1970: 1_800_000_000))).jsonText()
        }
        #expect(text.contains("\"generated_at\": \"2027-01-15T08:00:00Z\""))
    }

    @Test func lettersWithM1M2AndInsufficientAsLowest() throws {
        let a = try withAssessor("letters") {
            try $0.assess(CaseDocument(id: "l", value: ["scores": ["a": "A", "b": "B", "d": "A", "e": "C"]]))
        }
        // c is missing: counts as D (the lowest); M1 over A, B, D gives D+.
        #expect(a.indicator("c")?.status == .insufficientInformation)
        #expect(a.criterion("m1")?.grade?.id == "D+")
        #expect(a.criterion("m2")?.grade?.id == "B")
        #expect(a.grade?.id == "D+")
    }

    @Test func presentSeesThroughTheReadOnlyCase() throws {
        let level = try withInlineFramework("p", """
            local m = require "mecigep"
            return m.framework { id = "p", version = "1.0.0", title = "P", languages = { "en" }, scale = m.scales.maturity,
              criteria = { m.criterion { id = "c", title = "C", indicators = {
                m.indicator { id = "i", title = "I", evaluate = function(case, ctx)
                  local n = 0
                  for _, path in ipairs({ "block", "list", "empty", "blank", "missing", "block.x" }) do
                    if ctx.present(path) then n = n + 1 end
                  end
                  return n
                end } } } } }
            """) { assessor -> String? in
            let value: LuaValue = ["block": ["x": 1], "list": [1], "empty": [], "blank": "  "]
            return try assessor.assess(CaseDocument(id: "x", value: value)).grade?.id
        }
        #expect(level == "3") // block, list and block.x; not the empty list, blank text or missing field
    }

    /// docs/cases.md: `[]` and `none` mean "there is none", a level; only a field left out (or
    /// null, or blank text) is missing information. `requires` follows the same contract.
    @Test func requiresTreatsAnEmptyListOrNoneAsAnAnswer() throws {
        let outcomes = try withInlineFramework("r", """
            local m = require "mecigep"
            return m.framework { id = "r", version = "1.0.0", title = "R", languages = { "en" }, scale = m.scales.maturity,
              criteria = { m.criterion { id = "c", title = "C", indicators = {
                m.indicator { id = "i", title = "I", requires = { "list" }, evaluate = function(case, ctx)
                  if type(case.list) == "table" and #case.list > 0 then return 3 end
                  return 0
                end } } } } }
            """) { assessor -> [String] in
            let values: [LuaValue] = [["list": [1]], ["list": []], ["list": "none"], ["list": false], [:], ["list": .null],
                                      ["list": "   "]]
            return try values.map { value in
                let r = try assessor.assess(CaseDocument(id: "x", value: value)).indicatorResults[0]
                return r.status == .assessed ? (r.grade?.id ?? "?") : "missing"
            }
        }
        #expect(outcomes == ["3", "0", "0", "0", "missing", "missing", "missing"])
    }

    /// ctx.cited walks the case for the rule: the citations it reads are in the trace (so a
    /// change to them re-runs the indicator) but are not the rule's undeclared reads; a read the
    /// rule makes itself still is.
    @Test func citationsReadByTheEngineAreNotUndeclaredReads() throws {
        let result = try withInlineFramework("ct", """
            local m = require "mecigep"
            return m.framework { id = "ct", version = "1.0.0", title = "C", languages = { "en" }, scale = m.scales.maturity,
              criteria = { m.criterion { id = "c", title = "C", indicators = {
                m.indicator { id = "i", title = "I", reads = { "plan.budget" }, evaluate = function(case, ctx)
                  local docs = ctx.cited({ "plan" })
                  local typo = case.plan.budgte
                  return #docs
                end } } } } }
            """) { assessor -> IndicatorResult in
            let value: LuaValue = ["plan": ["budget": 10, "documents": ["d1"], "item": ["document": "d2"]],
                                   "documents": [["id": "d1"], ["id": "d2"]]]
            return try assessor.assess(CaseDocument(id: "x", value: value)).indicatorResults[0]
        }
        #expect(result.grade?.id == "2", "both register documents are cited")
        #expect(result.reads.contains { $0.path == "plan.documents[1]" }, "citations are in the trace")
        #expect(result.undeclaredReads.map(\.path) == ["plan.budgte"])
    }

    @Test func resultsOffTheScaleAreRuleErrorsNeverCoercedOrClamped() throws {
        let a = try withAssessor("contracts") { try $0.assess(CaseDocument(id: "c", value: [:])) }
        for (id, returned) in [("text_level", "\"3\""), ("above_scale", "5"), ("below_scale", "-1"), ("fraction", "2.5")] {
            let r = try #require(a.indicator(id))
            #expect(r.status == .error, "\(id)")
            #expect(r.failure?.kind == "result")
            #expect(r.failure?.message == "the rule returned level \(returned), which is not a level of the scale 'maturity': "
                + "return a number among 0, 1, 2, 3, 4", "\(id): \(r.failure?.message ?? "")")
        }
        #expect(a.indicator("good")?.grade?.id == "3")
        let above = try #require(a.criterion("agg_above"))
        #expect(above.status == .error)
        #expect(above.failure == "the aggregation of criterion 'agg_above' returned 7, which is not on the scale 'maturity': "
            + "return a level (0, 1, 2, 3, 4) or a score from 0 to 4")
        #expect(a.criterion("agg_text")?.status == .error)
        #expect(a.criterion("agg_text")?.failure?.contains("returned \"3\"") == true)
        #expect(a.criterion("agg_score")?.grade?.id == "2") // a score within the scale: floored
    }

    @Test func readsOfUndeclaredCasePathsAreRecordedWithTheNearestDeclaredPath() throws {
        let a = try withAssessor("contracts") {
            try $0.assess(CaseDocument(id: "c", value: ["evidence": ["evaluation": ["design": "rct"]]]))
        }
        let typo = try #require(a.indicator("typo"))
        #expect(typo.undeclaredReads.map(\.path) == ["evidence.evalution"])
        #expect(typo.undeclaredReads.first?.nearest == "evidence.evaluation")
        #expect(a.indicator("good")?.undeclaredReads.isEmpty == true)
    }

    @Test func customAggregations() throws {
        let a = try withAssessor("custom") { try $0.assess(CaseDocument(id: "c", value: [:])) }
        #expect(a.criterion("sigma")?.grade?.id == "2")   // 2 + 3 + 1 = 6 points ≥ 5
        #expect(a.criterion("linear")?.grade?.id == "2")  // mean 3 → 2.5 on the points, floored
        #expect(a.grade?.id == "2")                       // the Lua function: the best criterion score
    }

    @Test func changedRulesAreSeenWithoutRebuilding() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-reload-\(UUID().uuidString)")
        let fwFolder = folder.appendingPathComponent("frameworks/live")
        try FileManager.default.createDirectory(at: fwFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(level: Int) throws {
            try Data("""
                local m = require "mecigep"
                return m.framework { id = "live", version = "1.0.0", title = "Live", languages = { "en" },
                  scale = m.scales.maturity,
                  criteria = { m.criterion { id = "c", title = "C", indicators = {
                    m.indicator { id = "i", title = "I", evaluate = function() return \(level) end } } } } }
                """.utf8).write(to: fwFolder.appendingPathComponent("framework.lua"))
        }
        let loader = FrameworkLoader(rulesFolder: folder.path)
        func run() throws -> String? {
            try LuaThread.run {
                Result { () throws -> String? in
                    let fw = try loader.load("live")
                    return try Assessor(framework: fw, loader: loader, engineVersion: "t").assess(CaseDocument(id: "x", value: [:])).grade?.id
                }
            }.get()
        }
        try write(level: 1)
        #expect(try run() == "1")
        try write(level: 4)
        #expect(try run() == "4")
    }

    @Test func outputValidatesAgainstThePublishedSchema() throws {
        let outputs = try withAssessor("tiny") { assessor in
            [try assessor.assess(CaseDocument(id: "complete", value: Fixtures.complete)),
             try assessor.assess(CaseDocument(id: "sparse", value: Fixtures.sparse),
                                 options: AssessmentOptions(timestamp: Date(timeIntervalSince1970: 0)))].map { $0.jsonText() }
        } + (try withAssessor("faulty") { [try $0.assess(CaseDocument(id: "f", value: [:])).jsonText()] })
          + (try withAssessor("letters") { [try $0.assess(CaseDocument(id: "l", value: ["scores": ["a": "A"]])).jsonText()] })
        try SchemaValidator.validate(outputs, schema: "docs/schemas/assessment.schema.json")
    }
}
