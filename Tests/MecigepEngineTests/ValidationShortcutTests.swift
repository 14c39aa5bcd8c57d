import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// Validation skips the walks that would change nothing (bounding lists when none is over the
/// smallest limit, removing placeholders when there is none, dropping empty mappings when there
/// is none) after one read of the case. What it guards: what the rules see, and every issue and
/// placeholder notice, never depend on whether a walk was skipped. Over generated variants of
/// every example case (placeholders, empty mappings and long lists put anywhere, members
/// deleted), validation with the shortcuts equals validation walking every time.
@Suite struct ValidationShortcutTests {
    static let rules = Fixtures.repository.appendingPathComponent("rules").path

    static let placeholderTexts = ["Por definir", "TBD", "n/a", "pendiente.", "À préciser", "Sin datos"]

    /// `value` with a few random changes, at random places.
    static func mutated(_ value: LuaValue, _ g: inout SplitMix64, depth: Int = 0) -> LuaValue {
        let roll = Int.random(in: 0..<100, using: &g)
        switch value {
        case .object(var members):
            if roll < 3 { return .object([:]) }
            for key in members.keys.sorted() {
                switch Int.random(in: 0..<60, using: &g) {
                case 0: members[key] = nil
                case 1: members[key] = .string(placeholderTexts.randomElement(using: &g)!)
                case 2: members[key] = .object([:])
                default: members[key] = mutated(members[key]!, &g, depth: depth + 1)
                }
            }
            return .object(members)
        case .array(var items):
            if roll < 5, let first = items.first {  // past a small limit
                items += Array(repeating: first, count: Int.random(in: 1...6, using: &g))
            }
            return .array(items.map { mutated($0, &g, depth: depth + 1) })
        case .string where roll < 4:
            return .string(placeholderTexts.randomElement(using: &g)!)
        default:
            return value
        }
    }

    @Test func theShortcutsChangeNothing() throws {
        let framework = try FrameworkLoader(rulesFolder: Self.rules).load("mecigep-core")
        let folder = Fixtures.repository.appendingPathComponent("examples/cases").path
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try CaseDocument.load(path: "\(folder)/\($0)").value }
        #expect(cases.count >= 10)
        var skipped = 0, walked = 0
        for seed in UInt64(1)...600 {
            var g = SplitMix64(seed: seed)
            let original = cases[Int(seed) % cases.count]
            let value = seed % 5 == 0 ? original : Self.mutated(original, &g)
            // a small limit now and then, so that lists are cut
            let maxItems = seed % 3 == 0 ? 4 : framework.maxItems
            let fast = CaseValidator.validate(value, fields: framework.fields, maxItems: maxItems, schema: framework.caseSchema,
                                              placeholders: framework.placeholders, shortcuts: true)
            let reference = CaseValidator.validate(value, fields: framework.fields, maxItems: maxItems,
                                                   schema: framework.caseSchema, placeholders: framework.placeholders,
                                                   shortcuts: false)
            if fast.value != reference.value || fast.issues != reference.issues || fast.placeholders != reference.placeholders {
                Issue.record("seed \(seed): validation with the shortcuts differs")
            }
            if reference.placeholders.isEmpty { skipped += 1 } else { walked += 1 }
        }
        // both kinds of case were drawn: with placeholders (walked) and without (skipped)
        #expect(skipped > 50 && walked > 50, "skipped \(skipped), walked \(walked)")
    }
}
