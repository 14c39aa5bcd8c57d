import Testing
@testable import LuaRuntime

@Suite("Values between Swift and Lua")
struct ConversionTests {
    @Test func roundTripKeepsEveryKind() throws {
        let input: LuaValue = [
            "null": nil, "t": true, "f": false, "int": 42, "big": .integer(Int64.max), "neg": -7,
            "dbl": 2.5, "whole": 3.0, "s": "olá, ação", "list": [1, [2, 3], ["k": "v"]],
            "nested": ["deep": ["deeper": ["x": 1]]],
        ]
        let out = try run("local v = ... return v", arguments: [input]).get().value
        #expect(out == input)
    }

    /// Results are read by a one-pass copy in C first, and by the event walk when the copy
    /// refuses. Guarded over 400 generated results of every shape a rule can return (objects,
    /// arrays with and without gaps, arrays filled backwards, mixed keys, floats that are not finite, text that is not
    /// UTF-8, null, functions, cycles, read-only views, nesting and sizes past the limits): the
    /// value, or the error and its message, is the same as the walk alone gives.
    @Test func theCopyReadsWhatTheWalkReads() throws {
        let source = """
            local seed, argument = ...
            local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
            local scalars = { 0, -1, 42, math.maxinteger, math.mininteger, 0.5, -0.0, 1e300, 3.0,
              "", "text", "olá", "\\xff\\xfe", "a\\0b", true, false, null }
            local function make(depth)
              local kind = rnd(depth > 3 and 3 or 12)
              if kind <= 3 then return scalars[rnd(#scalars)] end
              local t = {}
              if kind <= 6 then -- an array
                for i = 1, rnd(5) - 1 do t[i] = make(depth + 1) end
              elseif kind <= 9 then -- an object
                for i = 1, rnd(5) do t["k" .. rnd(8)] = make(depth + 1) end
              elseif kind == 10 and rnd(3) == 1 then -- an array filled backwards (its keys in the hash part)
                for i = rnd(6), 1, -1 do t[i] = make(depth + 1) end
              elseif kind == 10 then -- an array with a gap, or keys of both kinds
                t[1] = make(depth + 1); t[rnd(2) + 2] = 1
                if rnd(2) == 1 then t.x = 1 end
              elseif kind == 11 then -- something no result may hold
                local odd = { 0/0, 1/0, -1/0, print, 2.5, true }
                t[odd[rnd(#odd)]] = 1
                t.v = odd[rnd(#odd)]
              else -- a cycle, or a view of another value
                t.self = rnd(2) == 1 and t or nil
                t.inner = rnd(2) == 1 and argument or { make(depth + 1) } -- argument: a read-only view
              end
              return t
            end
            local v = make(0)
            if rnd(10) == 1 then -- nested past the limit
              for _ = 1, 120 do v = { v } end
            end
            return v
            """
        for seed in 1...400 {
            Self.expectSameBothWays(source, arguments: [.integer(Int64(seed)), ["a": [1, 2, ["b": "c"]], "d": nil]],
                                    label: "seed \(seed)")
        }
    }

    /// The copy is what reads ordinary results (the comparison above would pass if it refused
    /// everything); a result it cannot take (a float that is not finite) goes to the walk.
    @Test func ordinaryResultsAreCopied() throws {
        let refused: [Int32] = LuaThread.run {
            guard let runtime = try? LuaRuntime() else { return [] }
            return ["return { a = { 1, 2.5, 'olá' }, b = true, c = null, d = {} }", "return { x = 0/0 }"].map { source in
                _ = try? runtime.evaluate(source)
                return runtime.copyBuffer.pointee.refused
            }
        }
        #expect(refused == [0, 1])
    }

    /// Values past the conversion limits are refused the same way with the copy as without it.
    @Test func theCopyKeepsTheLimits() throws {
        let limits = LuaConversionLimits(maxDepth: 10, maxValues: 50, maxStringBytes: 100)
        for source in ["local t = {} for i = 1, 60 do t[i] = i end return t",
                       "return { string.rep('x', 60), string.rep('y', 60) }",
                       "local v = 1 for _ = 1, 12 do v = { v } end return v",
                       "local t = {} for i = 1, 40 do t[i] = i end return t"] {
            Self.expectSameBothWays(source, conversion: limits, label: source)
        }
    }

