import Foundation
@testable import LuaRuntime
import Testing

/// An error about a `require` (a module that is missing, a name that is not a module's, a library
/// rules cannot have, an argument that is not a name, a module that requires itself) points at
/// the line of rule code that called it, in the file that called it. `require` is a C function
/// in front of the sandbox's Lua, so that a tail call (`return require(...)`, common at the end
/// of a module or a framework's file) keeps the caller's frame, which a Lua function's tail call
/// would have replaced.
@Suite("Errors of require point at their caller")
struct RequireLocationTests {
    /// Ways to call require with `x`, each with the offset of the calling line in its text.
    nonisolated(unsafe) static let forms: [(name: String, text: @Sendable (String) -> String, line: Int)] = [
        ("statement", { "local m = require(\($0))\nreturn m\n" }, 1),
        ("tail call", { "return require(\($0))\n" }, 1),
        ("in a function", { "local function get()\n  local m = require(\($0))\n  return m\nend\nreturn get()\n" }, 2),
        ("tail call in a function", { "local function get()\n  return require(\($0))\nend\nreturn (get())\n" }, 2),
        ("argument", { "local t = {}\nt[1] = tostring(require(\($0)))\nreturn t\n" }, 2),
    ]

    /// What is required, and how the error reads (`self` is replaced by the calling module's name).
    static let failures: [(argument: String, message: String)] = [
        ("\"no.such.module\"", "module 'no.such.module' not found"),
        ("\"../up\"", "is not a module name"),
        ("\"io\"", "the io library is not available in rules"),
        ("{}", "bad argument #1 to 'require' (string expected, got table)"),
        ("self", "requires itself"),
    ]

    /// Guards: for every failure, every way of calling, in the main chunk and in a module the
    /// main chunk requires (itself in each way), with 0-3 lines before the call, the error's
    /// file and line are those of the call, and its message says what went wrong.
    @Test func everyFailureInEveryFormPointsAtTheCall() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/mecigep-require-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = SplitMix(state: 20261208)
        var checked = 0
        for (f, failure) in Self.failures.enumerated() {
            for (k, form) in Self.forms.enumerated() {
                for inModule in [false, true] {
                    let blank = Int(generator.next() % 4)
                    let padding = String(repeating: "-- (a line before)\n", count: blank)
                    let moduleName = "lib.caller_\(f)_\(k)"
                    let argument = failure.argument == "self" ? "\"\(moduleName)\"" : failure.argument
                    // a module requiring itself is the module's error however the main chunk calls it
                    if failure.argument == "self" && !inModule { continue }
                    let failing = padding + form.text(argument)
                    var main = failing, file = "main_\(f)_\(k).lua"
                    if inModule {
                        try failing.write(toFile: folder + "/lib/caller_\(f)_\(k).lua", atomically: true, encoding: .utf8)
                        main = Self.forms[(k + f) % Self.forms.count].text("\"\(moduleName)\"")
                        file = "lib/caller_\(f)_\(k).lua"
                    }
                    // (a fresh runtime each time: a module that failed to load is not cached, but
                    // one required before would be)
                    let runtime = try LuaRuntime(configuration: LuaConfiguration(
                        limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3), moduleRoots: [folder]))
                    let what = "\(failure.argument) by \(form.name)\(inModule ? " in a module" : "")"
                    do throws(LuaError) {
                        let result = try runtime.evaluate(main, chunkName: "main_\(f)_\(k).lua")
                        Issue.record("\(what): no error, returned \(result.value.jsonText())")
                    } catch {
                        #expect(error.message.contains(failure.message), "\(what): \(error.message)")
                        #expect((error.chunkName ?? "").hasSuffix(file), "\(what): in \(error.chunkName ?? "?")")
                        #expect(error.line == blank + form.line, "\(what): line \(error.line.map(String.init) ?? "?")")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == Self.failures.count * Self.forms.count * 2 - Self.forms.count)
    }

    /// Guards: modules nested deeper than Lua's C stack allows (each require is a C call, as in
    /// stock Lua) fail cleanly: a runtime error "C stack overflow" at the line of the require that
    /// went too deep, in its module, with no traceback in the message; 150 deep still load.
    @Test func requiresNestedTooDeepFailAtTheRequireThatWentTooFar() throws {
        for (depth, fails) in [(150, false), (260, true)] {
            let folder = FileManager.default.temporaryDirectory.path + "/mecigep-require-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder + "/m", withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            for i in 1..<depth {
                try "return { n = \(i), next = require(\"m.m\(i + 1)\") }\n".write(
                    toFile: folder + "/m/m\(i).lua", atomically: true, encoding: String.Encoding.utf8)
            }
            try "return { n = \(depth) }\n".write(toFile: folder + "/m/m\(depth).lua", atomically: true, encoding: String.Encoding.utf8)
            let runtime = try LuaRuntime(configuration: LuaConfiguration(
                limits: LuaLimits(instructions: 50_000_000, timeoutSeconds: 5), moduleRoots: [folder]))
            do throws(LuaError) {
                let result = try runtime.evaluate("local m = require(\"m.m1\")\nlocal n = 0\nwhile m do n, m = m.n, m.next end\nreturn n\n",
                                                  chunkName: "main.lua")
                #expect(!fails && result.value == .integer(Int64(depth)), "\(depth) deep: \(result.value.jsonText())")
            } catch {
                #expect(fails, "\(depth) deep: \(error.message)")
                #expect(error.kind == .runtime && error.message == "C stack overflow", "\(depth) deep: \(error.message)")
                let name = error.chunkName ?? ""
                #expect(name.contains("/m/m") && name.hasSuffix(".lua") && error.line == 1, "\(depth) deep: at \(name):\(error.line ?? -1)")
            }
        }
    }

    /// Guards: require is still what rule code expects of a function: it returns the module,
    /// passes through pcall with its error, and is the same function in every module.
    @Test func requireStillBehavesAsAFunction() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/mecigep-require-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "local M = { answer = 42, r = require }\nreturn M\n".write(toFile: folder + "/lib/m.lua", atomically: true,
                                                                      encoding: String.Encoding.utf8)
        let runtime = try LuaRuntime(configuration: LuaConfiguration(
            limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3), moduleRoots: [folder]))
        let source = """
            local m = require("lib.m")
            local ok, err = pcall(require, "no.such")
            return { answer = m.answer, same = m.r == require, again = require("lib.m") == m, kind = type(require),
                     caught = not ok and err:find("not found", 1, true) ~= nil, text = tostring(require) }
            """
        let result = try runtime.evaluate(source, chunkName: "t.lua")
        #expect(result.value == .object(["answer": .integer(42), "same": .bool(true), "again": .bool(true),
                                         "kind": .string("function"), "caught": .bool(true), "text": .string("function")]))
    }
}
