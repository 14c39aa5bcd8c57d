import Foundation
import LuaRuntime
import MecigepEngine
import Testing
@testable import MecigepReports

@Suite("Consolidating a round")
struct ReportContentTests {
    @Test func agreedLevelsAreKeptBesideTheRulesLevels() throws {
        let content = try ReportFixtures.roundContent(followUp: false)
        let costing = try #require(content.assessment.indicatorResults.first { $0.indicator.id == "costing" })
        #expect(costing.grade?.id == "1", "the rule's level is unchanged")
        #expect(costing.agreed?.grade.id == "2")
        #expect(costing.agreed?.author == "UY")
        #expect(costing.agreed?.role == "peer")
        let funding = try #require(content.assessment.indicatorResults.first { $0.indicator.id == "funding" })
        #expect(funding.status == .insufficientInformation)
        #expect(funding.agreed?.grade.id == "1")
        #expect(funding.agreed?.role == "secretariat")
        // A level set in the round is verified, by whom and why; the rule's result is unchanged.
        #expect(costing.basis?.kind == .verified)
        #expect(costing.basis?.verifiedBy == "UY (peer)")
        #expect(costing.basis?.justification == costing.agreed?.justification)
        #expect(funding.basis?.verifiedBy == "secretariat (secretariat)")
        // Weakest link over the agreed levels (2 and 1) gives 1; the rules' (1, insufficient) gives 1 too.
        let fiscal = try #require(content.criteria.first { $0.criterion.id == "fiscal" })
        #expect(fiscal.agreed?.id == "1")
        #expect(content.criteria.first { $0.criterion.id == "evidence" }?.agreed == nil)
    }

    @Test func spreadBetweenTheRulesAndThePeers() throws {
        let content = try ReportFixtures.roundContent(followUp: false)
        let evidence = try #require(content.criteria.first { $0.criterion.id == "evidence" })
        #expect(evidence.rules?.id == "2")
        #expect(evidence.peers.map { $0.level?.id } == ["2", "4", "3"])
        #expect(evidence.spread == 2)
        let fiscal = try #require(content.criteria.first { $0.criterion.id == "fiscal" })
        #expect(fiscal.peers.map { $0.level?.id } == ["3", "1", nil], "Peru gave no fiscal level")
        #expect(fiscal.spread == 2)
    }

    @Test func recommendationsMergedWithTheirAuthorsAndNumbered() throws {
        let content = try ReportFixtures.roundContent(followUp: false)
        let recs = content.recommendations
        #expect(recs.map(\.id) == ["baseline.r1", "CL.r1", "costing.r1", "UY.mantenimiento"])
        #expect(recs.map(\.number) == [1, 2, 3, 4])
        #expect(recs[0].author == .rules(indicator: "baseline"))
        #expect(recs[1].author == .peer("CL"))
        #expect(recs.map(\.challenge) == ["c1", "c1", nil, "c2"])
        #expect(content.challenges.map(\.id) == ["c1", "c2"])
    }

    @Test func theRoundIsRecordedInTheAssessment() throws {
        let content = try ReportFixtures.roundContent(followUp: false)
        let round = try #require(content.assessment.round)
        #expect(round.beneficiary == "CR")
        #expect(round.peers.map(\.country) == ["CL", "UY", "PE"])
        #expect(round.peers[0].levels.map(\.criterion) == ["evidence", "fiscal"], "framework order")
        #expect(round.recommendations.map(\.author) == ["CL", "UY"])
    }

    func problems(_ edit: (inout [String: LuaValue]) -> Void) throws -> [String] {
        let round = try RoundFile.parse(try ReportFixtures.round(editing: edit), file: ReportFixtures.roundFile)
        let assessment = try ReportFixtures.assess(ReportFixtures.caseFile)
        let caseValue = try DocumentLoader.load(path: ReportFixtures.caseFile)
        do throws(ReportInputError) {
            _ = try ReportContent(assessment: assessment, caseValue: caseValue, round: round)
            return []
        } catch {
            #expect(error.file == ReportFixtures.roundFile)
            return error.problems.map(\.description)
        }
    }

    @Test func referencesAreCheckedAgainstTheFrameworkAndTheCase() throws {
        let found = try problems { o in
            o["peers"] = [
                ["country": "CL", "levels": ["evidence": 7, "fiskal": 2],
                 "recommendations": [["text": "x", "criterion": "fiscal", "indicator": "baseline", "challenge": "c9"],
                                     ["id": "costing.r1", "text": "y", "criterion": "evidence"]]],
                ["country": "UY", "recommendations": [["text": "z", "criterion": "budget", "indicator": "nope"]]],
            ]
            o["overrides"] = [["indicator": "fundng", "level": 2, "justification": "j", "author": "UY", "date": "2026-06-17"],
                              ["indicator": "costing", "level": "B", "justification": "j", "author": "UY", "date": "2026-06-17"]]
        }
        #expect(found.contains("peers[1].levels.evidence: \"7\" is not a level of the maturity scale (0, 1, 2, 3, 4)"), "\(found)")
        #expect(found.contains("peers[1].levels.fiskal: \"fiskal\" is not a criterion of tiny; the criteria of tiny are evidence, fiscal"))
        #expect(found.contains("peers[1].recommendations[1].indicator: \"baseline\" belongs to the criterion evidence, not fiscal"))
        #expect(found.contains("peers[1].recommendations[1].challenge: \"c9\" is not an implementation challenge of the case (c1, c2)"))
        #expect(found.contains("peers[1].recommendations[2].id: \"costing.r1\" is the id of a recommendation of the rules; give this one another id"))
        #expect(found.contains("peers[2].recommendations[1].criterion: \"budget\" is not a criterion of tiny; the criteria of tiny are evidence, fiscal"))
        #expect(found.contains { $0.hasPrefix("peers[2].recommendations[1].indicator: \"nope\" is not an indicator of tiny") })
        #expect(found.contains { $0.hasPrefix("overrides[1].indicator: \"fundng\" is not an indicator of tiny") })
        #expect(found.contains("overrides[2].level: \"B\" is not a level of the maturity scale (0, 1, 2, 3, 4)"))
        #expect(found.count == 9)
    }
}
