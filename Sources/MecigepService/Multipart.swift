import Foundation

/// A file sent with a page's form.
struct UploadedFile: Sendable {
    /// The form field it came in.
    var field: String
    /// The name the browser gave (its path dropped).
    var filename: String
    var contentType: String
    var data: Data
}

/// `multipart/form-data` bodies (RFC 7578), as browsers send forms with file inputs: text parts
/// become fields, parts with a filename become files. A malformed body is a 400 that says what is
/// wrong; nothing in it can make the parser read out of bounds or loop.
enum Multipart {
    /// The boundary named by a `Content-Type: multipart/form-data; boundary=...` header.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) throws -> (fields: [(String, String)], files: [UploadedFile]) {
        let bytes = [UInt8](body)
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard var cursor = find(delimiter, in: bytes, from: 0) else {
            throw APIError.badRequest("the form's body has no part (multipart boundary not found)")
        }
        cursor += delimiter.count
        var fields: [(String, String)] = []
        var files: [UploadedFile] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if bytes.count >= cursor + 2, bytes[cursor] == 0x2D, bytes[cursor + 1] == 0x2D { break }
            guard bytes.count >= cursor + 2, bytes[cursor] == 0x0D, bytes[cursor + 1] == 0x0A else {
                throw APIError.badRequest("the form's body is cut short or malformed (expected a line break after the boundary)")
            }
            cursor += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: cursor) else {
                throw APIError.badRequest("a part of the form has no end of headers")
            }
            let headers = String(decoding: bytes[cursor..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let contentEnd = find(separator, in: bytes, from: contentStart) else {
                throw APIError.badRequest("a part of the form is not closed by the boundary")
            }
            let content = Data(bytes[contentStart..<contentEnd])
            cursor = contentEnd + separator.count
            var name: String?
            var filename: String?
            var type = "application/octet-stream"
            for line in headers.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if key == "content-disposition" {
                    let parameters = Self.parameters(value)
                    name = parameters["name"]
                    filename = parameters["filename"]
                } else if key == "content-type" {
                    type = value
                }
            }
            guard let name else { throw APIError.badRequest("a part of the form has no name (Content-Disposition)") }
            if let filename {
                let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
                if !base.isEmpty || !content.isEmpty {
                    files.append(UploadedFile(field: name, filename: base.isEmpty ? "annex" : base, contentType: type, data: content))
                }
            } else {
                fields.append((name, String(decoding: content, as: UTF8.self)))
            }
        }
        return (fields, files)
    }

    /// `form-data; name="a"; filename="b.pdf"` → ["name": "a", "filename": "b.pdf"].
    static func parameters(_ value: String) -> [String: String] {
        var out: [String: String] = [:]
        var scalars = Substring(value)
        while let semicolon = scalars.firstIndex(of: ";") {
            scalars = scalars[scalars.index(after: semicolon)...].drop { $0 == " " }
            guard let equals = scalars.firstIndex(of: "=") else { break }
            let key = scalars[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var rest = scalars[scalars.index(after: equals)...]
            var text = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                var end = rest.endIndex
                for i in rest.indices {
                    let c = rest[i]
                    if escaped { text.append(c); escaped = false; continue }
                    if c == "\\" { escaped = true; continue }
                    if c == "\"" { end = i; break }
                    text.append(c)
                }
                scalars = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                text = rest[..<end].trimmingCharacters(in: .whitespaces)
                scalars = rest[end...]
            }
            if out[key] == nil { out[key] = text }
        }
        return out
    }

    /// The first position of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
