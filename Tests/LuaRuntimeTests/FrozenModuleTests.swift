import Foundation
import Testing
@testable import LuaRuntime

/// What a module's tables look like to rule code once the module has loaded and been frozen
/// (`clua_freeze_table` in shim.h, which replaced the prelude's Lua `freeze_table`): every key
/// and value still there, listed in the sandbox's order (numbers, then strings, then booleans,
/// each ascending), `#` as before, metatables answering as before, and no write getting through.
/// A rule's result can depend on the order `pairs` lists a module's table in, so that order must
/// be the same on every load, whatever order the table was built in.
@Suite("Frozen module tables")
struct FrozenModuleTests {
    /// One key of a generated table: its Lua literal, `type`, `tostring` and place in the order.
    private struct Key: Hashable {
        let literal: String
        let type: String
        let text: String
        let rank: Int          // numbers 1, strings 2, booleans 3
        let number: Double     // numbers: the value (all exactly representable)
        let bytes: [UInt8]     // strings: UTF-8 (the process collates in the C locale: bytes)

        static func < (a: Key, b: Key) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            switch a.rank {
            case 1: return a.number < b.number
            case 2: return a.bytes.lexicographicallyPrecedes(b.bytes)
            default: return a.text == "false" && b.text == "true"
            }
        }

