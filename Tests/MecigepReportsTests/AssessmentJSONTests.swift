import Foundation
import MecigepEngine
import Testing
@testable import MecigepReports

/// The assessment JSON keeps the rule's level and the agreed one, and the round; it stays valid
/// against the published schema (checked by Python's jsonschema, as the engine tests do).
@Suite("The assessment JSON after a round")
struct AssessmentJSONTests {
    @Test func agreedLevelsAndTheRoundAreInTheJSON() throws {
        let content = try ReportFixtures.roundContent(followUp: false)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(content.assessment.jsonText().utf8)) as? [String: Any])
        let criteria = try #require(json["criteria"] as? [[String: Any]])
        let fiscal = try #require(criteria.first { $0["id"] as? String == "fiscal" })
        let costing = try #require((fiscal["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "costing" })
        #expect((costing["result"] as? [String: Any])?["level"] as? Int == 1)
        let agreed = try #require(costing["agreed"] as? [String: Any])
        #expect(agreed["level"] as? Int == 2)
        #expect(agreed["author"] as? String == "UY")
        #expect(agreed["role"] as? String == "peer")
        #expect(agreed["date"] as? String == "2026-06-17")
        #expect((agreed["justification"] as? String)?.hasPrefix("El costeo cubre dos años") == true)
        let round = try #require(json["round"] as? [String: Any])
        #expect(round["beneficiary"] as? String == "CR")
        let peers = try #require(round["peers"] as? [[String: Any]])
        #expect(peers.count == 3)
        #expect((peers[0]["levels"] as? [String: Int]) == ["evidence": 2, "fiscal": 3])
        let recommendations = try #require(round["recommendations"] as? [[String: Any]])
        #expect(recommendations.map { $0["id"] as? String } == ["CL.r1", "UY.mantenimiento"])
        #expect(recommendations.allSatisfy { $0["binding"] as? Bool == false })
    }

    @Test func validAgainstThePublishedSchema() throws {
        let withRound = try ReportFixtures.roundContent(followUp: false).assessment.jsonText()
        let plain = try ReportFixtures.assess(ReportFixtures.caseFile).jsonText()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-reports-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (n, text) in [withRound, plain].enumerated() {
            let file = folder.appendingPathComponent("a\(n).json")
            try Data(text.utf8).write(to: file)
            paths.append(file.path)
        }
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            bad = [f"{p}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for p in sys.argv[2:] for e in validator.iter_errors(json.load(open(p)))]
            print("\\n".join(bad))
            sys.exit(1 if bad else 0)
            """
        _ = try Python.run(script, [ReportFixtures.repository.appendingPathComponent("docs/schemas/assessment.schema.json").path] + paths)
    }
}
