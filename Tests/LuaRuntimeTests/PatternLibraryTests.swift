import Foundation
import Testing
import CLua
@testable import LuaRuntime

@Suite("string.find, match, gmatch and gsub on the step-counted matcher")
struct PatternLibraryTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pattern-cases.lua")

    @Test func sameResultsAsTheRealInterpreter() throws {
        let source = try String(contentsOf: Self.script, encoding: .utf8)
        let ours = try run(source, limits: LuaLimits(instructions: 50_000_000)).get().value.stringValue
        let real = try Self.stockLua(Self.script.path)
        #expect(real.status == 0)
        #expect(ours == real.output)
    }

    /// What stock `lua5.4` writes for the value the script at `path` returns.
    static func stockLua(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lua5.4", "-e", "io.write((dofile('\(path)')))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(arguments: [
        "return string.find(string.rep('a', 1e5), '.-.-.-.-b')",
        "return string.match(string.rep('a', 3e4), '(.-)(.-)(.-)b')",
        "for _ in string.gmatch(string.rep('a', 1e4), 'a*a*a*a*b') do end",
        "return string.gsub(string.rep('a', 1e4), '.-.-.-b', '')",
    ])
    func patternBombsAreStoppedByTheInstructionBudget(source: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(failure(source, limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 5)))
        #expect(error.kind == .instructionLimit)
        #expect(clock.now - start < .seconds(5))
    }

    /// Patterns that cannot backtrack run through the stock functions, charged up front; the rest
    /// through the step-counted matcher. Guarded over 3,000 generated pattern/subject pairs (sets,
    /// classes, anchors, escapes, UTF-8 bytes, malformed ones, and some with quantifiers or
    /// captures that must take the other path): find, match and gsub (with a replacement string,
    /// and with tables looked up by either path) answer exactly what lua5.4 answers, errors
    /// included (their text, without the position).
    @Test func generatedPatternsAnswerAsTheRealInterpreter() throws {
        let source = #"""
            local seed = 12345
            local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
            local atoms = { "a", "b", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%D", "[ab]", "[^ab]", "[a-c]",
              "[%d%s]", "[]]", "[^]]", "á", "[áé]", "%.", "%%", "%-", "%[", "x", " ", "1", "[", "%", "[a",
              "%z", "%f[%a]", "%b()", "(a)", "()", "a*", "b+", "a-", "b?", "%1", "$", "^" }
            local letters = { "a", "b", "c", "1", "2", " ", ".", "-", "(", ")", "á", "é", "x", "%", "]" }
            local function strip(e) return (tostring(e):gsub("^.-:%d+: ", "")) end
            local function bytes(x) -- results may cut a UTF-8 character: written as byte codes
              local out = {}
              for i = 1, #x do
                local c = string.byte(x, i)
                out[i] = c < 128 and string.char(c) or ("\\" .. c)
              end
              return table.concat(out)
            end
            local function show(ok, ...)
              if not ok then return "error " .. bytes(strip(...)) end
              local t = table.pack(...)
              for i = 1, t.n do t[i] = bytes(tostring(t[i])) end
              return table.concat(t, ",", 1, t.n)
            end
            local plain_table = { a = "A", b = false, ["1"] = 7, [" "] = "_", ["á"] = "a" }
            local indexed_table = setmetatable({ a = "<a>" }, { __index = function(_, k) return k == "b" and "<b>" or nil end })
            local out = {}
            for i = 1, 3000 do
              local p = {}
              for k = 1, rnd(4) do p[k] = atoms[rnd(#atoms)] end
              local pat = table.concat(p)
              local sub = {}
              for k = 1, rnd(12) - 1 do sub[k] = letters[rnd(#letters)] end
              local subject = table.concat(sub)
              local init = rnd(5) - 2
              out[#out + 1] = show(pcall(string.find, subject, pat, init))
              out[#out + 1] = show(pcall(string.match, subject, pat))
              out[#out + 1] = show(pcall(string.gsub, subject, pat, "<>", rnd(3) == 1 and 1 or nil))
              -- a table of replacements: looked up by the stock gsub when the pattern is linear and
              -- the lookup runs no code; through the matcher when __index is a function
              out[#out + 1] = show(pcall(string.gsub, subject, pat, rnd(2) == 1 and plain_table or indexed_table))
            end
            return table.concat(out, "\n")
            """#
        let ours = try run(source, limits: LuaLimits(instructions: 50_000_000)).get().value.stringValue
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("patterns-\(UUID().uuidString).lua")
        try Data(source.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let real = try Self.stockLua(script.path)
        #expect(real.status == 0)
        let a = (ours ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        let b = real.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("sandbox: \(x) | lua5.4: \(y)")
            break
        }
    }

    /// A pattern that cannot backtrack is charged for its work before the stock function runs, so
    /// a huge subject stops at the instruction budget instead of running past it in C.
    @Test func linearPatternsAreChargedBeforeTheyRun() throws {
        for source in ["local s = string.rep('a', 1e6); return s:gsub('[xyz]', '')",
                       "local s = string.rep('a', 1e6); return s:find('[xyz]b')",
                       "local s = string.rep('a', 1e6); return s:match('%d%d')"] {
            let error = try #require(failure(source, limits: LuaLimits(instructions: 2_000_000, timeoutSeconds: 5)), "\(source)")
            #expect(error.kind == .instructionLimit, "\(source)")
        }
        let light = try run("return (string.rep('a', 1000):gsub('[xyz]', ''))").get().usage.instructions
        let heavy = try run("return (string.rep('a', 100000):gsub('[xyz]', ''))").get().usage.instructions
        #expect(heavy > light + 400_000)
    }

    /// What makes the stock functions safe to run uncounted: for every pattern the sandbox calls
    /// linear (clua_pattern_is_linear), the work C's matcher does over a whole gsub, measured
    /// step by step with the step-counted port of it, stays within the charge made up front,
    /// (#s + 1) * (2 * #p + 1), on subjects built to make it work hard. Over 8,000 generated
    /// patterns, with quantifiers, sets, anchors and escapes anywhere; a pattern that could
    /// backtrack called linear would exceed the charge on the long runs of the subjects.
    @Test func linearPatternsNeverWorkPastTheirCharge() throws {
        let atoms = ["a", "b", ".", "%a", "%s", "[ab]", "[^b]", "[a-c]", "[]]", "[%a ]", "%", "*", "+", "-", "?",
                     "$", "^", "(", ")", "[", "%b()", "%f[a]", "%1", "%*", "%-", " "]
        let subjects = [String(repeating: "a", count: 120), String(repeating: "ab", count: 60),
                        String(repeating: " ", count: 120), String(repeating: "a", count: 119) + "b",
                        String(repeating: "aab ", count: 30), String(repeating: "(", count: 120)]
        var seed: UInt64 = 2026
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var linearWithQuantifier = 0
        for _ in 0..<8_000 {
            let pattern = (0..<(1 + next(5))).map { _ in atoms[next(atoms.count)] }.joined()
            let bytes = Array(pattern.utf8)
            let linear = bytes.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { clua_pattern_is_linear($0.baseAddress, $0.count) != 0 }
            }
            guard linear else { continue }
            if bytes.contains(where: { "*+-?".utf8.contains($0) }) { linearWithQuantifier += 1 }
            let anchored = bytes.first == UInt8(ascii: "^")
            let body = Array(anchored ? bytes.dropFirst() : bytes[...])
            for subject in subjects {
                let s = Array(subject.utf8)
                var work = 0
                var from = 0
                var malformed = false
                while from <= s.count {
                    var steps = Int.max / 4
                    let found: LuaPatternMatch?
                    do throws(LuaPatternError) {
                        found = try s.withUnsafeBufferPointer { sb throws(LuaPatternError) in
                            try body.withUnsafeBufferPointer { pb throws(LuaPatternError) in
                                try LuaPatternMatcher.matchAt(subject: sb, pattern: pb, at: from, steps: &steps)
                            }
                        }
                    } catch { malformed = true; break }
                    work += Int.max / 4 - steps
                    if let found, found.end > from { from = found.end } else { from += 1 }
                    if anchored { break }
                }
                if malformed { break }
                let charge = (s.count + 1) * (2 * bytes.count + 1)
                #expect(work <= charge, "\(pattern) on \(subject.prefix(8))...: \(work) steps, charged \(charge)")
            }
        }
        #expect(linearWithQuantifier > 200, "too few linear patterns with a quantifier were generated")
        // and the ones that backtrack are not linear
        for pattern in ["a*b", "a+$", ".-b", "a?a", "[ab]*[ab]*", "a-$", "(a)", "%b()", "%f[a]", "a%1"] {
            let bytes = Array(pattern.utf8)
            let linear = bytes.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { clua_pattern_is_linear($0.baseAddress, $0.count) != 0 }
            }
            #expect(!linear, "\(pattern)")
        }
    }

    @Test func matchingWorkIsCharged() throws {
        // The same Lua work; the second pattern backtracks over the subject from every start.
        let light = try run("return string.find(string.rep('a', 1000), 'b')").get().usage.instructions
        let heavy = try run("return string.find(string.rep('a', 1000), '.-b')").get().usage.instructions
        #expect(heavy > light + 400_000)
    }
}
