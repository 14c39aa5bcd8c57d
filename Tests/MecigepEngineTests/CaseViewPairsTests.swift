import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// `pairs` over the case a rule receives (the engine's traced views; shim.h: clua_pairs_index)
/// lists a mapping's fields in one order, byte order of their names, whatever order the case
/// file gave them in, and a list in its order; every field it reaches is read through the view,
/// so it is recorded in the indicator's trace, in the order the walk reached it. A level or a
/// finding that depends on the order a rule walks the case in therefore depends on the case's
/// content alone, not on how the file was written or on Lua's hash order.
@Suite("pairs over the case")
struct CaseViewPairsTests {
    static let framework = """
        local m = require "mecigep"
        local function walk(v, path, out)
          for k, x in pairs(v) do
            local p = path .. "/" .. type(k) .. ":" .. tostring(k)
            if type(x) == "table" then walk(x, p, out) else out[#out + 1] = p .. "=" .. tostring(x) end
          end
        end
        return m.framework { id = "walk", version = "1.0.0", title = "W", languages = { "en" },
          scale = m.scales.maturity, criteria = { m.criterion { id = "c", title = "C", indicators = {
            m.indicator { id = "walk", title = "walk", reads = { "block" }, evaluate = function(case, ctx)
              local out = {}
              walk(case.block, "", out)
              ctx.finding(table.concat(out, "\\n"), { "block" })
              return 1
            end } } } } }
        """

    static let names = ["a", "b", "B", "Z", "aa", "id", "level", "x_1", "x_10", "x_9", "zz", "Amount", "_k"]

    /// A generated block: mappings of generated names (in a shuffled order; never empty, as a case
    /// reaches rules without its empty mappings), lists, scalars.
    static func value(_ rng: inout SplitMix64, depth: Int) -> LuaValue {
        switch rng.next() % (depth < 3 ? 6 : 3) {
        case 0: return .string("s\(rng.next() % 100)")
        case 1: return .integer(Int64(rng.next() % 1000))
        case 2: return .bool(rng.next() % 2 == 0)
        case 3, 4:
            var fields: [String: LuaValue] = [:]
            for name in names.shuffled(using: &rng).prefix(1 + Int(rng.next() % 6)) {
                fields[name] = value(&rng, depth: depth + 1)
            }
            return .object(fields)
        default:
            return .array((0..<Int(rng.next() % 5)).map { _ in value(&rng, depth: depth + 1) })
        }
    }

    /// What the rule's walk should give, and the paths it should read, in order.
    static func expected(_ v: LuaValue, _ listing: String, _ path: String, _ out: inout [String], _ reads: inout [String]) {
        func step(_ key: String, _ path: String, _ x: LuaValue) {
            reads.append(path)
            switch x {
            case .object, .array: expected(x, listing + "/" + key, path, &out, &reads)
            case .string(let s): out.append(listing + "/" + key + "=" + s)
            case .integer(let n): out.append(listing + "/" + key + "=\(n)")
            case .bool(let b): out.append(listing + "/" + key + "=\(b)")
            default: Issue.record("unexpected value \(x)")
            }
        }
        if case .object(let fields) = v {
            for name in fields.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                step("string:" + name, path + "." + name, fields[name]!)
            }
        } else if case .array(let items) = v {
            for (i, x) in items.enumerated() { step("number:\(i + 1)", path + "[\(i + 1)]", x) }
        }
    }

    @Test func aRuleWalksTheCaseInByteOrderAndEveryFieldItReachesIsRecorded() throws {
        var rng = SplitMix64(seed: 20261207)
        var blocks: [LuaValue] = []
        while blocks.count < 150 {
            let block = Self.value(&rng, depth: 0)
            if case .object = block { blocks.append(block) }
        }
        let results = try withInlineFramework("walk", Self.framework) { assessor in
            try blocks.enumerated().map { i, block in
                try assessor.assess(CaseDocument(id: "c\(i)", value: ["block": block])).indicator("walk")
            }
        }
        for (i, (block, result)) in zip(blocks, results).enumerated() {
            let result = try #require(result, "case \(i)")
            var listing: [String] = [], reads: [String] = ["block"]
            Self.expected(block, "", "block", &listing, &reads)
            // (a finding without text is not kept)
            #expect(result.findings.first?.text.translations["*"] ?? "" == listing.joined(separator: "\n"), "case \(i)")
            #expect(result.reads.map(\.path) == reads, "case \(i)")
        }
    }

    /// A view lists its keys once a crossing and keeps them (shim.h: clua_pairs_view), yet every
    /// `pairs` over it is charged that listing's work, the first and every later one alike: what a
    /// call pays never depends on whether an indicator before it in the crossing listed the same
    /// keys. One listing of a 20,000-key mapping fits the instruction budget here and two do not:
    /// the indicator that lists it twice is stopped by the budget whether it runs alone or after
    /// one that listed it, and the one that lists it once is not.
    @Test func everyPairsOverAViewIsChargedAsTheFirst() throws {
        let source = """
            local m = require "mecigep"
            local function count(t) local n = 0; for _ in pairs(t) do n = n + 1 end; return n end
            return m.framework { id = "twice", version = "1.0.0", title = "T", languages = { "en" },
              scale = m.scales.maturity, criteria = { m.criterion { id = "c", title = "C", indicators = {
                m.indicator { id = "once", title = "once", reads = { "big" }, evaluate = function(case)
                  return count(case.big) == 20000 and 2 or 0 end },
                m.indicator { id = "twice", title = "twice", reads = { "big" }, evaluate = function(case)
                  return count(case.big) + count(case.big) == 40000 and 3 or 0 end } } } } }
            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-pairs-\(UUID().uuidString)")
        let fw = folder.appendingPathComponent("frameworks/twice")
        try FileManager.default.createDirectory(at: fw, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(source.utf8).write(to: fw.appendingPathComponent("framework.lua"))
        var big: [String: LuaValue] = [:]
        for i in 1...20_000 { big["key\(i)"] = .integer(Int64(i)) }
        let document = CaseDocument(id: "big", value: ["big": .object(big)])
        for instructions: Int64 in [1_500_000, 1_600_000] {
            let loader = FrameworkLoader(rulesFolder: folder.path,
                                         limits: LuaLimits(instructions: instructions, memoryBytes: 256 << 20, timeoutSeconds: 20))
            let outcome: Result<([IndicatorResult], [String: IndicatorResult]), any Error> = LuaThread.run {
                Result {
                    let assessor = try Assessor(framework: try loader.load("twice"), loader: loader, engineVersion: "t")
                    let whole = try assessor.assess(document).indicatorResults
                    let alone = try assessor.evaluate(document, indicators: ["once", "twice"], oneCallEach: true)
                    return (whole, alone)
                }
            }
            let (whole, alone) = try outcome.get()
            #expect(whole.map(\.indicator.id) == ["once", "twice"])
            #expect(whole[0].grade?.score == 2, "budget \(instructions)")
            #expect(whole[1].status == .error, "budget \(instructions)")
            #expect(whole[1].failure?.message.contains("instruction") == true, "\(String(describing: whole[1].failure))")
            for r in whole { #expect(r == alone[r.indicator.id], "budget \(instructions): \(r.indicator.id)") }
        }
    }
}
