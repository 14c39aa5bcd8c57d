import ArgumentParser
import Foundation
import MecigepCLI
import MecigepService
import MecigepStore

/// `mecigep users add|list|disable`: the service's accounts.
public struct UsersCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: ServiceProgram.abstract("users"),
        subcommands: [Add.self, List.self, Disable.self]
    )

    // Every command names itself: ArgumentParser otherwise derives the name from the type's
    // name at every start, and the runtime's type lookups behind that cost about 2 ms of each
    // command (docs/performance.md, fifteenth round).
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account.",
            discussion: """
                The password is read from $MECIGEP_PASSWORD, else from the first line of standard \
                input (at least 12 characters); it is stored as a bcrypt hash. Beneficiary and \
                peer accounts belong to a State (--country, ISO 3166-1 alpha-2). Exit code 1 when \
                the account exists, 2 on usage errors.
                """
        )
        @Argument(help: "The username.") var username: String
        @Option(help: "secretariat, beneficiary, peer or methodologist.") var role: Role
        @Option(help: "The State of a beneficiary or peer account (e.g. UY).") var country: String?
        @Option(help: "The account's language: en, es, pt or fr.") var language: String = "en"
        @OptionGroup var data: DataOption

        func run() throws {
            if role.hasCountry != (country != nil) {
                throw CommandFailure(code: MecigepExit.usage, message: role.hasCountry
                    ? "mecigep users add: a \(role.rawValue) account needs --country XX"
                    : "mecigep users add: a \(role.rawValue) account has no --country")
            }
            if let country, !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase }) {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep users add: --country: two capital letters, e.g. UY")
            }
            guard ["en", "es", "pt", "fr"].contains(language) else {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep users add: --language: en, es, pt or fr")
            }
            let password = ProcessInfo.processInfo.environment["MECIGEP_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            if let problem = Secrets.checkPassword(password) {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep users add: \(problem) (set MECIGEP_PASSWORD or pipe it in)")
            }
            let store = try data.open()
            let cost = UInt8(ProcessInfo.processInfo.environment["MECIGEP_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 16) } ?? 12)
            let (username, role, country, language) = (username, role, country, language)
            let failure = runAsync {
                let hash = await Secrets.hashPassword(password, cost: cost)
                let user = try await store.createUser(username: username, passwordHash: hash, role: role, country: country,
                                                      language: language,
                                                      audit: AuditEvent(user: nil, action: "user.add", username: "(command line)"))
                Console.output("added \(user.username) (\(user.role.rawValue)\(user.country.map { ", " + $0 } ?? ""))")
            }
            if let failure { throw CommandFailure(code: MecigepExit.failure, message: "mecigep users add: \(failure)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")
        @OptionGroup var data: DataOption

        func run() throws {
            let store = try data.open()
            let failure = runAsync {
                for u in try await store.users() {
                    Console.output([u.username, u.role.rawValue, u.country ?? "-", u.language, u.disabled ? "disabled" : "active"]
                        .joined(separator: "\t"))
                }
            }
            if let failure { throw CommandFailure(code: MecigepExit.failure, message: "mecigep users list: \(failure)") }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Disable an account: it can no longer sign in, and its sessions and API tokens end.")
        @Argument(help: "The username.") var username: String
        @OptionGroup var data: DataOption

        func run() throws {
            let store = try data.open()
            let username = username
            let failure = runAsync {
                _ = try await store.setDisabled(username: username, true,
                                                audit: AuditEvent(user: nil, action: "user.disable", username: "(command line)"))
                Console.output("disabled \(username)")
            }
            if let failure { throw CommandFailure(code: MecigepExit.failure, message: "mecigep users disable: \(failure)") }
        }
    }
}

extension Role: ExpressibleByArgument {}

/// `mecigep backup --data DIR --to FILE`: a consistent copy of the service's database, taken
/// while it runs (SQLite's online backup).
public struct BackupCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: ServiceProgram.abstract("backup"))
    @OptionGroup var data: DataOption
    @Option(help: "The backup file to write.") var to: String

    public func run() throws {
        let store = try data.open()
        let to = to
        let failure = runAsync { try await store.backup(to: to) }
        if let failure { throw CommandFailure(code: MecigepExit.failure, message: "mecigep backup: \(failure)") }
        Console.error("mecigep backup: \(store.path) -> \(to)")
    }
}

/// `mecigep restore --from FILE --data DIR`: puts a backup in place of the database (the
/// service must be stopped); the database it replaces is kept beside it.
public struct RestoreCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: ServiceProgram.abstract("restore"),
        discussion: "The backup is checked (SQLite integrity check, and that it is a mecigep database) before it replaces anything; "
            + "the replaced database is kept as mecigep.sqlite.replaced-TIMESTAMP. Exit code 1 when the backup is bad.")
    @OptionGroup var data: DataOption
    @Option(help: "The backup file.") var from: String

    public func run() throws {
        do {
            let path = try StoreMaintenance.restore(backup: from, into: data.data)
            Console.error("mecigep restore: \(from) -> \(path)")
        } catch {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep restore: \(error)")
        }
    }
}
