import ArgumentParser
import Foundation

/// The service's commands (`serve`, `users`, `backup`, `restore`) run in a program of their own,
/// `mecigep-service`, installed beside `mecigep`: they bring the web server and the database
/// (Hummingbird, SwiftNIO, GRDB), whose three thousand type records every other command would
/// otherwise scan at its start (about 2.5 ms of each; docs/performance.md, eighteenth round).
/// `mecigep serve ARGS` becomes `mecigep-service serve ARGS` in the same process (exec: the
/// same process id, standard streams, signals and exit code), so nothing changes for whoever
/// types it or supervises it; `mecigep --help` lists them as before.
public enum ServiceProgram {
    /// The service program's file name.
    public static let name = "mecigep-service"

    /// Each service command's name and the one line `--help` shows for it.
    public static let abstracts: KeyValuePairs<String, String> = [
        "serve": "Run the service: cases, rounds, assessments, peer input and reports, shared by the States.",
        "users": "Manage the service's accounts (add, list, disable).",
        "backup": "Copy the service's database to a file, while the service runs.",
        "restore": "Replace the service's database with a backup (stop the service first).",
    ]

    /// The one line `--help` shows for service command `name`.
    public static func abstract(_ name: String) -> String {
        abstracts.first { $0.key == name }?.value ?? ""
    }

    /// Whether `arguments` (without the program's name) are for the service program: one of its
    /// commands, or `help` about one.
    public static func handles(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        let command = first == "help" && arguments.count > 1 ? arguments[1] : first
        return abstracts.contains { $0.key == command }
    }

    /// The service program beside the running one.
    public static var path: String { beside(name) }

    /// The program called `program` in the running program's folder (`/proc/self/exe`'s, so a
    /// symbolic link to it finds what is beside the file it links to).
    public static func beside(_ program: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent(program)
    }

    /// Replaces this process with the service program run with `arguments`. Returns only when it
    /// cannot, with exit code 2 after saying why and what to do.
    public static func exec(_ arguments: [String]) -> Int32 {
        let program = path
        var argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) }
        argv.append(nil)
        execv(program, argv)
        let reason = String(cString: strerror(errno))
        Console.error("mecigep: \(arguments.first ?? "serve") runs in \(program), which cannot be started (\(reason)); "
            + "build it beside mecigep (make build, or make release for .build/release)")
        return MecigepExit.usage
    }

    /// The commands as `mecigep --help` lists them; run only in process (the `mecigep` program
    /// hands them to the service program before parsing), where they say so.
    static let stubs: [ParsableCommand.Type] = [Serve.self, Users.self, Backup.self, Restore.self]

    /// A stand-in: a name for `--help`, whatever follows it taken as is.
    protocol Stub: ParsableCommand {
        static var commandName: String { get }
    }

    struct Serve: Stub {
        static let commandName = "serve"
        @Argument(parsing: .captureForPassthrough, help: .hidden) var arguments: [String] = []
    }

    struct Users: Stub {
        static let commandName = "users"
        @Argument(parsing: .captureForPassthrough, help: .hidden) var arguments: [String] = []
    }

    struct Backup: Stub {
        static let commandName = "backup"
        @Argument(parsing: .captureForPassthrough, help: .hidden) var arguments: [String] = []
    }

    struct Restore: Stub {
        static let commandName = "restore"
        @Argument(parsing: .captureForPassthrough, help: .hidden) var arguments: [String] = []
    }
}

extension ServiceProgram.Stub {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: commandName, abstract: ServiceProgram.abstract(commandName))
    }

    func run() throws {
        throw CommandFailure(code: MecigepExit.usage, message: "mecigep \(Self.commandName) runs in the \(ServiceProgram.name) "
            + "program: run the mecigep program (it hands the command over), or \(ServiceProgram.name) itself")
    }
}
