import Foundation

/// How a worker process ended.
public enum WorkerOutcome: Sendable, Equatable {
    /// It exited with this code (0 success, 1 a bad case or failed rules, 2 usage).
    case exited(Int32)
    /// A signal ended it: a crash (SIGSEGV, SIGABRT), its CPU limit (SIGXCPU) or the kernel's OOM killer.
    case signalled(Int32)
    /// It ran past the wall-clock limit and was killed.
    case timedOut
}

/// What a worker printed and how it ended.
public struct WorkerResult: Sendable {
    public var outcome: WorkerOutcome
    public var stdout: Data
    public var stderr: String

    /// A message for the person who asked, when the worker did not end normally.
    public var failure: String? {
        switch outcome {
        case .exited: return nil
        case .timedOut: return "the worker ran past its time limit and was stopped"
        case .signalled(let signal):
            let name = [SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL", SIGXCPU: "SIGXCPU", SIGBUS: "SIGBUS",
                        SIGILL: "SIGILL", SIGTERM: "SIGTERM"][signal] ?? "signal \(signal)"
            let why = signal == SIGXCPU ? " (its CPU-time limit)" : signal == SIGKILL ? " (killed, perhaps for memory)" : ""
            return "the worker process crashed: \(name)\(why); the service goes on and the next job gets a new worker"
        }
    }
}

/// Runs `mecigep` commands in separate worker processes, a few at a time, each under OS limits
/// (address space, CPU time) and a wall-clock limit: a rule, or a fault in Lua's C code, can end
/// a worker but never the service.
public actor WorkerPool {
    let configuration: ServiceConfiguration
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Workers that did not end normally (crashed, or past a limit) since start, for /metrics.
    public private(set) var failures = 0

    public init(configuration: ServiceConfiguration) { self.configuration = configuration }

    /// Runs `mecigep worker ... -- arguments` in `directory` and waits for it.
    public func run(_ arguments: [String], in directory: URL) async throws -> WorkerResult {
        await acquire()
        defer { release() }
        let result = try await Self.spawn(configuration, arguments, in: directory)
        if case .exited = result.outcome {} else { failures += 1 }
        return result
    }

    private func acquire() async {
        if running < max(1, configuration.workers) { running += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    static func spawn(_ c: ServiceConfiguration, _ arguments: [String], in directory: URL) async throws -> WorkerResult {
        let out = directory.appendingPathComponent(".worker-stdout")
        let err = directory.appendingPathComponent(".worker-stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: c.workerExecutable)
        process.arguments = ["worker", "--memory-mb", String(c.workerMemoryMiB), "--cpu-seconds", String(c.workerCPUSeconds), "--"]
            + arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        final class Timer: @unchecked Sendable { var fired = false }
        let timer = Timer()
        let ended: Void = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + c.workerWallSeconds) {
                if process.isRunning { timer.fired = true; kill(pid, SIGKILL) }
            }
        }
        _ = ended
        let stdout = (try? Data(contentsOf: out)) ?? Data()
        let stderr = String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
        let outcome: WorkerOutcome
        if timer.fired { outcome = .timedOut } else if process.terminationReason == .uncaughtSignal {
            outcome = .signalled(process.terminationStatus)
        } else {
            outcome = .exited(process.terminationStatus)
        }
        return WorkerResult(outcome: outcome, stdout: stdout, stderr: stderr)
    }
}

/// A temporary folder for one job, removed when the job is done.
struct JobFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-job-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Job folders left behind by a service that was killed.
public enum JobFolders {
    /// Removes `mecigep-job-*` folders in the temporary directory older than an hour.
    public static func removeStale(olderThan age: TimeInterval = 3600) {
        let fm = FileManager.default
        let temporary = fm.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix("mecigep-job-") {
            let url = temporary.appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
               Date().timeIntervalSince(modified) > age {
                try? fm.removeItem(at: url)
            }
        }
    }
}
