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
    }

    @Test func writableArgumentsWhenAsked() throws {
        let result = try run("local c = ... c.x = 2 return c", arguments: [["x": 1]], readOnly: false).get()
        #expect(result.value == ["x": 2])
    }
}
