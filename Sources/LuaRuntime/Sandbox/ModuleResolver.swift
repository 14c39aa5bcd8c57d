import Foundation

/// Finds the file behind `require "a.b"`: `<root>/a/b.lua` under one of the configured roots.
/// Names are dotted identifiers only, so no path can leave the roots. Built-in modules (given
/// by the host as source text) are found first and are privileged: see `LuaConfiguration`.
struct ModuleResolver: Sendable {
    let roots: [String]
    let maxBytes: Int
    let builtins: [String: String]

    enum Outcome: Equatable {
        case found(source: [UInt8], chunkName: String)
        case builtin(source: String, chunkName: String)
        case notFound(String)
        case invalidName(String)
        case unreadable(String)
    }

    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 200 else { return false }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
            }
        }
    }

    /// The bytes of a file (at most `limit`), read with plain system calls into one buffer of
    /// the size `stat` gave (`expected`) and a byte more: no chunk zeroed, no growing and copying.
    /// A file that grew since is read on, in chunks, up to `limit`.
    static func contents(of path: String, limit: Int, expected: Int = 0) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var room = min(max(expected, 0), limit) + 1
        while bytes.count <= limit {
            var ended = false, failed = false
            let piece = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                while count < room {
                    let n = read(fd, buffer.baseAddress! + count, room - count)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failed = true; return }
                    if n == 0 { ended = true; return }
                    count += n
                }
            }
            if failed { return nil }
            if bytes.isEmpty { bytes = piece } else { bytes.append(contentsOf: piece) }
            if ended { return bytes.count <= limit ? bytes : nil }
            room = 64 << 10
        }
        return nil
    }

    func resolve(_ name: String) -> Outcome {
        guard Self.isValidName(name) else {
            return .invalidName("require: '\(name)' is not a module name (use dotted names such as \"lib.text\", not paths)")
        }
        if let source = builtins[name] {
            return .builtin(source: source, chunkName: "=(sandbox module \(name))")
        }
        let relative = name.split(separator: ".").joined(separator: "/") + ".lua"
        var tried: [String] = []
        for root in roots {
            let path = (root as NSString).appendingPathComponent(relative)
            tried.append(path)
            // One stat (FileManager's existence and attribute queries cost a dictionary each).
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
            let size = Int(info.st_size)
            if size > maxBytes {
                return .unreadable("require: \(path) is \(size) bytes, more than the \(maxBytes) allowed for a module")
            }
            guard let bytes = Self.contents(of: path, limit: maxBytes, expected: size) else {
                return .unreadable("require: cannot read \(path)")
            }
            // Lua reads bytes: string literals may hold any (Latin-1 text, say); Lua's parser
            // refuses what it cannot read, with its own message and line.
            return .found(source: bytes, chunkName: "@" + path)
        }
        if roots.isEmpty {
            return .notFound("require: module '\(name)' not found: no module folder is configured (pass --rules DIR)")
        }
        return .notFound("require: module '\(name)' not found; looked for " + tried.joined(separator: ", "))
    }
}