    /// Runs `source` twice in one runtime (one state: Lua's key order, which decides the error
    /// met first, is per state), reading its result with the copy and with the walk alone, and
    /// expects the same value, or the same error.
    static func expectSameBothWays(_ source: String, arguments: [LuaValue] = [],
                                   conversion: LuaConversionLimits = .init(), label: String) {
        let results: [Result<LuaValue, LuaError>] = LuaThread.run {
            let runtime = try? LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(instructions: 5_000_000),
                                                                          conversion: conversion))
            return [true, false].map { copies in
                do throws(LuaError) {
                    guard let runtime else { throw LuaError(kind: .host, message: "no runtime") }
                    runtime.copiesResults = copies
                    return .success(try runtime.evaluate(source, chunkName: "gen.lua", arguments: arguments).value)
                } catch {
                    return .failure(error)
                }
            }
        }
        switch (results[0], results[1]) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(label)")
        case (.failure(let a), .failure(let b)):
            #expect(a.kind == b.kind && a.message == b.message, "\(label): \(a.message) | \(b.message)")
        default:
            Issue.record("\(label): \(results[0]) | \(results[1])")
        }
    }

    /// A copied table starts with its number of entries, which sizes what the host builds; a
    /// count larger than the bytes after it could hold is not a copy's, and the copy is refused
    /// (the caller then reads the value with the walk) instead of reserving room for it.
    @Test func aCopiedTableWithAnImpossibleCountIsRefused() {
        func table(count: UInt32, entries: [UInt8]) -> [UInt8] {
            [UInt8(ascii: "{")] + withUnsafeBytes(of: count) { Array($0) } + entries + [UInt8(ascii: "}")]
        }
        let one: [UInt8] = [UInt8(ascii: "I")] + withUnsafeBytes(of: Int64(1)) { Array($0) } + [UInt8(ascii: "T")]
        let good = table(count: 1, entries: one)
        #expect(good.withUnsafeBufferPointer { CopiedValue.decode($0) } == .array([.bool(true)]))
        for count: UInt32 in [1_000, UInt32.max] {
            let bad = table(count: count, entries: one)
            #expect(bad.withUnsafeBufferPointer { CopiedValue.decode($0) } == nil)
        }
    }

    @Test func integersAndFloatsKeepTheirSubtype() {
        #expect(value("return math.type((...).i), math.type((...).d)", arguments: [["i": 1, "d": 1.0]]) == "integer")
        #expect(value("local a = ... return math.type(a.d)", arguments: [["d": 1.0]]) == "float")
        #expect(value("return 7 // 2") == .integer(3))
        #expect(value("return 7 / 2") == .double(3.5))
    }

    @Test func nullIsDistinctFromAbsent() {
        let args: [LuaValue] = [["present": nil]]
        #expect(value("local c = ... return c.present == null", arguments: args) == true)
        #expect(value("local c = ... return c.absent == nil", arguments: args) == true)
        #expect(value("local c = ... return c.present ~= nil", arguments: args) == true)
        #expect(value("return { a = null }") == ["a": nil])
        #expect(value("return tostring(null)") == "null")
    }

    @Test func arraysAndObjectsAreDecidedPredictably() {
        #expect(value("return {}") == [])
        #expect(value("return {1, 2, 3}") == [1, 2, 3])
        #expect(value("return {[1] = 'a', [2] = 'b'}") == ["a", "b"])
        #expect(value("return {x = 1}") == ["x": 1])
        #expect(value("return {[1.0] = 'a'}") == ["a"])
    }

    @Test(arguments: [
        ("return {1, x = 2}", "result: a table mixes string keys and integer keys"),
        ("return {[1] = 1, [3] = 3}", "result: array with a gap"),
        ("return {[0] = 1}", "result: array with a gap"),
        ("return {[1.5] = 1}", "result: table key 1.5 is not an integer or a string"),
        ("return {[true] = 1}", "result: table key of type boolean"),
        ("return {f = print}", "result.f: cannot convert a function value"),
        ("return {x = {1/0}}", "result.x[1]: inf is not a finite number"),
        ("return {s = '\\255'}", "result.s: string is not valid UTF-8"),
        ("return {['\\255'] = 1}", "result: key is not valid UTF-8"),
        ("return coroutine.create(print)", "result: cannot convert a thread value"),
        ("local t = {} t.self = t return t", "result.self: a table contains itself (cycle)"),
    ])
    func invalidResultsNameTheirPath(source: String, expected: String) throws {
        let error = try #require(failure(source))
        #expect(error.kind == .conversion)
        #expect(error.message.hasPrefix(expected), "\(error.message)")
    }

    @Test func deepResultsAreRefusedNotCrashing() throws {
        let error = try #require(failure("local t = {} local c = t for i = 1, 10000 do c.x = {} c = c.x end return t"))
        #expect(error.kind == .conversion)
        #expect(error.message.contains("nested deeper than 100 levels"))
    }

    @Test func sharedButAcyclicTablesAreFine() {
        #expect(value("local s = {1} return {a = s, b = s}") == ["a": [1], "b": [1]])
    }

    @Test func readOnlyViewsReadThroughWhenReturned() {
        #expect(value("local c = ... return c.list", arguments: [["list": [1, 2]]]) == [1, 2])
        #expect(value("local c = ... return c", arguments: [["a": ["b": "c"]]]) == ["a": ["b": "c"]])
    }

    @Test func argumentsAreBoundedBeforeConversion() throws {
        var deep: LuaValue = 1
        for _ in 0..<150 { deep = [deep] }
        let error = try #require(failure("return 1", arguments: [deep]))
        #expect(error.kind == .conversion)
        #expect(error.message.contains("nested deeper than 100 levels"))
        let nan = try #require(failure("return 1", arguments: [["x": .double(.nan)]]))
        #expect(nan.kind == .conversion)
        #expect(nan.message == "argument.x: nan is not a finite number")
        // the path names every key and position down to the value, whichever limit it meets
        let inner = try #require(failure("return 1", arguments: [["a": [1, ["b": [true, .double(.infinity)]]]]]))
        #expect(inner.message == "argument.a[2].b[2]: inf is not a finite number")
        let long = try #require(failure("return 1", arguments: [["k": ["n": .string(String(repeating: "x", count: 33 << 20))]]]))
        #expect(long.message.hasPrefix("argument.k.n: strings exceed "), "\(long.message)")
    }

    @Test func writableArgumentsWhenAsked() throws {
        let result = try run("local c = ... c.x = 2 return c", arguments: [["x": 1]], readOnly: false).get()
        #expect(result.value == ["x": 2])
    }
}
