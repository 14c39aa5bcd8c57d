import Foundation
import Testing
@testable import MecigepReports

@Suite("Translation tables")
struct LabelsTests {
    static func placeholders(_ s: String) -> Set<String> {
        var out: Set<String> = []
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.insert(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    @Test func everyLabelHasTextInEveryLanguage() {
        for label in Label.allCases {
            for language in Language.allCases {
                #expect(!Labels.text(label, language).trimmingCharacters(in: .whitespaces).isEmpty || label == .and,
                        "\(label) is empty in \(language)")
            }
        }
    }

    @Test func placeholdersAgreeAcrossLanguages() {
        for label in Label.allCases {
            let english = Self.placeholders(Labels.text(label, .en))
            for language in Language.allCases {
                #expect(Self.placeholders(Labels.text(label, language)) == english, "\(label) in \(language)")
            }
        }
    }

    @Test func sentencesAreTranslatedNotCopied() {
        // Labels of more than three words are sentences: none may be left in English.
        for label in Label.allCases where Labels.text(label, .en).split(separator: " ").count > 3 {
            for language in [Language.es, .pt, .fr] {
                #expect(Labels.text(label, language) != Labels.text(label, .en), "\(label) is not translated to \(language)")
            }
        }
    }

    @Test func caseWordsAreTranslated() {
        let w = Words(language: .es)
        #expect(w.caseWord("digital_transformation") == "Transformación digital")
        #expect(w.caseWord("something_else") == "something_else")
        #expect(Words(language: .fr).colon == "\u{00A0}: ")
        #expect(Words(language: .pt).list(["A", "B", "C"]) == "A, B e C")
    }
}
