import Foundation
import LuaRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads case documents (JSON or YAML) into `LuaValue`s, safely: every malformed or hostile
/// input gives a `DocumentError` with a position and a hint, never a crash, and the work done
/// is bounded by `DocumentLimits` (file size, nesting depth, values after alias expansion).
///
/// - JSON is parsed by a strict RFC 8259 parser of our own (`JSONDocumentParser`): duplicate
///   keys, comments, trailing commas, NaN, leading zeros, bad escapes and lone surrogates are
///   errors.
/// - YAML is parsed by Yams (libyaml) and converted by `YAMLDocumentParser` using the YAML 1.2
///   core schema, with the decisions documented there (timestamps stay text, numbers with a
///   leading zero stay text, `.inf`/`.nan` and merge keys are errors).
public enum DocumentLoader {
    /// Reads a file; the format comes from the extension (`.json`, `.yaml`, `.yml`), else from the
    /// first non-blank character (`{` or `[` means JSON, anything else YAML).
    public static func load(path: String, limits: DocumentLimits = .init()) throws(DocumentError) -> LuaValue {
        try loadWithBytes(path: path, limits: limits).value
    }

    /// `load(path:limits:)`, with the bytes read (the file is read once: what is parsed is what
    /// a caller hashes).
    static func loadWithBytes(path: String, limits: DocumentLimits) throws(DocumentError) -> (value: LuaValue, bytes: Data) {
        let data = try readFile(path: path, limit: limits.maxBytes)
        let format = format(ofPath: path) ?? sniffFormat(data)
        return (try parse(data, format: format, name: path, limits: limits), data)
    }

    /// Parses a document already in memory; `name` is used as the `file` of errors.
    public static func parse(
        _ data: Data, format: DocumentFormat, name: String, limits: DocumentLimits = .init()
    ) throws(DocumentError) -> LuaValue {
        guard data.count <= limits.maxBytes else {
            throw DocumentError(file: name, message: tooLargeMessage(size: Int64(data.count), limit: limits.maxBytes))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 byte order mark
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw DocumentError(file: name, line: 1, column: 1,
                                message: "the file is encoded as UTF-16; save it as UTF-8")
        }
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DocumentError) -> LuaValue in
                if let bad = UTF8Text.firstInvalid(in: buffer) {
                    let (line, column) = DocumentText.position(ofByte: bad, in: buffer)
                    throw DocumentError(
                        file: name, line: line, column: column,
                        message: "invalid UTF-8 (byte 0x\(String(buffer[bad], radix: 16, uppercase: true))); "
                            + "save the file with UTF-8 encoding")
                }
                switch format {
                case .json:
                    var parser = JSONDocumentParser(bytes: buffer, name: name, limits: limits)
                    return try parser.parseDocument()
                case .yaml:
                    return try YAMLDocumentParser.parse(bytes: buffer, name: name, limits: limits)
                }
            }
        }
        return try result.get()
    }

    /// A YAML document read both ways `parse` can read it: from libyaml's events (nil when that
    /// reader declines it) and through the composed tree (nil when refused). For the fuzzing
    /// harness, which checks that the first is nil or equal to the second.
    public static func yamlReadings(_ data: Data, limits: DocumentLimits = .init()) -> (events: LuaValue?, composed: LuaValue?) {
        let bytes = [UInt8](data)
        return bytes.withUnsafeBufferPointer { buffer in
            guard UTF8Text.firstInvalid(in: buffer) == nil else { return (nil, nil) }
            return (YAMLEventReader.read(buffer, limits: limits),
                    try? YAMLDocumentParser.parse(bytes: buffer, name: "yaml", limits: limits, events: false))
        }
    }

    // MARK: - Format

    /// The format named by a path's extension, if it names one.
    static func format(ofPath path: String) -> DocumentFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return .json
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    /// JSON when the first non-blank character (after a byte order mark) is `{` or `[`, else YAML.
    static func sniffFormat(_ data: Data) -> DocumentFormat {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
            default: return .yaml
            }
        }
        return .yaml
    }

    // MARK: - Reading files

    /// Reads at most `limit` bytes; a larger file is refused from its size, before reading it.
    static func readFile(path: String, limit: Int) throws(DocumentError) -> Data {
        func fail(_ message: String) -> DocumentError { DocumentError(file: path, message: message) }

        // O_NONBLOCK so that opening a FIFO cannot hang; it is refused below anyway.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw fail("no such file; check the path")
            case EACCES, EPERM: throw fail("permission denied; check the file's permissions")
            case ENOTDIR: throw fail("a part of the path is not a directory; check the path")
            case ELOOP: throw fail("too many symbolic links; check the path")
            default: throw fail("cannot open the file (\(String(cString: strerror(code))))")
            }
        }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw fail("cannot read the file's size (\(String(cString: strerror(errno))))")
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw fail("is a directory; give the path of a .yaml or .json file") }
        guard kind == S_IFREG else { throw fail("is not a regular file; save the document to a file first") }
        let size = Int64(info.st_size)
        guard size <= Int64(limit) else {
            throw fail(tooLargeMessage(size: size, limit: limit))
        }

        // Read up to limit + 1 bytes: a file that grew after fstat is still caught.
        let cap = limit < Int.max ? limit + 1 : limit
        var buffer = [UInt8](repeating: 0, count: max(1, min(Int(size) + 1, cap)))
        var total = 0
        while true {
            if total == buffer.count {
                guard total < cap else { break }
                buffer.append(contentsOf: repeatElement(0, count: min(max(total, 4096), cap - total)))
            }
            let count = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + total, raw.count - total)
            }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw fail("cannot read the file (\(String(cString: strerror(code))))")
            }
            if count == 0 { break }
            total += count
        }
        guard total <= limit else {
            throw fail(tooLargeMessage(size: Int64(total), limit: limit, atLeast: true))
        }
        return Data(buffer[0..<total])
    }

    static func tooLargeMessage(size: Int64, limit: Int, atLeast: Bool = false) -> String {
        "the file is \(atLeast ? "more than " : "")\(DocumentText.byteCount(size)), over the limit of "
            + "\(DocumentText.byteCount(Int64(limit))); split the document or raise the size limit"
    }
}

/// Byte-level helpers shared by the JSON and YAML parsers.
enum DocumentText {
    /// 1-based line and column of a byte offset. Lines end at LF, CRLF or a lone CR; columns count
    /// Unicode scalars (as libyaml does), so they match what an editor shows.
    static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1; column = 1
            } else if b == 0x0D {
                // CRLF breaks the line at its LF; a lone CR breaks it here.
                if i + 1 >= bytes.count || bytes[i + 1] != 0x0A { line += 1; column = 1 }
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    /// "1.5 MiB (1572864 bytes)" / "512 bytes".
    static func byteCount(_ n: Int64) -> String {
        if n < 1024 { return "\(n) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(n) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let shown = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return "\(shown) \(units[unit]) (\(n) bytes)"
    }

    /// A short, printable quotation of user text for messages.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if shown.unicodeScalars.count >= limit { shown += "…"; break }
            switch scalar {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{E000}" {
                    shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + shown + "\""
    }

    /// "U+000A".
    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
