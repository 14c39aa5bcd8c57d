import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep sandbox FILE`: runs a Lua file in exactly the sandbox rules get.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a Lua file in the rule sandbox and print what it returns as JSON.",
        discussion: """
            The returned value is printed as JSON on standard output (exit 0). What the script \
            prints goes to standard error. On failure, standard error receives one JSON object \
            with kind, message, file, line, traceback and log (exit 1). Kinds: syntax, runtime, \
            instruction_limit, memory_limit, time_limit, sandbox_violation, conversion.
            """
    )

    @Argument(help: "The Lua file to run.")
    var file: String

    @Option(help: "Instruction budget for the run.")
    var instructions: Int64 = LuaLimits.default.instructions

    @Option(help: "Memory cap for the Lua state, in MiB.")
    var memory: Int = LuaLimits.default.memoryBytes >> 20

    @Option(help: "Wall-clock limit, in seconds.")
    var timeout: Double = LuaLimits.default.timeoutSeconds

    @Option(help: "Folder that require searches for modules (repeatable).")
    var rules: [String] = []

    func validate() throws {
        guard instructions > 0 else { throw ValidationError("--instructions must be a positive number") }
        guard memory > 0, memory <= 16 << 10 else { throw ValidationError("--memory must be between 1 and 16384 MiB") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep sandbox: cannot read \(file) (check the path)")
        }
        let source = [UInt8](data)
        for root in rules {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep sandbox: --rules \(root) is not a folder")
            }
        }
        let limits = LuaLimits(instructions: instructions, memoryBytes: memory << 20, timeoutSeconds: timeout)
        // Exactly what rules get: the same sandbox, with the rule API (`require "mecigep"`).
        var configuration = FrameworkLoader(rulesFolder: rules.first ?? ".", limits: limits).runtimeConfiguration
        configuration.moduleRoots = rules
        let outcome: Result<LuaResult, LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: configuration)
                return .success(try runtime.evaluate(bytes: source, chunkName: file))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let result):
            if !result.log.isEmpty { FileHandle.standardError.write(Data(result.log.utf8)) }
            Console.output(result.value.jsonText(pretty: true))
        case .failure(let error):
            var report = error.value.objectValue ?? [:]
            report["log"] = .string(error.log)
            throw CommandFailure(code: MecigepExit.failure, message: LuaValue.object(report).jsonText(pretty: true))
        }
    }
}
