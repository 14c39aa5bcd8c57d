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

    /// `pairs` lists and sorts a rule's table in C (shim.h: clua_pairs_raw), where the hook cannot
    /// stop it: the work is charged before it is done, so a walk the budget cannot pay for stops at
    /// the `pairs` line, and one it can pay for runs (the same table, keys already in order, costs
    /// only the listing).
    @Test func pairsIsChargedBeforeItSortsTheKeys() throws {
        let build = "local t = {}\nfor i = 1, 60000 do t[\"k\" .. i] = i end\n"
        let budget = LuaLimits(instructions: 2_000_000, memoryBytes: 32 << 20, timeoutSeconds: 5)
        let error = try #require(failure(build + "local n = 0\nfor _ in pairs(t) do n = n + 1 end\nreturn n", limits: budget))
        #expect(error.kind == .instructionLimit)
        #expect(error.line == 4)
        let sequence = try run("local t = {}\nfor i = 1, 60000 do t[i] = i end\n"
            + "local n = 0\nfor _ in pairs(t) do n = n + 1 end\nreturn n", limits: budget).get()
        #expect(sequence.value == 60000)
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

    /// A deep recursion that returns leaves the stack and the list of call frames grown (an
    /// error shrinks the stack as it unwinds, and the frames by half), and only a collection
    /// outside an emergency shrinks them. A recursion in the next call then finds that stack
    /// already there and needs no memory for it: stopped by its instruction budget where a fresh
    /// state runs out of memory first, so a verdict, and a level, could depend on what ran
    /// before. Guarded: after a recursion with wide frames returned, a narrower one that runs
    /// out of budget or memory gets the verdict it gets on a fresh runtime, at budgets either
    /// side of where memory and instructions cross.
    @Test(arguments: [4_000, 30_000], stride(from: Int64(340_000), through: 400_000, by: 10_000).map { $0 })
    func aStackADeepRecursionLeftDoesNotChangeTheNextVerdict(depth: Int, instructions: Int64) throws {
        let limits = LuaLimits(instructions: instructions, memoryBytes: 16 << 20, timeoutSeconds: 5)
        let wide = "local function g(n, a, b, c, d, e, f, h, i, j) if n == 0 then return 0 end "
            + "return 1 + g(n - 1, a, b, c, d, e, f, h, i, j) end return g(\(depth))"
        let narrow = "local function f() return 1 + f() end return f()"
        let outcome: Result<(String, String), LuaError> = LuaThread.run {
            do throws(LuaError) {
                func verdict(_ runtime: LuaRuntime, _ source: String) -> String {
                    do throws(LuaError) {
                        _ = try runtime.evaluate(source)
                        return "no error"
                    } catch { return error.kind.rawValue }
                }
                let fresh = verdict(try LuaRuntime(configuration: LuaConfiguration(limits: limits)), narrow)
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: limits))
                let returned = runtime.withLimits(LuaLimits(instructions: 10_000_000, memoryBytes: 16 << 20, timeoutSeconds: 5)) {
                    verdict(runtime, wide)
                }
                #expect(returned == "no error")
                return .success((fresh, verdict(runtime, narrow)))
            } catch { return .failure(error) }
        }
        let (fresh, after) = try outcome.get()
        #expect(after == fresh, "\(depth) calls deep, then \(instructions) instructions: \(after); on a fresh runtime \(fresh)")
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
