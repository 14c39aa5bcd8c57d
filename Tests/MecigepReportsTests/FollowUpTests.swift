import Foundation
import LuaRuntime
import MecigepEngine
import Testing
@testable import MecigepReports

@Suite("Follow-up files and comparisons")
struct FollowUpTests {
    @Test func theFixtureFollowUpReads() throws {
        let f = try FollowUpFile.read(path: ReportFixtures.followUpFile)
        #expect(f.round == "MECIGEP-2026-R3")
        #expect(f.date == "2027-03-15")
        #expect(f.revisedCase == ReportFixtures.revisedCaseFile)
        #expect(f.entries.map(\.status) == [.adopted, .inProgress, .notAdopted])
        #expect(f.entry(for: "CL.r1")?.note?.text("en") == "The municipalities preferred to wait for the new law.")
    }

    func problems(_ value: LuaValue, ids: [String] = ["baseline.r1", "CL.r1"], round: String? = "MECIGEP-2026-R3") -> [String] {
        do throws(ReportInputError) {
            let f = try FollowUpFile.parse(value, file: "follow-up.yaml")
            try f.check(recommendationIDs: ids, roundID: round)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func unknownRecommendationIDs() {
        let found = problems(["date": "2027-01-01", "statuses": [
            ["recommendation": "baseline.r9", "status": "adopted", "date": "2027-01-01"],
            ["recommendation": "XX.r1", "status": "adopted", "date": "2027-01-01"],
        ]])
        #expect(found.contains("statuses[1].recommendation: \"baseline.r9\" is not a recommendation of this report; did you mean one of baseline.r1?"))
        #expect(found.contains("statuses[2].recommendation: \"XX.r1\" is not a recommendation of this report; the report's recommendations are baseline.r1, CL.r1"))
    }

    @Test func badStatusesDatesAndDuplicates() {
        let found = problems(["round": "OTHER", "date": "soon", "statuses": [
            ["recommendation": "CL.r1", "status": "done", "date": "2027-01-01"],
            ["recommendation": "CL.r1", "status": "adopted", "date": "2027-13-01"],
        ]])
        #expect(found.contains("date: \"soon\" is not a date; write it as YYYY-MM-DD, such as \"2026-11-29\""))
        #expect(found.contains("statuses[1].status: \"done\" is not one of: adopted, in_progress, not_adopted, not_applicable"))
        #expect(found.contains("statuses[2].recommendation: \"CL.r1\" already has a status at statuses[1]; keep the latest one"))
        #expect(found.contains("statuses[2].date: \"2027-13-01\" is not a date; write it as YYYY-MM-DD, such as \"2026-11-29\""))
        let wrongRound = problems(["round": "OTHER", "date": "2027-01-01", "statuses": []])
        #expect(wrongRound == ["round: \"OTHER\" is not this round (\"MECIGEP-2026-R3\"); check that the follow-up and the round file go together"])
    }

    @Test func changesBetweenTheCaseAndItsRevision() throws {
        let a = try ReportFixtures.assess([ReportFixtures.caseFile, ReportFixtures.revisedCaseFile])
        let changes = AssessmentChanges(earlier: AssessmentSnapshot(a[0]), later: AssessmentSnapshot(a[1]))
        #expect(changes.changed.map(\.indicator) == ["baseline", "costing", "funding"])
        #expect(changes.changed.map(\.direction) == [.up, .up, .changed])
        #expect(changes.count(.same) == 1)
    }

    @Test func anEarlierAssessmentReadBackFromItsJSON() throws {
        let a = try ReportFixtures.assess(ReportFixtures.caseFile)
        let json = try DocumentLoader.parse(Data(a.jsonText().utf8), format: .json, name: "earlier.json")
        let read = try AssessmentSnapshot.parse(json, file: "earlier.json")
        let direct = AssessmentSnapshot(a)
        #expect(read.items == direct.items)
        #expect(read.level == direct.level)
        #expect(read.caseSHA256 == a.caseSHA256)
        do throws(ReportInputError) {
            _ = try AssessmentSnapshot.parse(["id": "not an assessment"], file: "case.json")
            Issue.record("a case is not an assessment")
        } catch {
            #expect(error.description.contains("not an assessment"))
        }
    }
}
