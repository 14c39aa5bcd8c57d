import Foundation
@testable import LuaRuntime
import Testing

/// The JSON writer is on every assessment's path and was rewritten for speed (bytes, runs of
/// plain bytes copied at once). Assessments are compared byte for byte across runs, versions and
/// job counts, so the text must not change by a single byte: this pins it to the plain
/// scalar-by-scalar writer it replaced, over many generated values, and checks that any JSON
/// parser reads the strings back exactly.
@Suite("JSON text")
struct JSONTextTests {
    /// The previous writer, kept as the reference.
    static func reference(_ v: LuaValue, pretty: Bool, indent: Int = 0) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .double(let d): return LuaValue.jsonNumber(d)
        case .string(let s): return quoted(s)
        case .array(let a):
            if a.isEmpty { return "[]" }
            let pad = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
            let end = pretty ? "\n" + String(repeating: "  ", count: indent) : ""
            return "[" + a.map { pad + reference($0, pretty: pretty, indent: indent + 1) }.joined(separator: ",") + end + "]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            let pad = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
            let end = pretty ? "\n" + String(repeating: "  ", count: indent) : ""
            return "{" + o.keys.sorted(by: LuaValue.keyOrder).map {
                pad + quoted($0) + (pretty ? ": " : ":") + reference(o[$0]!, pretty: pretty, indent: indent + 1)
            }.joined(separator: ",") + end + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    struct Generator {
        var base: SplitMix
        init(state: UInt64) { base = SplitMix(state: state) }
        mutating func next() -> UInt64 { base.next() }
        mutating func string() -> String {
            let pieces: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}", "é", "ñ", "ç",
                                    "€", "😀", "\u{2028}", "/", "{", "]", "participação", "0", "-1e5"]
            return (0..<Int(next() % 12)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
        }
        mutating func value(depth: Int) -> LuaValue {
            switch next() % (depth > 3 ? 5 : 7) {
            case 0: return .null
            case 1: return .bool(next() % 2 == 0)
            case 2: return .integer(Int64(bitPattern: next()) >> Int64(next() % 63))
            case 3: return .double([0, -0.0, 1.5, 1e300, -2.25, 3, 1e16, 0.1][Int(next() % 8)])
            case 4: return .string(string())
            case 5: return .array((0..<Int(next() % 4)).map { _ in value(depth: depth + 1) })
            default:
                var o: [String: LuaValue] = [:]
                for _ in 0..<Int(next() % 5) { o[string()] = value(depth: depth + 1) }
                return .object(o)
            }
        }
    }

    @Test func textIsByteForByteThePreviousWritersOverGeneratedValues() throws {
        var g = Generator(state: 2026)
        for _ in 0..<2000 {
            let v = g.value(depth: 0)
            for pretty in [false, true] {
                #expect(v.jsonText(pretty: pretty) == Self.reference(v, pretty: pretty), "\(Self.reference(v, pretty: false))")
            }
        }
    }

    /// The writers' buffer copies short pieces with word moves by size class (1-3, 4-7, 8-16
    /// bytes, longer) and grows by doubling from a tiny start: every length at every offset,
    /// single bytes, repeats and fixed text must give exactly what an array gets appended.
    @Test func theWritersBufferHoldsExactlyWhatWasAppended() {
        var g = Generator(state: 5)
        for round in 0..<200 {
            var out = ByteOutput(capacity: round % 3 == 0 ? 1 : 64)
            var expected: [UInt8] = []
            for _ in 0..<Int(g.next() % 60) {
                switch g.next() % 4 {
                case 0:
                    let piece = (0..<Int(g.next() % 41)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
                    let skip = piece.isEmpty ? 0 : Int(g.next() % UInt64(piece.count))
                    piece.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[skip...])) }
                    expected += piece[skip...]
                case 1:
                    let b = UInt8(truncatingIfNeeded: g.next())
                    out.append(b)
                    expected.append(b)
                case 2:
                    let n = Int(g.next() % 20)
                    out.append(repeating: 0x20, count: n)
                    expected += Array(repeating: 0x20, count: n)
                default:
                    out.append(",\"value\":")
                    expected += Array(",\"value\":".utf8)
                }
            }
            #expect(out.count == expected.count)
            var copied: [UInt8] = [7]
            out.copy(into: &copied)
            #expect(copied == [7] + expected)
            #expect(out.take() == expected, "round \(round)")
        }
    }

    /// Indenting compact JSON (how the streaming assessment writer gets its pretty output) must
    /// give the pretty writer's bytes exactly, whatever the strings hold: brackets, commas, colons,
    /// quotes and backslashes inside strings and keys, escapes at a string's end, empty arrays
    /// and objects at every depth.
    @Test func indentingCompactTextGivesThePrettyTextOverGeneratedValues() {
        var g = Generator(state: 77)
        let structural = ["[", "]", "{", "}", ",", ":", "\"", "\\", "[]", "{}", "\\\"", ": ", ", "]
        for round in 0..<3000 {
            var v = g.value(depth: 0)
            if round % 2 == 0 {  // strings and keys made of the bytes the indenter acts on
                let s = (0..<Int(g.next() % 6)).map { _ in structural[Int(g.next() % UInt64(structural.count))] }.joined()
                v = .object(["<" + s: .array([.string(s), .object([:]), .array([]), v]), "": .string(s + "\\")])
            }
            let pretty = LuaValue.prettyJSON(fromCompact: v.jsonBytes(pretty: false))
            #expect(pretty == v.jsonBytes(pretty: true), "\(v.jsonText())")
        }
        #expect(LuaValue.prettyJSON(fromCompact: []) == [])
    }

    /// The writer looks for the bytes to escape sixteen at a time (shim.h `clua_json_special`):
    /// each byte that needs one, and the bytes next to them in value (0x20, 0x7F, bytes of
    /// multi-byte characters, which an unsigned compare must not take for control bytes), at every
    /// position of strings long enough to span several blocks, after ASCII and after multi-byte
    /// characters, is escaped as the reference escapes it.
    @Test func everyEscapeIsFoundWhereverItFallsInAWord() {
        let special = ["\u{0}", "\u{1f}", "\"", "\\", "\n", "\t"]
        let near = ["\u{20}", "!", "#", "[", "]", "\u{7f}", "é", "€"]
        var checked = 0
        for filler in ["a", "é"] {
            for length in 0...40 {
                for position in 0..<max(length, 1) {
                    for odd in special + near {
                        var pieces = Array(repeating: filler, count: length)
                        if length > 0 { pieces[position] = odd }
                        let s = pieces.joined()
                        #expect(LuaValue.string(s).jsonText() == Self.quoted(s), "\(Self.quoted(s))")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 20_000)
    }

    @Test func stringsReadBackExactly() throws {
        var g = Generator(state: 7)
        for _ in 0..<500 {
            let s = g.string()
            let text = LuaValue.array([.string(s)]).jsonText()
            let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
            #expect(back == [s], "\(text)")
        }
    }
}
