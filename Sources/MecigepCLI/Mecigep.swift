import ArgumentParser
import Foundation

/// The `mecigep` command: runs the MECIGEP frameworks (Lua rules) against submitted cases.
public struct Mecigep: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mecigep",
        abstract: "Assess public-management initiatives with frameworks written as Lua rules.",
        discussion: """
            Exit codes:
              0  success
              1  the run found errors (a rule error, an invalid case, a failed test)
              2  usage or configuration error (bad option, missing file or folder)
            """,
        version: MecigepVersion.current,
        subcommands: subcommands(service: ServiceProgram.stubs)
    )

    public init() {}

    /// Every command, with `service` (the service's own: serve, users, backup, restore) in
    /// their place in the list.
    public static func subcommands(service: [ParsableCommand.Type]) -> [ParsableCommand.Type] {
        [
            AssessCommand.self, ValidateCommand.self, ExplainCommand.self, CompareCommand.self, CheckCommand.self,
            TestCommand.self, FrameworksCommand.self, NewCommand.self, SandboxCommand.self,
            ReportCommand.self, RoundCommand.self, DiffCommand.self, RobustnessCommand.self,
            ReleaseCommand.self, PackCommand.self, VerifyCommand.self, InstallCommand.self, KeysCommand.self,
        ] + service + [WorkerCommand.self]
    }
}

/// The engine's version, reported by `--version` and recorded in assessments.
public enum MecigepVersion {
    public static let current = "0.1.0"
}

/// Exit codes, documented in the README and in `--help`.
public enum MecigepExit {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
}

/// Raised by commands to end with a given exit code after printing `message` to stderr.
public struct CommandFailure: Error {
    public var code: Int32
    public var message: String?

    public init(code: Int32, message: String?) {
        self.code = code
        self.message = message
    }
}

extension Mecigep {
    /// Parses `arguments`, runs the command and returns the process exit code: 0, 1 or 2.
    public static func run(arguments: [String]) -> Int32 {
        AssessCommand.compileAhead(arguments)
        return run(Mecigep.self, arguments: arguments)
    }

    /// `run(arguments:)` with the commands of `root` (the service program's, say).
    public static func run<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]) -> Int32 {
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            return MecigepExit.success
        } catch let failure as CommandFailure {
            if let message = failure.message { Console.error(message) }
            return failure.code
        } catch {
            let code = root.exitCode(for: error)
            let message = root.fullMessage(for: error)
            if code == .success {
                Console.output(message)
                return MecigepExit.success
            }
            Console.error(message)
            if code == .validationFailure { return MecigepExit.usage }
            return code.rawValue == 1 ? MecigepExit.failure : MecigepExit.usage
        }
    }
}

/// Where commands write: standard output for results, standard error for everything else.
public enum Console {
    /// A line of results to standard output (a newline added when missing).
    public static func output(_ text: String) { write(text, to: FileHandle.standardOutput) }
    /// Bytes to standard output, as `output` writes text (a newline added when missing), without
    /// going through a String (an assessment's JSON is hundreds of kilobytes).
    static func output(bytes: [UInt8]) {
        var data = Data(bytes)
        if bytes.last != UInt8(ascii: "\n") { data.append(UInt8(ascii: "\n")) }
        FileHandle.standardOutput.write(data)
    }
    /// Bytes to standard output as `output(bytes:)` writes them (a line break added when they do
    /// not end with one), written from where they are rather than copied first.
    static func output(line bytes: UnsafeBufferPointer<UInt8>) {
        if let start = bytes.baseAddress, bytes.count > 0 {
            FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: start), count: bytes.count,
                                                 deallocator: .none))
        }
        if bytes.last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data([UInt8(ascii: "\n")])) }
    }
    /// A line to standard error: messages, progress, problems.
    public static func error(_ text: String) { write(text, to: FileHandle.standardError) }

    private static func write(_ text: String, to handle: FileHandle) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        handle.write(Data(line.utf8))
    }
}
