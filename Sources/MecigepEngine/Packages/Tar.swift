import Foundation

/// The tar layer of framework packages: POSIX ustar, regular files only, written so that the
/// same files give the same bytes (sorted, time stamp 0, owner 0, mode 0644), and read so that
/// nothing but plain relative paths inside the package can come out of it.
enum Tar {
    struct Entry: Equatable {
        var path: String
        var bytes: [UInt8]
    }

    /// Why an archive was refused.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case truncated
        case badChecksum(offset: Int)
        case unsupportedEntry(path: String, type: String)
        case unsafePath(String)
        case duplicate(String)
        case tooMany(limit: Int)

        var description: String {
            switch self {
            case .truncated: return "the archive is truncated (a file or the end marker is missing)"
            case .badChecksum(let offset): return "the archive is corrupt (bad header checksum at byte \(offset))"
            case .unsupportedEntry(let path, let type):
                return "entry \(path) is a \(type); a package holds regular files only"
            case .unsafePath(let path):
                return "entry \"\(path)\" is not a plain relative path inside the package (absolute, \"..\", empty or control characters); refused"
            case .duplicate(let path): return "entry \(path) appears twice"
            case .tooMany(let limit): return "more than \(limit) entries"
            }
        }
    }

    static let block = 512

    /// The archive of `entries`, sorted by path.
    static func write(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            out += header(for: entry)
            out += entry.bytes
            let padding = (block - entry.bytes.count % block) % block
            out += [UInt8](repeating: 0, count: padding)
        }
        out += [UInt8](repeating: 0, count: block * 2)
        return out
    }

    private static func header(for entry: Entry) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: block)
        let path = Array(entry.path.utf8)
        var name = path, prefix: [UInt8] = []
        if path.count > 100 {
            // ustar splits a long path at a "/" into prefix (155 bytes) and name (100 bytes).
            guard let cut = path.indices.last(where: { path[$0] == UInt8(ascii: "/") && $0 <= 155 && path.count - $0 - 1 <= 100 })
            else { preconditionFailure("path too long for ustar: \(entry.path)") }
            prefix = Array(path[..<cut]); name = Array(path[(cut + 1)...])
        }
        func put(_ bytes: [UInt8], at offset: Int) { for (i, b) in bytes.enumerated() { h[offset + i] = b } }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: width - 1 - digits.count) + digits).utf8) + [0]
        }
        put(name, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(entry.bytes.count, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        h[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0] + Array("00".utf8), at: 257)
        put(prefix, at: 345)
        let sum = h.reduce(0) { $0 + Int($1) }
        put(Array((String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8)).utf8) + [0, 32], at: 148)
        return h
    }

    /// The files of an archive, in archive order. Refuses links, devices, absolute paths,
    /// ".." and duplicate entries, and stops after `maxEntries`.
    static func read(_ bytes: [UInt8], maxEntries: Int = 10_000) throws(Failure) -> [Entry] {
        var entries: [Entry] = []
        var seen = Set<String>()
        var offset = 0
        while true {
            guard offset + block <= bytes.count else { throw .truncated }
            let h = bytes[offset..<(offset + block)]
            if h.allSatisfy({ $0 == 0 }) { return entries }
            let stored = Int(field(h, 148, 8).trimmingCharacters(in: .whitespaces), radix: 8)
            var sum = 0
            for (i, b) in h.enumerated() { sum += (148..<156).contains(i) ? 32 : Int(b) }
            guard stored == sum else { throw .badChecksum(offset: offset) }
            let prefix = field(h, 345, 155), name = field(h, 0, 100)
            let path = prefix.isEmpty ? name : prefix + "/" + name
            let type = h[h.startIndex + 156]
            guard let size = Int(field(h, 124, 12).trimmingCharacters(in: .whitespaces), radix: 8), size >= 0 else {
                throw .badChecksum(offset: offset)
            }
            offset += block
            switch type {
            case UInt8(ascii: "0"), 0: break
            case UInt8(ascii: "5"):
                guard isSafe(path.hasSuffix("/") ? String(path.dropLast()) : path) else { throw .unsafePath(path) }
                continue
            default:
                let kinds: [UInt8: String] = [UInt8(ascii: "1"): "hard link", UInt8(ascii: "2"): "symbolic link",
                                              UInt8(ascii: "3"): "character device", UInt8(ascii: "4"): "block device",
                                              UInt8(ascii: "6"): "named pipe", UInt8(ascii: "x"): "pax header",
                                              UInt8(ascii: "g"): "pax global header", UInt8(ascii: "L"): "GNU long name"]
                throw .unsupportedEntry(path: path, type: kinds[type] ?? "entry of type \(Character(UnicodeScalar(type)))")
            }
            guard isSafe(path) else { throw .unsafePath(path) }
            guard seen.insert(path).inserted else { throw .duplicate(path) }
            guard entries.count < maxEntries else { throw .tooMany(limit: maxEntries) }
            guard offset + size <= bytes.count else { throw .truncated }
            entries.append(Entry(path: path, bytes: Array(bytes[offset..<(offset + size)])))
            offset += (size + block - 1) / block * block
        }
    }

    /// A relative path of plain segments: no "", ".", "..", leading "/", backslash or control
    /// character, so that joining it to a folder stays inside the folder.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count <= 255 else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7f }) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    private static func field(_ h: ArraySlice<UInt8>, _ offset: Int, _ length: Int) -> String {
        let start = h.startIndex + offset
        let raw = h[start..<(start + length)]
        let end = raw.firstIndex(of: 0) ?? raw.endIndex
        return String(decoding: raw[raw.startIndex..<end], as: UTF8.self)
    }
}
