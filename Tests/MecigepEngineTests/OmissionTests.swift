import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// Leaving information out, or writing a placeholder, never pays: each demonstration case in
/// examples/cases/zz-*.yaml scores at or below its honest twin (examples/cases/honest/, the same
/// case answering `none` or `[]`), overall, on every criterion and on every indicator.
@Suite struct OmissionTests {
    static let repo = Fixtures.repository

    @Test func omittedOrPlaceholderCasesNeverScoreAboveTheirHonestTwins() throws {
        let folder = Self.repo.appendingPathComponent("examples/cases")
        let demos = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("zz-") }.sorted()
        #expect(demos.count >= 3, "the omission and placeholder demonstrations are shipped")
        let loader = FrameworkLoader(rulesFolder: Self.repo.appendingPathComponent("rules").path)
        let pairs = try LuaThread.run {
            Result { () throws -> [(String, Assessment, Assessment)] in
                let assessor = try Assessor(framework: try loader.load("mecigep-core"), loader: loader, engineVersion: "t")
                return try demos.map { name in
                    let gamed = try CaseDocument.load(path: folder.appendingPathComponent(name).path)
                    let honest = try CaseDocument.load(path: folder.appendingPathComponent("honest/" + name).path)
                    return (name, try assessor.assess(gamed), try assessor.assess(honest))
                }
            }
        }.get()
        func score(_ grade: Grade?) -> Double { grade?.score ?? -1 }
        for (name, gamed, honest) in pairs {
            #expect(gamed.caseIssues.isEmpty && honest.caseIssues.isEmpty, "\(name): both versions are valid")
            #expect(score(gamed.grade) <= score(honest.grade), "\(name): overall")
            for c in gamed.criteria {
                let h = honest.criteria.first { $0.criterion.id == c.criterion.id }
                #expect(score(c.grade) <= score(h?.grade), "\(name): criterion \(c.criterion.id)")
            }
            for r in gamed.indicatorResults {
                // an indicator without information counts as the lowest level, as in aggregation
                let h = honest.indicator(r.indicator.id)
                #expect(max(score(r.grade), 0) <= max(score(h?.grade), 0), "\(name): \(r.indicator.id)")
            }
        }
    }
}
