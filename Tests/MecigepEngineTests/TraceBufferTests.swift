import Foundation
import Testing
import LuaRuntime
@testable import MecigepEngine

/// A crossing's reads are kept in one buffer in C and read back by the host after the call
/// (shim.h: clua_trace_buffer; `LuaRuntime.forEachTracedRead`). These tests pin what a rule can
/// do to that buffer: whatever it reads, the indicator after it gets a trace of its own, a read
/// the host cannot hold fails that indicator alone, and the buffer is Lua memory under the cap.
@Suite struct TraceBufferTests {
    static let framework = """
        local m = require "mecigep"
        local function ind(id, body) return m.indicator { id = id, title = id, reads = { "problem" }, evaluate = body } end
        return m.framework { id = "buffer", version = "1.0.0", title = "b", scale = m.scales.maturity,
          criteria = { m.criterion { id = "c", title = "c", indicators = {
            ind("before", function(case) local _ = case.problem and case.problem.baseline; return 1 end),
            ind("bad_key", function(case) local _ = case.problem["\\255\\254"]; return 2 end),
            ind("many", function(case) for i = 1, N do local _ = case.problem["k" .. i] end; return 3 end),
            ind("after", function(case) local _ = case.problem; return 4 end),
          } } } }
        """

    static func run(reads: Int, memory: Int = 64 << 20) throws -> [String: IndicatorResult] {
        let source = framework.replacingOccurrences(of: "N", with: "\(reads)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-buffer-\(UUID().uuidString)")
        let fw = folder.appendingPathComponent("frameworks/buffer")
        try FileManager.default.createDirectory(at: fw, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(source.utf8).write(to: fw.appendingPathComponent("framework.lua"))
        let loader = FrameworkLoader(rulesFolder: folder.path,
                                     limits: LuaLimits(instructions: 500_000_000, memoryBytes: memory, timeoutSeconds: 20))
        let document = CaseDocument(id: "t", value: ["problem": ["baseline": ["value": 3]]])
        let outcome: Result<[String: IndicatorResult], any Error> = LuaThread.run {
            Result {
                let assessor = try Assessor(framework: try loader.load("buffer"), loader: loader, engineVersion: "t")
                return Dictionary(uniqueKeysWithValues: try assessor.assess(document).indicatorResults.map { ($0.indicator.id, $0) })
            }
        }
        return try outcome.get()
    }

    /// A path that is not UTF-8 (a rule indexing the case with raw bytes) fails that indicator
    /// with a message that says so; the others keep their levels and their own traces.
    @Test func aReadTheHostCannotHoldFailsItsIndicatorAlone() throws {
        let results = try Self.run(reads: 3)
        let bad = try #require(results["bad_key"])
        #expect(bad.status == .error)
        #expect(bad.failure?.message.contains("not valid UTF-8") == true, "\(String(describing: bad.failure))")
        #expect(results["before"]?.grade?.id == "1")
        #expect(results["before"]?.reads.map(\.path) == ["problem", "problem.baseline"])
        #expect(results["many"]?.grade?.id == "3")
        #expect(results["many"]?.reads.map(\.path) == ["problem", "problem.k1", "problem.k2", "problem.k3"])
        #expect(results["after"]?.reads.map(\.path) == ["problem"])
    }

    /// Many reads grow the buffer (from 4 KB, doubling) and come back whole and in order.
    @Test func aLongTraceComesBackWhole() throws {
        let results = try Self.run(reads: 50_000)
        let many = try #require(results["many"]?.reads)
        #expect(many.count == 50_001)
        #expect(many.last?.path == "problem.k50000")
        #expect(many.allSatisfy { $0.path == "problem" ? $0.kind == "table" : $0.kind == "absent" })
        #expect(results["after"]?.reads.map(\.path) == ["problem"])
    }

    /// A rule that reads without end is stopped by the state's memory budget (the buffer is Lua
    /// memory, as the call's set of paths read is), not by the host's memory; the indicator after
    /// it runs with a trace of its own.
    @Test func aRuleThatReadsWithoutEndMeetsTheMemoryCap() throws {
        let results = try Self.run(reads: 50_000_000, memory: 8 << 20)
        let many = try #require(results["many"])
        #expect(many.status == .error)
        #expect(many.failure?.kind == "memory_limit", "\(String(describing: many.failure))")
        #expect(results["after"]?.grade?.id == "4")
        #expect(results["after"]?.reads.map(\.path) == ["problem"])
    }
}
