import ArgumentParser
import Foundation

/// `mecigep worker --memory-mb N --cpu-seconds S -- COMMAND...`: how `mecigep serve` runs the
/// engine. Sets OS limits on its own process (address space, CPU time, no core file), then runs
/// the command as `mecigep COMMAND...` would. A rule that runs away, or a fault in Lua's C code,
/// ends this process; the service reports it and goes on.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a mecigep command under OS limits (used by mecigep serve).",
        shouldDisplay: false
    )

    @Option(name: .customLong("memory-mb"), help: "Address-space limit, in MiB.")
    var memoryMB: Int = 2048

    @Option(name: .customLong("cpu-seconds"), help: "CPU-time limit, in seconds (SIGXCPU beyond).")
    var cpuSeconds: Int = 120

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    func run() throws {
        let arguments = command.first == "--" ? Array(command.dropFirst()) : command
        guard let name = arguments.first, name != "worker", name != "serve" else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep worker: give a command to run, e.g. -- assess case.yaml")
        }
        // A parent that ignores or blocks SIGXCPU passes that on through exec: take the default back,
        // and set a hard limit a little above the soft one, where the kernel sends SIGKILL.
        signal(SIGXCPU, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGXCPU)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        Self.limit(RLIMIT_AS, UInt64(max(64, memoryMB)) << 20)
        Self.limit(RLIMIT_CPU, UInt64(max(1, cpuSeconds)), hard: UInt64(max(1, cpuSeconds)) + 5)
        Self.limit(RLIMIT_CORE, 0)
        let code = Mecigep.run(arguments: arguments)
        if code != MecigepExit.success { throw CommandFailure(code: code, message: nil) }
    }

    static func limit(_ resource: __rlimit_resource, _ value: UInt64, hard: UInt64? = nil) {
        let which = __rlimit_resource_t(resource.rawValue)
        var current = rlimit()
        getrlimit(which, &current)
        let capped = min(rlim_t(value), current.rlim_max)  // RLIM_INFINITY is the largest value
        let ceiling = hard.map { max(capped, min(rlim_t($0), current.rlim_max)) } ?? current.rlim_max
        var new = rlimit(rlim_cur: capped, rlim_max: ceiling)
        setrlimit(which, &new)
    }
}
