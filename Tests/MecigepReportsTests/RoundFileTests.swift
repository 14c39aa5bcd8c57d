import Foundation
import LuaRuntime
import MecigepEngine
import Testing
@testable import MecigepReports

@Suite("Round files")
struct RoundFileTests {
    func problems(_ value: LuaValue) -> [String] {
        do throws(ReportInputError) {
            _ = try RoundFile.parse(value, file: "round.yaml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func theFixtureRoundReads() throws {
        let round = try RoundFile.read(path: ReportFixtures.roundFile)
        #expect(round.id == "MECIGEP-2026-R3")
        #expect(round.beneficiary.country == "CR")
        #expect(round.peers.map(\.participant.country) == ["CL", "UY", "PE"])
        #expect(round.caseFile == ReportFixtures.caseFile, "the case path is resolved against the round file's folder")
        #expect(round.dates.meetings == ["2026-06-16", "2026-06-17"])
        #expect(round.peers[0].recommendations[0].recommendation.id == "CL.r1", "default ids: <peer>.r<n>")
        #expect(round.peers[1].recommendations[0].recommendation.id == "UY.mantenimiento")
        #expect(round.overrides.map(\.role) == ["peer", "secretariat"])
        #expect(round.comments?.text.contains("<b>Unión de Gobiernos Locales</b>") == true)
        #expect(round.followUpRequested)
        #expect(round.sha256.count == 64)
    }

    @Test func aCountryThatIsNotISO3166() throws {
        let value = try ReportFixtures.round { o in
            var peers = o["peers"]!.arrayValue!
            guard case .object(var second) = peers[1] else { return }
            second["country"] = "XX"
            peers[1] = .object(second)
            o["peers"] = .array(peers)
        }
        let found = problems(value)
        #expect(found.contains { $0.hasPrefix("peers[2].country: \"XX\" is not an ISO 3166-1 alpha-2 code") }, "\(found)")
    }

    @Test func lowerCaseCodesAreNamedWithTheirFix() throws {
        let value = try ReportFixtures.round { o in o["beneficiary"] = ["country": "cr"] }
        #expect(problems(value).contains("beneficiary.country: \"cr\" must be written in capitals: \"CR\""))
    }

    @Test func overridesByStatesNotInTheRound() throws {
        let value = try ReportFixtures.round { o in
            o["overrides"] = [
                ["indicator": "costing", "level": 2, "justification": "x", "author": "AR", "date": "2026-06-17"],
                ["indicator": "funding", "level": 1, "justification": "x", "author": "CR", "date": "2026-06-17"],
            ]
        }
        let found = problems(value)
        #expect(found.contains { $0.hasPrefix("overrides[1].author: \"AR\" is not a peer State of this round (peers: CL, UY, PE)") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("overrides[2].author: \"CR\" is the beneficiary State") }, "\(found)")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let value = try ReportFixtures.round { o in
            o["dates"] = ["submitted": "04/05/2026", "meetings": ["2026-06-31"]]
            o["language"] = "de"
            o["reviewers"] = "typo"
            o["overrides"] = [["indicator": "costing", "level": 2, "author": "secretariat", "date": "2026-06-17"],
                              ["indicator": "costing", "level": 3, "justification": "y", "author": "UY", "date": "2026-06-18"],
                              ["indicator": "costing", "level": 1, "justification": "z", "author": "UY", "date": "2026-06-19"]]
        }
        let found = problems(value)
        #expect(found.contains("dates.submitted: \"04/05/2026\" is not a date; write it as YYYY-MM-DD, such as \"2026-11-29\""))
        #expect(found.contains("dates.meetings[1]: \"2026-06-31\" is not a date; write it as YYYY-MM-DD"))
        #expect(found.contains("language: \"de\" is not one of: en, es, pt, fr"))
        #expect(found.contains { $0.hasPrefix("reviewers: unknown field; the fields here are: id, case,") })
        #expect(found.contains("overrides[1].justification: missing: this field is required"))
        #expect(found.contains("overrides[3].indicator: \"costing\" already has an agreed level at overrides[2]; keep one"))
        #expect(found.count >= 6)
    }

    @Test func peersMustBeTwoOrThreeOtherStates() throws {
        let one = try ReportFixtures.round { o in o["peers"] = [["country": "CL"]] }
        #expect(problems(one).contains("peers: a round has 2 or 3 peer States (this one has 1)"))
        let repeated = try ReportFixtures.round { o in o["peers"] = [["country": "CL"], ["country": "CL"], ["country": "CR"]] }
        let found = problems(repeated)
        #expect(found.contains("peers[2].country: \"CL\" is already a peer at peers[1]; give each State once"))
        #expect(found.contains("peers[3].country: \"CR\" is the beneficiary State; a peer must be another State"))
    }

    @Test func requiredFieldsAndTypes() throws {
        let found = problems(["peers": "CL, UY"])
        #expect(found.contains("id: missing: this field is required"))
        #expect(found.contains("case: missing: this field is required"))
        #expect(found.contains("beneficiary: missing: name the beneficiary State (country: XX)"))
        #expect(found.contains("peers: expected a list, got \"CL, UY\""))
        #expect(problems(.null) == ["(document): the file is empty; start from examples/rounds/ or docs/reports.md",
                                    "id: missing: this field is required", "case: missing: this field is required",
                                    "beneficiary: missing: name the beneficiary State (country: XX)",
                                    "peers: missing: this list is required"])
    }

    @Test func syntaxErrorsKeepTheirPosition() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("round-\(UUID().uuidString).yaml")
        try Data("id: x\npeers: [\n".utf8).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        do throws(ReportInputError) {
            _ = try RoundFile.read(path: scratch.path)
            Issue.record("a broken file must not read")
        } catch {
            #expect(error.line != nil)
            #expect(error.description.hasPrefix(scratch.path + ":"))
        }
    }
}
