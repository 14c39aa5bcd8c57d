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
}
