import Foundation

/// Compiles, on a thread of its own (the second core), the module files a `require` is about to
/// read, so that `require` loads finished bytecode instead of parsing text while a framework
/// loads.
///
/// From an entry module it reads each file as `require` would (`ModuleResolver`: same roots,
/// same size limit), finds the modules the file names literally (`require "a.b"`,
/// `require("a.b")`, `require 'a.b'`), depth first in the order written, which is the order a
/// load requires them in; then it compiles them from the last found to the first, so that it and
/// the loading thread, which compiles whatever it reaches first itself, meet in the middle.
///
/// Each file is compiled in a bare state of its own that runs nothing, under a memory cap, and
/// dumped with its debug information: loading the dump gives the function the text gives (same
/// instructions, constants, lines, variable names, chunk name). A dump is used only for the very
/// bytes it was compiled from — `require` reads the file itself and hands those bytes to
/// `take(chunkName:source:)` — and never leaves the process or reaches rule code. A file that
/// changed since, failed to compile (a syntax error: `require` reports it as always), or was not
/// started when `require` reached it is compiled by `require` from its text, as without this.
public final class ModulePrecompiler: @unchecked Sendable {
    private enum State {
        case pending
        case compiling
        case compiled([UInt8])
        /// Failed to compile, claimed by `require` before it was started, or already taken.
        case unusable
    }

    private struct Entry {
        var source: [UInt8]
        var state: State
    }

    private let condition = NSCondition()
    private var entries: [String: Entry] = [:]   // by chunk name ("@path")
    private var stopped = false
    private var finished = false
    private var usedCount = 0
    private var compiledCount = 0

    /// What a precompiler was started for: the entry module and what decides which files
    /// `require` reads from it and how they compile.
    private struct Purpose: Equatable {
        let entry: String
        let roots: [String]
        let maxBytes: Int
        let builtins: [String: String]
        let memoryLimit: Int

        init(entry: String, configuration: LuaConfiguration) {
            self.entry = entry
            roots = configuration.moduleRoots
            maxBytes = configuration.maxModuleBytes
            builtins = configuration.builtinModules
            memoryLimit = configuration.limits.memoryBytes
        }
    }

    private static let earlyLock = NSLock()
    nonisolated(unsafe) private static var early: (purpose: Purpose, precompiler: ModulePrecompiler)?

    /// Starts compiling, before anyone asks, the files a load of `entry` in a runtime set up with
    /// `configuration` will read: a command line does this before parsing its arguments, while
    /// the second core is idle. The first `forLoad(entry:configuration:)` for exactly this entry
    /// and configuration takes it; a load of anything else leaves it be. A guess that was wrong
    /// costs compiling on the idle core, never a different result (a dump is used only for the
    /// very bytes `require` reads, compiled under the same memory cap). A second early start
    /// replaces the first.
    @discardableResult
    public static func startEarly(entry: String, configuration: LuaConfiguration) -> ModulePrecompiler {
        // (off the starting thread's core: that thread goes on parsing its arguments meanwhile,
        // and a helper queued behind it would leave the other core idle)
        let started = ModulePrecompiler(entry: entry, configuration: configuration, keepingOff: LuaThread.currentCore)
        let replaced = earlyLock.withLock { () -> ModulePrecompiler? in
            defer { early = (Purpose(entry: entry, configuration: configuration), started) }
            return early?.precompiler
        }
        replaced?.stop()
        return started
    }

    /// A precompiler for a load of `entry` in a runtime set up with `configuration`: the one
    /// `startEarly` began for exactly these (handed over once), or a new one.
    public static func forLoad(entry: String, configuration: LuaConfiguration) -> ModulePrecompiler {
        let purpose = Purpose(entry: entry, configuration: configuration)
        let waiting = earlyLock.withLock { () -> ModulePrecompiler? in
            guard let found = early, found.purpose == purpose else { return nil }
            early = nil
            return found.precompiler
        }
        return waiting ?? ModulePrecompiler(entry: entry, configuration: configuration)
    }

    /// Starts reading and compiling, on another thread, the files `require(entry)` will read in
    /// a runtime set up with `configuration` (its module roots, size and memory limits). Hand it
    /// to that runtime with `LuaRuntime.startPrecompiling(with:)`. `keepingOff`: a core the
    /// thread keeps off (`LuaThread.keepOff`).
    public convenience init(entry: String, configuration: LuaConfiguration, keepingOff core: Int32 = -1) {
        self.init(entry: entry, resolver: ModuleResolver(roots: configuration.moduleRoots,
                  maxBytes: configuration.maxModuleBytes, builtins: configuration.builtinModules),
                  memoryLimit: configuration.limits.memoryBytes, keepingOff: core)
    }

