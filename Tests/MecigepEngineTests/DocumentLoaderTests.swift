import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// Helpers for the document tests: fixtures, parsing from text, catching the error.
private enum Docs {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/documents")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func json(_ text: String, limits: DocumentLimits = .init()) throws(DocumentError) -> LuaValue {
        try DocumentLoader.parse(Data(text.utf8), format: .json, name: "t.json", limits: limits)
    }

    static func yaml(_ text: String, limits: DocumentLimits = .init()) throws(DocumentError) -> LuaValue {
        try DocumentLoader.parse(Data(text.utf8), format: .yaml, name: "t.yaml", limits: limits)
    }

    static func error(_ body: () throws(DocumentError) -> LuaValue) -> DocumentError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Seconds taken by `body`.
    static func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// An input that must fail, where, and a fragment of the message.
struct BadDocument: Sendable, CustomTestStringConvertible {
    let text: String
    let line: Int?
    let column: Int?
    let fragment: String
    init(_ text: String, _ line: Int?, _ column: Int?, _ fragment: String) {
        self.text = text
        self.line = line
        self.column = column
        self.fragment = fragment
    }
    var testDescription: String { String(text.debugDescription.prefix(60)) }
}

@Suite("Document loading: JSON")
struct DocumentLoaderJSONTests {
    /// Integers of up to eighteen digits are added up from their digits (no text made and
    /// parsed); longer ones are read as before. What it guards: every integer, of every length
    /// and sign, reads as `Int64(text)` reads it, or as the double `Double(text)` gives past Int64.
    @Test func integersOfEveryLengthReadAsTheirText() throws {
        var state: UInt64 = 0x2026_1207
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
        var texts = ["0", "-0", "9", "-9", "999999999999999999", "-999999999999999999", "1000000000000000000",
                     "-1000000000000000000", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                     "99999999999999999999"]
        for _ in 0..<2_000 {
            let digits = 1 + Int(next() % 20)
            var text = next() % 2 == 0 ? "-" : ""
            text += String(1 + next() % 9)
            for _ in 1..<digits { text += String(next() % 10) }
            texts.append(text)
        }
        for text in texts {
            let read = try Docs.json("[" + text + "]").arrayValue?.first
            let want: LuaValue = Int64(text).map { .integer($0) } ?? .double(Double(text)!)
            #expect(read == want, "\(text)")
        }
    }

