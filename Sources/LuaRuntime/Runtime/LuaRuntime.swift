import CLua
import CLuaWatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A sandboxed Lua 5.4 state with budgets, ready to run untrusted rule code.
///
/// Set it up once, then compile chunks and call them many times: every call gets a fresh global
/// environment (globals a call sets are gone for the next), fresh instruction and time budgets,
/// and read-only arguments; modules are frozen once loaded, so no call can leave state for the
/// next. See `docs/sandbox.md` for exactly what rule code can reach.
///
/// A runtime is used by one thread at a time: it is not `Sendable`, and a call made while
/// another is running on it (re-entrant or concurrent) fails with a `.host` error instead of
/// touching the state. Run calls on a thread with at least 256 KiB of stack (`LuaThread`).
public final class LuaRuntime {
    /// How this runtime was set up.
    public let configuration: LuaConfiguration

    let state: OpaquePointer
    let budget: UnsafeMutablePointer<clua_budget>
    /// The key that marks read-only views; only its address matters.
    let readOnlyMark: UnsafeMutableRawPointer
    /// The buffer results are copied into (`LuaValueReader`), kept from call to call.
    let copyBuffer: UnsafeMutablePointer<clua_copy>
    /// Whether results are read through `copyBuffer` first (tests compare with the walk alone).
    var copiesResults = true
    /// Long texts the trace gave back since the last call into Lua (`forEachTracedRead`).
    var recentTexts = RecentTexts()
    /// Short texts of the last call's results (field names, statuses), shared while they are
    /// read; emptied at every call into Lua, as `recentTexts`.
    var shortTexts = ShortTexts()
    private let busy = Atomic<Bool>(false)
    private var hostFunctions: [HostFunction] = []
    /// The watchdog knows this state: calls may run in fast mode (`call(_:with:fast:)`).
    private(set) var watched = false
    var beginCallReference: Int32 = 0
    var viewKitReference: Int32 = 0
    let modules: ModuleResolver

    // Per-call records, written by host functions while a call runs.
    var log = CallLog(limit: 0)
    var violationMessage: String?
    /// Where the violation is, when the sandbox knows better than the stack (a load-time check).
    var violationLocation: (source: String, line: Int)?
    /// Where an error the sandbox is about to raise is (a module's syntax error), with its text.
    var errorLocationHint: (message: String, source: String, line: Int)?
    /// Budgets for the calls made inside `withLimits`, instead of the configuration's.
    var callLimits: LuaLimits?
    /// Chunk names ("@path") compiled or loaded by this runtime, to undo Lua's shortening.
    var knownChunkNames: Set<String> = [] { didSet { knownChunkGeneration += 1 } }
    /// Bumped at every change of `knownChunkNames` (see `errorPlaceGeneration`).
    var knownChunkGeneration = 0
    /// How many errors `host.locate` placed (see `errorPlaceGeneration`).
    var locatedErrors = 0

    /// The module files `require` has read so far, in the order it read them.
    public var loadedModuleFiles: [String] { loadedModules.map(\.path) }
    /// Each module file `require` read, with the very bytes it ran (until `takeLoadedModules`).
    var loadedModules: [(path: String, source: [UInt8]?)] = []

    /// The module files `require` has read since the last call, in the order it read them, each
    /// with the bytes it ran: what a framework is made of is hashed from what was loaded, not
    /// from the files as they are a moment later. The bytes are handed over once (the paths stay
    /// in `loadedModuleFiles`).
    public func takeLoadedModules() -> [(path: String, source: [UInt8])] {
        var taken: [(path: String, source: [UInt8])] = []
        for i in loadedModules.indices {
            guard let source = loadedModules[i].source else { continue }
            taken.append((loadedModules[i].path, source))
            loadedModules[i].source = nil
        }
        return taken
    }
    /// Compiles the files `require` is about to read on another thread (`startPrecompiling`).
    var precompiler: ModulePrecompiler?

