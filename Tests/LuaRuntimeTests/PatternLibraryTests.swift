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

    /// Over 3,000 generated pattern/subject pairs (sets, classes, anchors, escapes, UTF-8 bytes,
    /// quantifiers, captures, malformed ones): find, match, gsub (with a replacement string, a
    /// table looked up plainly or through __index, and a function) and gmatch answer exactly what
    /// lua5.4 answers, errors included (their text, without the position).
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
              out[#out + 1] = show(pcall(string.gsub, subject, pat, function(a, b) return b and (a .. "/" .. b) or nil end))
              local words = {}
              local ok, err = pcall(function() for a, b in string.gmatch(subject, pat, init) do words[#words + 1] = tostring(a) .. (b and "," .. tostring(b) or "") end end)
              out[#out + 1] = ok and bytes(table.concat(words, "|")) or ("error " .. bytes(strip(err)))
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

    /// Long subjects are charged as the matcher scans them, so a huge subject stops at the
    /// instruction budget instead of running past it in C, whatever the pattern and function.
    @Test func longSubjectsAreChargedAsTheyAreScanned() throws {
        for source in ["local s = string.rep('a', 1e6); return s:gsub('[xyz]', '')",
                       "local s = string.rep('a', 1e6); return s:find('[xyz]b')",
                       "local s = string.rep('a', 1e6); return s:match('%d%d')",
                       "local s = string.rep('a', 1e6); for w in s:gmatch('b') do end",
                       "local s = string.rep('a', 1e7); return s:find('ab', 1, true)",
                       "local s = string.rep('a', 1e7); return s:find(string.rep('a', 40) .. 'b', 1, true)"] {
            let error = try #require(failure(source, limits: LuaLimits(instructions: 200_000, timeoutSeconds: 5)), "\(source)")
            #expect(error.kind == .instructionLimit, "\(source)")
        }
        let light = try run("return (string.rep('a', 1000):gsub('[xyz]', ''))").get().usage.instructions
        let heavy = try run("return (string.rep('a', 100000):gsub('[xyz]', ''))").get().usage.instructions
        #expect(heavy > light + 100_000)
    }

    /// The whole specification of the four functions (Fixtures/pattern_functions_spec.lua: 44,549
    /// checks of results, captures, argument and pattern errors with their places, empty-match
    /// rules, replacement strings, tables and functions, unfinished captures, method calls and
    /// the names in messages) answers in the sandbox exactly as in lua5.4.
    @Test func theSpecificationAnswersAsTheRealInterpreter() throws {
        let spec = Self.script.deletingLastPathComponent().appendingPathComponent("pattern_functions_spec.lua")
        let source = try String(contentsOf: spec, encoding: .utf8)
        let ours = try run(source, limits: LuaLimits(instructions: 2_000_000_000, memoryBytes: 256 << 20,
                                                     timeoutSeconds: 120)).get().value.stringValue ?? ""
        let real = try Self.stockLua(spec.path)
        #expect(real.status == 0)
        let a = ours.split(separator: "\n", omittingEmptySubsequences: false)
        let b = real.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        #expect(a.count > 40_000)
        var differences = 0
        for (x, y) in zip(a, b) where x != y {
            differences += 1
            if differences <= 5 { Issue.record("sandbox: \(x)\nlua5.4:  \(y)") }
        }
        #expect(differences == 0)
    }

    /// A gmatch iterator is state: made in one call and used in another (kept in a module while
    /// it loaded, then advanced by every rule call), it would let one call's result depend on the
    /// calls before it. It works within the call that made it, load included, and is a sandbox
    /// violation in any other.
    @Test func aGmatchIteratorBelongsToTheCallThatMadeIt() throws {
        let folder = TemporaryFolder()
        folder.write("lib/words.lua", """
            local words = string.gmatch("alpha beta gamma delta", "%a+")
            local M = { first = words() }
            function M.next() return words() end
            function M.fresh() local it = string.gmatch("x y", "%a") return it() .. it() end
            return M
            """)
        let outcome: (first: LuaValue?, later: LuaError?, fresh: LuaValue?) = LuaThread.run {
            guard let runtime = try? LuaRuntime(configuration: LuaConfiguration(
                limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3), moduleRoots: [folder.path])) else {
                return (nil, nil, nil)
            }
            let first = try? runtime.evaluate("local m = require 'lib.words' return { m.first, m.next(), m.fresh() }",
                                              chunkName: "one.lua").value
            var later: LuaError?
            do throws(LuaError) { _ = try runtime.evaluate("return require('lib.words').next()", chunkName: "two.lua") } catch { later = error }
            let fresh = try? runtime.evaluate("return require('lib.words').fresh()", chunkName: "three.lua").value
            return (first, later, fresh)
        }
        #expect(outcome.first == ["alpha", "beta", "xy"])
        #expect(outcome.later?.kind == .sandboxViolation)
        #expect(outcome.later?.message.contains("gmatch") == true)
        #expect(outcome.fresh == "xy")
    }

    @Test func matchingWorkIsCharged() throws {
        // The same Lua work; the second pattern backtracks over the subject from every start.
        let light = try run("return string.find(string.rep('a', 1000), 'b')").get().usage.instructions
        let heavy = try run("return string.find(string.rep('a', 1000), '.-b')").get().usage.instructions
        #expect(heavy > light + 400_000)
    }
}
