import Testing
@testable import LuaRuntime

@Suite("Errors name the kind, the chunk and the line")
struct LuaErrorTests {
    @Test func syntaxErrorsHaveTheLine() throws {
        let error = try #require(failure("local a = 1\nlocal b = = 2"))
        #expect(error.kind == .syntax)
        #expect(error.chunkName == "test.lua")
        #expect(error.line == 2)
        #expect(error.message == "unexpected symbol near '='")
    }

    @Test func runtimeErrorsHaveFileLineAndTraceback() throws {
        let error = try #require(failure("local function f(t)\n  return t.x.y\nend\nreturn f({})"))
        #expect(error.kind == .runtime)
        #expect(error.chunkName == "test.lua")
        #expect(error.line == 2)
        #expect(error.message == "attempt to index a nil value (field 'x')")
        #expect(error.traceback?.contains("stack traceback:") == true)
        #expect(error.traceback?.contains("test.lua:2") == true)
    }

    @Test func errorCallsKeepTheirMessage() throws {
        let error = try #require(failure("\n\nerror('boom')"))
        #expect(error.message == "boom")
        #expect(error.line == 3)
        let noPosition = try #require(failure("error('plain', 0)"))
        #expect(noPosition.message == "plain")
        #expect(noPosition.line == 1)
    }

    @Test(arguments: [
        ("error({})", "(error object is a table value)"),
        ("error(nil)", "(error object is a nil value)"),
        ("error(null)", "(error object is a null value)"),
        ("error(42)", "42"),
        ("error(setmetatable({}, {__tostring = function() error('x') end}))", "(error object is a table value)"),
        ("error(setmetatable({}, {__tostring = function() while true do end end}))", "(error object is a table value)"),
    ])
    func nonStringErrorObjectsStillGiveAClearMessage(source: String, message: String) throws {
        let error = try #require(failure(source))
        #expect(error.kind == .runtime)
        #expect(error.message == message)
    }

    @Test func logIsKeptOnFailure() throws {
        let error = try #require(failure("print('before') error('after')"))
        #expect(error.log == "before\n")
    }

    @Test func errorValueForJSON() {
        let error = LuaError(kind: .runtime, message: "m", chunkName: "f.lua", line: 3)
        #expect(error.value == ["kind": "runtime", "message": "m", "file": "f.lua", "line": 3])
        #expect(error.description == "f.lua:3: runtime: m")
    }

    @Test func ruleCannotFakeABudgetKind() throws {
        let error = try #require(failure("error('instruction limit exceeded')"))
        #expect(error.kind == .runtime)
    }
}
