import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

// Guards the first promise of the engine: an assessment depends on the case and the framework
// alone. A framework is frozen once loaded, so no call can leave state for a later indicator or
// case. The hostile framework `stateful` tries every way we know to carry state between calls:
//
//   global            `seen = (seen or 0) + 1` in a rule function
//   g_field           `_G.x = ...`
//   rawset_g          `rawset(_G, "x", ...)`
//   upvalue_table     a write into a module-level table held as an upvalue
//   table_insert      `table.insert` into a module-level list
//   rawget_module     a write through `rawget(require "lib.x", "T")`
//   pairs_module      a write through a value `pairs` returns from a module
//   next_module       a write into a module's nested list found with `next`
//   ipairs_module     `rawset` on a module list walked with `ipairs`
//   setmetatable_module  `setmetatable` on a module table
//   class_field       a write into a module-level class (a metatable's __index)
//   getmetatable_write   a write through `getmetatable(object)`
//   instance_field    a write into an object a module built at load time
//   engine_table      a write into the engine's own tables (`m.scales.maturity`)
//   load_env          `load(..., _ENV)` to assign a global in the module's environment
//   load_time_coroutine  resuming a coroutine created while the module loaded
//   string_library    a write into the string library
// plus, in frameworks of their own (they cannot load at all):
//   scalar_upvalue    `count = count + 1` on a module-level local
//   factory_upvalue   a counter closure made at load time by a factory
// and four things a result must not depend on: the engine's internals (`_describe`,
// `sandbox_internal`), the heap size (`collectgarbage("count")`), `math.randomseed()` and the
// order of `pairs`.
@Suite("No state survives a call")
struct StateIsolationTests {
    static let source = try! String(contentsOfFile: Fixtures.rules + "/frameworks/stateful/framework.lua", encoding: .utf8)

    /// The line marked `-- way: id` in a fixture.
    static func line(of way: String, in source: String = source) -> Int? {
        source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasSuffix("-- way: \(way)") }.map { $0 + 1 }
    }

    static let writes = ["global", "g_field", "rawset_g", "upvalue_table", "table_insert", "rawget_module",
                         "pairs_module", "next_module", "ipairs_module", "setmetatable_module", "class_field",
                         "getmetatable_write", "instance_field", "engine_table", "load_env", "load_time_coroutine",
                         "string_library"]

    static func caseValue(_ id: String) -> LuaValue { ["id": .string(id), "identification": ["country": "UY"]] }

    @Test func everyWriteIsAViolationAtItsLine() throws {
        let a = try withAssessor("stateful") { try $0.assess(CaseDocument(id: "a", value: Self.caseValue("a"))) }
        for way in Self.writes {
            let result = try #require(a.indicator(way), "\(way)")
            #expect(result.status == .error, "\(way) was not refused: \(result.status)")
            #expect(result.failure?.kind == "sandbox_violation", "\(way): \(result.failure?.kind ?? "-") \(result.failure?.message ?? "")")
            #expect(result.failure?.line == Self.line(of: way), "\(way): reported at line \(result.failure?.line ?? -1)")
            #expect(result.failure?.file?.hasSuffix("frameworks/stateful/framework.lua") == true, "\(way): \(result.failure?.file ?? "-")")
        }
        #expect(a.indicator("engine_internals")?.grade?.id == "0")
        let heap = try #require(a.indicator("heap_size"))
        #expect(heap.status == .error)
        #expect(heap.failure?.message.contains("collectgarbage('count') is not available") == true)
        #expect(heap.failure?.line == Self.line(of: "heap_size"))
        #expect(a.indicator("pairs_order")?.grade?.id == "2")
    }

    @Test func resultsDoNotDependOnWhatRanBefore() throws {
        // The same case first, after other cases, and again: byte-identical assessments.
        let (first, again, later) = try withAssessor("stateful") { assessor in
            let first = try assessor.assess(CaseDocument(id: "a", value: Self.caseValue("a")))
            for n in 0..<5 { _ = try assessor.assess(CaseDocument(id: "b\(n)", value: Self.caseValue("b\(n)"))) }
            let again = try assessor.assess(CaseDocument(id: "a", value: Self.caseValue("a")))
            return (first, again, try assessor.assess(CaseDocument(id: "a", value: Self.caseValue("a"))))
        }
        let fresh = try withAssessor("stateful") { try $0.assess(CaseDocument(id: "a", value: Self.caseValue("a"))) }
        #expect(first.jsonText() == again.jsonText())
        #expect(first.jsonText() == later.jsonText())
        #expect(first.jsonText() == fresh.jsonText())
        #expect(first.indicator("random_seed")?.grade == again.indicator("random_seed")?.grade)
    }

    @Test(arguments: [("stateful-upvalue", "scalar_upvalue", "count"), ("stateful-counter", "factory_upvalue", "n")])
    func assigningAVariableThatOutlivesACallIsRefusedAtLoad(framework: String, way: String, name: String) throws {
        let source = try String(contentsOfFile: Fixtures.rules + "/frameworks/\(framework)/framework.lua", encoding: .utf8)
        do {
            _ = try Fixtures.loader().load(framework)
            Issue.record("\(framework) loaded")
        } catch {
            let problem = try #require(error.problems.first)
            #expect(problem.message.contains("sandbox_violation"))
            #expect(problem.message.contains("assignment to '\(name)', a variable that outlives one call"))
            #expect(problem.line == Self.line(of: way, in: source))
            #expect(problem.file?.hasSuffix("frameworks/\(framework)/framework.lua") == true)
        }
    }

    /// Functions are checked once per distinct bytecode. Keyed by chunk name and lines instead,
    /// a function that keeps a counter went unchecked when a module loaded a harmless one of the
    /// same name and lines first (`load` lets a module name its chunks): the counter then carried
    /// from case to case (levels 1, 2, 3 on three identical cases). Both orders, several names.
    @Test(arguments: [("{ counter, harmless }", "=same"), ("{ harmless, counter }", "=same"),
                      ("{ counter, harmless }", "@lib/x.lua"), ("{ harmless, counter }", "=(load)")])
    func aCounterWithTheNameAndLinesOfACheckedFunctionIsStillRefused(order: String, chunk: String) throws {
        let source = """
            local m = require "mecigep"
            local harmless = load("return function() return 0 end", "\(chunk)")()
            local counter = load("local c = 0 return function() c = c + 1 return c end", "\(chunk)")()
            local pair = \(order)
            return m.framework {
              id = "twins", version = "1.0.0", scale = m.scales.maturity,
              title = { en = "T", es = "T", pt = "T", fr = "T" },
              criteria = { m.criterion { id = "c", title = { en = "C", es = "C", pt = "C", fr = "C" },
                indicators = { m.indicator { id = "i", title = { en = "I", es = "I", pt = "I", fr = "I" },
                  reads = { "problem" },
                  evaluate = function(case, ctx) return ctx.level((pair[1]() + pair[2]()) % 5) end } } } },
            }
            """
        do {
            let levels = try withInlineFramework("twins", source) { assessor in
                try (1...3).map { n in
                    try assessor.assess(CaseDocument(id: "c\(n)", value: ["problem": "x"])).indicator("i")?.grade?.id
                }
            }
            Issue.record("the framework loaded; levels of three identical cases: \(levels)")
        } catch let error as FrameworkLoadError {
            let problem = try #require(error.problems.first)
            #expect(problem.message.contains("sandbox_violation"), "\(problem.message)")
            #expect(problem.message.contains("assignment to 'c', a variable that outlives one call"), "\(problem.message)")
        }
    }
}
