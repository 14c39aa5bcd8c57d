import Foundation
import MecigepEngine
import Testing
@testable import MecigepReports

/// The Markdown reports, compared with golden files under Fixtures/golden (regenerate with
/// MECIGEP_UPDATE_GOLDEN=1 after an intended change, and read the diff).
@Suite("Markdown reports (golden files)")
struct MarkdownGoldenTests {
    @Test(arguments: [Language.es, .en, .fr])
    func roundWithThreePeersAndAFollowUp(language: Language) throws {
        let content = try ReportFixtures.roundContent()
        let text = PeerReviewReport.render(content, language: language, format: .markdown)
        try Golden.check(text, "round.\(language.rawValue).md")
    }

    @Test func anAssessmentWithoutARoundInPortuguese() throws {
        let a = try ReportFixtures.assess(ReportFixtures.caseFile)
        let text = PeerReviewReport.render(a, language: "pt", format: .markdown)
        try Golden.check(text, "assessment.pt.md")
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let first = PeerReviewReport.render(try ReportFixtures.roundContent(), language: .es, format: .markdown)
        let second = PeerReviewReport.render(try ReportFixtures.roundContent(), language: .es, format: .markdown)
        #expect(first == second)
    }

    @Test func labelsDatesAndNumbersFollowTheLanguage() throws {
        let content = try ReportFixtures.roundContent()
        let es = PeerReviewReport.render(content, language: .es, format: .markdown)
        let fr = PeerReviewReport.render(content, language: .fr, format: .markdown)
        #expect(es.contains("## 6. Recomendaciones"))
        #expect(es.contains("31 de julio de 2026"))
        #expect(es.contains("48.500"))
        #expect(fr.contains("## 6. Recommandations"))
        #expect(fr.contains("31 juillet 2026"))
        #expect(fr.contains("75\u{202F}%"))
        // Framework texts come from the framework's translations; peer texts from theirs.
        #expect(fr.contains("Evidence-based (fr)"))
        #expect(es.contains("Incluya el costo de operación"))
        #expect(PeerReviewReport.render(content, language: .en, format: .markdown).contains("Include operating and maintenance costs"))
    }

    @Test func theBeneficiaryCommentsStayExactlyAsReceived() throws {
        let content = try ReportFixtures.roundContent()
        let text = PeerReviewReport.render(content, language: .en, format: .markdown)
        #expect(text.contains("```text\n" + content.round!.comments!.text + "```"))
    }

    @Test func everyRecommendationIsMarkedNonBinding() throws {
        let text = PeerReviewReport.render(try ReportFixtures.roundContent(), language: .en, format: .markdown)
        #expect(text.components(separatedBy: "**[Non-binding]**").count - 1 == 4)
    }
}
