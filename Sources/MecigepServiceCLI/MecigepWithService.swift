import ArgumentParser
import MecigepCLI

/// The `mecigep-service` program: every `mecigep` command, with the service's own (`serve`,
/// `users`, `backup`, `restore`) in their place; `mecigep` hands those over to it
/// (`ServiceProgram`).
public struct MecigepWithService: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mecigep",
        abstract: Mecigep.configuration.abstract,
        discussion: Mecigep.configuration.discussion,
        version: Mecigep.configuration.version,
        subcommands: Mecigep.subcommands(service: [ServeCommand.self, UsersCommand.self, BackupCommand.self, RestoreCommand.self])
    )

    public init() {}

    /// Parses `arguments`, runs the command and returns the process exit code: 0, 1 or 2.
    public static func run(arguments: [String]) -> Int32 {
        Mecigep.run(Self.self, arguments: arguments)
    }
}
