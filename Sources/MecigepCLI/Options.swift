import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `--rules DIR`: the rules folder; else $MECIGEP_RULES; else ./rules.
struct RulesOptions: ParsableArguments {
    @Option(help: "The rules folder (default: $MECIGEP_RULES, else ./rules).")
    var rules: String?

    var folder: String { rules ?? ProcessInfo.processInfo.environment["MECIGEP_RULES"] ?? "rules" }

    /// The loader, after checking that the folder exists (exit 2 otherwise).
    func loader(limits: LuaLimits = .default) throws -> FrameworkLoader {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep: rules folder \(folder) not found "
                + "(pass --rules DIR or set MECIGEP_RULES)")
        }
        return FrameworkLoader(rulesFolder: folder, limits: limits)
    }
}

/// `--framework ID`.
struct FrameworkOption: ParsableArguments {
    @Option(help: "The framework to use.")
    var framework: String = "mecigep-core"
}

/// Budgets for rule code.
struct LimitOptions: ParsableArguments {
    @Option(help: "Instruction budget per indicator.")
    var instructions: Int64 = LuaLimits.default.instructions

    @Option(help: "Memory cap per Lua state, in MiB.")
    var memory: Int = LuaLimits.default.memoryBytes >> 20

    @Option(help: "Wall-clock limit per indicator, in seconds.")
    var timeout: Double = LuaLimits.default.timeoutSeconds

    func validate() throws {
        guard instructions > 0 else { throw ValidationError("--instructions must be a positive number") }
        guard memory > 0, memory <= 16 << 10 else { throw ValidationError("--memory must be between 1 and 16384 MiB") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    var limits: LuaLimits { LuaLimits(instructions: instructions, memoryBytes: memory << 20, timeoutSeconds: timeout) }
}

/// Loads a framework or ends with exit code 2 and every problem listed.
func loadFramework(_ id: String, _ loader: FrameworkLoader) throws -> Framework {
    do throws(FrameworkLoadError) { return try loader.load(id) } catch {
        throw CommandFailure(code: MecigepExit.usage, message: "mecigep: " + error.description)
    }
}

/// Writes a file so that a killed run never leaves it half written: a temporary file in the
/// same folder, renamed into place.
func writeAtomically(_ text: String, to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
        throw CommandFailure(code: MecigepExit.failure, message: "mecigep: cannot write \(path)")
    }
    guard rename(temporary, path) == 0 else {
        try? FileManager.default.removeItem(atPath: temporary)
        throw CommandFailure(code: MecigepExit.failure, message: "mecigep: cannot write \(path)")
    }
}

/// Whether standard error is a terminal (for progress bars).
var standardErrorIsTerminal: Bool { isatty(2) != 0 }

/// The languages reports and labels come in.
enum ReportLanguage: String, ExpressibleByArgument, CaseIterable {
    case en, es, pt, fr
}
