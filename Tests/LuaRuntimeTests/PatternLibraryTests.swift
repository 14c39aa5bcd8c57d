import Foundation
import Testing
@testable import LuaRuntime

@Suite("string.find, match, gmatch and gsub on the step-counted matcher")
struct PatternLibraryTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pattern-cases.lua")

    @Test func sameResultsAsTheRealInterpreter() throws {
        let source = try String(contentsOf: Self.script, encoding: .utf8)
        let ours = try run(source, limits: LuaLimits(instructions: 50_000_000)).get().value.stringValue
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lua5.4", "-e", "io.write((dofile('\(Self.script.path)')))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let real = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(ours == real)
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

    @Test func matchingWorkIsCharged() throws {
        // The same Lua work; the second pattern backtracks over the subject from every start.
        let light = try run("return string.find(string.rep('a', 1000), 'b')").get().usage.instructions
        let heavy = try run("return string.find(string.rep('a', 1000), '.-b')").get().usage.instructions
        #expect(heavy > light + 400_000)
    }
}
