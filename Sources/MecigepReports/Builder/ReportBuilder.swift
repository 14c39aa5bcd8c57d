import Foundation
import LuaRuntime
import MecigepEngine

/// Builds a report document from consolidated content, in one language: the eight sections of
/// a MECIGEP peer-review report (docs/reports.md), then the annexes.
public struct ReportBuilder {
    let content: ReportContent
    let w: Words

    public init(content: ReportContent, language: Language) {
        self.content = content
        self.w = Words(language: language)
    }

    var a: Assessment { content.assessment }
    var round: ReviewRound? { content.round }
    var scale: Scale { a.framework.scale }

    public func build() -> ReportDocument {
        var sections: [(String, Label, [Block])] = [
            ("summary", .secSummary, summary()),
            ("process", .secProcess, process()),
            ("case", .secCase, caseSection()),
            ("analysis", .secAnalysis, analysis()),
            ("peers", .secPeers, peers()),
            ("recommendations", .secRecommendations, recommendations()),
            ("comments", .secComments, comments()),
        ]
        if content.showsFollowUp { sections.append(("follow-up", .secFollowUp, followUp())) }
        var numbered = sections.enumerated().map { n, s in ReportSection(id: s.0, title: "\(n + 1). \(w(s.1))", blocks: s.2) }
        numbered.append(ReportSection(id: "scoring", title: w(.annexN, "A") + " " + w(.secScoring), blocks: scoringSheet()))
        numbered.append(ReportSection(id: "provenance", title: w(.annexN, "B") + " " + w(.secProvenance), blocks: provenance()))
        return ReportDocument(language: w.language, title: w(round == nil ? .titleAssessment : .titlePeerReview),
                              subtitle: caseTitle, facts: facts(), notice: w(.coverNotice), sections: numbered,
                              contentsLabel: w(.contents))
    }

    // MARK: Shared pieces

    /// The case's own title (as submitted), else its id.
    var caseTitle: String { caseString("identification.title") ?? a.caseID }

    var beneficiaryCode: String? { round?.beneficiary.country ?? caseString("identification.country") }

    var beneficiaryName: String {
        guard let code = beneficiaryCode else { return w(.unknownState) }
        return w.country(code, name: round?.beneficiary.name)
    }

    func peerName(_ code: String) -> String {
        w.country(code, name: round?.peers.first { $0.participant.country == code }?.participant.name)
    }

    /// A text field of the case, by dotted path.
    func caseString(_ path: String) -> String? {
        var v = content.caseValue
        for part in path.split(separator: ".") { v = v?[String(part)] }
        switch v {
        case .string(let s)? where !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty: return s
        case .integer(let i)?: return String(i)
        case .double(let d)?: return w.number(d)
        default: return nil
        }
    }

    func criterionTitle(_ id: String) -> String {
        a.framework.criteria.first { $0.id == id }.map { w.text($0.title) } ?? id
    }

    func challengeText(_ id: String) -> String {
        content.challenges.first { $0.id == id }?.description ?? ""
    }

    var frameworkName: String { "\(w.text(a.framework.title)) \(a.framework.version)" }

    func facts() -> [(term: String, detail: String)] {
        let institution = round?.beneficiary.institution ?? caseString("identification.agency")
        var out: [(String, String)] = [(w(.factCase), a.caseID),
                                       (w(.factBeneficiary), beneficiaryName + (institution.map { " — " + $0 } ?? ""))]
        if let round {
            out.append((w(.factPeers), w.list(round.peers.map { peerName($0.participant.country) })))
            if let s = round.secretariat.name { out.append((w(.factSecretariat), s)) }
        }
        out.append((w(.factFramework), frameworkName))
        out.append((w(.factOverall), w.result(a.status, a.grade)))
        if let agreed = content.agreedOverall { out.append((w(.factAgreedOverall), w.grade(agreed))) }
        if let date = round?.dates.report { out.append((w(.factDate), w.date(date))) }
        return out
    }
}
