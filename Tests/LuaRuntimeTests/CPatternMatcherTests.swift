import Foundation
import Testing
import CLuaPatterns
@testable import LuaRuntime

/// The sandbox's C matcher (Sources/CLuaPatterns: `clua_pattern_find`, what string.find, match,
/// gmatch and gsub run) against lua5.4's answers (`Fixtures/patterns.tsv`) and against the Swift
/// port it was written from (`Reference/LuaPatternMatcher.swift`), which also fixes how much
/// work each step of a match is charged: the two must agree on results, captures, messages and
/// the steps left, so that what a budget allows does not depend on which matcher runs.
@Suite("The C pattern matcher: Lua 5.4's answers, the reference port's step counts")
struct CPatternMatcherTests {
    /// Runs the C matcher like `LuaPatternMatcherTests.run` runs the reference.
    static func run(_ subject: [UInt8], _ pattern: [UInt8], from: Int = 0, anchoredAt: Bool = false,
                    steps: inout Int) -> Result<LuaPatternMatch?, LuaPatternError> {
        var out = clua_pattern_match()
        var budget = Int64(steps)
        let status = subject.withUnsafeBufferPointer { s in
            pattern.withUnsafeBufferPointer { p in
                clua_pattern_find(s.baseAddress, s.count, p.baseAddress, p.count, from, anchoredAt ? 1 : 0, &budget, &out)
            }
        }
        steps = Int(budget)
        switch Int(status) {
        case Int(CLUA_PATTERN_NONE): return .success(nil)
        case Int(CLUA_PATTERN_BUDGET): return .failure(.budgetExhausted)
        case Int(CLUA_PATTERN_MALFORMED):
            let message = withUnsafeBytes(of: out.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return .failure(.malformed(message))
        default:
            var captures: [LuaPatternCapture] = []
            withUnsafeBytes(of: out.capture_start) { starts in
                withUnsafeBytes(of: out.capture_length) { lengths in
                    for i in 0..<Int(out.captures) {
                        let start = Int(starts.load(fromByteOffset: i * 8, as: Int64.self))
                        let length = Int(lengths.load(fromByteOffset: i * 8, as: Int64.self))
                        captures.append(length < 0 ? .position(start) : .substring(start: start, end: start + length))
                    }
                }
            }
            return .success(LuaPatternMatch(start: Int(out.start), end: Int(out.end), captures: captures))
        }
    }

    @Test func agreesWithLua54OnTheFixture() throws {
        try LuaPatternMatcherTests.checkFixture { Self.run($0, $1, from: $2, anchoredAt: $3, steps: &$4) }
    }

    /// Over 20,000 generated pattern/subject pairs (every pattern feature, malformed ones, UTF-8
    /// bytes, starts anywhere, anchored or not) and budgets from tiny to ample: the same answer and
    /// the same steps left as the reference, including where a budget runs out.
    @Test func agreesWithTheReferenceOnGeneratedInputs() {
        let atoms = ["a", "b", ".", "%a", "%d", "%s", "%w", "%p", "%A", "[ab]", "[^ab]", "[a-c]", "[%d%s]", "[]]",
                     "[^]]", "\u{e1}", "%.", "%%", "%-", "x", " ", "1", "[", "%", "[a", "%z", "%f[%a]", "%f[%A]",
                     "%b()", "%bab", "(", ")", "()", "a*", "b+", "a-", "b?", ".*", ".-", "[ab]*", "%a+", "%1",
                     "%2", "$", "^", "(a)", "(.-)", "%0", "[a-]", "[-a]", "[^a-c]", "[c-a]", "[\u{e1}b]", "[a-cx]"]
        let letters = ["a", "b", "c", "1", " ", ".", "-", "(", ")", "\u{e1}", "x", "%", "]", "ab", "aa",
                       String(repeating: "x", count: 40), String(repeating: "ab ", count: 15)]
        var seed: UInt64 = 6021
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var disagreements = 0, budgetStops = 0, matches = 0, malformed = 0
        for _ in 0..<20_000 {
            let pattern = Array((0..<(next(6))).map { _ in atoms[next(atoms.count)] }.joined().utf8)
            let subject = Array((0..<(next(14))).map { _ in letters[next(letters.count)] }.joined().utf8)
            let from = next(subject.count + 1)
            let anchored = next(4) == 0
            let budget = [3, 10, 40, 200, 1_000_000, next(120)][next(6)]
            var cSteps = budget, swiftSteps = budget
            let c = Self.run(subject, pattern, from: from, anchoredAt: anchored, steps: &cSteps)
            let reference = LuaPatternMatcherTests.run(subject, pattern, from: from, anchoredAt: anchored, steps: &swiftSteps)
            switch reference {
            case .failure(.budgetExhausted): budgetStops += 1
            case .failure: malformed += 1
            case .success(let m): if m != nil { matches += 1 }
            }
            if c != reference || cSteps != swiftSteps {
                disagreements += 1
                if disagreements <= 10 {
                    Issue.record("\(LuaPatternMatcherTests.escape(pattern)) on \(LuaPatternMatcherTests.escape(subject)) from \(from)\(anchored ? " anchored" : "") budget \(budget): C \(c) (\(cSteps) left), reference \(reference) (\(swiftSteps) left)")
                }
            }
        }
        #expect(disagreements == 0)
        // the generator reaches every outcome
        #expect(budgetStops > 500 && matches > 2_000 && malformed > 500)
    }

    /// Sets whose range starts at byte 0 or ends at byte 255, plain or negated, as the first item
    /// of a pattern: the C matcher lists such a set's members before it scans the subject, and
    /// that listing must end at the last byte value and agree with the reference.
    @Test func setsReachingEitherEndOfTheByteRange() {
        let subjects: [[UInt8]] = [[0x00, 0x41, 0xFF], [0xFE, 0xFF], [0x00, 0x00], Array(0...255), Array((0...255).reversed()), []]
        let patterns: [[UInt8]] = [[0x5B, 0x01, 0x2D, 0xFF, 0x5D], [0x5B, 0x5E, 0x01, 0x2D, 0xFF, 0x5D], [0x5B, 0xFF, 0x5D],
                                   [0x5B, 0x00, 0x2D, 0x01, 0x5D], [0x5B, 0x80, 0x2D, 0xFF, 0x5D, 0x2B], [0xFF, 0x2E]]
        for subject in subjects {
            for pattern in patterns {
                for budget in [5, 300, 1_000_000] {
                    var cSteps = budget, swiftSteps = budget
                    let c = Self.run(subject, pattern, steps: &cSteps)
                    let reference = LuaPatternMatcherTests.run(subject, pattern, steps: &swiftSteps)
                    #expect(c == reference && cSteps == swiftSteps,
                            "\(LuaPatternMatcherTests.escape(pattern)) on \(LuaPatternMatcherTests.escape(subject)) budget \(budget)")
                }
            }
        }
    }

