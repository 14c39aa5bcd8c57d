import Foundation
import Testing
@testable import LuaRuntime

/// Module files compiled ahead on another thread (`ModulePrecompiler`) must be indistinguishable
/// from the same files compiled by `require`: what a module returns, where its errors point, what
/// the load-time checks refuse, and that a file is always run as it is on disk when required.
@Suite("Precompiled modules")
struct ModulePrecompilerTests {
    /// A module tree: `m` requires `lib.a` (literal names, in three spellings) and `lib.b`; each
    /// has functions whose errors name their lines.
    private static func tree() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("m.lua", """
            local a = require "lib.a"
            local b = require('lib.b')
            local again = require 'lib.a'
            return { sum = a.double(2) + b.triple(3), same = a == again, a = a, b = b }
            """)
        folder.write("lib/a.lua", """
            local M = {}
            local LIMIT = 10 -- a local of the chunk: read, never written, by M.double
            function M.double(x)
              return 2 * x
            end
            function M.fail(x)
              if x > LIMIT then error("too large: " .. x) end
              return x
            end
            M.words = { "é", "ü", "\\0", [[long
            string]] }
            return M
            """)
        folder.write("lib/b.lua", """
            local M = {}
            function M.triple(x) return 3 * x end
            function M.index(t) return t.x.y end
            return M
            """)
        return folder
    }

    private struct Run: Equatable {
        var value: LuaValue?
        var error: String?
    }

    /// Evaluates each source in turn in one runtime over `folder`, with a precompiler from
    /// `entry` that has finished compiling everything it found (when `precompiled`), or none.
    private static func evaluate(_ sources: [String], in folder: TemporaryFolder, entry: String,
                                 precompiled: Bool) -> (runs: [Run], counts: (used: Int, compiled: Int)) {
        LuaThread.run {
            let configuration = LuaConfiguration(limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3),
                                                 moduleRoots: [folder.path])
            guard let runtime = try? LuaRuntime(configuration: configuration) else { return ([], (0, 0)) }
            let precompiler = ModulePrecompiler(entry: entry, configuration: configuration)
            precompiler.waitUntilFinished()
            if precompiled { runtime.startPrecompiling(with: precompiler) } else { precompiler.stop() }
            let runs = sources.enumerated().map { k, source -> Run in
                do throws(LuaError) {
                    return Run(value: try runtime.evaluate(source, chunkName: "call\(k).lua").value)
                } catch {
                    return Run(error: "\(error.kind.rawValue): \(error.message) @ \(error.chunkName ?? "-"):\(error.line ?? 0)")
                }
            }
            let counts = precompiler.counts
            runtime.stopPrecompiling()
            return (runs, counts)
        }
    }

    @Test func aPrecompiledModuleDoesWhatItsTextDoes() {
        let folder = Self.tree()
        let sources = [
            "local m = require 'm' return { m.sum, m.same, m.a.words }",
            "return require('lib.a').fail(11)",
            "return require('lib.b').index({})",
            "return require('lib.a').fail(3)",
        ]
        let text = Self.evaluate(sources, in: folder, entry: "m", precompiled: false)
        let bytecode = Self.evaluate(sources, in: folder, entry: "m", precompiled: true)
        #expect(bytecode.runs == text.runs)
        #expect(text.runs.first?.value == [13, true, ["é", "ü", "\u{0}", "long\nstring"]])
        // the errors point at the module files' lines, compiled either way
        #expect(bytecode.runs[1].error?.hasSuffix("lib/a.lua:7") == true)
        #expect(bytecode.runs[1].error?.contains("too large: 11") == true)
        #expect(bytecode.runs[2].error?.hasSuffix("lib/b.lua:3") == true)
        // and the modules did come from the other thread's bytecode
        #expect(bytecode.counts.used == 3)
        #expect(bytecode.counts.compiled == 3)
        #expect(text.counts.used == 0)
    }

    @Test func theLoadTimeChecksHoldForPrecompiledModules() {
        let folder = TemporaryFolder()
        folder.write("keeps.lua", """
            local count = 0
            local M = {}
            function M.bump() count = count + 1 return count end
            return M
            """)
        folder.write("writes.lua", """
            local M = { n = 1 }
            return M
            """)
        for entry in ["keeps", "writes"] {
            let sources = ["return require('\(entry)')", "local m = require('\(entry)') m.n = 2 return m.n"]
            let text = Self.evaluate(sources, in: folder, entry: entry, precompiled: false)
            let bytecode = Self.evaluate(sources, in: folder, entry: entry, precompiled: true)
            #expect(bytecode.runs == text.runs)
            #expect(bytecode.counts.used == 1)
        }
        // the upvalue write is refused where it is written, both ways
        let keeps = Self.evaluate(["return require('keeps')"], in: folder, entry: "keeps", precompiled: true)
        #expect(keeps.runs.first?.error?.contains("count") == true)
        #expect(keeps.runs.first?.error?.contains("keeps.lua:3") == true)
    }

    @Test func aSyntaxErrorIsReportedAsTheTextReportsIt() {
        let folder = TemporaryFolder()
        folder.write("m.lua", "local a = require 'broken'\nreturn a\n")
        folder.write("broken.lua", "local M = {}\n\nfunction M.f(\n  return 1\nend\nreturn M\n")
        let sources = ["return require 'm'"]
        let text = Self.evaluate(sources, in: folder, entry: "m", precompiled: false)
        let bytecode = Self.evaluate(sources, in: folder, entry: "m", precompiled: true)
        #expect(bytecode.runs == text.runs)
        #expect(bytecode.runs.first?.error?.contains("broken.lua:4") == true)
        #expect(bytecode.counts.compiled == 1)   // m only: broken did not compile
        #expect(bytecode.counts.used == 1)
    }

    /// A file edited after the other thread compiled it runs as it is now: a dump is used only
    /// for the bytes `require` reads.
    @Test func aFileChangedSinceItWasCompiledRunsAsItIsNow() {
        let folder = TemporaryFolder()
        folder.write("m.lua", "return { version = require('lib.v').version }")
        folder.write("lib/v.lua", "return { version = 1 }")
        let outcome: (value: LuaValue?, counts: (used: Int, compiled: Int)) = LuaThread.run {
            let configuration = LuaConfiguration(limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3),
                                                 moduleRoots: [folder.path])
            guard let runtime = try? LuaRuntime(configuration: configuration) else { return (nil, (0, 0)) }
            let precompiler = ModulePrecompiler(entry: "m", configuration: configuration)
            precompiler.waitUntilFinished()
            folder.write("lib/v.lua", "return { version = 2 }")
            runtime.startPrecompiling(with: precompiler)
            defer { runtime.stopPrecompiling() }
            return (try? runtime.evaluate("return require('m').version", chunkName: "call.lua").value, precompiler.counts)
        }
        #expect(outcome.value == 2)
        #expect(outcome.counts.compiled == 2)
        #expect(outcome.counts.used == 1)   // m's dump; v's was for its old text
    }

    /// A precompiler started before anyone asked (`startEarly`, as a command line does before
    /// parsing its arguments) goes to a load only if that load is for the same entry with the
    /// same roots, size limit, built-in modules and memory cap (the cap a file compiles under);
    /// a load of anything else gets a new one and leaves the early one for its own load, which
    /// gets it once.
    @Test func anEarlyPrecompilerGoesOnlyToTheLoadItWasStartedFor() {
        let folder = Self.tree()
        let configuration = LuaConfiguration(limits: LuaLimits(instructions: 5_000_000, timeoutSeconds: 3),
                                             moduleRoots: [folder.path])
        var smaller = configuration
        smaller.limits.memoryBytes /= 2
        var otherRoots = configuration
        otherRoots.moduleRoots = [folder.path + "/lib"]
        var builtins = configuration
        builtins.builtinModules = ["x": "return 1"]
        var bytes = configuration
        bytes.maxModuleBytes /= 2
        let early = ModulePrecompiler.startEarly(entry: "m", configuration: configuration)
        for (name, asked, entry) in [("memory cap", smaller, "m"), ("roots", otherRoots, "m"), ("built-ins", builtins, "m"),
                                     ("size limit", bytes, "m"), ("entry", configuration, "lib.a")] {
            let other = ModulePrecompiler.forLoad(entry: entry, configuration: asked)
            #expect(other !== early, "\(name)")
            other.stop()
        }
        #expect(ModulePrecompiler.forLoad(entry: "m", configuration: configuration) === early)
        let second = ModulePrecompiler.forLoad(entry: "m", configuration: configuration)
        #expect(second !== early, "an early precompiler is handed over once")
        second.stop()
        early.stop()
        // what an early precompiler compiled is what require takes
        let (runs, counts) = LuaThread.run { () -> ([LuaValue?], (used: Int, compiled: Int)) in
            ModulePrecompiler.startEarly(entry: "m", configuration: configuration)
            guard let runtime = try? LuaRuntime(configuration: configuration) else { return ([], (0, 0)) }
            let precompiler = ModulePrecompiler.forLoad(entry: "m", configuration: configuration)
            precompiler.waitUntilFinished()
            runtime.startPrecompiling(with: precompiler)
            defer { runtime.stopPrecompiling() }
            return ([try? runtime.evaluate("return require('m').sum", chunkName: "call.lua").value], precompiler.counts)
        }
        #expect(runs == [13])
        #expect(counts.used == 3)
    }

    /// The names found are the literal ones, in the order written; a `require` that is part of
    /// another name, a field, or given a computed name is left to `require` itself.
    @Test func theModulesFoundAreTheLiteralRequiresInOrder() {
        let source = """
            local a = require "lib.a"
            local b = require('lib.b-c')
            local c = require  (  'c_d'  )
            local d = xrequire "not.this"
            local e = t.require "nor.this"
            local f = self:require "nor.that"
            local g = require(name)
            local h = require "lib.a"
            return require"last"
            """
        #expect(ModulePrecompiler.requiredNames(in: Array(source.utf8)) == ["lib.a", "lib.b-c", "c_d", "lib.a", "last"])
        #expect(ModulePrecompiler.requiredNames(in: Array("require".utf8)).isEmpty)
        #expect(ModulePrecompiler.requiredNames(in: Array("require \"unclosed".utf8)).isEmpty)
    }
}
