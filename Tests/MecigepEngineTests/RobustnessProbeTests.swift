import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// `mecigep robustness` must find each way a State could move a level without changing a fact
/// (keywords, omission, disclosure), and must find nothing in an honest rule: the probe is the
/// methodologists' guard, so it is itself tested on rules known to be gameable and one known not to be.
@Suite struct RobustnessProbeTests {
    static let value: LuaValue = [
        "id": "p1",
        "plan": ["text": "An evaluation of the pilot will follow the launch with a published report", "budget": 200],
        "risks": [["name": "delay", "owner": "ministry"], ["name": "uptake"]],
        "documents": [["id": "d1", "title": "Decree 12/2026"], ["id": "d2", "title": "Budget line 4.1"]],
    ]

    func probe() throws -> RobustnessReport {
        try withAssessor("probe") { assessor in
            var report = RobustnessReport()
            RobustnessProbe(assessor: assessor).run([CaseDocument(id: "p1", value: Self.value)], report: &report)
            return report
        }
    }

    @Test func findsKeywordsOmissionAndDisclosureAndNothingInTheHonestRule() throws {
        let report = try probe()
        let forbidden = report.forbidden
        func moves(_ id: String, _ t: Transformation) -> [RobustnessMove] { forbidden.filter { $0.indicator == id && $0.transformation == t } }
        // Rewording the plan moves the keyword rule (1 → 0), stuffing raises it.
        #expect(moves("keywords", .neutralText).map(\.after) == ["level 0"])
        #expect(moves("keywords", .keywordStuffing).first?.after == "level 4")
        // Leaving the weak budget out, or writing TBD, raises 1 → 3.
        #expect(Set(moves("omission", .removal).map(\.path)) == ["plan", "plan.budget"])
        #expect(moves("omission", .placeholder).map(\.path) == ["plan.budget"])
        // One more risk disclosed lowers a level.
        #expect(moves("disclosure", .listExtension).map(\.path) == ["risks"])
        // The honest rule moves too (a document removed lowers it, one more raises it), but never forbiddenly.
        #expect(forbidden.allSatisfy { $0.indicator != "honest" })
        #expect(report.moves.contains { $0.indicator == "honest" && $0.transformation == .removal && !$0.forbidden })
        #expect(report.moves.contains { $0.indicator == "honest" && $0.transformation == .listExtension && $0.after == "level 3" })
        // Reordering lists moves nothing here, and the counts add up.
        #expect(report.applied[.listOrder] == 1)
        #expect(report.cases == 1 && report.indicators == 4)
    }

    /// PEFA's D* is the default: a framework that says nothing counts an indicator without
    /// information as the lowest level, so that leaving a weak answer out never pays.
    @Test func omissionCountsAsTheLowestLevelByDefault() throws {
        let a = try withAssessor("probe") { try $0.assess(CaseDocument(id: "bare", value: ["id": "bare"])) }
        #expect(a.framework.insufficientCountsAsLowest)
        #expect(a.indicator("honest")?.status == .insufficientInformation)
        // honest (no information) 0, keywords 0, omission 3, disclosure 4: mean 1.75, level 1 (2 if excluded)
        #expect(a.criterion("c")?.grade?.id == "1")
        #expect(a.criterion("c")?.coverage.insufficient == 1)
    }

    @Test func transformationsKeepTheirDirections() {
        #expect(Transformation.removal.forbids(1, 3))
        #expect(!Transformation.removal.forbids(3, -1))
        #expect(Transformation.listExtension.forbids(3, 2))
        #expect(!Transformation.listExtension.forbids(2, 3))
        #expect(Transformation.neutralText.forbids(2, 3) && Transformation.neutralText.forbids(3, 2))
        #expect(Transformation.placeholder.forbids(2, nil), "a rule error under any change is forbidden")
    }
}
