import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// "Por definir" written as an evaluator, "Por citar" as a source: placeholders are not
/// evidence. The engine removes them before the rules run (so they count as missing, hence the
/// lowest level) and lists each with its path; "none" and real sentences are answers.
@Suite struct PlaceholderTests {
    static let rules = Fixtures.repository.appendingPathComponent("rules").path

    @Test func placeholderWordsAreRecognisedWhateverTheirCaseAccentsOrFinalStop() throws {
        let framework = try FrameworkLoader(rulesFolder: Self.rules).load("mecigep-core")
        let words = framework.placeholders
        for text in ["Por definir", "  POR DEFINIR. ", "por citar", "Pendiente", "TBD", "t.b.d.", "n/a", "-", "...", "à préciser",
                     "A PRÉCISER", "a definir", "To be confirmed.", "em definição", "Sin datos"] {
            #expect(Placeholders.isPlaceholder(text, in: words), "\(text) is a placeholder")
        }
        for text in ["none", "ninguno", "aucune", "nenhum", "Pendiente de aprobación por el Congreso", "2026-01-01", "AGESIC",
                     "Por definir el reglamento en 2026, con el Ministerio"] {
            #expect(!Placeholders.isPlaceholder(text, in: words), "\(text) is an answer")
        }
    }

    @Test func placeholdersCountAsMissingAndAreListedNeverRaisingALevel() throws {
        let file = Fixtures.repository.appendingPathComponent("examples/cases/uy-digital-government.yaml").path
        let original = try CaseDocument.load(path: file)
        var value = original.value
        // every baseline source and the evaluator's name become placeholders
        if case .array(var items)? = value["problem"]?["baseline"] {
            for i in items.indices { if case .object(var m) = items[i] { m["source"] = "Por citar"; m["document"] = "pendiente"; items[i] = .object(m) } }
            if case .object(var problem)? = value["problem"] { problem["baseline"] = .array(items); value = Self.setting(value, "problem", .object(problem)) }
        }
        let changed = CaseDocument(id: original.id, value: value)
        let loader = FrameworkLoader(rulesFolder: Self.rules)
        let (before, after) = try LuaThread.run {
            Result { () throws -> (Assessment, Assessment) in
                let assessor = try Assessor(framework: try loader.load("mecigep-core"), loader: loader, engineVersion: "t")
                return (try assessor.assess(original), try assessor.assess(changed))
            }
        }.get()
        #expect(before.casePlaceholders.isEmpty)
        let paths = after.casePlaceholders.map(\.path)
        #expect(paths.contains("problem.baseline[1].source") && paths.contains("problem.baseline[1].document"), "\(paths)")
        #expect(after.casePlaceholders.first?.message.contains("is a placeholder, not an answer") == true)
        #expect(after.caseIssues.isEmpty, "a placeholder does not make the case invalid")
        for r in after.indicatorResults {
            let b = before.indicator(r.indicator.id)!
            #expect((r.grade?.score ?? -1) <= (b.grade?.score ?? -1), "\(r.indicator.id) rose with placeholders")
        }
        #expect(after.indicator("eb.baseline")!.grade!.score < before.indicator("eb.baseline")!.grade!.score,
                "sources written as placeholders no longer support the baseline's level")
    }

    static func setting(_ v: LuaValue, _ key: String, _ new: LuaValue) -> LuaValue {
        guard case .object(var m) = v else { return v }
        m[key] = new
        return .object(m)
    }

    /// Text with more ASCII letters (bytes other than spaces) than the longest word and a final
    /// stop is answered "no" without being normalised: over generated text made of the words
    /// themselves, in any case, accented or not, with runs of spaces and tabs, final stops,
    /// marks and extra letters, the answer must be the full comparison's (normalise, then look
    /// the text up with and without its final stop).
    @Test func theLengthShortcutAnswersAsTheFullComparison() throws {
        let words = try FrameworkLoader(rulesFolder: Self.rules).load("mecigep-core").placeholders
        let list = words.sorted()
        let longest = Placeholders.longestWord(words)
        var g = SplitMix64(seed: 20261207)
        var placeholders = 0
        for _ in 0..<20_000 {
            var text = ""
            for piece in 0..<Int(g.next() % 3 + 1) {
                if piece > 0 { text += [" ", "  ", "\t", "", "x"][Int(g.next() % 5)] }
                var word = list[Int(g.next() % UInt64(list.count))]
                if g.next() % 2 == 0 { word = word.uppercased() }
                if g.next() % 3 == 0 {  // accents, marks, wide and non-breaking characters in the word
                    let swaps: [(String, String)] = [("a", "à"), ("e", "é"), ("o", "ô"), ("c", "ç"), ("A", "Á"), ("i", "i\u{301}"),
                                                     (" ", "\u{a0}"), ("d", "ｄ"), ("n", "ñ"), ("E", "É")]
                    let (from, to) = swaps[Int(g.next() % UInt64(swaps.count))]
                    word = word.replacingOccurrences(of: from, with: to)
                }
                text += word
            }
            if g.next() % 3 == 0 { text += "." }
            if g.next() % 4 == 0 { text = "  " + text + " \n" }
            if g.next() % 5 == 0 { text += String(repeating: "a", count: Int(g.next() % 30)) }
            let n = Placeholders.normalise(text)
            let full = text.utf8.count <= 64
                && (words.contains(n) || n.count > 1 && n.hasSuffix(".") && words.contains(String(n.dropLast())))
            #expect(Placeholders.isPlaceholder(text, in: words, longest: longest) == full, "\(text)")
            if full { placeholders += 1 }
        }
        #expect(placeholders > 2_000, "the generated text must hold placeholders often enough to test both answers")
    }
}
