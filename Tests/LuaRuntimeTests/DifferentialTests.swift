import Foundation
import Testing
@testable import LuaRuntime

// The sandbox speaks the same language as stock Lua 5.4, except what is removed on purpose.
// Every snippet in Fixtures/differential/snippets.txt runs under the stock `lua5.4` interpreter
// and inside the sandbox, through the same driver (Fixtures/differential/driver.lua), which
// describes each outcome — values, or the error message — as one line of text. The two lines
// must be equal, or the snippet must be in `removals` below, each with its reason (the same list
// is in docs/sandbox.md, "Differences from stock Lua 5.4"). A difference that is neither fails.
@Suite("Same language as stock Lua 5.4")
struct DifferentialTests {
    /// Differences on purpose: what the sandbox removes or changes, and why.
    static let removals: [String: String] = [
        "io_library": "no io library: rules read nothing but the case",
        "os_library": "no os library: no clock, no environment, no processes; \"today\" comes as data",
        "debug_library": "no debug library: it reaches every table and upvalue, frozen or not",
        "package_library": "no package library: no C modules, no search paths (package.loadlib is an escape)",
        "dofile": "no dofile: rules read no files",
        "loadfile": "no loadfile: rules read no files",
        "string_dump": "no string.dump: bytecode is never loaded, so it is never made",
        "load_binary": "binary chunks never load (they can break the VM): load answers nil and says so",
        "tostring_table_address": "tostring never shows an address: results must not depend on where Lua put an object",
        "tostring_function_address": "tostring never shows an address (as above)",
        "format_p": "string.format('%p') prints an address: refused (as above)",
        "collect_count": "collectgarbage('count') answers about a heap that holds what earlier calls left",
        "gc_metamethod": "__gc finalizers run with hooks off in Lua 5.4.4: refused",
        "mode_metamethod": "weak tables (__mode) can be used after free under emergency collections in 5.4.4: refused",
        "close_metamethod": "__close can overflow the C stack through nested coroutine.close in 5.4.4: refused",
        "string_metatable": "the string metatable is hidden (getmetatable(\"\") answers \"string\"): it holds the library",
        "tail_position_error_prefix": "a sandbox function written in Lua (load, pairs, setmetatable, rawlen, coroutine.*) "
            + "called in tail position (return f(...)) loses its caller's frame, so its message has no \"chunk:line:\" "
            + "prefix; the host still reports the file and line",
        "require_number": "require searches the rule folders only (no package.path, no C loaders): its not-found "
            + "message names what it searched",
        "index_loop": "setmetatable installs a copy (below): a metatable whose __index is set after use is not seen, "
            + "so this loop never forms",
        "setmetatable_index_after": "setmetatable installs a copy, so __gc, __mode or __close added later have no effect; "
            + "a field added to the metatable afterwards is not seen either",
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/differential")

    static func snippets() throws -> [(name: String, code: String)] {
        let text = try String(contentsOf: folder.appendingPathComponent("snippets.txt"), encoding: .utf8)
        var out: [(String, [String])] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("=== ") {
                out.append((String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces), []))
            } else if !out.isEmpty {
                out[out.count - 1].1.append(line)
            }
        }
        return out.map { ($0.0, $0.1.joined(separator: "\n").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)) }
    }

    /// name → outcome under stock lua5.4 (one process for every snippet).
    static func stock() throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lua5.4", folder.appendingPathComponent("driver.lua").path, folder.appendingPathComponent("snippets.txt").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var out: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).components(separatedBy: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            out[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        return out
    }

    /// name → outcome inside the sandbox: each snippet in a call of its own, as rule code runs.
    static func sandbox(_ snippets: [(name: String, code: String)]) throws -> [String: String] {
        let driver = try String(contentsOf: folder.appendingPathComponent("driver.lua"), encoding: .utf8)
        let outcome: Result<[String: String], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(instructions: 10_000_000,
                    memoryBytes: 64 << 20, timeoutSeconds: 5)))
                let chunk = try runtime.compile(driver, chunkName: "=(differential)")
                var out: [String: String] = [:]
                for (name, code) in snippets {
                    do throws(LuaError) {
                        let r = try runtime.call(chunk, arguments: [.string(code), .string(name)])
                        out[name] = (r.value.stringValue ?? r.value.jsonText()).replacingOccurrences(of: "\n", with: "\\n")
                    } catch {
                        out[name] = "sandbox \(error.kind.rawValue): \(error.message)"
                    }
                }
                return .success(out)
            } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    @Test func sandboxMatchesStockLuaExceptDocumentedRemovals() throws {
        let snippets = try Self.snippets()
        let stock = try Self.stock()
        let sandboxed = try Self.sandbox(snippets)
        var equal = 0, allowed = 0, unexpected: [String] = []
        for (name, _) in snippets {
            let s = try #require(stock[name], "\(name): no outcome from lua5.4")
            let b = try #require(sandboxed[name], "\(name): no outcome from the sandbox")
            if s == b {
                equal += 1
                if Self.removals[name] != nil { Issue.record("\(name) no longer differs: remove it from the removals") }
            } else if Self.removals[name] != nil {
                allowed += 1
            } else {
                unexpected.append("\(name)\n    lua5.4:  \(s)\n    sandbox: \(b)")
            }
        }
        print("differential: \(snippets.count) snippets, \(equal) equal, \(allowed) documented removals, \(unexpected.count) unexpected differences")
        for u in unexpected { Issue.record("differs from lua5.4: \(u)") }
        #expect(snippets.count >= 250)
    }
}
