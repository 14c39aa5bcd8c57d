@testable import LuaRuntime
import Testing

/// `find` skips positions whose byte cannot start a match (the pattern's first class must
/// match once) without calling the matcher. That shortcut must be invisible: the same match, the
/// same captures and the same steps charged as trying every position in turn, so that budgets
/// stop a rule at exactly the same point as before. Checked over many generated patterns,
/// subjects and budgets.
@Suite("Pattern scan shortcut")
struct PatternScanTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let items = ["a", "b", ".", "%a", "%d", "%s", "[ab]", "[^a]", "[%d-]", "[á]", "%.", "x", "(a)", "()", "%bab",
                        "%f[%a]", "a*", "b+", "c?", ".-", "[ab]*", "%d+", "$", "(", ")", "[", "%"]

    /// Every position in turn with `matchAt` (no shortcut): what `find` did before.
    static func reference(_ subject: [UInt8], _ pattern: [UInt8], steps: inout Int) -> Result<LuaPatternMatch?, LuaPatternError> {
        subject.withUnsafeBufferPointer { s in
            pattern.withUnsafeBufferPointer { p in
                var start = 0
                while true {
                    do throws(LuaPatternError) {
                        if let m = try LuaPatternMatcher.matchAt(subject: s, pattern: p, at: start, steps: &steps) { return .success(m) }
                    } catch { return .failure(error) }
                    if start >= s.count { return .success(nil) }
                    start += 1
                }
            }
        }
    }

    static func shortcut(_ subject: [UInt8], _ pattern: [UInt8], steps: inout Int) -> Result<LuaPatternMatch?, LuaPatternError> {
        subject.withUnsafeBufferPointer { s in
            pattern.withUnsafeBufferPointer { p in
                do throws(LuaPatternError) { return .success(try LuaPatternMatcher.find(subject: s, pattern: p, from: 0, steps: &steps)) }
                catch { return .failure(error) }
            }
        }
    }

    @Test func sameMatchesAndSameStepsAsTryingEveryPosition() {
        var g = Generator(state: 11)
        let alphabet = Array("aabbbxyz 09-.ááé".utf8)
        var compared = 0
        for _ in 0..<5000 {
            let pattern = Array((0..<(1 + g.next(4))).map { _ in Self.items[g.next(Self.items.count)] }.joined().utf8)
            guard pattern.first != UInt8(ascii: "^") else { continue }
            let subject = (0..<g.next(40)).map { _ in alphabet[g.next(alphabet.count)] }
            for budget in [3, 17, 60, 1_000_000] {
                var a = budget, b = budget
                let expected = Self.reference(subject, pattern, steps: &a)
                let got = Self.shortcut(subject, pattern, steps: &b)
                #expect(got == expected, "\(String(decoding: pattern, as: UTF8.self)) on \(String(decoding: subject, as: UTF8.self))")
                if case .success = expected {
                    #expect(a == b, "steps differ for \(String(decoding: pattern, as: UTF8.self))")
                }
                compared += 1
            }
        }
        #expect(compared > 15_000)
    }
}
