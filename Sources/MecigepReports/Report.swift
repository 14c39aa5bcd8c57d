import Foundation
import LuaRuntime
import MecigepEngine

/// The formats a report is written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html
}

/// Entry points: render consolidated content as Markdown or HTML in one of the four languages.
public enum PeerReviewReport {
    public static func render(_ content: ReportContent, language: Language, format: ReportFormat) -> String {
        let document = ReportBuilder(content: content, language: language).build()
        switch format {
        case .markdown: return MarkdownRenderer.render(document)
        case .html: return HTMLRenderer.render(document)
        }
    }

    /// A report of one assessment without a round (`mecigep assess --format md|html`). The case
    /// document is read again from the assessment's case file, and used only if its bytes are
    /// the ones assessed (same SHA-256).
    public static func render(_ assessment: Assessment, language: String, format: ReportFormat) -> String {
        let content: ReportContent
        do throws(ReportInputError) {
            content = try ReportContent(assessment: assessment, caseValue: caseValue(of: assessment))
        } catch {
            // Without a round or a follow-up there is nothing to check; this is not reached.
            return error.description
        }
        return render(content, language: Language(rawValue: language) ?? .en, format: format)
    }

    /// The case document an assessment was made from, if its file is still the same.
    public static func caseValue(of a: Assessment) -> LuaValue? {
        guard let file = a.caseFile, let document = try? CaseDocument.load(path: file), document.sha256 == a.caseSHA256 else {
            return nil
        }
        return document.value
    }
}
