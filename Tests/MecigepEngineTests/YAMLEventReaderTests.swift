import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// `YAMLEventReader` reads the common YAML document from libyaml's events instead of Yams'
/// composed tree. What it guards: a case's value (and so every level) never depends on which of
/// the two paths read it. The reader must give exactly the composed path's value or decline;
/// when it declines, the composed path reads the document and words any error.
@Suite struct YAMLEventReaderTests {
    /// The composed path's value, or nil when it refuses the document.
    static func composed(_ text: String, limits: DocumentLimits = .init()) -> LuaValue? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            try? YAMLDocumentParser.parse(bytes: buffer, name: "t", limits: limits, events: false)
        }
    }

    static func read(_ text: String, limits: DocumentLimits = .init()) -> LuaValue? {
        Array(text.utf8).withUnsafeBufferPointer { YAMLEventReader.read($0, limits: limits) }
    }

    /// Every YAML file the project ships (example cases, rule tests, fixtures): read by the
    /// reader itself, to the same value as the composed path.
    @Test func everyShippedDocumentIsReadByTheReaderToTheSameValue() throws {
        let root = Fixtures.repository
        var checked = 0
        for folder in ["examples", "rules", "Tests/MecigepEngineTests/Fixtures"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
                let path = root.appendingPathComponent(folder).appendingPathComponent(relative).path
                let text = try String(contentsOfFile: path, encoding: .utf8)
                guard let expected = Self.composed(text) else { continue }  // refused documents: tested below
                let anchors = text.contains("&") && text.contains("*")
                let value = Self.read(text)
                if !anchors { #expect(value != nil, "\(folder)/\(relative): declined") }
                if let value, value != expected { Issue.record("\(folder)/\(relative): the reader gave another value") }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    /// Documents the composed path refuses or treats specially: the reader declines them all.
    @Test(arguments: [
        "a: 1\na: 2\n",                          // duplicate key
        "a: 1\n\"a\": 2\n",                      // the same key written two ways
        "base: &b {x: 1}\nother: *b\n",          // anchor and alias
        "<<: {x: 1}\n",                          // merge key
        "a: !!str 12\n",                         // a tag
        "!!map {a: 1}\n",                        // a tag on a mapping
        "a: .inf\n",                             // not finite
        "a: 0x1FFFFFFFFFFFFFFFFFFF\n",           // out of range
        "a: 1\n---\nb: 2\n",                     // two documents
        "",                                      // no document
        "# only a comment\n",                    // no document
        "a: [1, 2\n",                            // syntax error
        "? [a, b]\n: 1\n",                       // a list as a key
        "a: \"\u{FEFF}x\"\n",                    // a text starting with a byte order mark
    ])
    func refusedOrSpecialDocumentsAreDeclined(_ text: String) {
        #expect(Self.read(text) == nil)
    }

    @Test func limitsAreDeclinedForTheComposedPathToWord() {
        let deep = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)  // depths 0...10
        #expect(Self.read(deep, limits: DocumentLimits(maxDepth: 10)) == nil)
        #expect(Self.read(deep, limits: DocumentLimits(maxDepth: 11)) != nil)
        let many = "[" + (1...50).map(String.init).joined(separator: ", ") + "]"
        #expect(Self.read(many, limits: DocumentLimits(maxValues: 50)) == nil)
        #expect(Self.read(many, limits: DocumentLimits(maxValues: 51)) != nil)
        #expect(Self.read("a: " + String(repeating: "x", count: 100), limits: DocumentLimits(maxBytes: 12)) == nil)
    }

    // MARK: Generated documents

    /// Scalars that the core schema, the leading-zero rule and the quoting rules each treat
    /// differently.
    static let plainScalars = [
        "text", "two words", "yes", "no", "on", "off", "true", "True", "FALSE", "null", "Null", "~",
        "12", "-7", "+3", "007", "08001", "0x1F", "0o17", "0x", "1.5", "-.5", "1e3", "2.5E-2", "1_000",
        "12:30", "2026-09-01", "9223372036854775807", "9223372036854775808", "1e999", ".inf", "-.Inf", ".nan",
        "ação", "日本", "a#b", "-", "x-y", "3 days", "0", "-0", "0.0",
    ]

    static func scalar(_ g: inout SplitMix64) -> String {
        let text = plainScalars.randomElement(using: &g)!
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case 1: return "\"" + text + "\\t\\u00e9\""
        case 2: return "\"" + text + "\""
        default: return text
        }
    }

    static func key(_ g: inout SplitMix64, _ used: inout Set<String>) -> String {
        var k = ["id", "title", "amount", "year", "yes", "1", "ação", "a b", "null", "x"].randomElement(using: &g)!
        if Int.random(in: 0..<40, using: &g) != 0 { k += "\(used.count)" }  // now and then a duplicate
        used.insert(k)
        return Int.random(in: 0..<6, using: &g) == 0 ? "\"\(k)\"" : k
    }

    /// A block-style node at `indent`, as a value following "key:" or "- ".
    static func block(_ g: inout SplitMix64, indent: Int, depth: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        let roll = depth > 3 ? 0 : Int.random(in: 0..<10, using: &g)
        switch roll {
        case 0...3: return " " + scalar(&g) + "\n"
        case 4: return " " + flow(&g, depth: depth) + "\n"
        case 5: return " |\n" + pad + "  line one\n" + pad + "  line: two\n"
        case 6: return " >-\n" + pad + "  folded\n" + pad + "  text\n"
        case 7:
            var out = "\n"
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                out += pad + "-" + block(&g, indent: indent + 2, depth: depth + 1)
            }
            return out
        default:
            var out = "\n"
            var used = Set<String>()
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                out += pad + key(&g, &used) + ":" + block(&g, indent: indent + 2, depth: depth + 1)
            }
            return out
        }
    }

    static func flow(_ g: inout SplitMix64, depth: Int) -> String {
        let n = Int.random(in: 0...3, using: &g)
        if depth > 4 || Int.random(in: 0..<3, using: &g) == 0 {
            return "[" + (0..<n).map { _ in scalar(&g) }.joined(separator: ", ") + "]"
        }
        var used = Set<String>()
        return "{" + (0..<n).map { _ in key(&g, &used) + ": " + flow(&g, depth: depth + 1) }.joined(separator: ", ") + "}"
    }

    /// A whole document; now and then with what the reader must decline.
    static func document(_ g: inout SplitMix64) -> String {
        var used = Set<String>()
        var text = Int.random(in: 0..<8, using: &g) == 0 ? "---\n" : ""
        for _ in 0..<Int.random(in: 1...6, using: &g) {
            text += key(&g, &used) + ":" + block(&g, indent: 2, depth: 0)
        }
        switch Int.random(in: 0..<25, using: &g) {
        case 0: text += "anchored: &a {k: 1}\nalias: *a\n"
        case 1: text += "tagged: !!str 5\n"
        case 2: text += "<<: {k: 1}\n"
        case 3: text += "---\nsecond: 1\n"
        case 4: text += "# a comment\n"
        default: break
        }
        return text
    }

    /// Over 3,000 generated documents: the reader gives the composed path's value or declines,
    /// never another value and never a value for a refused document; it reads most of them.
    @Test func generatedDocumentsGiveTheComposedValueOrAreDeclined() {
        var read = 0, refused = 0
        for seed in UInt64(1)...3_000 {
            var g = SplitMix64(seed: seed)
            let text = Self.document(&g)
            let expected = Self.composed(text)
            let value = Self.read(text)
            if expected == nil { refused += 1 }
            if let value {
                read += 1
                if value != expected { Issue.record("seed \(seed): the reader gave another value for\n\(text)") }
            }
        }
        #expect(read > 1_500, "the reader read only \(read) of 3,000")
        #expect(refused > 100, "only \(refused) refused: the generator no longer makes bad documents")
    }
}
