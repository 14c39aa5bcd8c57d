import Foundation
import Testing
@testable import LuaRuntime

@Suite("Runtime life cycle, modules and threads")
struct RuntimeTests {
    @Test func compileOnceCallMany() throws {
        let values: Result<[LuaValue], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime()
                let chunk = try runtime.compile("local c = ... return c.n * 2", chunkName: "double.lua")
                var out: [LuaValue] = []
                for n in 1...3 { out.append(try runtime.call(chunk, arguments: [["n": .integer(Int64(n))]]).value) }
                return .success(out)
            } catch { return .failure(error) }
        }
        #expect(try values.get() == [2, 4, 6])
    }

    @Test func preparedValuesAreConvertedOnceAndStayReadOnly() throws {
        let outcome: Result<[LuaValue], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime()
                let prepared = try runtime.prepare(["name": "case A", "items": [1, 2, 3]])
                let sum = try runtime.compile("local c = ... local s = 0 for _, v in ipairs(c.items) do s = s + v end return c.name .. s",
                                              chunkName: "sum.lua")
                let write = try runtime.compile("local c = ... c.name = 'changed'", chunkName: "write.lua")
                var out: [LuaValue] = [try runtime.call(sum, prepared: [prepared]).value]
                do throws(LuaError) { _ = try runtime.call(write, prepared: [prepared]) } catch {
                    out.append(.string(error.kind.rawValue))
                }
                out.append(try runtime.call(sum, prepared: [prepared]).value)
                runtime.release(prepared)
                return .success(out)
            } catch { return .failure(error) }
        }
        #expect(try outcome.get() == ["case A6", "sandbox_violation", "case A6"])
    }

    @Test func chunksBelongToTheirRuntime() throws {
        let error: LuaError? = LuaThread.run {
            do throws(LuaError) {
                let a = try LuaRuntime()
                let b = try LuaRuntime()
                let chunk = try a.compile("return 1", chunkName: "a.lua")
                _ = try b.call(chunk)
                return nil
            } catch { return error }
        }
        #expect(error?.kind == .host)
    }

    @Test func reentrantUseIsRefused() throws {
        // Sharing a runtime across threads does not compile (it is not Sendable); forced past the
        // compiler, a second call while one is running is refused instead of touching the state.
        nonisolated(unsafe) let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(instructions: .max, timeoutSeconds: 2)))
        let chunk = try runtime.compile("while true do end", chunkName: "busy.lua")
        final class Box: @unchecked Sendable { var kind: LuaError.Kind? }
        let box = Box()
        let started = DispatchSemaphore(value: 0)
        let thread = Thread {
            started.signal()
            do throws(LuaError) { _ = try runtime.call(chunk) } catch { box.kind = error.kind }
        }
        thread.stackSize = 1 << 20
        thread.start()
        started.wait()
        Thread.sleep(forTimeInterval: 0.2)
        var second: LuaError.Kind?
        do throws(LuaError) { _ = try runtime.evaluate("return 1") } catch { second = error.kind }
        while box.kind == nil { Thread.sleep(forTimeInterval: 0.05) }
        #expect(second == .host)
        #expect(box.kind == .timeLimit)
    }

    @Test func requireLoadsModulesFromRoots() throws {
        let folder = TemporaryFolder()
        folder.write("lib/text.lua", """
            local M = {}
            function M.shout(s) return string.upper(s) .. "!" end
            helper_global = "module-private"
            return M
            """)
        let result = try run("""
            local text = require "lib.text"
            local again = require "lib.text"
            return { text.shout("hola"), text == again, helper_global == nil }
            """, roots: [folder.path]).get()
        #expect(result.value == ["HOLA!", true, true])
    }

    /// The bytes `require` ran are handed over as they were read, even when the file changes
    /// right after (a framework's hashes are made from them), once; the paths stay listed.
    @Test func loadedModulesAreTheBytesThatRan() throws {
        let folder = TemporaryFolder()
        let first = "local M = {}\nM.n = 1\nreturn M\n"
        folder.write("lib/one.lua", first)
        folder.write("lib/two.lua", "return { n = 2 }\n")
        let outcome: Result<([(path: String, source: [UInt8])], [(path: String, source: [UInt8])], [String]), LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(moduleRoots: [folder.path]))
                _ = try runtime.evaluate("return require('lib.one').n + require('lib.two').n + require('lib.one').n")
                folder.write("lib/one.lua", "return { n = 100 }\n") // changed after it ran
                let taken = runtime.takeLoadedModules()
                return .success((taken, runtime.takeLoadedModules(), runtime.loadedModuleFiles))
            } catch { return .failure(error) }
        }
        let (taken, again, paths) = try outcome.get()
        #expect(taken.map { ($0.path as NSString).lastPathComponent } == ["one.lua", "two.lua"])
        #expect(taken.first?.source == Array(first.utf8))
        #expect(again.isEmpty)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["one.lua", "two.lua"])
    }

    /// A helper thread kept off its starter's core (the early precompiler, the case read-ahead)
    /// runs only on other cores when there are any, and where it may when there are none (the
    /// cores a thread may use are its affinity, which a cgroup's CPU quota does not narrow: so the
    /// test asks `keepOff` whether it could, rather than counting processors).
    @Test func aHelperKeptOffACoreRunsElsewhere() {
        let core = LuaThread.currentCore
        #expect(core >= 0, "sched_getcpu answers on Linux")
        let (kept, seen) = LuaThread.run { () -> (Bool, Set<Int32>) in
            let kept = LuaThread.keepOff(core: core)
            var seen: Set<Int32> = []
            for _ in 0..<200 { seen.insert(LuaThread.currentCore); sched_yield() }
            return (kept, seen)
        }
        if kept {
            #expect(!seen.contains(core), "\(seen) includes \(core)")
        } else {
            #expect(seen == [core], "kept off nothing, so the only core it may use")
        }
        // a core that does not exist, or none, changes nothing
        let anywhere = LuaThread.run { () -> (Bool, Bool, Int32) in
            (LuaThread.keepOff(core: 1 << 20), LuaThread.keepOff(core: -1), LuaThread.currentCore)
        }
        #expect(anywhere.0 == false && anywhere.1 == false && anywhere.2 >= 0)
    }

    /// What a worker hands back from `runEach(_:releasingAfterwards:)` is released on its own
    /// thread after the caller has gone on: here each leftover's release waits until `runEach`
    /// has returned, which would never happen (5 s, then recorded) if `runEach` waited for it.
    @Test func leftoversAreReleasedAfterRunEachReturns() {
        final class Record: @unchecked Sendable {
            let lock = NSLock()
            var bodies = 0
            var releasedInTime: [Bool] = []
            let returned = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        }
        final class Leftover {
            let record: Record
            let thread = Thread.current
            init(_ record: Record) { self.record = record }
            deinit {
                let waitedOut = record.returned.wait(timeout: .now() + 5) == .timedOut
                let sameThread = Thread.current == thread
                record.lock.withLock { record.releasedInTime.append(!waitedOut && sameThread) }
                record.released.signal()
            }
        }
        let record = Record()
        LuaThread.runEach(3, releasingAfterwards: { _ in
            record.lock.withLock { record.bodies += 1 }
            return Leftover(record)
        })
        #expect(record.lock.withLock { record.bodies } == 3)
        for _ in 0..<3 { record.returned.signal() }
        for _ in 0..<3 { record.released.wait() }
        #expect(record.lock.withLock { record.releasedInTime } == [true, true, true])
    }

    @Test func modulesAreFrozenOnceLoaded() throws {
        let folder = TemporaryFolder()
        folder.write("lib/shapes.lua", """
            local Point = {}
            Point.__index = Point
            function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
            function Point:sum() return self.x + self.y end
            local M = { Point = Point, names = { "a", "b" }, nested = { deep = { n = 1 } } }
            function M.count() local calls = 0 calls = calls + 1 return calls end
            return M
            """)
        let result = try run("""
            local shapes = require "lib.shapes"
            local p = shapes.Point.new(2, 3)
            local names = {}
            for _, n in ipairs(shapes.names) do names[#names + 1] = n end
            return { p:sum(), #shapes.names, table.concat(names, ","), shapes.nested.deep.n, shapes.count() }
            """, roots: [folder.path]).get()
        #expect(result.value == [5, 2, "a,b", 1, 1])
        for source in ["require('lib.shapes').names[1] = 'z'", "require('lib.shapes').nested.deep.n = 2",
                       "require('lib.shapes').extra = 1", "rawset(require('lib.shapes'), 'x', 1)"] {
            let write = try #require(failure(source, roots: [folder.path]), "\(source)")
            #expect(write.kind == .sandboxViolation, "\(source)")
        }
    }

    @Test func coroutinesWorkWhileAModuleLoadsButNotAfter() throws {
        let folder = TemporaryFolder()
        // Used during its own load (and during a nested load): as in Lua.
        folder.write("lib/inner.lua", """
            local co = coroutine.wrap(function() coroutine.yield(10) coroutine.yield(20) end)
            return { total = co() + co() }
            """)
        folder.write("lib/gen.lua", """
            local co = coroutine.wrap(function() coroutine.yield(1) coroutine.yield(2) end)
            local first = co()
            local inner = require "lib.inner"
            local M = { sum = first + co() + inner.total }
            local later = coroutine.wrap(function() while true do coroutine.yield(1) end end)
            later()
            function M.next() return later() end
            return M
            """)
        let result = try run("return require('lib.gen').sum", roots: [folder.path]).get()
        #expect(result.value == 33)
        // Resumed after the load, it would carry state from one call to the next.
        let later = try #require(failure("return require('lib.gen').next()", roots: [folder.path]))
        #expect(later.kind == .sandboxViolation)
        #expect(later.message.contains("created while a module was loading"))
    }

    @Test func requireErrorsNameTheModuleFile() throws {
        let folder = TemporaryFolder()
        folder.write("lib/broken.lua", "local x = \nreturn")
        folder.write("lib/fails.lua", "local M = {}\nerror('module failed')\nreturn M")
        let syntax = try #require(failure("return require 'lib.broken'", roots: [folder.path]))
        #expect(syntax.kind == .runtime)
        #expect(syntax.chunkName == folder.path + "/lib/broken.lua")
        #expect(syntax.line == 2)
        let runtimeError = try #require(failure("return require 'lib.fails'", roots: [folder.path]))
        #expect(runtimeError.chunkName == folder.path + "/lib/fails.lua")
        #expect(runtimeError.line == 2)
        let missing = try #require(failure("return require 'lib.nope'", roots: [folder.path]))
        #expect(missing.kind == .runtime)
        #expect(missing.message.contains("lib/nope.lua"))
    }

    @Test(arguments: ["../secret", "/etc/passwd", "a..b", "lib/x", ".hidden", "x."])
    func requireRefusesPaths(name: String) throws {
        let folder = TemporaryFolder()
        let error = try #require(failure("return require '\(name)'", roots: [folder.path]))
        #expect(error.kind == .sandboxViolation)
    }

    @Test func moduleNamesAreValidatedInSwiftToo() {
        #expect(ModuleResolver.isValidName("lib.text"))
        #expect(ModuleResolver.isValidName("frameworks.mecigep_core.init"))
        #expect(!ModuleResolver.isValidName("../x"))
        #expect(!ModuleResolver.isValidName("a..b"))
        #expect(!ModuleResolver.isValidName(""))
        #expect(!ModuleResolver.isValidName("a/b"))
    }

    @Test func runtimesOnSeparateThreadsRunInParallel() throws {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [LuaValue] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let v: LuaValue? = LuaThread.run {
                let runtime = try? LuaRuntime()
                return try? runtime?.evaluate("local n = ... local s = 0 for k = 1, 10000 do s = s + n end return s",
                                              arguments: [.integer(Int64(i))]).value
            }
            results.lock.lock()
            results.values.append(v ?? .null)
            results.lock.unlock()
        }
        #expect(Set(results.values) == [0, 10000, 20000, 30000])
    }
}
