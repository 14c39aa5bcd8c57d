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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attributes[.size] as? Int else {
                return .unreadable("require: cannot read \(path)")
            }
            if size > maxBytes {
                return .unreadable("require: \(path) is \(size) bytes, more than the \(maxBytes) allowed for a module")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return .unreadable("require: cannot read \(path)")
            }
            // Lua reads bytes: string literals may hold any (Latin-1 text, say); Lua's parser
            // refuses what it cannot read, with its own message and line.
            return .found(source: [UInt8](data), chunkName: "@" + path)
        }
        if roots.isEmpty {
            return .notFound("require: module '\(name)' not found: no module folder is configured (pass --rules DIR)")
        }
        return .notFound("require: module '\(name)' not found; looked for " + tried.joined(separator: ", "))
    }
}
