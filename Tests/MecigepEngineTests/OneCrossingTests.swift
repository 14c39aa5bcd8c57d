import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// `Assessor.assess` evaluates a case's indicators in one crossing into Lua, and falls back to
/// one call per indicator for whatever that crossing cannot settle. Guarded here: every
/// indicator result is exactly what one call per indicator gives (levels, notes, traces, and
/// for failures their kind, message and place), whatever fails, wherever in the framework it
/// sits, over many generated cases, for the whole framework and for a drawn part of it (rule
/// tests and robustness evaluate a few indicators in one crossing); and the shipped frameworks
/// agree on every shipped case.
@Suite("One crossing per case")
struct OneCrossingTests {
    /// Indicators that fail in every way a rule can, between ones that work, in an order drawn
    /// per test so that failures sit first, last and in the middle.
    static let bodies: [(String, String)] = [
        ("reads", "local n = 0; for _, r in ipairs(case.results or {}) do ctx.check('has target', r.target ~= nil); n = n + 1 end; ctx.finding('n', { 'results' }); return math.min(n, 4)"),
        ("level", "return ctx.level(case.problem and case.problem.baseline and 3 or 1, { en = 'note', es = 'nota' })"),
        ("insufficient", "return ctx.insufficient({ 'problem.baseline.year' }, 'no year')"),
        ("random", "return math.random(0, 4)"),
        ("raises", "local x = case.problem.baseline.value; error('failed on ' .. tostring(x))"),
        ("caught", "local ok = pcall(error, 'inside'); return ok and 0 or 2"),
        ("loops", "while true do end"),
        ("memory", "local t = {}; for i = 1, 1e8 do t[i] = string.rep('x', 64) .. i end"),
        ("violation", "leaked = 1; return 1"),
        ("off_scale", "return 9"),
        ("bad_note", "return ctx.level(2, function() end)"),
        ("writes_case", "case.problem = 1; return 1"),
        ("recommends", "ctx.recommend { text = 'do it', priority = 'high', horizon = 'short' }; return 2"),
        ("replaces_list", "ctx.findings = { { text = 'kept', evidence = {} } }; return 1"),
        ("slow", "local n = 0; for i = 1, 3000000 do n = n + i % 7 end; return n % 5"),
        ("coroutine", "local co = coroutine.wrap(function() coroutine.yield(2) end); return co()"),
        // The case's views are shared by a crossing's indicators: nothing one does to them reaches
        // the next (each is a violation), and the context's lazily made fields are each call's own.
        ("rawsets_case", "rawset(case, 'problem', 1); return 1"),
        ("rawsets_field", "local p = case.problem; if p then rawset(p, 'baseline', 1) end; return 1"),
        ("setmeta_case", "setmetatable(case, nil); return 1"),
        ("ctx_lists", "ctx.findings = nil; ctx.finding('again', { 'problem' }); ctx.suggestions.x = 1; return #ctx.findings"),
        ("ctx_fields", "ctx.indicator.id = 'changed'; ctx.framework.extra = 1; return (ctx.criterion.id and ctx.scale.id == 'maturity') and 3 or 0"),
        ("ctx_read", "return (ctx.indicator.id == 'ctx_read' and ctx.framework.extra == nil and rawget(ctx, 'findings') == nil) and 4 or 0"),
        // A rule's own error is settled inside the crossing (host.try records it with the host's
        // message handler): every shape of error, and every place it can come from, must read
        // as the same error raised in a call of its own — message, file, line and trace.
        ("raises_table", "error({ code = 1 })"),
        ("raises_number", "error(42)"),
        ("raises_tostring", "error(setmetatable({}, { __tostring = function() return 'custom' end }))"),
        ("raises_level2", "local function f() error('deep', 2) end; local _ = case.id; f(); return 1"),
        ("raises_level0", "error('plain', 0)"),
        ("raises_prefix", "error('lib/fake.lua:9: made up', 0)"),
        ("raises_controls", "error('a\\0b\\1c\\255')"),
        ("index_absent", "return case.nothing.deeper"),
        ("arith_view", "return case.problem + 1"),
        ("bad_argument", "return #string.lower(case.results)"),
        ("deep_frames", "local function f(n) if n == 0 then error('bottom') end return f(n - 1) + 0 end; return f(12)"),
        ("loaded_named", "local f = load('local c = ... ; error(\"from chunk \" .. tostring(c.id))', '=lib/named.lua'); f(case)"),
        ("loaded_like_file", "local f = load('error(\"posing\")', '@rules/frameworks/mixed/framework.lua'); f()"),
        ("loaded_unnamed", "load('local x = nil; return x.y')()"),
        ("ctx_misuse", "ctx.finding(42); return 1"),
        ("returns_nothing", "local _ = case.problem"),
        ("recursion", "local function f() local _ = case.id; return 1 + f() end; return f()"),
        ("recursion_checks", "local function f(n) if n % 1000 == 0 then ctx.check('deeper', true) end; return 1 + f(n + 1) end; return f(1)"),
        ("recursion_in_c", "local t = setmetatable({}, {}); getmetatable(t).__index = function(s, k) return s[k .. 'x'] end; return t.a"),
        ("after_refusal", "local ok = pcall(string.rep, 'x', 1 << 40); error('after ' .. tostring(ok))"),
        ("handler_fails", "local ok, e = xpcall(function() error('a') end, function(e) error(e .. 'b', 0) end); error(e, 0)"),
        ("missing_module", "require('no.such.module')"),
        ("module_at_call", "local g = require('lib.good'); return g.fails(case)"),
        ("module_broken", "require('lib.broken'); return 1"),
    ]

