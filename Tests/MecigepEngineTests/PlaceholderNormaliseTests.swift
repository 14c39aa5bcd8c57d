import Foundation
@testable import MecigepEngine
import Testing

/// Every string of every case goes through `Placeholders.normalise`, so ASCII text takes a fast
/// path written by hand. Whether an answer counts as a placeholder must not depend on which path
/// it took: over many generated ASCII strings (letters of both cases, digits, punctuation, every
/// ASCII whitespace), the fast path equals the Unicode folding it shortcuts.
@Suite("Placeholder normalisation")
struct PlaceholderNormaliseTests {
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func asciiFastPathEqualsUnicodeFolding() {
        var g = SplitMix64(seed: 99)
        let alphabet = Array("aZ zT.\t\n\r\u{0B}\u{0C}  -_/0(TBD)Por Definir.xX?!".unicodeScalars)
        for _ in 0..<5000 {
            let text = String(String.UnicodeScalarView((0..<Int(g.next() % 24)).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }))
            #expect(Placeholders.normalise(text) == Self.folded(text), "\(text.debugDescription)")
        }
        #expect(Placeholders.normalise("  Por   DEFINIR. ") == "por definir.")
        #expect(Placeholders.normalise("  Por Definição ") == "por definicao")  // not ASCII: the folding path
    }
}
