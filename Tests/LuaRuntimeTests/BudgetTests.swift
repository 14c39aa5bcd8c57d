import Testing
@testable import LuaRuntime

@Suite("Budgets per call")
struct BudgetTests {
    let small = LuaLimits(instructions: 1_000_000, memoryBytes: 16 << 20, timeoutSeconds: 2)

    @Test func instructionBudgetStopsLoops() throws {
        let error = try #require(failure("local n = 0\nwhile true do n = n + 1 end", limits: small))
        #expect(error.kind == .instructionLimit)
        #expect(error.line == 2)
        #expect(error.message.contains("1000000"))
    }

    @Test func instructionBudgetAppliesInsideCoroutines() throws {
        let error = try #require(failure("""
            local co = coroutine.create(function() while true do end end)
            return coroutine.resume(co)
            """, limits: small))
        #expect(error.kind == .instructionLimit)
    }

    @Test func theKillIsStickyAgainstPcall() throws {
        let error = try #require(failure("""
            local caught = 0
            while true do
              local ok = pcall(function() while true do end end)
              caught = caught + 1
            end
            """, limits: small))
        #expect(error.kind == .instructionLimit)
    }

    @Test func memoryCapHoldsForTheWholeState() throws {
        let error = try #require(failure("local s = 'x' while true do s = s .. s end", limits: small))
        #expect(error.kind == .memoryLimit)
        let pcalled = try #require(failure("""
            local ok = pcall(function() local s = string.rep('x', 1 << 28) end)
            local t = {}
            for i = 1, 100 do t[i] = string.rep('y', 1 << 10) end
            return ok
            """, limits: small))
        #expect(pcalled.kind == .memoryLimit)
    }

    @Test func garbageDoesNotCountAsAKill() throws {
        // Allocates far more than the cap in total, but never holds much at once.
        let result = try run("""
            local total = 0
            for i = 1, 2000 do local s = string.rep('x', 64 * 1024) .. i total = total + #s end
            return total > (16 << 20)
            """, limits: LuaLimits(instructions: 50_000_000, memoryBytes: 16 << 20, timeoutSeconds: 5)).get()
        #expect(result.value == true)
    }

    /// What an earlier call left behind (a failed one: no full collection follows it unless it
    /// hit the cap or left half of it in use; a successful one: never) must not count against the
    /// next call, or a memory verdict, and a level, could depend on the case assessed before.
    /// Calls holding ~6 MiB (then failing) and ~12 MiB alternate under a 16 MiB cap: each fits on
    /// its own. It failed before string.rep and its kind collected ahead of a result that might
    /// not fit (their buffers ask the allocator directly, with no emergency collection).
    @Test func garbageAFailedCallLeavesDoesNotShrinkTheNextCall() throws {
        let outcome: Result<[String], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(
                    instructions: 50_000_000, memoryBytes: 16 << 20, timeoutSeconds: 5)))
                var seen: [String] = []
                for _ in 0..<3 {
                    do throws(LuaError) {
                        _ = try runtime.evaluate("local t = {} for i = 1, 96 do t[i] = string.rep('a', 64 * 1024) .. i end error('x')")
                        seen.append("no error")
                    } catch { seen.append(error.kind.rawValue) }
                    do throws(LuaError) {
                        let v = try runtime.evaluate("local t = {} for i = 1, 192 do t[i] = string.rep('b', 64 * 1024) .. i end return #t").value
                        seen.append(v.jsonText())
                    } catch { seen.append(error.kind.rawValue) }
                }
                return .success(seen)
            } catch { return .failure(error) }
        }
        let seen = try outcome.get()
        #expect(seen == ["runtime", "192", "runtime", "192", "runtime", "192"], "\(seen)")
    }

    @Test func deadlineStopsSlowWork() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(failure("while true do end",
                                         limits: LuaLimits(instructions: .max, memoryBytes: 16 << 20, timeoutSeconds: 0.3)))
        #expect(error.kind == .timeLimit)
        #expect(clock.now - start < .seconds(3))
    }

    @Test func usageIsReported() throws {
        let result = try run("local s = 0 for i = 1, 100000 do s = s + i end return s").get()
        #expect(result.value == 5_000_050_000)
        #expect(result.usage.instructions >= 100_000)
        #expect(result.usage.instructions < 1_000_000)
        #expect(result.usage.peakMemoryBytes > 0)
    }

    @Test func aRuntimeRecoversAfterEveryKindOfStop() throws {
        let outcome: Result<[LuaValue], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: small))
                var kinds: [LuaValue] = []
                for source in ["while true do end", "local s = 'x' while true do s = s .. s end",
                               "return io", "error('x')"] {
                    do throws(LuaError) {
                        _ = try runtime.evaluate(source)
                        kinds.append("no error")
                    } catch { kinds.append(.string(error.kind.rawValue)) }
                    kinds.append(try runtime.evaluate("local t = {} for i = 1, 1000 do t[i] = i end return #t").value)
                }
                return .success(kinds)
            } catch { return .failure(error) }
        }
        let kinds = try outcome.get()
        #expect(kinds == ["instruction_limit", 1000, "memory_limit", 1000, "sandbox_violation", 1000, "runtime", 1000], "\(kinds)")
    }
}
