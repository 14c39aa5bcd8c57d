import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `--rules DIR`: the rules folder; else $MECIGEP_RULES; else ./rules.
public struct RulesOptions: ParsableArguments {
    @Option(help: "The rules folder (default: $MECIGEP_RULES, else ./rules).")
    var rules: String?

    public init() {}

    /// The folder named, else $MECIGEP_RULES, else ./rules.
    public var folder: String { Self.folder(named: rules) }

    /// `named`, else $MECIGEP_RULES, else ./rules (also for a guess made before parsing).
    static func folder(named: String?) -> String { named ?? ProcessInfo.processInfo.environment["MECIGEP_RULES"] ?? "rules" }

    /// The loader, after checking that the folder exists (exit 2 otherwise). A framework given
    /// as a package file (`for:`) needs no rules folder.
    public func loader(limits: LuaLimits = .default, for spec: String? = nil) throws -> FrameworkLoader {
        var isDirectory: ObjCBool = false
        if !(spec.map(FrameworkResolver.isPackagePath) ?? false) {
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep: rules folder \(folder) not found "
                    + "(pass --rules DIR or set MECIGEP_RULES)")
            }
        }
        return FrameworkLoader(rulesFolder: folder, limits: limits)
    }
}

/// `--framework ID`.
struct FrameworkOption: ParsableArguments {
    /// The framework when none is named.
    static let defaultFramework = "mecigep-core"

    @Option(help: "The framework: ID, ID@VERSION (an installed package) or a .mecigep.tar.gz file.")
    var framework: String = defaultFramework
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

/// Loads the framework `spec` names (`ID`, `ID@VERSION` or a package file; see
/// FrameworkResolver) with the loader that runs it, or ends with exit code 2 and every problem.
func loadFramework(_ spec: String, _ loader: FrameworkLoader) throws -> (framework: Framework, loader: FrameworkLoader) {
    let resolver = FrameworkResolver(rulesFolder: loader.rulesFolder, limits: loader.limits)
    do throws(PackageError) { return try resolver.resolve(spec) } catch {
        throw CommandFailure(code: MecigepExit.usage, message: "mecigep: " + error.message)
    }
}

/// For the commands that work on a whole rules folder (check, test): `--framework ID@VERSION` or
/// a package file switches them to that package's own rules folder and id; a plain id stays.
func packagedRules(_ spec: String?, _ loader: FrameworkLoader) throws -> (loader: FrameworkLoader, framework: String?) {
    guard let spec, FrameworkResolver.reference(spec).version != nil || FrameworkResolver.isPackagePath(spec) else {
        return (loader, spec)
    }
    let (framework, packaged) = try loadFramework(spec, loader)
    return (packaged, framework.id)
}

/// The language to write in: the one asked for, which the framework must have (a framework
/// without texts in it is refused, never mixed with another language silently); by default
/// English, or the framework's first language when it has no English.
func language(_ requested: ReportLanguage?, for framework: Framework, command: String) throws -> String {
    if let requested {
        guard framework.languages.contains(requested.rawValue) else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep \(command): framework \(framework.id) has no texts in "
                + "\(requested.rawValue) (it has \(framework.languages.joined(separator: ", "))); pass --lang with one of them")
        }
        return requested.rawValue
    }
    return framework.languages.contains("en") ? "en" : framework.languages.first ?? "en"
}

/// Writes a file so that a killed run never leaves it half written: a temporary file in the
/// same folder, renamed into place. With `sync` (the default) the data reaches the disk before
/// the rename; a batch passes `sync: false` and calls `syncFolder` once at the end.
func writeAtomically(_ text: String, to path: String, sync: Bool = true) throws(CommandFailure) {
    try writeAtomically(Array(text.utf8), to: path, sync: sync)
}

func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(CommandFailure) {
    try AtomicFile.write(path, sync: sync) { file throws(CommandFailure) in try file.write(bytes) }
}

func writeAtomically(_ bytes: UnsafeBufferPointer<UInt8>, to path: String, sync: Bool = true) throws(CommandFailure) {
    try AtomicFile.write(path, sync: sync) { file throws(CommandFailure) in try file.write(bytes) }
}

