import Foundation
import LuaRuntime

/// A strict RFC 8259 JSON parser over UTF-8 bytes that reports line and column.
///
/// Unlike `JSONSerialization` it rejects duplicate keys, and it keeps integers that fit `Int64`
/// as `.integer` (every other number is a `.double`). Also rejected: comments, trailing commas,
/// `NaN`/`Infinity`, leading zeros, control characters and invalid escapes in strings, unpaired
/// surrogates, and anything after the top-level value. The input must already be valid UTF-8
/// (checked by `DocumentLoader`). Iterative: nesting costs heap, not stack, and is bounded by
/// `maxDepth`; the number of values is bounded by `maxValues`.
struct JSONDocumentParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let name: String
    let limits: DocumentLimits
    private var pos = 0
    private var valueCount = 0
    /// Per nesting depth, how many members the last object closed there held, and how many
    /// items the last array: the next one at that depth (the items of a list of records are
    /// alike) starts with room for as many, instead of growing, and rehashing every key, from
    /// empty. Room only: what is parsed does not depend on them.
    private var objectSizes: [Int] = []
    private var arraySizes: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, name: String, limits: DocumentLimits) {
        self.bytes = bytes
        self.name = name
        self.limits = limits
    }

    /// An array or object being filled: a value in the parse's stack, filled in place there (no
    /// object of its own to allocate, and no exclusivity check at run time on every access, as a
    /// class's stored properties need).
    private struct Container {
        let isObject: Bool
        let start: Int
        var elements: [LuaValue] = []
        var members: [String: LuaValue] = [:]
        var pendingKey = ""
    }

    // MARK: - Structure

    mutating func parseDocument() throws(DocumentError) -> LuaValue {
        skipWhitespace()
        guard pos < bytes.count else {
            throw error(at: pos, "the document is empty; write a JSON object such as {\"id\": \"...\"}")
        }
        let value = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw error(at: pos, "unexpected \(describe(at: pos)) after the end of the document; "
                + "a file holds one JSON value: remove it, or wrap the values in [ ]")
        }
        return value
    }

    /// The value that starts at `pos` (whitespace skipped); leaves `pos` just after it.
    private mutating func parseValue() throws(DocumentError) -> LuaValue {
        var stack: [Container] = []
        var value: LuaValue

        parsing: while true {
            // A value starts at `pos` (whitespace skipped).
            guard pos < bytes.count else { throw unexpectedEnd(stack) }
            valueCount += 1
            if valueCount > limits.maxValues {
                throw error(at: pos, "more than \(limits.maxValues) values; split the document or raise the value limit")
            }
            let c = bytes[pos]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = c == UInt8(ascii: "{")
                guard stack.count < limits.maxDepth else {
                    throw error(at: pos, "nested deeper than \(limits.maxDepth) levels; flatten the structure")
                }
                let start = pos
                pos += 1
                skipWhitespace()
                if pos < bytes.count, bytes[pos] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    value = isObject ? .object([:]) : .array([])
                } else {
                    var container = Container(isObject: isObject, start: start)
                    if isObject, stack.count < objectSizes.count {
                        container.members.reserveCapacity(objectSizes[stack.count])
                    } else if !isObject, stack.count < arraySizes.count {
                        container.elements.reserveCapacity(arraySizes[stack.count])
                    }
                    if isObject { try readKey(into: &container, afterComma: false) }
                    stack.append(container)
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try readString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try readNumber()
            default:
                value = try readLiteral()
            }

            // Attach the finished value to its container; close containers that end here.
            while !stack.isEmpty {
                let top = stack.count - 1
                let isObject = stack[top].isObject
                if isObject {
                    let key = stack[top].pendingKey
                    stack[top].members[key] = value
                } else {
                    stack[top].elements.append(value)
                }
                skipWhitespace()
                guard pos < bytes.count else { throw unexpectedEnd(stack) }
                let d = bytes[pos]
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if d == UInt8(ascii: ",") {
                    let comma = pos
                    pos += 1
                    skipWhitespace()
                    if isObject {
                        try readKey(into: &stack[top], afterComma: true)
                    } else if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                        throw error(at: comma, "trailing comma before ']'; remove it")
                    }
                    continue parsing
                } else if d == close {
                    pos += 1
                    let closed = stack.removeLast()
                    if isObject {
                        while objectSizes.count <= stack.count { objectSizes.append(0) }
                        objectSizes[stack.count] = closed.members.count
                        value = .object(closed.members)
                    } else {
                        while arraySizes.count <= stack.count { arraySizes.append(0) }
                        arraySizes[stack.count] = closed.elements.count
                        value = .array(closed.elements)
                    }
                } else {
                    let what = isObject ? "object" : "array"
                    let (line, _) = lineColumn(stack[top].start)
                    throw unexpected(
                        at: pos,
                        expected: "',' or '\(Character(Unicode.Scalar(close)))' in the \(what) that starts at line \(line)")
                }
            }
            break parsing
        }
        return value
    }

    /// Reads `"key" :` (and the whitespace after it) at `pos`, checking for a repeated key.
    private mutating func readKey(into container: inout Container, afterComma: Bool) throws(DocumentError) {
        guard pos < bytes.count else { throw error(at: pos, "unexpected end of the document; expected a key in double quotes") }
        let c = bytes[pos]
        guard c == UInt8(ascii: "\"") else {
            if c == UInt8(ascii: "}"), afterComma {
                // Point at the comma: walk back over whitespace.
                var comma = pos - 1
                while comma > 0, bytes[comma] != UInt8(ascii: ",") { comma -= 1 }
                throw error(at: comma, "trailing comma before '}'; remove it")
            }
            throw unexpected(at: pos, expected: "a key in double quotes")
        }
        let start = pos
        let key = try readString()
        // every earlier member's value is attached by now
        if container.members[key] != nil {
            let first = firstKey(key, inObjectAt: container.start)
            throw error(at: start, "duplicate key \(DocumentText.quoted(key)) (first at line \(lineColumn(first).line)); keep one")
        }
        container.pendingKey = key
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
            if pos >= bytes.count { throw unexpectedEnd([container]) }
            throw unexpected(at: pos, expected: "':' after the key \(DocumentText.quoted(key))")
        }
        pos += 1
        skipWhitespace()
    }

    /// Where `key` first appears among the members of the object that opens at `open`, which
    /// parsed without error up to a later `key`: the duplicate's message names the first one's
    /// line. Reads the object's members again, so that the common case keeps no offsets.
    private func firstKey(_ key: String, inObjectAt open: Int) -> Int {
        var scan = self
        scan.pos = open + 1
        scan.valueCount = 0   // the values read again do not count against the document's limit
        while true {
            scan.skipWhitespace()
            let start = scan.pos
            guard scan.pos < bytes.count, bytes[scan.pos] == UInt8(ascii: "\""),
                  let found = try? scan.readString(), found != key else { return start }
            scan.skipWhitespace()
            scan.pos += 1   // ':'
            scan.skipWhitespace()
            guard (try? scan.parseValue()) != nil else { return start }
            scan.skipWhitespace()
            scan.pos += 1   // ','
        }
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    // MARK: - Scalars

    /// Reads a string at `pos` (on its opening quote) and leaves `pos` after the closing quote.
    private mutating func readString() throws(DocumentError) -> String {
        let open = pos
        pos += 1
        // Fast path: no escapes (the plain run found as the JSON writer finds it, sixteen bytes at a time).
        let i = LuaValue.firstJSONSpecialByte(in: bytes, from: pos)
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<i]), as: UTF8.self)
            pos = i + 1
            return text
        }
        var out: [UInt8] = Array(bytes[pos..<i])
        pos = i
        while true {
            guard pos < bytes.count else {
                throw error(at: open, "unterminated string; add the closing '\"'")
            }
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &out)
            case 0x0A, 0x0D:
                throw error(at: pos, "line break inside a string; close the string on the same line, or write the line break as \\n")
            case 0..<0x20:
                throw error(at: pos, "control character \(DocumentText.codePoint(UInt32(b))) inside a string; "
                    + "remove it or write it as \(b == 0x09 ? "\\t" : "\\u" + String(format: "%04X", UInt32(b)))")
            default:
                out.append(b)
                pos += 1
            }
        }
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(DocumentError) {
        let start = pos
        guard pos + 1 < bytes.count else { throw error(at: start, "unterminated string; add the closing '\"'") }
        let e = bytes[pos + 1]
        pos += 2
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4(escapeAt: start)
            if (0xDC00...0xDFFF).contains(scalar) {
                throw error(at: start, "unpaired surrogate \\u\(hex4(scalar)) (a low surrogate without a high one before it); "
                    + "write the character itself or a valid pair such as \\uD83D\\uDE00")
            }
            if (0xD800...0xDBFF).contains(scalar) {
                let low: UInt32?
                if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let lowStart = pos
                    pos += 2
                    let candidate = try readHex4(escapeAt: lowStart)
                    low = (0xDC00...0xDFFF).contains(candidate) ? candidate : nil
                } else {
                    low = nil
                }
                guard let low else {
                    throw error(at: start, "unpaired surrogate \\u\(hex4(scalar)) (a high surrogate must be followed by a low one, "
                        + "\\uDC00 to \\uDFFF); write the character itself or a valid pair")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            appendUTF8(scalar, to: &out)
        default:
            var end = start + 2
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
            throw error(at: start, "invalid escape \\\(shown) in a string; "
                + "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX (write a backslash as \\\\)")
        }
    }

    private mutating func readHex4(escapeAt start: Int) throws(DocumentError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count, let digit = hexValue(bytes[pos]) else {
                throw error(at: start, "\\u must be followed by four hexadecimal digits, as in \\u00E9")
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        return value
    }

    private mutating func readNumber() throws(DocumentError) -> LuaValue {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "I") || bytes[pos] == UInt8(ascii: "N") {
                pos = start
                return try readLiteral()
            }
        }
        guard pos < bytes.count, isDigit(bytes[pos]) else {
            throw error(at: start, "'-' must be followed by a digit; quote the value if it is meant as text")
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) {
                throw error(at: start, "number with a leading zero (\(token(from: start))); JSON does not allow them: "
                    + "drop the zero, or quote the value if it is a code meant as text (\"\(token(from: start))\")")
            }
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw error(at: start, "a digit must follow the decimal point in \(token(from: start)); write for example 1.0")
            }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw error(at: start, "the exponent of \(token(from: start)) has no digits; write for example 1e5")
            }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, isWordByte(bytes[pos]) || bytes[pos] == UInt8(ascii: ".") {
            throw error(at: start, "invalid number \(token(from: start)); quote the value if it is meant as text")
        }
        let negative = bytes[start] == UInt8(ascii: "-")
        let digits = negative ? start + 1 : start
        if isInteger, pos - digits <= 18 {
            // eighteen digits cannot overflow: added up here, as Int64(text) would read them
            var value: Int64 = 0
            for k in digits..<pos { value = value &* 10 &+ Int64(bytes[k] &- UInt8(ascii: "0")) }
            return .integer(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text), double.isFinite else {
            throw error(at: start, "the number \(text) is out of range; quote it if it is meant as text")
        }
        return .double(double)
    }

    /// `true`, `false`, `null`, or an error that names what was found instead.
    private mutating func readLiteral() throws(DocumentError) -> LuaValue {
        let start = pos
        let word = token(from: start)
        switch word {
        case "true": pos += 4; return .bool(true)
        case "false": pos += 5; return .bool(false)
        case "null": pos += 4; return .null
        case "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf", "-inf", "nan":
            throw error(at: start, "\(word) is not a JSON number; use null or a finite number (or quote it as text)")
        case "True", "TRUE", "False", "FALSE", "Null", "NULL", "None", "nil", "undefined":
            throw error(at: start, "\(word) is not a JSON value; JSON literals are written true, false and null, in lowercase")
        default:
            throw unexpected(at: start, expected: "a value")
        }
    }

    // MARK: - Errors

    private func lineColumn(_ offset: Int) -> (line: Int, column: Int) {
        DocumentText.position(ofByte: offset, in: bytes)
    }

    private func error(at offset: Int, _ message: String) -> DocumentError {
        let (line, column) = lineColumn(offset)
        return DocumentError(file: name, line: line, column: column, message: message)
    }

    private func unexpectedEnd(_ stack: [Container]) -> DocumentError {
        if let top = stack.last {
            let (line, column) = lineColumn(top.start)
            let close = top.isObject ? "}" : "]"
            return error(at: bytes.count, "unexpected end of the document; the \(top.isObject ? "object" : "array") "
                + "that starts at line \(line), column \(column) is not closed: add '\(close)'")
        }
        return error(at: bytes.count, "unexpected end of the document; expected a value")
    }

    /// An error for an unexpected byte, with a hint for the usual mistakes.
    private func unexpected(at offset: Int, expected: String) -> DocumentError {
        guard offset < bytes.count else { return error(at: offset, "unexpected end of the document; expected \(expected)") }
        let c = bytes[offset]
        let found = describe(at: offset)
        let hint: String
        switch c {
        case UInt8(ascii: "/") where offset + 1 < bytes.count
            && (bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*")):
            return error(at: offset, "comments are not allowed in JSON; remove it (YAML documents may use # comments)")
        case UInt8(ascii: "#"):
            return error(at: offset, "comments are not allowed in JSON; remove it (YAML documents may use # comments)")
        case UInt8(ascii: "'"):
            hint = "; JSON strings use double quotes: \"text\""
        case UInt8(ascii: "+"):
            hint = "; write numbers without '+'"
        case UInt8(ascii: "."):
            hint = "; write a zero before the decimal point, as in 0.5"
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
            hint = ""
        default:
            if expected.hasPrefix("','") {
                hint = "; is a ',' missing before it?"
            } else if expected.hasPrefix("a key"), isWordByte(c) {
                hint = "; keys must be in double quotes: \"\(token(from: offset))\""
            } else if isWordByte(c) || c >= 0x80 {
                hint = "; quote the value if it is meant as text"
            } else {
                hint = ""
            }
        }
        return error(at: offset, "unexpected \(found); expected \(expected)\(hint)")
    }

    /// "'x'", "'é'", "'}'", "control character U+0001", or "end of the document".
    private func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of the document" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        if let scalar = text.unicodeScalars.first, scalar.value < 0x20 || scalar.value == 0x7F {
            return "control character \(DocumentText.codePoint(scalar.value))"
        }
        if text == "'" { return "\"'\"" }
        let word = token(from: offset)
        if word.count > 1 { return "'\(word)'" }
        return "'\(text)'"
    }

    /// The run of number/word characters starting at `offset` (at most 40 bytes), for messages.
    private func token(from offset: Int) -> String {
        var end = offset
        while end < bytes.count, end - offset < 40,
              isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+")
                || bytes[end] == UInt8(ascii: ".") {
            end += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    // MARK: - Bytes

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    private func hex4(_ value: UInt32) -> String {
        String(format: "%04X", value)
    }

    private func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (value >> 6)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (value >> 18)))
            out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