    /// Sets up a state with the sandbox described in `docs/sandbox.md`.
    public init(configuration: LuaConfiguration = .init()) throws(LuaError) {
        self.configuration = configuration
        modules = ModuleResolver(roots: configuration.moduleRoots, maxBytes: configuration.maxModuleBytes,
                                 builtins: configuration.builtinModules)
        log = CallLog(limit: configuration.maxLogBytes)
        budget = .allocate(capacity: 1)
        budget.initialize(to: clua_budget())
        readOnlyMark = .allocate(byteCount: 1, alignment: 1)
        copyBuffer = .allocate(capacity: 1)
        copyBuffer.initialize(to: clua_copy())
        budget.pointee.memory_limit = configuration.limits.memoryBytes
        budget.pointee.memory_reserve = configuration.limits.hostReserveBytes
        budget.pointee.hook_interval = configuration.limits.hookInterval
        budget.pointee.host_mode = 1
        guard let L = clua_newstate(budget) else {
            budget.deallocate()
            readOnlyMark.deallocate()
            copyBuffer.deallocate()
            throw LuaError(kind: .host, message: "could not create a Lua state (out of memory)")
        }
        state = L
        try installSandbox()
        watched = clua_watch_register(budget) != 0
    }

    deinit {
        precompiler?.stop()
        if watched { clua_watch_unregister(budget) }
        clua_close(state)
        budget.deallocate()
        readOnlyMark.deallocate()
        free(copyBuffer.pointee.data)
        copyBuffer.deallocate()
    }

    /// Lets `require` load the bytecode `precompiler` compiled on another thread from the very
    /// bytes it reads, instead of parsing them, until `stopPrecompiling()`. What a module does
    /// and what its errors say are the same either way (`ModulePrecompiler`).
    public func startPrecompiling(with precompiler: ModulePrecompiler) {
        self.precompiler?.stop()
        self.precompiler = precompiler
    }

    /// Stops the compiling `startPrecompiling(with:)` handed in; drops what `require` did not take.
    public func stopPrecompiling() {
        precompiler?.stop()
        precompiler = nil
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { budget.pointee.memory_used }

    private func installSandbox() throws(LuaError) {
        var open = LuaOpStream()
        open.append(.openLibraries)
        try check(open.run(on: state).status, "opening the standard libraries")

        let functions: [(String, HostFunction)] = [
            ("print", HostFunction { [unowned self] L in self.hostPrint(L) }),
            ("violation", HostFunction { [unowned self] L in self.hostViolation(L) }),
            ("load_module", HostFunction { [unowned self] L in self.hostLoadModule(L) }),
            ("stopped", HostFunction { [unowned self] L in self.hostStopped(L) }),
            ("upvalue_writes", HostFunction { [unowned self] L in self.hostUpvalueWrites(L) }),
            ("locate", HostFunction { [unowned self] L in self.hostLocate(L) }),
            ("exact_only", HostFunction { [unowned self] L in self.hostExactOnly(L) }),
        ]
        hostFunctions = functions.map(\.1)

        let prelude = try reference(compiling: SandboxPrelude.lua, name: SandboxPrelude.chunkName)

        let refs = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
        defer { refs.deallocate() }
        var stream = LuaOpStream()
        stream.append(.registry(prelude))
        // The host functions written in C (shim.h): next_call runs before every indicator of a
        // crossing; the engine's traced case views read and record with view_index and path_steps,
        // into the buffer trace_kit keeps (read back by forEachTracedRead); patterns makes the
        // pattern functions (clua_patterns.c); freeze_kit and reach_kit make the functions that
        // freeze a loaded module's tables and find what it reaches; try calls one rule of a
        // crossing protected, recording an error as the host's own calls record it; ordered_keys
        // and the pairs functions give pairs its defined key order; entry puts a Lua function
        // behind a C one (require: a module's tail call to it keeps the module's frame).
        let cFunctions: [(String, Int)] = [
            ("next_call", CLUA_FN_NEXTCALL), ("view_index", CLUA_FN_VIEWINDEX),
            ("path_steps", CLUA_FN_PATHSTEPS), ("patterns", CLUA_FN_PATTERNS), ("trace_kit", CLUA_FN_TRACEKIT),
            ("freeze_kit", CLUA_FN_FREEZEKIT), ("reach_kit", CLUA_FN_REACHKIT), ("try", CLUA_FN_TRY),
            ("ordered_keys", CLUA_FN_ORDEREDKEYS), ("pairs_raw", CLUA_FN_PAIRSRAW),
            ("pairs_index", CLUA_FN_PAIRSINDEX), ("pairs_list", CLUA_FN_PAIRSLIST), ("pairs_view", CLUA_FN_PAIRSVIEW),
            ("frozen_keys", CLUA_FN_FROZENKEYS), ("entry", CLUA_FN_ENTRY),
        ]
        stream.append(.newTable(arrayCount: 0, recordCount: Int32(functions.count + cFunctions.count)))
        for (name, function) in functions {
            stream.appendString(name)
            stream.append(.hostFunction(UnsafeMutableRawPointer(function.record)))
            stream.append(.setField)
        }
        for (name, function) in cFunctions {
            stream.appendString(name)
            stream.append(.cFunction(function))
            stream.append(.setField)
        }
        stream.append(.light(readOnlyMark))
        stream.append(.null)
        stream.append(.cFunction(CLUA_FN_CHARGED))
        stream.append(.cFunction(CLUA_FN_CCALL))
        stream.append(.cFunction(CLUA_FN_TOSTRING))
        stream.append(.call(arguments: 6, results: 2))
        stream.append(.makeReference(refs + 1))
        stream.append(.makeReference(refs))
        try check(stream.run(on: state).status, "building the sandbox")
        beginCallReference = refs[0]
        viewKitReference = refs[1]
        clua_unref(state, prelude)
        budget.pointee.host_mode = 0
    }

    /// Compiles host Lua and keeps it in the registry.
    private func reference(compiling source: String, name: String) throws(LuaError) -> Int32 {
        var source = source
        let status = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { clua_loadtext(state, $0.baseAddress, $0.count, name) }
        }
        try check(status, "compiling \(name)")
        var ref: Int32 = 0
        try check(clua_pref(state, &ref), "keeping \(name)")
        return ref
    }