    /// Long subjects of ASCII runs and accented letters, with patterns whose first item is one
    /// byte (looked for with memchr), a set without ASCII bytes (passed over eight ASCII bytes at a
    /// time), a set with them, a negated set or a class, and every budget from none to enough:
    /// the same answer and the same steps left as the reference, wherever the skip stops and
    /// wherever the budget runs out in it.
    @Test func theFastSkipsAgreeWithTheReferenceToTheStep() {
        let firsts = ["\u{e1}", "\u{e9}", "[\u{e1}\u{e9}]", "[\u{e1}\u{e0}\u{e2}\u{e3}]", "[\u{80}-\u{ff}]", "x", "b", "[xy]",
                      "[^x]", "%a", ".", "\u{ff}"]
        let rests = ["", "a", "x*", "%s", "(.)", "\u{a1}", "[ab]+"]
        let pieces = ["", " ", "ab", "\u{e1}", "\u{e9}", "\u{fc}", "b"] + (1...40).map { String(repeating: "x", count: $0) }
        var seed: UInt64 = 1404
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var disagreements = 0, budgetStops = 0, matches = 0
        for _ in 0..<3_000 {
            let pattern = Array((firsts[next(firsts.count)] + rests[next(rests.count)]).utf8)
            let subject = Array((0..<(1 + next(8))).map { _ in pieces[next(pieces.count)] }.joined().utf8)
            let from = next(subject.count + 1)
            for budget in [next(subject.count * 3 + 2), next(40), 1_000_000] {
                var cSteps = budget, swiftSteps = budget
                let c = Self.run(subject, pattern, from: from, steps: &cSteps)
                let reference = LuaPatternMatcherTests.run(subject, pattern, from: from, steps: &swiftSteps)
                switch reference {
                case .failure(.budgetExhausted): budgetStops += 1
                case .success(let m?): _ = m; matches += 1
                default: break
                }
                if c != reference || cSteps != swiftSteps {
                    disagreements += 1
                    if disagreements <= 10 {
                        Issue.record("\(LuaPatternMatcherTests.escape(pattern)) on \(LuaPatternMatcherTests.escape(subject)) from \(from) budget \(budget): C \(c) (\(cSteps) left), reference \(reference) (\(swiftSteps) left)")
                    }
                }
            }
        }
        #expect(disagreements == 0)
        #expect(budgetStops > 500 && matches > 1_000)
    }

    /// Deep nesting stays within the matcher's own limit on a small thread stack.
    @Test func deepPatternsFailCleanlyOnASmallStack() {
        let results = LuaPatternMatcherTests.onSmallStack {
            var out: [String] = []
            for pattern in [String(repeating: "a?", count: 250), String(repeating: "(", count: 40) + "a",
                            String(repeating: "()", count: 33)] {
                var steps = 1_000_000_000
                let result = Self.run(Array(String(repeating: "a", count: 300).utf8), Array(pattern.utf8), steps: &steps)
                if case .failure(.malformed(let message)) = result { out.append(message) } else { out.append("\(result)") }
            }
            return out
        }
        #expect(results == ["pattern too complex", "too many captures", "too many captures"])
    }
}