    /// `keepingOff`: a core the thread keeps off (the starting thread's, when that thread has
    /// work of its own to do meanwhile).
    init(entry: String, resolver: ModuleResolver, memoryLimit: Int, keepingOff core: Int32 = -1) {
        let thread = Thread { [self] in
            LuaThread.keepOff(core: core)
            let order = discover(from: entry, resolver: resolver)
            for chunkName in order.reversed() {
                guard let source = claim(chunkName) else { continue }
                // (nil when it does not compile: require then reports the error as always)
                let dump = try? LuaBytecode.dump(of: source, chunkName: chunkName, memoryLimit: memoryLimit)
                settle(chunkName, dump: dump)
            }
            condition.withLock {
                finished = true
                condition.broadcast()
            }
        }
        thread.stackSize = 4 << 20   // the parser recurses in C (at most LUAI_MAXCCALLS levels)
        thread.start()
    }

    /// The dump of `chunkName` compiled from exactly `source`, waiting while the other thread is
    /// compiling it; nil when there is none to use (then `require` compiles the text, and the
    /// other thread leaves the file alone). Each dump is given once.
    func take(chunkName: String, source: [UInt8]) -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while case .compiling? = entries[chunkName]?.state { condition.wait() }
        guard let entry = entries[chunkName] else {
            entries[chunkName] = Entry(source: [], state: .unusable)
            return nil
        }
        entries[chunkName]?.state = .unusable
        guard case .compiled(let dump) = entry.state, Self.same(entry.source, source) else { return nil }
        usedCount += 1
        return dump
    }

    /// Stops the other thread after the file it is compiling, and drops every dump not taken.
    public func stop() {
        condition.withLock {
            stopped = true
            entries.removeAll()
            condition.broadcast()
        }
    }

    /// Waits until the other thread has compiled all it found, or was stopped.
    public func waitUntilFinished() {
        condition.withLock { while !finished { condition.wait() } }
    }

    /// Dumps `require` took, and files the other thread compiled. For tests and measurements.
    public var counts: (used: Int, compiled: Int) { condition.withLock { (usedCount, compiledCount) } }

    // MARK: - The other thread

    /// The module files reachable from `entry` by literal requires, depth first, each once,
    /// registered as pending (unless `require` got there first); their chunk names in order.
    private func discover(from entry: String, resolver: ModuleResolver) -> [String] {
        var order: [String] = []
        var seen: Set<String> = []
        var stack: [String] = [entry]           // names still to visit, the next on top
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, !condition.withLock({ stopped }) else { continue }
            guard case .found(let source, let chunkName) = resolver.resolve(name) else { continue }
            let fresh = condition.withLock { () -> Bool in
                guard entries[chunkName] == nil else { return false }
                entries[chunkName] = Entry(source: source, state: .pending)
                return true
            }
            if fresh { order.append(chunkName) }
            stack.append(contentsOf: Self.requiredNames(in: source).reversed())
        }
        return order
    }

    /// Marks a pending file as being compiled; its text, or nil when it is not pending.
    private func claim(_ chunkName: String) -> [UInt8]? {
        condition.withLock {
            guard !stopped, let entry = entries[chunkName], case .pending = entry.state else { return nil }
            entries[chunkName]?.state = .compiling
            return entry.source
        }
    }

    private func settle(_ chunkName: String, dump: [UInt8]?) {
        condition.withLock {
            if entries[chunkName] != nil { entries[chunkName]?.state = dump.map(State.compiled) ?? .unusable }
            if dump != nil { compiledCount += 1 }
            condition.broadcast()
        }
    }

    /// Whether two texts are the same bytes (memcmp: Array's == compares element by element).
    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in
            a.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 } }
    }

    /// The module names a text requires literally, in the order written: `require` (not part of
    /// a longer name, not a field `x.require`) followed by a quoted name, with or without
    /// parentheses. Others (names computed at run time) are left to `require`.
    static func requiredNames(in source: [UInt8]) -> [String] {
        source.withUnsafeBufferPointer { requiredNames(in: $0) }
    }

    private static func requiredNames(in source: UnsafeBufferPointer<UInt8>) -> [String] {
        func isName(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        guard let base = source.baseAddress else { return [] }
        let n = source.count, length = 7   // "require"
        var names: [String] = []
        var i = 0
        while i < n, let found = memchr(base + i, 0x72, n - i) {                              // r
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            i = at + 1
            guard at + length <= n, memcmp(base + at, "require", length) == 0 else { continue }
            var j = at + length
            i = j
            if at > 0, isName(source[at - 1]) || source[at - 1] == 0x2E || source[at - 1] == 0x3A { continue }  // x.require, x:require
            guard j < n, !isName(source[j]) else { continue }
            while j < n, isSpace(source[j]) { j += 1 }
            if j < n, source[j] == 0x28 { j += 1; while j < n, isSpace(source[j]) { j += 1 } }   // (
            guard j < n, source[j] == 0x22 || source[j] == 0x27 else { continue }               // " or '
            let quote = source[j]
            let start = j + 1
            var end = start
            while end < n, end - start <= 200 as Int, isName(source[end]) || source[end] == 0x2E || source[end] == 0x2D { end += 1 }
            guard end < n, source[end] == quote, end > start else { continue }
            names.append(String(decoding: UnsafeBufferPointer(rebasing: source[start..<end]), as: UTF8.self))
            i = end + 1
        }
        return names
    }
}