    private func check(_ status: Int32, _ what: String) throws(LuaError) {
        guard status != LUA_OK else { return }
        var detail = "status \(status)"
        if let text = HostArguments.string(state, -1) { detail = String(decoding: text, as: UTF8.self) }
        lua_settop(state, 0)
        throw LuaError(kind: .host, message: "the sandbox could not be set up (\(what)): \(detail)")
    }

    /// Runs `body` with other per-call budgets (instructions, time) for every call it makes; the
    /// memory cap stays the state's. Loading a framework uses `LuaLimits.loading`.
    public func withLimits<T, E: Error>(_ limits: LuaLimits, _ body: () throws(E) -> T) throws(E) -> T {
        let saved = callLimits
        callLimits = limits
        defer { callLimits = saved }
        return try body()
    }

    /// Marks the runtime busy for one call; refuses re-entrant and concurrent use.
    func enter() throws(LuaError) {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            throw LuaError(kind: .host, message: "this Lua runtime is already running a call; "
                + "a runtime serves one call at a time (use one runtime per thread)")
        }
    }

    func leave() {
        busy.store(false, ordering: .releasing)
    }
}

/// What `print` wrote during one call, capped.
struct CallLog {
    let limit: Int
    private(set) var text = ""
    private(set) var truncated = false

    init(limit: Int) { self.limit = limit }

    mutating func append(_ line: UnsafeRawBufferPointer) {
        guard !truncated else { return }
        let room = limit - text.utf8.count
        if line.count + 1 <= room {
            text += String(decoding: line, as: UTF8.self) + "\n"
        } else {
            truncated = true
            text += String(decoding: UnsafeRawBufferPointer(rebasing: line.prefix(max(0, room))), as: UTF8.self)
            text += "\n[output truncated: print wrote more than \(limit) bytes]\n"
        }
    }

    mutating func reset() {
        text = ""
        truncated = false
    }
}