    /// Modules the bodies require while they run (the framework itself requires none of them).
    static let modules: [(String, String)] = [
        ("lib/good.lua", "local M = {}\nfunction M.fails(case)\n  local _ = case.id\n  error('inside the module')\nend\nreturn M\n"),
        ("lib/broken.lua", "local M = {\nreturn M\n"),
    ]

    static func framework(order: [Int]) -> String {
        let indicators = order.map { i in
            let (id, body) = bodies[i]
            return "m.indicator { id = \"\(id)\", title = \"\(id)\", reads = { \"results\", \"problem\" }, "
                + "evaluate = function(case, ctx)\n    \(body)\n  end }"
        }
        let half = indicators.count / 2
        return """
            local m = require "mecigep"
            return m.framework { id = "mixed", version = "1.0.0", title = "Mixed", languages = { "en" },
              scale = m.scales.maturity, criteria = {
                m.criterion { id = "a", title = "A", indicators = { \(indicators[..<half].joined(separator: ",\n")) } },
                m.criterion { id = "b", title = "B", indicators = { \(indicators[half...].joined(separator: ",\n")) } },
              } }
            """
    }

    static func generatedCase(_ rng: inout SplitMix64, _ n: Int) -> CaseDocument {
        var fields: [String: LuaValue] = ["id": .string("case-\(n)")]
        if rng.next() % 4 != 0 {
            let baseline: LuaValue = rng.next() % 2 == 0 ? ["value": .integer(Int64(rng.next() % 100)), "year": 2024]
                                                        : ["value": "many"]
            fields["problem"] = ["baseline": baseline]
        }
        fields["results"] = .array((0..<Int(rng.next() % 6)).map { k in
            rng.next() % 3 == 0 ? ["indicator": .string("i\(k)")] : ["indicator": .string("i\(k)"), "target": .integer(Int64(k))]
        })
        let value = LuaValue.object(fields)
        return CaseDocument(id: "case-\(n)", value: value)
    }