        static func integer(_ n: Int) -> Key {
            Key(literal: "[\(n)]", type: "number", text: "\(n)", rank: 1, number: Double(n), bytes: [])
        }
        static func float(_ x: Double, _ text: String) -> Key {
            Key(literal: "[\(text)]", type: "number", text: text, rank: 1, number: x, bytes: [])
        }
        static func string(_ s: String) -> Key {
            Key(literal: "[\"\(s)\"]", type: "string", text: s, rank: 2, number: 0, bytes: Array(s.utf8))
        }
        static func boolean(_ b: Bool) -> Key {
            Key(literal: "[\(b)]", type: "boolean", text: "\(b)", rank: 3, number: 0, bytes: [])
        }
    }

    private static let floats: [Key] = [.float(0.5, "0.5"), .float(-2.25, "-2.25"), .float(3.5, "3.5"),
                                        .float(1e9 + 0.5, "1000000000.5")]
    private static let words = ["a", "b", "B", "Z", "aa", "a b", "10", "9", "_x", "é", "ñu", "zz", "id", "level"]

    /// A table's keys in the order it is written (which the order it is listed in must not follow).
    private static func keys(_ rng: inout SplitMix) -> [Key] {
        var keys: [Key] = []
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: // a sequence, maybe with a hole
            let count = Int.random(in: 1...12, using: &rng)
            let hole = Bool.random(using: &rng) ? Int.random(in: 1...count, using: &rng) : 0
            keys = (1...count).filter { $0 != hole }.map(Key.integer)
        case 1: // strings only
            keys = words.shuffled(using: &rng).prefix(Int.random(in: 1...words.count, using: &rng)).map(Key.string)
            let letters = Array("abcdefXYZ019_")
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                keys.append(.string(String((0..<Int.random(in: 1...6, using: &rng)).map { _ in letters.randomElement(using: &rng)! })))
            }
        default: // everything at once
            keys = (1...Int.random(in: 1...5, using: &rng)).map(Key.integer)
            keys += [.integer(-3), .integer(0), .integer(100), .integer(1 << 40)].filter { _ in Bool.random(using: &rng) }
            keys += floats.filter { _ in Bool.random(using: &rng) }
            keys += words.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }.map(Key.string)
            keys += [Key.boolean(true), .boolean(false)].filter { _ in Bool.random(using: &rng) }
        }
        var unique: [Key] = []
        for key in keys where !unique.contains(where: { $0.text == key.text && $0.type == key.type }) { unique.append(key) }
        return unique.shuffled(using: &rng)
    }

    /// What a walk of a table with these keys lists, each value naming its key: "type:key=v:type:key"
    /// in the sandbox's order.
    private static func listing(_ keys: [Key]) -> [String] {
        keys.sorted(by: <).map { "\($0.type):\($0.text)=v:\($0.type):\($0.text)" }
    }

    @Test func aFrozenTableListsEveryKeyInTheSandboxOrder() throws {
        let folder = TemporaryFolder()
        var rng = SplitMix(state: 20261206)
        var tables: [[Key]] = []
        var module = "return {\n"
        for _ in 0..<300 {
            let keys = Self.keys(&rng)
            tables.append(keys)
            // the value of each key names it, so that a value listed under another key shows
            module += "  { " + keys.map { "\($0.literal) = \"v:\($0.type):\($0.text)\"" }.joined(separator: ", ") + " },\n"
        }
        module += "}\n"
        folder.write("gen/data.lua", module)
        let result = try run("""
            local data = require "gen.data"
            local out = {}
            for i = 1, #data do
              local t, listed = data[i], {}
              for k, v in pairs(t) do
                listed[#listed + 1] = type(k) .. ":" .. tostring(k) .. "=" .. v
                if t[k] ~= v then error("t[k] differs from what pairs gave for " .. tostring(k)) end
              end
              out[i] = { listed = listed, length = #t, meta = getmetatable(t) == nil, own = next(t) }
            end
            return out
            """, roots: [folder.path]).get()
        let out = try #require(result.value.arrayValue)
        #expect(out.count == tables.count)
        for (i, keys) in tables.enumerated() where i < out.count {
            let listed = out[i]["listed"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(listed == Self.listing(keys), "table \(i)")
            if keys.allSatisfy({ $0.rank == 1 && $0.number >= 1 && $0.number == $0.number.rounded() }),
               Set(keys.map(\.number)) == Set((0..<keys.count).map { Double($0 + 1) }) {
                #expect(out[i]["length"]?.integerValue == Int64(keys.count), "table \(i): #t")
            }
            #expect(out[i]["meta"] == true, "table \(i): a table without a metatable still shows none")
        }
    }

    /// `pairs` on a table a rule makes in its call (not frozen) lists its keys in the same order as
    /// on a frozen one, whatever order the keys were added in and whatever was added and removed
    /// before (which moves keys around in Lua's hash part): the order comes from the keys alone.
    /// The one list is made when the walk starts (shim.h: clua_pairs_raw): a key removed during the
    /// walk still comes, with nil; a key added during the walk does not.
    @Test func aTableMadeInTheCallListsItsKeysInTheSandboxOrder() throws {
        var rng = SplitMix(state: 20261207)
        var tables: [[Key]] = []
        var source = "local out = {}\n"
        for i in 0..<300 {
            let keys = Self.keys(&rng)
            tables.append(keys)
            // decoys added first and removed, then the keys in the generated order
            let decoys = (0..<Int.random(in: 0...20, using: &rng)).map { "[\"decoy\($0)\"] = true" }
            source += "do local t = { \(decoys.joined(separator: ", ")) }\n"
            source += "  for k in next, t do t[k] = nil end\n"
            for key in keys { source += "  t\(key.literal) = \"v:\(key.type):\(key.text)\"\n" }
            source += "  local listed = {}\n"
            source += "  for k, v in pairs(t) do listed[#listed + 1] = type(k) .. \":\" .. tostring(k) .. \"=\" .. v end\n"
            source += "  out[\(i + 1)] = listed end\n"
        }
        source += "return out\n"
        let result = try run(source, limits: LuaLimits(instructions: 50_000_000, memoryBytes: 64 << 20, timeoutSeconds: 10)).get()
        let out = try #require(result.value.arrayValue)
        #expect(out.count == tables.count)
        for (i, keys) in tables.enumerated() where i < out.count {
            #expect(out[i].arrayValue?.compactMap(\.stringValue) == Self.listing(keys), "table \(i)")
        }

        let changed = try run("""
            local t = { a = 1, b = 2, c = 3, [1] = "one" }
            local seen = {}
            for k, v in pairs(t) do
              seen[#seen + 1] = tostring(k) .. "=" .. tostring(v)
              if k == "a" then t.b = nil; t.z = 26 end
            end
            local f, s, c = pairs({ 10, 20, 30 })
            local k1 = f(s, c)
            local k2 = f(s, 99)      -- the control argument does not move the walk
            local k3, v3 = f(s, nil)
            return { table.concat(seen, ","), k1, k2, k3, v3, f(s, k3) == nil }
            """).get()
        #expect(changed.value == ["1=one,a=1,b=nil,c=3", 1, 2, 3, 30, true])
    }

    @Test func metatablesAnswerAsBeforeTheModuleWasFrozen() throws {
        let folder = TemporaryFolder()
        folder.write("gen/meta.lua", """
            local defaults = { colour = "blue" }
            local mt = {}
            return {
              with_index = setmetatable({ size = 3 }, { __index = defaults }),
              locked = setmetatable({ 1, 2 }, { __metatable = "locked" }),
              plain = setmetatable({ x = 1 }, mt),
              mt = mt,
              counted = setmetatable({}, { __len = function() return 7 end }),
              listed = setmetatable({ a = 1 }, { __pairs = function(t) return next, { only = "this" }, nil end }),
            }
            """)
        let result = try run("""
            local m = require "gen.meta"
            local k, v = pairs(m.listed)(select(2, pairs(m.listed)))
            return { m.with_index.colour, m.with_index.size, getmetatable(m.locked), getmetatable(m.plain) == m.mt,
                     #m.counted, #m.locked, m.locked[2], k, v, rawget(m.with_index, "size") }
            """, roots: [folder.path]).get()
        #expect(result.value == ["blue", 3, "locked", true, 7, 2, 2, "only", "this", 3])
    }

    /// A frozen module's environment reads its globals through one table (the sandbox's globals
    /// with the module's own over them) instead of the chain environment, contents, sandbox
    /// globals. Every name must read as before: the module's own globals, one that shadows a
    /// sandbox global, the sandbox's globals, nil for an unknown name, a violation for a removed
    /// library; and rawget, pairs and assignment still see only what the module itself defined.
    @Test func aModulesGlobalsReadAsBeforeItWasFrozen() throws {
        let folder = TemporaryFolder()
        folder.write("gen/globals.lua", """
            answer = 42
            tostring = function(v) return "mine:" .. type(v) end
            local M = {}
            function M.read()
              local names = {}
              for k in pairs(_ENV) do names[#names + 1] = tostring(k) end
              return { answer, tostring(1), type(ipairs), string.upper("x"), math.max(1, 2), unknown_name == nil,
                       rawget(_ENV, "answer"), rawget(_ENV, "type") == nil, rawget(_ENV, "string") == nil,
                       null ~= nil, #names > 20 }
            end
            function M.removed() return io end
            function M.write() answer = 43 end
            return M
            """)
        let read = try run("local m = require 'gen.globals'\nreturn m.read()", roots: [folder.path]).get()
        #expect(read.value == [42, "mine:number", "function", "X", 2, true, 42, true, true, true, true])
        let removed = try #require(failure("local m = require 'gen.globals'\nreturn m.removed()", roots: [folder.path]))
        #expect(removed.kind == .sandboxViolation && removed.message.contains("io library"), "\(removed)")
        let write = try #require(failure("local m = require 'gen.globals'\nm.write()\nreturn true", roots: [folder.path]))
        #expect(write.kind == .sandboxViolation && write.message.contains("assignment to global 'answer'"), "\(write)")
    }

    @Test(arguments: ["m.with_index.size = 4", "rawset(m.locked, 3, 3)", "m.mt.__index = {}", "setmetatable(m.plain, nil)",
                      "table.insert(m.locked, 9)", "getmetatable(m.hidden).__index.x = 1", "getmetatable(m.hidden).y = 1"])
    func noWriteGetsThrough(write: String) throws {
        let folder = TemporaryFolder()
        folder.write("gen/meta.lua", """
            local mt = {}
            return { with_index = setmetatable({ size = 3 }, { __index = {} }), locked = setmetatable({ 1, 2 }, { __metatable = "locked" }),
                     plain = setmetatable({ x = 1 }, mt), mt = mt,
                     -- its metatable and that metatable's __index are reachable through it alone
                     hidden = setmetatable({}, { __index = {} }) }
            """)
        let error = try #require(failure("local m = require 'gen.meta'\n\(write)\nreturn true", roots: [folder.path]))
        #expect(error.kind == .sandboxViolation || error.kind == .runtime, "\(error)")
        #expect(error.kind != .runtime || error.message.contains("read-only") || error.message.contains("protected")
                || error.message.contains("metatable"), "\(error.message)")
    }

    /// A frozen table's keys are listed when it is first walked with pairs, not when it is
    /// frozen (most never are), and kept: what a call is charged must still not depend on
    /// whether an earlier call walked the table first. Each call here walks a 3,000-key table
    /// of a module, once before and once after the listing is kept; their instructions agree.
    @Test func everyPairsOverAFrozenTableIsChargedAlike() throws {
        let folder = TemporaryFolder()
        folder.write("gen/big.lua", """
            local t = {}
            for i = 1, 3000 do t["key" .. ((i * 7919) % 3001)] = i end
            return { t = t, nested = { t = t, list = { 3, 1, 2 } } }
            """)
        let outcome: [Int64?] = LuaThread.run {
            guard let runtime = try? LuaRuntime(configuration: LuaConfiguration(
                limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3), moduleRoots: [folder.path])) else { return [] }
            _ = try? runtime.evaluate("return require('gen.big') ~= nil", chunkName: "load.lua")
            let walk = """
                local m = require "gen.big"
                local n, first = 0, nil
                for k, v in pairs(m.t) do n = n + 1; first = first or k end
                for k in pairs(m.nested) do n = n + 1 end
                return n .. first
                """
            return (0..<3).map { k in
                guard let result = try? runtime.evaluate(walk, chunkName: "walk\(k).lua") else { return nil }
                return result.value == "3002key1" ? result.usage.instructions : -1
            }
        }
        #expect(outcome.count == 3)
        #expect(outcome.allSatisfy { $0 != nil && $0! > 0 }, "\(outcome)")
        #expect(Set(outcome).count == 1, "\(outcome)")
    }
}
