import Foundation
import Synchronization
import Testing
@testable import LuaRuntime

/// Fast mode (`call(_:with:fast:)`): rule calls run with no count hook while a watchdog thread
/// watches the time each has run. Guarded: a short call gives its value; a call that runs past
/// the window (a loop that would reach the instruction budget, or merely a slow one) or creates
/// a coroutine is stopped with `.rerun`, never with a verdict of its own; the hook fast mode
/// leaves behind never changes the exact budgets of the calls after it; a budget too small for
/// a safe window turns fast mode off.
@Suite("Fast mode")
struct FastModeTests {
    static func run(_ body: String, limits: LuaLimits = .init(), fast: Bool = true,
                    then exact: String? = nil) throws -> (Result<LuaValue, LuaError>, Result<LuaValue, LuaError>?) {
        let outcome: Result<(Result<LuaValue, LuaError>, Result<LuaValue, LuaError>?), LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: limits))
                let chunk = try runtime.compile("sandbox_internal.next_call()\n" + body, chunkName: "=(sandbox fast test)")
                let first: Result<LuaValue, LuaError>
                do throws(LuaError) { first = .success(try runtime.call(chunk, with: [], fast: fast).value) } catch {
                    first = .failure(error)
                }
                var second: Result<LuaValue, LuaError>?
                if let exact {
                    do throws(LuaError) { second = .success(try runtime.evaluate(exact).value) } catch { second = .failure(error) }
                }
                return .success((first, second))
            } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    static func kind(_ r: Result<LuaValue, LuaError>?) -> String {
        switch r {
        case .success(let v)?: return "value \(v.jsonText())"
        case .failure(let e)?: return e.kind.rawValue
        case nil: return "none"
        }
    }

    @Test func aShortCallGivesItsValue() throws {
        let (r, _) = try Self.run("local n = 0 for i = 1, 1000 do n = n + i end return n")
        #expect(Self.kind(r) == "value 500500")
    }

    @Test func aLoopIsStoppedForARerunNotAVerdict() throws {
        let started = Date()
        let (r, _) = try Self.run("while true do end")
        #expect(Self.kind(r) == "rerun")
        // long before the 50M-instruction budget or the 5 s time budget
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func pcallCannotSwallowTheStop() throws {
        let (r, _) = try Self.run("while true do pcall(function() while true do end end) end")
        #expect(Self.kind(r) == "rerun")
    }

    @Test func aCoroutineAsksForARerun() throws {
        let (r, _) = try Self.run("local co = coroutine.create(function() return 1 end) return select(2, coroutine.resume(co))")
        #expect(Self.kind(r) == "rerun")
        let (exact, _) = try Self.run("local co = coroutine.create(function() return 1 end) return select(2, coroutine.resume(co))",
                                      fast: false)
        #expect(Self.kind(exact) == "value 1")
    }

    @Test func theCallAfterAFastOneHasExactBudgets() throws {
        let small = LuaLimits(instructions: 30_000_000, memoryBytes: 16 << 20, timeoutSeconds: 5)
        let (_, after) = try Self.run("while true do end", limits: small, then: "local n = 0 while true do n = n + 1 end")
        #expect(Self.kind(after) == "instruction_limit")
        let (_, fine) = try Self.run("return 1", limits: small, then: "local n = 0 for i = 1, 100000 do n = n + 1 end return n")
        #expect(Self.kind(fine) == "value 100000")
    }

    /// The window is CPU time: on a machine busier than its cores, a short call waits past the
    /// window without running, and is let finish rather than run again (which doubled the work
    /// of a batch exactly when the machine had least to spare). Guarded over 20 calls of a few
    /// ms of CPU each (a quarter of their window) while sixteen times as many threads as cores spin;
    /// the test also checks that a call did wait past the window, or it would prove nothing.
    @Test func aCallThatWaitsWithoutRunningIsNotStopped() throws {
        let spinners = 16 * ProcessInfo.processInfo.activeProcessorCount
        let stop = ManagedAtomicFlag()
        for _ in 0..<spinners {
            Thread.detachNewThread { var n = 0; while !stop.isSet { n &+= 1 } }
        }
        defer { stop.set() }
        let outcome: Result<([String], Double), LuaError> = LuaThread.run {
            do throws(LuaError) {
                // 200M instructions: a 20 ms window, four times what one call uses
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(instructions: 200_000_000)))
                let chunk = try runtime.compile("sandbox_internal.next_call()\n"
                    + "local n = 0 for i = 1, 200000 do n = n + i % 7 end return n > 0", chunkName: "=(sandbox fast test)")
                var kinds: [String] = []
                var slowest = 0.0
                for _ in 0..<20 {
                    let started = Date()
                    do throws(LuaError) { kinds.append(Self.kind(.success(try runtime.call(chunk, with: [], fast: true).value))) } catch {
                        kinds.append(Self.kind(.failure(error)))
                    }
                    slowest = max(slowest, Date().timeIntervalSince(started))
                }
                return .success((kinds, slowest))
            } catch { return .failure(error) }
        }
        let (kinds, slowest) = try outcome.get()
        #expect(kinds.allSatisfy { $0 == "value true" }, "\(kinds)")
        #expect(slowest > 0.02, "no call waited past the 20 ms window: the machine was not busy enough to tell")
    }

    @Test func aSmallInstructionBudgetTurnsFastModeOff() throws {
        // 300,000 instructions: no window is short enough, so the call runs with exact budgets
        let (r, _) = try Self.run("while true do end", limits: LuaLimits(instructions: 300_000, memoryBytes: 16 << 20, timeoutSeconds: 2))
        #expect(Self.kind(r) == "instruction_limit")
    }
}

/// A flag threads can read and set without a lock (the test's spinners stop on it).
final class ManagedAtomicFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