    /// Seeds 1-4 run with an instruction budget too small for fast mode; 5-6 with the default
    /// budget, so the crossing runs in fast mode and loops, slow indicators and coroutines are
    /// stopped by the watchdog and run again exactly.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func sameResultsAsOneCallPerIndicator(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let order = Array(Self.bodies.indices).shuffled(using: &rng)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-crossing-\(UUID().uuidString)")
        let fw = folder.appendingPathComponent("frameworks/mixed")
        try FileManager.default.createDirectory(at: fw, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.framework(order: order).utf8).write(to: fw.appendingPathComponent("framework.lua"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        for (path, text) in Self.modules { try Data(text.utf8).write(to: folder.appendingPathComponent(path)) }
        let fast = seed > 4
        let loader = FrameworkLoader(rulesFolder: folder.path,
                                     limits: LuaLimits(instructions: fast ? 50_000_000 : 300_000, memoryBytes: 16 << 20,
                                                       timeoutSeconds: fast ? 10 : 2))
        let cases = (0..<(fast ? 3 : 12)).map { Self.generatedCase(&rng, $0) }
        let subsets = cases.map { _ in Set(Self.bodies.map(\.0).filter { _ in rng.next() % 2 == 0 }) }
        let outcome: Result<Int, any Error> = LuaThread.run {
            Result {
                let assessor = try Assessor(framework: try loader.load("mixed"), loader: loader, engineVersion: "t")
                let ids = Set(assessor.framework.indicators.map(\.id))
                var compared = 0
                for (document, some) in zip(cases, subsets) {
                    let whole = try assessor.assess(document).indicatorResults
                    let single = try assessor.evaluate(document, indicators: ids, oneCallEach: true)
                    for r in whole {
                        #expect(r == single[r.indicator.id], "seed \(seed), \(document.id), \(r.indicator.id)")
                        compared += 1
                    }
                    // a crossing of some of the indicators (rule tests, robustness) agrees too
                    let part = try assessor.evaluate(document, indicators: some)
                    #expect(Set(part.keys) == some)
                    for (id, r) in part { #expect(r == single[id], "seed \(seed), \(document.id), subset, \(id)") }
                }
                return compared
            }
        }
        #expect(try outcome.get() == cases.count * Self.bodies.count)
    }

    /// The views a crossing's indicators share are read-only by every means: writing past them
    /// (rawset) or replacing their metatable is a violation, as on the sandbox's own views, and
    /// the indicators after it read the case as it is.
    @Test func sharedViewsCannotBeChanged() throws {
        let source = """
            local m = require "mecigep"
            local function ind(id, body) return m.indicator { id = id, title = id, reads = { "problem" }, evaluate = body } end
            return m.framework { id = "tamper", version = "1.0.0", title = "T", languages = { "en" },
              scale = m.scales.maturity, criteria = { m.criterion { id = "a", title = "A", indicators = {
                ind("before", function(case) return case.problem and 3 or 0 end),
                ind("rawset", function(case) rawset(case, "problem", false); return 1 end),
                ind("rawset_field", function(case) rawset(case.problem, "baseline", false); return 1 end),
                ind("metatable", function(case) setmetatable(case, nil); return 1 end),
                ind("after", function(case) return (case.problem and case.problem.baseline) and 3 or 0 end),
              } } } }
            """
        let results = try withInlineFramework("tamper", source) { assessor in
            try assessor.assess(CaseDocument(id: "c", value: ["problem": ["baseline": ["value": 3]]])).indicatorResults
        }
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.indicator.id, $0) })
        #expect(byID["before"]?.grade?.score == 3)
        for id in ["rawset", "rawset_field", "metatable"] {
            #expect(byID[id]?.status == .error, "\(id)")
            #expect(byID[id]?.failure?.kind == LuaError.Kind.sandboxViolation.rawValue, "\(id)")
        }
        #expect(byID["after"]?.grade?.score == 3)
    }

    /// The engine keeps the case as plain tables beneath its traced views (the sandbox's own view
    /// of each table is not made): what guards that is that no rule ever holds one of those
    /// tables. A rule walks everything it can reach from a shipped case, by every means a rule
    /// has (indexing, pairs, ipairs, next, rawget, select over unpacked lists, the context), and
    /// every table it meets must be a traced view, whose writes are violations.
    @Test func noRuleEverHoldsATableOfTheCaseItself() throws {
        let source = """
            local m = require "mecigep"
            local function walk(case, ctx)
              local seen, count, raw = {}, 0, 0
              local function visit(t, depth)
                if type(t) ~= "table" or seen[t] or depth > 16 then return end
                seen[t] = true
                count = count + 1
                if getmetatable(t) ~= "case" then raw = raw + 1 end
                for _, v in pairs(t) do visit(v, depth + 1) end
                for _, v in ipairs(t) do visit(v, depth + 1) end
                local ok, _, v = pcall(next, t)
                if ok then visit(v, depth + 1) end
                for _, key in ipairs({ 1, "problem", "documents", "id" }) do
                  local fine, x = pcall(rawget, t, key)
                  if fine then visit(x, depth + 1) end
                  visit(t[key], depth + 1)
                end
                if #t > 0 then visit((select(1, table.unpack(t))), depth + 1) end
              end
              visit(case, 0)
              visit(ctx.get("problem"), 1)
              visit(ctx.get("documents"), 1)
              if count < 40 then return 0 end
              return raw == 0 and 4 or 1
            end
            return m.framework { id = "reach", version = "1.0.0", title = "R", languages = { "en" },
              scale = m.scales.maturity, criteria = { m.criterion { id = "a", title = "A", indicators = {
                m.indicator { id = "walk", title = "walk", reads = { "problem" }, evaluate = walk },
                m.indicator { id = "again", title = "again", reads = { "problem" }, evaluate = walk },
              } } } }
            """
        let file = Fixtures.repository.appendingPathComponent("examples/cases/uy-digital-government.yaml").path
        let document = try CaseDocument.load(path: file)
        let results = try withInlineFramework("reach", source) { assessor in try assessor.assess(document).indicatorResults }
        #expect(results.count == 2)
        for r in results {
            #expect(r.status == .assessed && r.grade?.score == 4, "\(r.indicator.id): \(r.failure?.message ?? "level \(r.grade?.score ?? -1)")")
        }
    }

    /// A case where nothing fails costs one crossing, not one per indicator.
    @Test func aCaseWithoutFailuresIsOneCrossing() throws {
        let (calls, indicators) = try withAssessor("tiny") { assessor in
            let before = assessor.luaCalls
            _ = try assessor.assess(CaseDocument(id: "complete", value: Fixtures.complete))
            return (assessor.luaCalls - before, assessor.framework.indicators.count)
        }
        #expect(indicators > 2)
        #expect(calls == 1)
    }

    /// An indicator the crossing cannot settle (it ran past fast mode's window, broke a rule of
    /// the sandbox) costs one exact call of its own: those before it keep the crossing's results
    /// and those after it run in a new crossing, rather than one exact call each, which is what
    /// one slow or failing indicator early in a framework used to cost every case. A rule's own
    /// error costs nothing more: the crossing settles it (one call in all).
    @Test(arguments: [("error('no')", 1), ("while true do end", 5), ("leaked = 1; return 1", 5)])
    func anUnsettledIndicatorCostsOneCallOfItsOwn(body: String, most: Int) throws {
        let indicators = (1...12).map { n in
            "m.indicator { id = \"i\(n)\", title = \"i\(n)\", reads = { \"problem\" }, evaluate = function(case) "
                + (n == 3 ? body : "return case.problem and 2 or 1") + " end }"
        }
        let source = """
            local m = require "mecigep"
            return m.framework { id = "stops", version = "1.0.0", title = "S", languages = { "en" },
              scale = m.scales.maturity, criteria = { m.criterion { id = "a", title = "A", indicators = {
                \(indicators.joined(separator: ",\n"))
              } } } }
            """
        let (calls, results) = try withInlineFramework("stops", source) { assessor in
            let before = assessor.luaCalls
            let results = try assessor.assess(CaseDocument(id: "c", value: ["problem": ["x": 1]])).indicatorResults
            return (assessor.luaCalls - before, results)
        }
        #expect(results.map(\.indicator.id) == (1...12).map { "i\($0)" })
        #expect(results[2].status == .error)
        #expect(results.enumerated().allSatisfy { $0.offset == 2 || $0.element.grade?.score == 2 })
        // the crossing, what a stopped crossing settled, the exact call (and its trace), a new crossing
        #expect(calls <= most, "\(calls) calls into Lua")
    }

    @Test func shippedFrameworksAgreeOnShippedCases() throws {
        let rules = Fixtures.repository.appendingPathComponent("rules").path
        for (framework, folder) in [("mecigep-core", "examples/cases"), ("pefa-budget", "examples/pefa-cases")] {
            let files = BatchRunner.caseFiles([Fixtures.repository.appendingPathComponent(folder).path]).files
            let loader = FrameworkLoader(rulesFolder: rules)
            let outcome: Result<Int, any Error> = LuaThread.run {
                Result {
                    let assessor = try Assessor(framework: try loader.load(framework), loader: loader, engineVersion: "t")
                    let ids = Set(assessor.framework.indicators.map(\.id))
                    var compared = 0
                    for file in files {
                        let document = try CaseDocument.load(path: file)
                        guard let whole = try? assessor.assess(document).indicatorResults else { continue }
                        let single = try assessor.evaluate(document, indicators: ids, oneCallEach: true)
                        for r in whole {
                            #expect(r == single[r.indicator.id], "\(file): \(r.indicator.id)")
                            compared += 1
                        }
                    }
                    return compared
                }
            }
            #expect(try outcome.get() > 20)
        }
    }
}
