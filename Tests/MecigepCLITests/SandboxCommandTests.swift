import Foundation
import Testing

@Suite("mecigep sandbox, run as an executable")
struct SandboxCommandTests {
    @Test func printsTheReturnedValueAsJSON() throws {
        let scratch = Scratch()
        let file = scratch.write("ok.lua", "print('working') return { answer = 42, list = {1, 2}, name = 'olá' }")
        let out = try Executable.run(["sandbox", file])
        #expect(out.status == 0)
        #expect(out.stdout == """
            {
              "answer": 42,
              "list": [
                1,
                2
              ],
              "name": "olá"
            }

            """)
        #expect(out.stderr == "working\n")
    }

    @Test func runsExactlyWhatRulesGetWithTheRuleAPIAndAnyBytesInStrings() throws {
        let scratch = Scratch()
        // A Latin-1 "é" (one byte, 0xE9) in a string literal: Lua accepts any bytes there.
        let file = scratch.write("latin1.lua", "return { #(\"caf\u{FFFF}\"), require('mecigep').scales.maturity.id }")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        if let at = bytes.firstIndex(of: 0xEF) { bytes.replaceSubrange(at..<(at + 3), with: [0xE9]) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let out = try Executable.run(["sandbox", file])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "") == "[4,\"maturity\"]")
    }

    @Test func runtimeErrorsAreStructuredJSONOnStderr() throws {
        let scratch = Scratch()
        let file = scratch.write("bad.lua", "local x = nil\nreturn x.field")
        let out = try Executable.run(["sandbox", file])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        let error = try #require(Executable.json(out.stderr))
        #expect(error["kind"] as? String == "runtime")
        #expect(error["file"] as? String == file)
        #expect(error["line"] as? Int == 2)
        #expect(error["message"] as? String == "attempt to index a nil value (local 'x')")
    }

    @Test func budgetsComeFromOptions() throws {
        let scratch = Scratch()
        let loop = scratch.write("loop.lua", "while true do end")
        let instructions = try Executable.run(["sandbox", loop, "--instructions", "100000"])
        #expect(instructions.status == 1)
        #expect(Executable.json(instructions.stderr)?["kind"] as? String == "instruction_limit")
        let time = try Executable.run(["sandbox", loop, "--instructions", "100000000000", "--timeout", "0.2"])
        #expect(Executable.json(time.stderr)?["kind"] as? String == "time_limit")
        let bomb = scratch.write("bomb.lua", "local s = 'x' while true do s = s .. s end")
        let memory = try Executable.run(["sandbox", bomb, "--memory", "8"])
        #expect(Executable.json(memory.stderr)?["kind"] as? String == "memory_limit")
    }

    @Test func syntaxErrorsAndViolations() throws {
        let scratch = Scratch()
        let syntax = try Executable.run(["sandbox", scratch.write("s.lua", "return = 1")])
        #expect(syntax.status == 1)
        #expect(Executable.json(syntax.stderr)?["kind"] as? String == "syntax")
        #expect(Executable.json(syntax.stderr)?["line"] as? Int == 1)
        let violation = try Executable.run(["sandbox", scratch.write("v.lua", "return os.getenv('HOME')")])
        #expect(violation.status == 1)
        #expect(Executable.json(violation.stderr)?["kind"] as? String == "sandbox_violation")
    }

    @Test func requireUsesTheRulesFolder() throws {
        let scratch = Scratch()
        scratch.write("rules/lib/greet.lua", "return { hello = function(n) return 'hola ' .. n end }")
        let file = scratch.write("main.lua", "return require('lib.greet').hello('Lima')")
        let out = try Executable.run(["sandbox", file, "--rules", scratch.url.appendingPathComponent("rules").path])
        #expect(out.status == 0)
        #expect(out.stdout == "\"hola Lima\"\n")
        let without = try Executable.run(["sandbox", file])
        #expect(without.status == 1)
        #expect((Executable.json(without.stderr)?["message"] as? String)?.contains("no module folder") == true)
    }

    @Test(arguments: [
        ["sandbox"],
        ["sandbox", "/nonexistent/file.lua"],
        ["sandbox", "x.lua", "--instructions", "-5"],
        ["sandbox", "x.lua", "--memory", "0"],
        ["sandbox", "x.lua", "--bogus"],
        ["no-such-command"],
    ])
    func usageErrorsExitWithTwo(arguments: [String]) throws {
        let out = try Executable.run(arguments)
        #expect(out.status == 2, "\(out.stderr)")
        #expect(!out.stderr.isEmpty)
    }

    @Test func helpAndVersionExitWithZero() throws {
        let help = try Executable.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes"))
        let sandboxHelp = try Executable.run(["sandbox", "--help"])
        #expect(sandboxHelp.status == 0)
        #expect(sandboxHelp.stdout.contains("--instructions"))
        let version = try Executable.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func theShippedExampleRuns() throws {
        let out = try Executable.run(["sandbox", "examples/sandbox/maturity.lua", "--rules", "examples/sandbox"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("\"label\": \"complete and resourced\""))
    }
}
