/// Indents compact JSON the way `LuaValue.jsonBytes(pretty: true)` writes it: a newline and two
/// spaces per level after an opening bracket and after each comma, the closing bracket on a line
/// of its own, a space after each colon, empty arrays and objects left as `[]` and `{}`. The
/// layout depends only on the tokens, so indenting the compact bytes of a value gives exactly
/// its pretty bytes: a writer that streams compact JSON (the assessment writer) gets pretty
/// output without building a tree of values.
extension LuaValue {
    /// `compact` indented; `compact` must be JSON without whitespace between its tokens (what
    /// this package's writers produce). Strings are copied as they are, escapes included.
    public static func prettyJSON(fromCompact compact: [UInt8]) -> [UInt8] {
        compact.withUnsafeBufferPointer { prettyJSON(fromCompact: $0).take() }
    }

    /// `compact` indented, in a buffer of its own (no array made on either side).
    public static func prettyJSON(fromCompact bytes: UnsafeBufferPointer<UInt8>) -> ByteOutput {
        var out = ByteOutput(capacity: bytes.count + bytes.count / 2 + 16)
        var depth = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                // a string: up to its closing quote, escapes skipped whole
                var j = i + 1
                while true {
                    j = firstJSONSpecialByte(in: bytes, from: j)
                    if j >= n { break }
                    if bytes[j] == UInt8(ascii: "\\") { j += 2; continue }
                    if bytes[j] == UInt8(ascii: "\"") { j += 1; break }
                    j += 1  // a raw control byte (not from our writers): copied as it is
                }
                j = min(j, n)
                out.append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                out.append(b)
                let close = b == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if i + 1 < n, bytes[i + 1] == close {
                    out.append(close)
                    i += 2
                    continue
                }
                depth += 1
                out.appendLineBreak(indent: depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                out.appendLineBreak(indent: depth)
                out.append(b)
            case UInt8(ascii: ","):
                out.append(b)
                out.appendLineBreak(indent: depth)
            case UInt8(ascii: ":"):
                out.append(b)
                out.append(UInt8(ascii: " "))
            default:
                // a number or a literal: up to the next structural byte
                var j = i + 1
                while j < n {
                    let c = bytes[j]
                    if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: ":")
                        || c == UInt8(ascii: "\"") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { break }
                    j += 1
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                continue
            }
            i += 1
        }
        return out
    }
}
