import ArgumentParser
import Foundation
import MecigepCLI
import Hummingbird
import MecigepService
import MecigepStore

/// `mecigep serve`: the Secretariat's service (docs/service.md).
public struct ServeCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: ServiceProgram.abstract("serve"),
        discussion: """
            Keeps everything in an SQLite database in --data (created, and migrated, at start), \
            reads the frameworks from --rules at each assessment, and runs each assessment in a \
            worker process under memory and CPU limits. Create accounts first with `mecigep users \
            add`. Stops cleanly on SIGTERM or SIGINT. The JSON API is described at /openapi.json \
            and in docs/openapi.json; see docs/service.md for running it behind a reverse proxy \
            with TLS. Exit code 1 when the database cannot be opened, 2 on usage errors.
            """
    )

    @OptionGroup var data: DataOption
    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port: Int = 8080

    @Option(help: "Worker processes running at once.")
    var workers: Int = 2

    @Option(name: .customLong("worker-memory"), help: "Address-space limit of a worker process, in MiB.")
    var workerMemory: Int = 2048

    @Option(name: .customLong("worker-cpu"), help: "CPU-time limit of a worker process, in seconds.")
    var workerCPU: Int = 120

    @Option(help: "Folder of the case templates (case-template.LANG.yaml) whose comments explain the case form's fields.")
    var templates: String = "examples/templates"

    @Flag(name: .customLong("print-openapi"), help: "Print the OpenAPI document and exit.")
    var printOpenAPI = false

    public func run() throws {
        if printOpenAPI {
            FileHandle.standardOutput.write(Service.openAPIDocument() + Data("\n".utf8))
            return
        }
        guard (0...65535).contains(port) else { throw CommandFailure(code: MecigepExit.usage, message: "mecigep serve: --port 0 to 65535") }
        _ = try rulesOptions.loader()
        let lock: DataLock
        do { lock = try DataLock(directory: data.data) } catch {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep serve: \(error)")
        }
        defer { lock.release() }
        let store = try data.open()
        JobFolders.removeStale()
        var settings = ServiceConfiguration(dataDirectory: data.data, rulesDirectory: rulesOptions.folder, host: host, port: port,
                                                 workers: max(1, workers), workerMemoryMiB: workerMemory, workerCPUSeconds: workerCPU)
        settings.templatesDirectory = FileManager.default.fileExists(atPath: templates) ? templates : nil
        // Workers run in the `mecigep` program beside this one when it is there: it has every
        // command a worker runs and starts sooner without the service's libraries.
        let commandLine = ServiceProgram.beside("mecigep")
        if FileManager.default.isExecutableFile(atPath: commandLine) { settings.workerExecutable = commandLine }
        let configuration = settings
        let service = Service(store: store, configuration: configuration)
        let failure = runAsync {
            try await service.application(onRunning: { port in
                Console.error("mecigep serve: listening on http://\(configuration.host):\(port) (data: \(store.path))")
            }).runService()
        }
        if let failure { throw CommandFailure(code: MecigepExit.failure, message: "mecigep serve: \(failure)") }
    }
}

/// `--data DIR`: the service's database folder.
struct DataOption: ParsableArguments {
    @Option(help: "The service's data folder (its database is DIR/mecigep.sqlite).")
    var data: String = "mecigep-data"

    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(directory: data) } catch {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep: \(error)")
        }
    }
}

/// Runs async work from a synchronous command and waits for it; returns the error it threw.
func runAsync(_ body: @escaping @Sendable () async throws -> Void) -> Error? {
    final class Box: @unchecked Sendable { var error: Error? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { box.error = error }
        done.signal()
    }
    done.wait()
    return box.error
}
