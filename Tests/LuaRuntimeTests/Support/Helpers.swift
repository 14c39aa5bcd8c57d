import Foundation
@testable import LuaRuntime

/// Runs `source` in a fresh runtime on a large-stack thread.
func run(_ source: String, arguments: [LuaValue] = [], limits: LuaLimits = LuaLimits(instructions: 5_000_000, memoryBytes: 32 << 20, timeoutSeconds: 3),
         roots: [String] = [], readOnly: Bool = true) -> Result<LuaResult, LuaError> {
    LuaThread.run {
        do throws(LuaError) {
            let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: limits, moduleRoots: roots))
            return .success(try runtime.evaluate(source, chunkName: "test.lua", arguments: arguments,
                                                 readOnlyArguments: readOnly))
        } catch {
            return .failure(error)
        }
    }
}

/// The value `source` returns, or the error it raised.
func value(_ source: String, arguments: [LuaValue] = []) -> LuaValue? {
    try? run(source, arguments: arguments).get().value
}

func failure(_ source: String, arguments: [LuaValue] = [], limits: LuaLimits = LuaLimits(instructions: 5_000_000, memoryBytes: 32 << 20, timeoutSeconds: 3),
             roots: [String] = []) -> LuaError? {
    if case .failure(let error) = run(source, arguments: arguments, limits: limits, roots: roots) { return error }
    return nil
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "mecigep-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ relative: String, _ contents: String) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(contents.utf8))
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A seeded generator (SplitMix64, as `MecigepEngine.SplitMix64`, which these tests cannot see):
/// generated inputs are reproducible and a failure names its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