    @Test func integersStayIntegersAndOtherNumbersAreDoubles() throws {
        let v = try Docs.json(#"{"i": 42, "neg": -7, "zero": 0, "negzero": -0, "max": 9223372036854775807,"#
            + #" "min": -9223372036854775808, "big": 9223372036854775808, "huge": 123456789012345678901234567890,"#
            + #" "f": 2.5, "e": 1e3, "E": 2E-2, "int_like": 1.0}"#)
        #expect(v["i"] == .integer(42))
        #expect(v["neg"] == .integer(-7))
        #expect(v["zero"] == .integer(0))
        #expect(v["negzero"] == .integer(0))
        #expect(v["max"] == .integer(Int64.max))
        #expect(v["min"] == .integer(Int64.min))
        #expect(v["big"] == .double(9223372036854775808))
        #expect(v["huge"] == .double(Double("123456789012345678901234567890")!))
        #expect(v["f"] == .double(2.5))
        #expect(v["e"] == .double(1000))
        #expect(v["E"] == .double(0.02))
        #expect(v["int_like"] == .double(1))
    }

    @Test func literalsArraysAndNesting() throws {
        let v = try Docs.json(" [true, false, null, [], {}, [[1]], {\"a\": {\"b\": [\"c\"]}}] \n")
        #expect(v == [true, false, nil, [], [:], [[1]], ["a": ["b": ["c"]]]])
        #expect(try Docs.json("\"just a string\"") == "just a string")
        #expect(try Docs.json("17") == 17)
    }

    @Test func unicodeAndEscapes() throws {
        let v = try Docs.json(#"{"es": "Málaga, año, señal", "pt": "ação, coração, avó", "fr": "élève, où, Noël, œuvre","#
            + #" "esc": "\u00e9\u00E7 \" \\ \/ \b\f\n\r\t", "pair": "\ud83d\ude00", "nul": "a\u0000b", "é": 1}"#)
        #expect(v["es"] == "Málaga, año, señal")
        #expect(v["pt"] == "ação, coração, avó")
        #expect(v["fr"] == "élève, où, Noël, œuvre")
        #expect(v["esc"] == "éç \" \\ / \u{8}\u{C}\n\r\t")
        #expect(v["pair"] == "😀")
        #expect(v["nul"] == "a\u{0}b")
        #expect(v["é"] == 1)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"a": "ü"}"#.utf8)
        #expect(try DocumentLoader.parse(data, format: .json, name: "bom.json") == ["a": "ü"])
        #expect(try DocumentLoader.parse(Data([0xEF, 0xBB, 0xBF]) + Data("a: ü\n".utf8), format: .yaml, name: "bom.yaml")
            == ["a": "ü"])
    }

    @Test func duplicateKeyNamesTheKeyAndBothLines() throws {
        let error = Docs.error { () throws(DocumentError) in try DocumentLoader.load(path: Docs.path("duplicate-key.json")) }
        #expect(error?.file == Docs.path("duplicate-key.json"))
        #expect(error?.line == 5)
        #expect(error?.column == 3)
        #expect(error?.message == #"duplicate key "agency" (first at line 3); keep one"#)
        #expect(error?.description == Docs.path("duplicate-key.json") + #":5:3: duplicate key "agency" (first at line 3); keep one"#)
    }

    static let badDocuments: [BadDocument] = [
        BadDocument(#"{"a": NaN}"#, 1, 7, "NaN is not a JSON number"),
        BadDocument(#"{"a": -Infinity}"#, 1, 7, "-Infinity is not a JSON number"),
        BadDocument("[Infinity]", 1, 2, "Infinity is not a JSON number"),
        BadDocument(#"{"zip": 08001}"#, 1, 9, "leading zero"),
        BadDocument("[1, 2,]", 1, 6, "trailing comma before ']'; remove it"),
        BadDocument("{\"a\": 1,\n}", 1, 8, "trailing comma before '}'; remove it"),
        BadDocument("// note\n{}", 1, 1, "comments are not allowed in JSON"),
        BadDocument(#"{"a": 1 /* c */}"#, 1, 9, "comments are not allowed in JSON"),
        BadDocument("{\"a\": 1 # c\n}", 1, 9, "comments are not allowed in JSON"),
        BadDocument("{\"a\": \"x\ty\"}", 1, 9, "control character U+0009 inside a string"),
        BadDocument("{\"a\": \"line\nbreak\"}", 1, 12, "line break inside a string"),
        BadDocument(#"{"a": "\x41"}"#, 1, 8, "invalid escape"),
        BadDocument(#"["\uD800"]"#, 1, 3, #"unpaired surrogate \uD800"#),
        BadDocument(#"["\uDC00"]"#, 1, 3, #"unpaired surrogate \uDC00"#),
        BadDocument(#"["\uD800\u0041"]"#, 1, 3, #"unpaired surrogate \uD800"#),
        BadDocument(#"["\u12G4"]"#, 1, 3, "four hexadecimal digits"),
        BadDocument("{} x", 1, 4, "after the end of the document"),
        BadDocument("{}{}", 1, 3, "after the end of the document"),
        BadDocument("{'a': 1}", 1, 2, "double quotes"),
        BadDocument("{agency: 1}", 1, 2, #"keys must be in double quotes: "agency""#),
        BadDocument("[\"abc", 1, 2, "unterminated string"),
        BadDocument(#"{"a": [1, 2"#, 1, 12, "the array that starts at line 1, column 7 is not closed: add ']'"),
        BadDocument("[1e999]", 1, 2, "out of range"),
        BadDocument("[True]", 1, 2, "true, false and null, in lowercase"),
        BadDocument("[.5]", 1, 2, "0.5"),
        BadDocument("[+1]", 1, 2, "without '+'"),
        BadDocument("[1.]", 1, 2, "a digit must follow the decimal point"),
        BadDocument("[1e]", 1, 2, "exponent"),
        BadDocument("[-]", 1, 2, "'-' must be followed by a digit"),
        BadDocument("[1.2.3]", 1, 2, "invalid number 1.2.3; quote the value"),
        BadDocument("", 1, 1, "the document is empty"),
        BadDocument(#"{"a" 1}"#, 1, 6, #"expected ':' after the key "a""#),
        BadDocument("[1 2]", 1, 4, "expected ',' or ']'"),
        BadDocument("{\n  \"título\": \"ação\",\n  \"é\": tru\n}", 3, 8, "unexpected 'tru'; expected a value"),
        BadDocument("{\r\n  \"a\": 1,\r\n  \"a\": 2\r\n}", 3, 3, #"duplicate key "a" (first at line 2)"#),
        // the first "a" of this object comes after a nested "a", brackets and an escaped quote in strings
        BadDocument(#"{"x": {"a": [1, {"b": "}\"]"}]},"# + "\n" + #" "a\u0022": 0, "y": "a", "#
                        + "\n\n" + #" "a" : [ "{" ] , "z": true,"# + "\n" + #" "a": 3}"#,
                    5, 2, #"duplicate key "a" (first at line 4)"#),
    ]

    @Test(arguments: badDocuments)
    func malformedJSONIsAnErrorWithAPosition(_ bad: BadDocument) {
        let error = Docs.error { () throws(DocumentError) in try Docs.json(bad.text) }
        #expect(error != nil)
        #expect(error?.file == "t.json")
        #expect(error?.line == bad.line)
        #expect(error?.column == bad.column)
        #expect(error?.message.contains(bad.fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test func invalidUTF8IsRefusedWithItsPosition() {
        var data = Data("{\"a\": \"caf".utf8)
        data.append(0xE9)  // Latin-1 é
        data.append(contentsOf: Array("\"}".utf8))
        for format in [DocumentFormat.json, .yaml] {
            let error = Docs.error { () throws(DocumentError) in try DocumentLoader.parse(data, format: format, name: "x") }
            #expect(error?.line == 1)
            #expect(error?.column == 11)
            #expect(error?.message.contains("invalid UTF-8 (byte 0xE9)") == true)
        }
        // An overlong encoding and a UTF-16 file.
        #expect(Docs.error { () throws(DocumentError) in
            try DocumentLoader.parse(Data([0x22, 0xC0, 0xAF, 0x22]), format: .json, name: "x")
        }?.message.contains("invalid UTF-8") == true)
        #expect(Docs.error { () throws(DocumentError) in
            try DocumentLoader.parse(Data([0xFF, 0xFE, 0x7B, 0x00]), format: .json, name: "x")
        }?.message.contains("UTF-16") == true)
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Docs.json(ok) }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = Docs.error { () throws(DocumentError) in try Docs.json(deep) }
        #expect(error?.message == "nested deeper than 64 levels; flatten the structure")
        #expect(error?.line == 1)
        #expect(error?.column == 65)
        // Far deeper input fails at the limit, without recursion.
        let hostile = String(repeating: "[{\"a\":", count: 200_000)
        #expect(Docs.error { () throws(DocumentError) in try Docs.json(hostile) }?.message.contains("nested deeper than 64") == true)
        // The limit is configurable.
        #expect(Docs.error { () throws(DocumentError) in
            try Docs.json("[[[1]]]", limits: DocumentLimits(maxDepth: 2))
        }?.message == "nested deeper than 2 levels; flatten the structure")
    }

    @Test func valueLimit() throws {
        #expect(try Docs.json("[1, 2, 3]", limits: DocumentLimits(maxValues: 4)) == [1, 2, 3])
        let error = Docs.error { () throws(DocumentError) in try Docs.json("[1, 2, 3]", limits: DocumentLimits(maxValues: 3)) }
        #expect(error?.message.contains("more than 3 values") == true)
        #expect(error?.column == 8)
    }
}

@Suite("Document loading: YAML")
struct DocumentLoaderYAMLTests {
    @Test func scalarsFollowTheCoreSchema() throws {
        let v = try Docs.yaml("""
            n1: null
            n2: ~
            n3:
            n4: Null
            b1: true
            b2: False
            b3: TRUE
            yes_is_text: yes
            no_is_text: no
            on_is_text: on
            i: 42
            neg: -17
            plus: +5
            hex: 0x1F
            oct: 0o17
            zero: 0
            big: 12345678901234567890
            f: 3.14
            e: 1e3
            dot: .5
            trailing_dot: 1.
            zip: 08001
            code: 007
            lead_float: 01.5
            date: 2026-09-01
            datetime: 2026-09-01T10:00:00Z
            time: 12:30
            version: 1.2.3
            underscores: 1_000
            quoted: "42"
            single: '3.5'
            quoted_null: "null"
            quoted_true: 'true'
            escapes: "tab\\t nul\\0 e\\u00e9 smile\\U0001F600"
            text: Programa de vivienda
            block: |
              línea 1
              línea 2
            folded: >-
              uno
              dos
            tagged_str: !!str 123
            tagged_int: !!int "42"
            tagged_float: !!float 1
            tagged_ts: !!timestamp 2026-01-01
            nonspecific: ! 12
            empty_list: []
            empty_map: {}
            1: integer key
            true: boolean key
            """)
        #expect(v["n1"] == .null)
        #expect(v["n2"] == .null)
        #expect(v["n3"] == .null)
        #expect(v["n4"] == .null)
        #expect(v["b1"] == true)
        #expect(v["b2"] == false)
        #expect(v["b3"] == true)
        #expect(v["yes_is_text"] == "yes")
        #expect(v["no_is_text"] == "no")
        #expect(v["on_is_text"] == "on")
        #expect(v["i"] == .integer(42))
        #expect(v["neg"] == .integer(-17))
        #expect(v["plus"] == .integer(5))
        #expect(v["hex"] == .integer(31))
        #expect(v["oct"] == .integer(15))
        #expect(v["zero"] == .integer(0))
        #expect(v["big"] == .double(Double("12345678901234567890")!))
        #expect(v["f"] == .double(3.14))
        #expect(v["e"] == .double(1000))
        #expect(v["dot"] == .double(0.5))
        #expect(v["trailing_dot"] == .double(1))
        #expect(v["zip"] == "08001")
        #expect(v["code"] == "007")
        #expect(v["lead_float"] == "01.5")
        #expect(v["date"] == "2026-09-01")
        #expect(v["datetime"] == "2026-09-01T10:00:00Z")
        #expect(v["time"] == "12:30")
        #expect(v["version"] == "1.2.3")
        #expect(v["underscores"] == "1_000")
        #expect(v["quoted"] == "42")
        #expect(v["single"] == "3.5")
        #expect(v["quoted_null"] == "null")
        #expect(v["quoted_true"] == "true")
        #expect(v["escapes"] == "tab\t nul\u{0} eé smile😀")
        #expect(v["text"] == "Programa de vivienda")
        #expect(v["block"] == "línea 1\nlínea 2\n")
        #expect(v["folded"] == "uno dos")
        #expect(v["tagged_str"] == "123")
        #expect(v["tagged_int"] == .integer(42))
        #expect(v["tagged_float"] == .double(1))
        #expect(v["tagged_ts"] == "2026-01-01")
        #expect(v["nonspecific"] == "12")
        #expect(v["empty_list"] == [])
        #expect(v["empty_map"] == [:])
        #expect(v["1"] == "integer key")
        #expect(v["true"] == "boolean key")
    }

    @Test func aliasesAreExpanded() throws {
        let v = try Docs.yaml("""
            base: &b {x: 1, y: [1, 2]}
            copy: *b
            list: [&s señal, *s]
            """)
        #expect(v["copy"] == ["x": 1, "y": [1, 2]])
        #expect(v["copy"] == v["base"])
        #expect(v["list"] == ["señal", "señal"])

        // A '*' inside text is not an alias.
        let text = try Docs.yaml("note: some *bold* text, 2*3\nquoted: \"*x\"\nblock: |\n  * item\n  *item\nk*ey: 1\n")
        #expect(text == ["note": "some *bold* text, 2*3", "quoted": "*x", "block": "* item\n*item\n", "k*ey": 1])
    }

    @Test func billionLaughsFailsFast() throws {
        var error: DocumentError?
        let seconds = Docs.seconds {
            error = Docs.error { () throws(DocumentError) in try DocumentLoader.load(path: Docs.path("billion-laughs.yaml")) }
        }
        #expect(seconds < 1.0, "took \(seconds) s")
        #expect(error?.file == Docs.path("billion-laughs.yaml"))
        #expect(error?.line != nil)
        #expect(error?.message.hasPrefix("more than 200000 values once aliases are expanded") == true, "\(String(describing: error))")
    }

    @Test func aliasExpansionIsCountedAgainstTheLimits() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"  // 1 + 4 + 1 + 3 * 4 = 18 values
        #expect(throws: Never.self) { try Docs.yaml(text, limits: DocumentLimits(maxValues: 18)) }
        #expect(Docs.error { () throws(DocumentError) in
            try Docs.yaml(text, limits: DocumentLimits(maxValues: 17))
        }?.message.contains("more than 17 values once aliases are expanded") == true)

        // Text repeated through aliases counts too (eight times maxBytes).
        let long = String(repeating: "x", count: 1000)
        let repeated = "t: &t \(long)\nl: [" + Array(repeating: "*t", count: 100).joined(separator: ", ") + "]\n"
        let error = Docs.error { () throws(DocumentError) in try Docs.yaml(repeated, limits: DocumentLimits(maxBytes: 10_000)) }
        #expect(error?.message.contains("of text once aliases are expanded") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        "p: &p [x, x]\n? *p\n: 1\n",
        "p: &p [x, x]\n[*p]: 1\n",
        "p: &p [x, x]\nq: {*p : 1}\n",
        "p: &p key\n*p : 1\n",
    ])
    func aliasesAreNotAllowedInKeys(_ prefix: String) throws {
        // After it, a billion laughs used as a key: hashing such a key would never end.
        let bomb = try String(contentsOfFile: Docs.path("billion-laughs.yaml"), encoding: .utf8)
        var error: DocumentError?
        let seconds = Docs.seconds {
            error = Docs.error { () throws(DocumentError) in try Docs.yaml(prefix + bomb + "? *i\n: boom\n") }
        }
        #expect(seconds < 1.0, "took \(seconds) s")
        #expect(error?.message.hasPrefix("an alias (*p) cannot be used as a mapping key") == true, "\(String(describing: error))")
        #expect(error?.line == 2)
    }

    static let badDocuments: [BadDocument] = [
        BadDocument("id: dup\nagency: Ministerio\nbudget: 10\nagency: Ministério\n", 4, 1,
                    #"duplicate key "agency" (first at line 2); keep one"#),
        BadDocument("x: {a: 1, b: 2, a: 3}\n", 1, 17, #"duplicate key "a" (first at line 1); keep one"#),
        BadDocument("\"a\": 1\na: 2\n", 2, 1, #"duplicate key "a" (first at line 1); keep one"#),
        BadDocument("a: 1\nb: 2\na: 3\na: 4\n", 3, 1, #"duplicate key "a" (first at line 1); keep one"#),
        BadDocument("outer:\n  k: 1\n  k: 2\n", 3, 3, #"duplicate key "k" (first at line 2); keep one"#),
        BadDocument("1: x\n!!int 1: y\n", 2, 1, #"duplicate key "1" (first at line 1); keep one"#),
        BadDocument("rate: .inf\n", 1, 7, #".inf is not a finite number and cases must be JSON-compatible"#),
        BadDocument("rate: -.INF\n", 1, 7, #"quote the value if it is meant as text ("-.INF")"#),
        BadDocument("rate: .nan\n", 1, 7, "not a finite number"),
        BadDocument("rate: 1e999\n", 1, 7, "out of range"),
        BadDocument("a: 1\n---\nb: 2\n", 2, 1, "one document per file"),
        BadDocument("base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n", 3, 3, "merge keys (<<) are not supported"),
        BadDocument("? [a, b]\n: 1\n", 1, 3, "a mapping key must be text, not a list"),
        BadDocument("a: *nope\n", 1, 4, "undefined alias *nope"),
        BadDocument("a: b: c\n", 1, 5, "mapping values are not allowed in this context"),
        BadDocument("a: \"abc\n", 2, 1, "add the closing quote"),
        BadDocument("a:\n\tb: 1\n", 2, 1, "tab"),
        BadDocument("a: [1, 2\n", 2, 1, "did not find expected ',' or ']'"),
        BadDocument("a: x\u{07}y\n", 1, 5, "control character U+0007 is not allowed in YAML"),
        BadDocument("a: !!binary aGVsbG8=\n", 1, 4, "unsupported tag !!binary"),
        BadDocument("a: !custom x\n", 1, 4, "unsupported tag !custom"),
        BadDocument("a: !!int abc\n", 1, 4, "is not an integer"),
        BadDocument("a: !!set {x}\n", 1, 4, "unsupported tag !!set on a mapping"),
        BadDocument("a: \"\\uD800\"\n", 1, 7, "found invalid Unicode character escape code"),
        BadDocument("a: \"\\q\"\n", 1, 5, "found unknown escape character"),
        BadDocument("note: `cmd`\n", 1, 7, "'`' cannot start a value"),
        BadDocument("título: ação\n  é: x\n", 2, 4, "mapping values are not allowed"),
        BadDocument(String(repeating: "[", count: 65) + String(repeating: "]", count: 65), 1, 65,
                    "nested deeper than 64 levels; flatten the structure"),
        BadDocument(String(repeating: "[", count: 5000), 1, nil, "nested deeper than 64 levels"),
    ]

    @Test(arguments: badDocuments)
    func malformedYAMLIsAnErrorWithAPosition(_ bad: BadDocument) {
        let error = Docs.error { () throws(DocumentError) in try Docs.yaml(bad.text) }
        #expect(error != nil)
        #expect(error?.file == "t.yaml")
        #expect(error?.line == bad.line)
        if let column = bad.column { #expect(error?.column == column) }
        #expect(error?.message.contains(bad.fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test func emptyDocumentsAreErrors() throws {
        for text in ["", "# only a comment\n", "\n\n"] {
            let error = Docs.error { () throws(DocumentError) in try Docs.yaml(text) }
            #expect(error?.message.contains("the document is empty") == true)
            #expect(error?.line == nil)
        }
        #expect(try Docs.yaml("---\n") == .null)
    }

    @Test func duplicateKeyInAFile() {
        let error = Docs.error { () throws(DocumentError) in try DocumentLoader.load(path: Docs.path("duplicate-key.yaml")) }
        #expect(error?.description == Docs.path("duplicate-key.yaml") + #":4:1: duplicate key "agency" (first at line 2); keep one"#)
    }

    @Test func depthLimitIsConfigurable() throws {
        #expect(try Docs.yaml("a:\n  b:\n    c: 1\n", limits: DocumentLimits(maxDepth: 3)) == ["a": ["b": ["c": 1]]])
        let error = Docs.error { () throws(DocumentError) in try Docs.yaml("a:\n  b:\n    c: 1\n", limits: DocumentLimits(maxDepth: 2)) }
        #expect(error?.message == "nested deeper than 2 levels; flatten the structure")
        #expect(error?.line == 3)
        #expect(error?.column == 5)
    }
}

@Suite("Document loading: files, formats, round trips, size")
struct DocumentLoaderTests {
    @Test func yamlAndJSONOfTheSameCaseGiveTheSameValue() throws {
        let fromYAML = try DocumentLoader.load(path: Docs.path("case.yaml"))
        let fromJSON = try DocumentLoader.load(path: Docs.path("case.json"))
        #expect(fromYAML == fromJSON)
        #expect(fromYAML["title"] == "Programa de vivienda asequible en Málaga")
        #expect(fromYAML["notes"]?["pt"] == "Habitação acessível: prestações para jovens; avaliação até março.")
        #expect(fromYAML["notes"]?["fr"] == "Logement abordable : aides à la location, évaluation prévue à l'été.")
        #expect(fromYAML["budget_eur"] == .integer(12_500_000))
        #expect(fromYAML["beneficiaries"]?[0]?["count"] == .integer(4200))
        #expect(fromYAML["start"] == "2026-09-01")
        #expect(fromYAML["postal_code"] == "29001")
    }

    @Test func valuesSurviveJSONTextAndBothParsers() throws {
        let value: LuaValue = [
            "id": "ronda-ñ",
            "texts": ["São Paulo", "Genève", "Ñandú", "\"quoted\" \\ back", "line\nbreak\ttab", "😀"],
            "numbers": [0, -1, .integer(Int64.max), .integer(Int64.min), 0.5, -2.25, 1e300, 3.0],
            "flags": [true, false, nil],
            "nested": ["a": ["b": ["c": []]], "empty": [:]],
        ]
        for pretty in [false, true] {
            let text = value.jsonText(pretty: pretty)
            #expect(try Docs.json(text) == value)
            #expect(try Docs.yaml(text) == value)
        }
    }

    /// The JSON parser starts each object and array with room for as many entries as the last
    /// one it closed at the same depth. What it guards: room only, never content. Over 400
    /// generated documents whose siblings are larger, smaller and of the other kind (lists of
    /// records of 0-14 members, lists of lists), the parsed value is the written one, compact or
    /// indented; and a repeated key in an object after a larger sibling is still refused.
    @Test func siblingsOfEverySizeParseToTheWrittenValue() throws {
        var rng = SplitMix64(seed: 20261206)
        func value(_ depth: Int) -> LuaValue {
            switch rng.next() % (depth < 4 ? 7 : 3) {
            case 0: return .string("s\(rng.next() % 100)")
            case 1: return .integer(Int64(rng.next() % 1000))
            case 2: return rng.next() % 2 == 0 ? .double(0.5) : .null
            case 3, 4:
                var fields: [String: LuaValue] = [:]
                for n in 0..<Int(rng.next() % 15) { fields["k\(n)_\(rng.next() % 3)"] = value(depth + 1) }
                return .object(fields)
            default:
                return .array((0..<Int(rng.next() % 12)).map { _ in value(depth + 1) })
            }
        }
        for _ in 0..<400 {
            let document: LuaValue = ["id": "generated", "records": value(1), "more": value(1), "last": value(1)]
            for pretty in [false, true] {
                #expect(try Docs.json(document.jsonText(pretty: pretty)) == document)
            }
        }
        let repeated = "{\"a\": [{\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4}, {\"x\": 1, \"x\": 2}]}"
        #expect(throws: DocumentError.self) { try Docs.json(repeated) }
    }

    @Test func formatComesFromTheExtensionOrTheFirstCharacter() throws {
        #expect(try DocumentLoader.load(path: Docs.path("short.yml")) == ["id": "yml"])
        #expect(try DocumentLoader.load(path: Docs.path("sniffed-yaml.txt")) == ["id": "sniffed-yaml", "value": 3])
        #expect(try DocumentLoader.load(path: Docs.path("sniffed-json.txt")) == ["id": "sniffed-json", "value": 3])
        #expect(DocumentLoader.sniffFormat(Data("\u{FEFF} \n [1]".utf8)) == .json)
        #expect(DocumentLoader.sniffFormat(Data("# {\n".utf8)) == .yaml)
        #expect(DocumentLoader.format(ofPath: "x/Case.JSON") == .json)
        #expect(DocumentLoader.format(ofPath: "x/case.YAML") == .yaml)
        #expect(DocumentLoader.format(ofPath: "x/case") == nil)
    }

    @Test func missingAndUnreadableFiles() throws {
        let missing = Docs.error { () throws(DocumentError) in try DocumentLoader.load(path: "/nonexistent/case.yaml") }
        #expect(missing == DocumentError(file: "/nonexistent/case.yaml", message: "no such file; check the path"))
        #expect(missing?.description == "/nonexistent/case.yaml: no such file; check the path")

        let directory = try Docs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dirError = Docs.error { () throws(DocumentError) in try DocumentLoader.load(path: directory.path) }
        #expect(dirError?.message.hasPrefix("is a directory") == true)
        #expect(dirError?.line == nil)
    }

    @Test func filesOverTheSizeLimitAreRefusedBeforeReading() throws {
        let directory = try Docs.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A sparse 5 GiB file: refused from its size at once, never read.
        let big = directory.appendingPathComponent("big.yaml")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 5 << 30)
        try handle.close()
        var error: DocumentError?
        let seconds = Docs.seconds {
            error = Docs.error { () throws(DocumentError) in try DocumentLoader.load(path: big.path) }
        }
        #expect(seconds < 0.5)
        #expect(error?.message == "the file is 5 GiB (5368709120 bytes), over the limit of 4 MiB (4194304 bytes); "
            + "split the document or raise the size limit")
        #expect(error?.line == nil)

        // Exactly at the limit is fine; one byte over is not.
        let small = directory.appendingPathComponent("small.json")
        try Data("[1, 2]".utf8).write(to: small)
        #expect(try DocumentLoader.load(path: small.path, limits: DocumentLimits(maxBytes: 6)) == [1, 2])
        #expect(Docs.error { () throws(DocumentError) in
            try DocumentLoader.load(path: small.path, limits: DocumentLimits(maxBytes: 5))
        }?.message.hasPrefix("the file is 6 bytes, over the limit of 5 bytes") == true)
        #expect(Docs.error { () throws(DocumentError) in
            try DocumentLoader.parse(Data("[1, 2]".utf8), format: .json, name: "mem", limits: DocumentLimits(maxBytes: 5))
        }?.message.hasPrefix("the file is 6 bytes") == true)
    }

    @Test func errorDescriptionLeavesOutUnknownParts() {
        #expect(DocumentError(file: "a.yaml", line: 3, column: 4, message: "m").description == "a.yaml:3:4: m")
        #expect(DocumentError(file: "a.yaml", line: 3, message: "m").description == "a.yaml:3: m")
        #expect(DocumentError(file: "a.yaml", message: "m").description == "a.yaml: m")
    }

    /// A realistic document of about 2 MB (7,000 cases), in YAML and in JSON.
    @Test func twoMegabyteDocumentParsesInReasonableTime() throws {
        var yaml = "cases:\n"
        var n = 0
        while yaml.utf8.count < 2_000_000 {
            n += 1
            yaml += """
                  - id: caso-\(n)
                    title: "Programa de vivienda asequible nº \(n) en Málaga"
                    agency: Consejería de Fomento, Articulación del Territorio y Vivienda
                    budget_eur: \(1_000_000 + n * 37)
                    cofinancing_rate: 0.\(n % 10)5
                    approved: \(n % 2 == 0)
                    start: 2026-09-01
                    tags: [vivienda, jóvenes, alquiler, "São Paulo"]
                    notes: >
                      Habitação acessível e avaliação até março; évaluation prévue à l'été.

                """
        }
        let yamlData = Data(yaml.utf8)
        var fromYAML: LuaValue = .null
        let yamlSeconds = Docs.seconds {
            fromYAML = (try? DocumentLoader.parse(yamlData, format: .yaml, name: "big.yaml")) ?? .null
        }
        #expect(fromYAML["cases"]?.arrayValue?.count == n)
        #expect(fromYAML["cases"]?[41]?["budget_eur"] == .integer(1_000_000 + 42 * 37))
        #expect(fromYAML["cases"]?[41]?["start"] == "2026-09-01")

        let jsonData = Data(fromYAML.jsonText(pretty: true).utf8)
        var fromJSON: LuaValue = .null
        let jsonSeconds = Docs.seconds {
            fromJSON = (try? DocumentLoader.parse(jsonData, format: .json, name: "big.json")) ?? .null
        }
        #expect(fromJSON == fromYAML)
        print("2 MB documents: YAML \(yamlData.count) bytes in \(yamlSeconds) s; JSON \(jsonData.count) bytes in \(jsonSeconds) s")
        #expect(yamlSeconds < 10)
        #expect(jsonSeconds < 5)
    }
}

@Suite("Document loading: robustness")
struct DocumentLoaderRobustnessTests {
    /// Randomly damaged documents (deterministic seed) give a value or a DocumentError, never a
    /// crash. (A longer run of 40,000 parses, bombs included, was done while writing the loader.)
    @Test func damagedDocumentsNeverCrash() throws {
        let seeds = try ["case.yaml", "case.json", "duplicate-key.yaml", "duplicate-key.json"]
            .map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: Docs.path($0)))) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        let specials: [UInt8] = Array("{}[],:\"'\\*&!|>-?#%@`\t\n\r 0.eE+u<".utf8) + [0, 0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80]
        var failures = 0
        for iteration in 0..<600 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0...next(3) {
                let pos = next(bytes.count + 1)
                switch next(4) {
                case 0: if pos < bytes.count { bytes[pos] = specials[next(specials.count)] }
                case 1: bytes.insert(specials[next(specials.count)], at: pos)
                case 2: if pos < bytes.count { bytes.remove(at: pos) }
                default: bytes = Array(bytes[0..<pos])
                }
            }
            for format in [DocumentFormat.json, .yaml] {
                if let error = Docs.error({ () throws(DocumentError) in
                    try DocumentLoader.parse(Data(bytes), format: format, name: "damaged")
                }) {
                    failures += 1
                    #expect(error.file == "damaged")
                    #expect(!error.message.isEmpty)
                }
            }
        }
        #expect(failures > 300)
    }
}
