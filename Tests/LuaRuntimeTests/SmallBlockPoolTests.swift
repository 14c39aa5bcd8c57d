import Testing
@testable import LuaRuntime

/// Lua's blocks of up to 512 bytes come from the state's own pool (shim.h: clua_pool_take), cut
/// from 64 KiB chunks and kept until the state closes; larger ones are the C library's. A block
/// that grows or shrinks across that line, or between two size classes, moves. These tests pin
/// what the pool must never change: a block keeps its bytes when it moves, and the memory budget
/// counts the bytes Lua holds, not the chunks the pool keeps, so a memory verdict is the same on a
/// state that has run anything before.
@Suite("The small-block pool")
struct SmallBlockPoolTests {
    static let limits = LuaLimits(instructions: 500_000_000, memoryBytes: 16 << 20, timeoutSeconds: 30)

    static func withRuntime<T>(_ body: @escaping (LuaRuntime) throws(LuaError) -> T) throws -> T {
        let outcome: Result<T, LuaError> = LuaThread.run {
            do throws(LuaError) {
                return .success(try body(try LuaRuntime(configuration: LuaConfiguration(limits: limits))))
            } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    /// Strings of every length from 1 to 1,100 bytes; a table's array part grown one element at
    /// a time to 3,000 (through every class and past the largest) and then rebuilt at 20; a hash
    /// part grown to 2,000 keys and rebuilt at 20. Every byte is read back.
    @Test func blocksKeepTheirBytesWhenTheyMove() throws {
        let answer = try Self.withRuntime { runtime throws(LuaError) in
            try runtime.evaluate("""
                local parts = {}
                for n = 1, 1100 do parts[n] = string.rep(string.char(97 + n % 26), n - 1) .. "!" end
                local t = {}
                for i = 1, 3000 do t[i] = i * 7 end
                for i = 3000, 21, -1 do t[i] = nil end
                for i = 1, 64 do t["k" .. i] = i end            -- rehash: the array part shrinks
                for i = 1, 20 do if t[i] ~= i * 7 then return "array lost " .. i end end
                local h = {}
                for i = 1, 2000 do h["h" .. i] = i end
                for i = 1, 1980 do h["h" .. i] = nil end
                for i = 1, 40 do h[-i] = i end                  -- rehash: the hash part shrinks
                for i = 1981, 2000 do if h["h" .. i] ~= i then return "hash lost " .. i end end
                for n = 1, 1100 do
                    if parts[n] ~= string.rep(string.char(97 + n % 26), n - 1) .. "!" then return "string lost " .. n end
                end
                return "ok"
                """).value
        }
        #expect(answer == .string("ok"))
    }

    /// Under a 16 MiB cap: a call holding ~11 MiB in 120,000 small tables passes, again and again;
    /// one holding more than the cap stops with the memory verdict; the next ~11 MiB call passes
    /// again, and between calls the state is back to what it held before. The pool keeps its
    /// chunks all along: were they counted, the second call would already fail.
    @Test func theBudgetCountsWhatLuaHoldsNotWhatThePoolKeeps() throws {
        let (verdicts, baseline, after) = try Self.withRuntime { runtime throws(LuaError) -> ([String], Int, [Int]) in
            func verdict(_ source: String) -> String {
                do throws(LuaError) { return try runtime.evaluate(source).value.jsonText() }
                catch { return error.kind.rawValue }
            }
            _ = verdict("return 0")
            let baseline = runtime.memoryInUse
            let fits = "local t = {} for i = 1, 120000 do t[i] = { i } end return #t"
            let tooMuch = "local t = {} for i = 1, 300000 do t[i] = { i, i } end return #t"
            var verdicts: [String] = [], after: [Int] = []
            for source in [fits, fits, fits, tooMuch, fits, fits] {
                verdicts.append(verdict(source))
                _ = verdict("collectgarbage() return 0")
                after.append(runtime.memoryInUse)
            }
            return (verdicts, baseline, after)
        }
        #expect(verdicts == ["120000", "120000", "120000", "memory_limit", "120000", "120000"], "\(verdicts)")
        for held in after { #expect(abs(held - baseline) < 256 << 10, "held \(held) bytes after a call, \(baseline) before") }
    }
}
