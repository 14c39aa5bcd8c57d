import CLua
import Foundation

/// Deterministic JSON text for `LuaValue`: object keys sorted by their UTF-8 bytes, integers
/// without a fraction, doubles always with one (`1.0`), so the same value gives the same bytes.
/// Written into one byte buffer; strings are copied in runs between the few bytes that need an
/// escape (a quote, a backslash, a control character).
extension LuaValue {
    /// JSON text; `pretty` indents with two spaces.
    public func jsonText(pretty: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }

    /// JSON text as UTF-8 bytes (what `jsonText` decodes), for writing files without a copy.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        var out = ByteOutput(capacity: 4096)
        writeJSON(into: &out, pretty: pretty)
        return out.take()
    }

    /// Appends the JSON text to `out` as if the value sat `indent` levels deep in a pretty
    /// document (for writing a large document piece by piece).
    public func writeJSON(into out: inout ByteOutput, pretty: Bool, indent: Int = 0) {
        JSONWriter(pretty: pretty).write(self, indent: indent, into: &out)
    }

    /// The same, appended to an array.
    public func writeJSON(into out: inout [UInt8], pretty: Bool, indent: Int = 0) {
        var bytes = ByteOutput(capacity: 256)
        writeJSON(into: &bytes, pretty: pretty, indent: indent)
        bytes.copy(into: &out)
    }

    /// A JSON string (quoted, escaped) appended to `out`: what `LuaValue.string(s).writeJSON`
    /// writes, without making the value.
    public static func writeJSONString(_ s: String, into out: inout ByteOutput) {
        JSONWriter(pretty: false).string(s, into: &out)
    }

    /// The order used for object keys everywhere: by UTF-8 bytes, independent of locale.
    /// (Both strings' bytes are lent where they lie, as `withLentUTF8` lends one string's: the
    /// helper nested twice inside a sort's comparison measured 0.5 % more instructions on the peer
    /// batch, so the comparison keeps its own form.)
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        let lent = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in
                let common = min(pa.count, pb.count)
                let c = common == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, common)
                return c < 0 || (c == 0 && pa.count < pb.count)
            }
        }
        if case let before?? = lent { return before }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func jsonNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e16 { return String(format: d) }
        return "\(d)"
    }
}

/// The byte-level writer behind `jsonText`.
private struct JSONWriter {
    let pretty: Bool

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    func write(_ value: LuaValue, indent: Int, into out: inout ByteOutput) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .integer(let i): append(String(i), into: &out)
        case .double(let d): append(LuaValue.jsonNumber(d), into: &out)
        case .string(let s): string(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out.append("[]"); return }
            out.append(UInt8(ascii: "["))
            for (n, element) in elements.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { out.appendLineBreak(indent: indent + 1) }
                write(element, indent: indent + 1, into: &out)
            }
            if pretty { out.appendLineBreak(indent: indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append(UInt8(ascii: "{"))
            // the members sorted with their values: no lookup of each key again
            for (n, (key, member)) in members.sorted(by: { LuaValue.keyOrder($0.key, $1.key) }).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { out.appendLineBreak(indent: indent + 1) }
                string(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(member, indent: indent + 1, into: &out)
            }
            if pretty { out.appendLineBreak(indent: indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func append(_ text: String, into out: inout ByteOutput) {
        text.withLentUTF8 { out.append($0) }
    }

    /// A JSON string: runs of plain bytes copied at once; `"`, `\` and control bytes escaped.
    /// Bytes from 0x80 up are UTF-8 sequences of valid Strings and are copied as they are.
    func string(_ s: String, into out: inout ByteOutput) {
        out.append(UInt8(ascii: "\""))
        s.withLentUTF8 { plainAndEscaped($0, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private func plainAndEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteOutput) {
        var start = 0
        var i = LuaValue.firstJSONSpecialByte(in: bytes, from: 0)
        while i < bytes.count {
            let b = bytes[i]
            if start < i { out.append(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            start = i + 1
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            default:
                out.append("u00")
                out.append(Self.hex[Int(b >> 4)])
                out.append(Self.hex[Int(b & 0xf)])
            }
            i = LuaValue.firstJSONSpecialByte(in: bytes, from: i + 1)
        }
        if start < bytes.count { out.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
    }
}

private extension String {
    /// "12.0" for an integral double below 1e16.
    init(format d: Double) {
        self = String(Int64(d)) + ".0"
        if d == 0, d.sign == .minus { self = "-0.0" }
    }
}

extension LuaValue {
    /// The first byte at or after `from` that a JSON string cannot hold as it is (below 0x20, a
    /// quote, a backslash), or the end: what a writer must escape and where a reader's plain run
    /// stops. Sixteen bytes at a time where the processor allows (shim.h `clua_json_special`;
    /// Swift's own SIMD types compile to a byte loop here), then byte by byte.
    public static func firstJSONSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        return clua_json_special(base, from, bytes.count)
    }
}
