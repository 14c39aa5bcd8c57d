import Testing
@testable import LuaRuntime

@Suite("LuaValue JSON text")
struct LuaValueTests {
    @Test func objectKeysAreSortedByBytes() {
        let v: LuaValue = ["b": 1, "a": 2, "B": 3, "é": 4]
        #expect(v.jsonText() == #"{"B":3,"a":2,"b":1,"é":4}"#)
    }

    @Test func integersAndDoublesStayDistinct() {
        #expect(LuaValue.integer(3).jsonText() == "3")
        #expect(LuaValue.double(3).jsonText() == "3.0")
        #expect(LuaValue.double(0.1).jsonText() == "0.1")
        #expect(LuaValue.double(-0.0).jsonText() == "-0.0")
        #expect(LuaValue.double(1e300).jsonText() == "1e+300")
    }

    @Test func stringsAreEscaped() {
        #expect(LuaValue.string("a\"b\\c\n\u{1}").jsonText() == #""a\"b\\c\n\u0001""#)
    }

    @Test func prettyOutputIndents() {
        let v: LuaValue = ["list": [1, 2], "empty": [], "obj": [:]]
        #expect(v.jsonText(pretty: true) == """
            {
              "empty": [],
              "list": [
                1,
                2
              ],
              "obj": {}
            }
            """)
    }

    @Test func accessors() {
        let v: LuaValue = ["a": [1, "x", true, nil, 2.5]]
        #expect(v["a"]?[1]?.stringValue == "x")
        #expect(v["a"]?[0]?.integerValue == 1)
        #expect(v["a"]?[2]?.boolValue == true)
        #expect(v["a"]?[3] == .null)
        #expect(v["a"]?[4]?.doubleValue == 2.5)
        #expect(v["missing"] == nil)
        #expect(v["a"]?[9] == nil)
    }
}
