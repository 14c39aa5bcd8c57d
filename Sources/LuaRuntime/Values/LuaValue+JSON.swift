import Foundation

/// Deterministic JSON text for `LuaValue`: object keys sorted by their UTF-8 bytes, integers
/// without a fraction, doubles always with one (`1.0`), so the same value gives the same bytes.
extension LuaValue {
    /// JSON text; `pretty` indents with two spaces.
    public func jsonText(pretty: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .double(let d): out += LuaValue.jsonNumber(d)
        case .string(let s): LuaValue.writeJSONString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (n, element) in elements.enumerated() {
                if n > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                element.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (n, key) in members.keys.sorted(by: LuaValue.keyOrder).enumerated() {
                if n > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                LuaValue.writeJSONString(key, into: &out)
                out += pretty ? ": " : ":"
                members[key]!.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    /// The order used for object keys everywhere: by UTF-8 bytes, independent of locale.
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let common = min(pa.count, pb.count)
                let c = common == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, common)
                return c < 0 || (c == 0 && pa.count < pb.count)
            }
        }
    }

    static func jsonNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e16 { return String(format: d) }
        return "\(d)"
    }

    private static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
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
        out += "\""
    }
}

private extension String {
    /// "12.0" for an integral double below 1e16.
    init(format d: Double) {
        self = String(Int64(d)) + ".0"
        if d == 0, d.sign == .minus { self = "-0.0" }
    }
}
