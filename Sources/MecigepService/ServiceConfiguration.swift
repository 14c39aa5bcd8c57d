import Foundation

/// How `mecigep serve` runs: where it keeps its data, which rules it assesses with, and the limits
/// of its worker processes.
public struct ServiceConfiguration: Sendable {
    /// The folder of the database (`mecigep.sqlite`).
    public var dataDirectory: String
    /// The rules folder, read again at each assessment (a methodologist's change needs no restart).
    public var rulesDirectory: String
    public var host: String
    /// 0 picks a free port (tests).
    public var port: Int
    /// The `mecigep` executable that worker processes run.
    public var workerExecutable: String
    /// Worker processes running at once.
    public var workers: Int
    /// Address-space limit of a worker process, in MiB (setrlimit RLIMIT_AS).
    public var workerMemoryMiB: Int
    /// CPU-time limit of a worker process, in seconds (setrlimit RLIMIT_CPU).
    public var workerCPUSeconds: Int
    /// Wall-clock limit of a worker process, in seconds; it is killed after that.
    public var workerWallSeconds: Double
    /// bcrypt's cost factor for new passwords (12 in service; tests lower it).
    public var bcryptCost: UInt8
    /// How long a sign-in lasts.
    public var sessionSeconds: Int
    /// Largest request body accepted (a case file with its annexes' register).
    public var maxBodyBytes: Int
    /// Failed sign-ins allowed per account and address within `loginWindowSeconds`.
    public var loginAttempts: Int
    public var loginWindowSeconds: Double
    /// Where the case templates are (`case-template.LANG.yaml`): their comments are the case
    /// form's help, their headings its sections. Without them the form uses the schema's
    /// descriptions and order.
    public var templatesDirectory: String? = nil

    public init(dataDirectory: String = "mecigep-data", rulesDirectory: String = "rules", host: String = "127.0.0.1",
                port: Int = 8080, workerExecutable: String = ServiceConfiguration.currentExecutable(), workers: Int = 2,
                workerMemoryMiB: Int = 2048, workerCPUSeconds: Int = 120, workerWallSeconds: Double = 180,
                bcryptCost: UInt8 = 12, sessionSeconds: Int = 8 * 3600, maxBodyBytes: Int = 4 << 20,
                loginAttempts: Int = 5, loginWindowSeconds: Double = 300) {
        self.dataDirectory = dataDirectory; self.rulesDirectory = rulesDirectory; self.host = host; self.port = port
        self.workerExecutable = workerExecutable; self.workers = workers; self.workerMemoryMiB = workerMemoryMiB
        self.workerCPUSeconds = workerCPUSeconds; self.workerWallSeconds = workerWallSeconds; self.bcryptCost = bcryptCost
        self.sessionSeconds = sessionSeconds; self.maxBodyBytes = maxBodyBytes; self.loginAttempts = loginAttempts
        self.loginWindowSeconds = loginWindowSeconds
    }

    /// The running executable's path (`/proc/self/exe` on Linux).
    public static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