/// A file written piece by piece into a temporary file beside it and renamed into place when
/// complete, so that it appears whole or not at all. Plain POSIX calls, so that every failure (a
/// full disk, a file size limit) is seen with its reason.
final class AtomicFile {
    let path: String
    private let temporary: String
    private var fd: Int32
    private var written = 0

    /// Writes `path` through `body` and commits it, or leaves nothing at all when anything fails.
    static func write(_ path: String, sync: Bool, _ body: (AtomicFile) throws(CommandFailure) -> Void) throws(CommandFailure) {
        let file = try prepare(path, body)
        do throws(CommandFailure) { try file.commit(sync: sync) } catch {
            file.abandon()
            throw error
        }
    }

    /// Writes `path`'s temporary file through `body`, to be committed later (`commit(sync:)`);
    /// leaves nothing behind when anything fails.
    static func prepare(_ path: String, _ body: (AtomicFile) throws(CommandFailure) -> Void) throws(CommandFailure) -> AtomicFile {
        let file = try AtomicFile(path: path)
        do throws(CommandFailure) { try body(file) } catch {
            file.abandon()
            throw error
        }
        return file
    }

    init(path: String) throws(CommandFailure) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.failure(path, "cannot create a temporary file", remove: nil) }
    }

    private static func failure(_ path: String, _ what: String, remove temporary: String?) -> CommandFailure {
        let reason = String(cString: strerror(errno))
        if let temporary { unlink(temporary) }
        return CommandFailure(code: MecigepExit.failure, message: "cannot write \(path): \(what): \(reason)")
    }

    private func fail(_ what: String) -> CommandFailure {
        let saved = errno
        if fd >= 0 { close(fd); fd = -1 }
        errno = saved
        return Self.failure(path, what, remove: temporary)
    }

    func write(_ bytes: [UInt8]) throws(CommandFailure) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(CommandFailure) in try write(buffer) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) {
        let done = writeAll(fd, UnsafeRawBufferPointer(bytes))
        guard done == bytes.count else { throw fail("wrote \(written + done) of \(written + bytes.count) bytes") }
        written += done
    }

    /// Closes the file (after flushing it to disk when `sync`) and moves it into place.
    func commit(sync: Bool) throws(CommandFailure) {
        if sync { guard fsync(fd) == 0 else { throw fail("could not flush it to disk") } }
        guard close(fd) == 0 else { fd = -1; throw fail("could not close it") }
        fd = -1
        guard rename(temporary, path) == 0 else { throw Self.failure(path, "could not move it into place", remove: temporary) }
    }

    /// Gives up: the temporary file is removed and nothing appears at `path`.
    func abandon() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporary)
    }
}

/// Writes all of `bytes` to `fd`, again after an interruption or a partial write: how many were
/// written, fewer than all when a write failed (`errno` then says why).
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    var done = 0
    while done < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return done }
        done += n
    }
    return done
}

/// Flushes everything written on the file system that holds `folder` (one `syncfs` for a whole
/// batch instead of one `fsync` per file); nil on success, else what failed.
func syncFolder(_ folder: String) -> String? {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return "cannot open \(folder) to flush it: \(String(cString: strerror(errno)))" }
    defer { close(fd) }
    // syncfs(2) is a GNU extension the Glibc module does not declare; looked up once, with
    // sync(2) (every file system) where it is missing.
    if let syncfs = syncfsFunction {
        guard syncfs(fd) == 0 else { return "cannot flush \(folder) to disk: \(String(cString: strerror(errno)))" }
    } else {
        sync()
    }
    return nil
}

private let syncfsFunction: (@convention(c) (Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
}()

/// An advisory lock (flock) on an output folder itself, held for a whole run: nothing is left
/// behind in the folder, and the lock goes with the process if it dies.
struct FolderLock {
    private let fd: Int32

    init(folder: String) throws(CommandFailure) {
        fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep assess: cannot open \(folder): "
                + String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess: another run is writing into \(folder) "
                + "(it holds a lock on the folder); wait for it to finish, or pass another --out folder")
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Whether standard error is a terminal (for progress bars).
var standardErrorIsTerminal: Bool { isatty(2) != 0 }

/// The languages reports and labels come in.
enum ReportLanguage: String, ExpressibleByArgument, CaseIterable {
    case en, es, pt, fr
}
