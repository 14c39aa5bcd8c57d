import Foundation
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

    @Test func aSmallInstructionBudgetTurnsFastModeOff() throws {
        // 300,000 instructions: no window is short enough, so the call runs with exact budgets
        let (r, _) = try Self.run("while true do end", limits: LuaLimits(instructions: 300_000, memoryBytes: 16 << 20, timeoutSeconds: 2))
        #expect(Self.kind(r) == "instruction_limit")
    }
}
