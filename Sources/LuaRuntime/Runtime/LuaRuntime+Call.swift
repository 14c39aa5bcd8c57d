import CLua
import CLuaWatch

/// A compiled chunk kept by the runtime that compiled it.
public struct LuaChunk: Sendable, Hashable {
    let reference: Int32
    let owner: ObjectIdentifier
    /// The name errors use for this chunk (a file path, or the name given).
    public let name: String
}

/// A value converted once into a runtime as a read-only view, to pass to many calls without
/// converting it again (a case evaluated by every indicator of a framework).
public struct LuaPreparedValue: Sendable, Hashable {
    let reference: Int32
    let owner: ObjectIdentifier
}

/// One argument of a call: a value converted for this call (read-only or writable), or a value
/// prepared earlier.
public enum LuaArgument: Sendable {
    case readOnly(LuaValue)
    case writable(LuaValue)
    case prepared(LuaPreparedValue)
}

/// What one call used of its budgets.
public struct LuaUsage: Sendable, Equatable {
    /// VM instructions, counted in steps of the hook interval, plus pattern-matching steps.
    public var instructions: Int64
    /// The most bytes the state held during the call.
    public var peakMemoryBytes: Int
    /// Wall-clock seconds.
    public var seconds: Double
}

/// The result of a call: the returned value, what it printed, and what it used.
public struct LuaResult: Sendable {
    /// The first value the chunk returned (`null` when it returned nothing).
    public var value: LuaValue
    /// What `print` wrote, one line per call, capped.
    public var log: String
    public var usage: LuaUsage
}

extension LuaRuntime {
    /// Compiles a text chunk. `chunkName` is what errors show: pass a file path for files.
    public func compile(_ source: String, chunkName: String) throws(LuaError) -> LuaChunk {
        try compile(bytes: Array(source.utf8), chunkName: chunkName)
    }

    /// Compiles a text chunk given as bytes, as Lua reads files: string literals may hold bytes
    /// that are not UTF-8.
    public func compile(bytes source: [UInt8], chunkName: String) throws(LuaError) -> LuaChunk {
        try enter()
        defer { leave() }
        let L = state
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        budget.pointee.host_mode = 1
        defer { budget.pointee.host_mode = 0 }
        let luaName = Self.luaChunkName(chunkName)
        let status = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { clua_loadtext(L, $0.baseAddress, $0.count, luaName) }
        }
        if status != LUA_OK { throw LuaError.loadFailure(L, status: status, chunkName: chunkName) }
        var ref: Int32 = 0
        guard clua_pref(L, &ref) == LUA_OK else {
            throw LuaError(kind: .memoryLimit, message: "no memory left to keep the compiled chunk", chunkName: chunkName)
        }
        knownChunkNames.insert(luaName)
        return LuaChunk(reference: ref, owner: ObjectIdentifier(self), name: chunkName)
    }

    /// Releases a compiled chunk.
    public func release(_ chunk: LuaChunk) {
        guard chunk.owner == ObjectIdentifier(self), (try? enter()) != nil else { return }
        defer { leave() }
        clua_unref(state, chunk.reference)
    }

    /// Compiles and runs `source` once; see `call(_:arguments:readOnlyArguments:)`.
    public func evaluate(_ source: String, chunkName: String = "chunk", arguments: [LuaValue] = [],
                         readOnlyArguments: Bool = true) throws(LuaError) -> LuaResult {
        try evaluate(bytes: Array(source.utf8), chunkName: chunkName, arguments: arguments, readOnlyArguments: readOnlyArguments)
    }

    /// Compiles and runs `source` (bytes, as read from a file) once.
    public func evaluate(bytes source: [UInt8], chunkName: String = "chunk", arguments: [LuaValue] = [],
                         readOnlyArguments: Bool = true) throws(LuaError) -> LuaResult {
        let chunk = try compile(bytes: source, chunkName: chunkName)
        defer { release(chunk) }
        return try call(chunk, arguments: arguments, readOnlyArguments: readOnlyArguments)
    }

    /// Runs a compiled chunk with `arguments` as its `...`, in a fresh global environment and
    /// under fresh instruction and time budgets. Arguments are read-only views unless
    /// `readOnlyArguments` is false. Returns the first value the chunk returns.
    public func call(_ chunk: LuaChunk, arguments: [LuaValue] = [],
                     readOnlyArguments: Bool = true) throws(LuaError) -> LuaResult {
        var encoder = LuaValueEncoder(limits: configuration.conversion, sortKeys: readOnlyArguments)
        for (n, argument) in arguments.enumerated() {
            try encoder.append(argument, name: arguments.count == 1 ? "argument" : "argument \(n + 1)")
        }
        let kit = readOnlyArguments ? viewKitReference : 0
        return try perform(chunk) { L in
            let (status, pushed) = encoder.push(on: L, viewKit: kit, mark: readOnlyMark)
            return status == LUA_OK ? pushed : nil
        }
    }

    /// Runs a compiled chunk with prepared (already converted, read-only) values as its `...`.
    public func call(_ chunk: LuaChunk, prepared: [LuaPreparedValue]) throws(LuaError) -> LuaResult {
        try call(chunk, with: prepared.map { .prepared($0) })
    }

    /// Runs a compiled chunk with any mix of arguments as its `...`.
    ///
    /// `fast`: no count hook while rule code runs; a watchdog thread stops any rule call (each
    /// `sandbox_internal.next_call` begins one) that runs longer than a window too short to reach
    /// the instruction budget, and the call then fails with `.rerun`: run that work again without
    /// `fast` for the exact verdict. Every verdict of a budget is thus the one exact budgets give.
    public func call(_ chunk: LuaChunk, with arguments: [LuaArgument], fast: Bool = false) throws(LuaError) -> LuaResult {
        enum Pushed { case encoded(LuaValueEncoder, readOnly: Bool), prepared(Int32) }
        var pieces: [Pushed] = []
        for (n, argument) in arguments.enumerated() {
            let name = arguments.count == 1 ? "argument" : "argument \(n + 1)"
            switch argument {
            case .readOnly(let value), .writable(let value):
                let readOnly = if case .readOnly = argument { true } else { false }
                var encoder = LuaValueEncoder(limits: configuration.conversion, sortKeys: readOnly)
                try encoder.append(value, name: name)
                pieces.append(.encoded(encoder, readOnly: readOnly))
            case .prepared(let value):
                guard value.owner == ObjectIdentifier(self) else {
                    throw LuaError(kind: .host, message: "\(name) of \(chunk.name) was prepared by another runtime")
                }
                pieces.append(.prepared(value.reference))
            }
        }
        return try perform(chunk, fast: fast) { L in
            guard lua_checkstack(L, Int32(pieces.count) + 1) != 0 else { return nil }
            var count: Int32 = 0
            for piece in pieces {
                switch piece {
                case .encoded(let encoder, let readOnly):
                    let (status, pushed) = encoder.push(on: L, viewKit: readOnly ? viewKitReference : 0,
                                                        mark: readOnlyMark)
                    guard status == LUA_OK else { return nil }
                    count += pushed
                case .prepared(let reference):
                    lua_rawgeti(L, clua_registryindex(), lua_Integer(reference))
                    count += 1
                }
            }
            return count
        }
    }

    /// Converts `value` once into a read-only view kept by the runtime until `release`. With
    /// `readOnly` false, into plain tables instead (their object keys and list items as the view
    /// would show them): for a host module that never hands the value itself to rule code, only
    /// views of its own over it, as the engine's traced case views are. Making the sandbox's view
    /// of every table of a large value costs more than reading it (a twentieth of a batch).
    public func prepare(_ value: LuaValue, readOnly: Bool = true) throws(LuaError) -> LuaPreparedValue {
        // (a view keeps its keys' order; a plain table has none of its own: pairs sorts its keys)
        var encoder = LuaValueEncoder(limits: configuration.conversion, sortKeys: readOnly)
        try encoder.append(value, name: "value")
        try enter()
        defer { leave() }
        let L = state
        let base = lua_gettop(L)
        defer { lua_settop(L, base) }
        budget.pointee.host_mode = 1
        defer { budget.pointee.host_mode = 0 }
        var ref: Int32 = 0
        guard encoder.push(on: L, viewKit: readOnly ? viewKitReference : 0, mark: readOnlyMark).status == LUA_OK,
              clua_pref(L, &ref) == LUA_OK else {
            throw LuaError(kind: .memoryLimit, message: "the value does not fit in the memory limit "
                + "(\(configuration.limits.memoryBytes) bytes)")
        }
        return LuaPreparedValue(reference: ref, owner: ObjectIdentifier(self))
    }

    /// Releases a prepared value.
    public func release(_ value: LuaPreparedValue) {
        guard value.owner == ObjectIdentifier(self), (try? enter()) != nil else { return }
        defer { leave() }
        clua_unref(state, value.reference)
    }

    /// Runs `chunk` with the arguments `pushArguments` leaves on the stack (nil: out of memory).
    /// Chunks whose name starts with "=(sandbox" are the host's own: their environment also has
    /// `sandbox_internal`, the entry points that host modules registered (rule code never has it,
    /// and cannot compile a chunk under such a name).
    private func perform(_ chunk: LuaChunk, fast: Bool = false,
                         pushArguments: (OpaquePointer) -> Int32?) throws(LuaError) -> LuaResult {
        guard chunk.owner == ObjectIdentifier(self) else {
            throw LuaError(kind: .host, message: "chunk \(chunk.name) belongs to another runtime")
        }
        try enter()
        defer { leave() }
        let L = state
        let b = budget
        let base = lua_gettop(L)
        // the stack and call frames a deep recursion before left go back first: every call
        // starts with the same memory for them, whatever ran before it (shim.h)
        clua_settle_stack(L)
        let started = clua_now()
        log.reset()
        recentTexts.removeAll()
        shortTexts.removeAll()
        violationMessage = nil
        violationLocation = nil
        errorLocationHint = nil
        let limits = callLimits ?? configuration.limits
        b.pointee.stop = Int32(CLUA_STOP_NONE)
        b.pointee.pending = 0
        b.pointee.instructions = 0
        b.pointee.call_serial &+= 1
        b.pointee.memory_peak = b.pointee.memory_used
        b.pointee.error_message_length = Int.max
        b.pointee.error_line = 0
        b.pointee.host_mode = 1
        let startUsed = Int(b.pointee.memory_used)
        defer {
            lua_settop(L, base)
            b.pointee.enforce = 0
            if Int(b.pointee.memory_used) > startUsed + max(2 << 20, limits.memoryBytes / 8) { settleMemory() }
            b.pointee.host_mode = 0
        }

        clua_pushmsghandler(L)
        let handler = base + 1
        lua_rawgeti(L, clua_registryindex(), lua_Integer(chunk.reference))
        // A fresh environment becomes the chunk's _ENV.
        var env = LuaOpStream()
        env.append(.registry(beginCallReference))
        env.append(.integer(configuration.randomSeed))
        env.append(.bool(chunk.name.hasPrefix("=(sandbox")))
        env.append(.call(arguments: 2, results: 1))
        if env.run(on: L).status != LUA_OK {
            throw failure(status: LUA_ERRMEM, chunk: chunk)
        }
        _ = lua_setupvalue(L, base + 2, 1)

        guard let pushed = pushArguments(L) else {
            throw LuaError(kind: .memoryLimit, message: "the arguments do not fit in the memory limit "
                + "(\(configuration.limits.memoryBytes) bytes)", chunkName: chunk.name)
        }

        // The time budget is the calling thread's CPU time, which the machine's load does not
        // change; the wall clock only ends a call that load keeps from finishing (safety net).
        b.pointee.call_timeout = limits.timeoutSeconds
        b.pointee.call_wall = limits.wallClockSeconds
        clua_time_budgets(b, started)
        b.pointee.cpu_start = clua_thread_cpu()
        b.pointee.instruction_limit = limits.instructions
        // Fast mode's window: the instruction budget at a VM speed far above any machine's
        // (10^10 instructions a second), so that no call inside it can reach the budget.
        let window = limits.instructions > 0 ? Double(limits.instructions) / 1e10 : 0
        let useFast = fast && watched && window >= 0.002
        if useFast { clua_fast_begin(UnsafeMutableRawPointer(L), b, Int64(window * 1e9)) } else { clua_arm(L, b) }
        b.pointee.host_mode = 0
        b.pointee.enforce = 1
        let status = lua_pcallk(L, pushed, 1, handler, 0, nil)
        b.pointee.enforce = 0
        if useFast { clua_fast_end(UnsafeMutableRawPointer(L), b) }
        b.pointee.host_mode = 1
        if b.pointee.pending != 0, b.pointee.stop == Int32(CLUA_STOP_NONE) {
            // A refused allocation that Lua never retried was final, even if rule code caught it.
            b.pointee.stop = Int32(CLUA_STOP_MEMORY)
        }

        // A stop is sticky: it fails the call even when the code that was stopped (a coroutine,
        // a C function in tail position) let the call return normally.
        guard status == LUA_OK, b.pointee.stop == Int32(CLUA_STOP_NONE) else {
            throw failure(status: status, chunk: chunk)
        }
        let value: LuaValue
        do {
            value = try LuaValueReader.read(L, at: -1, limits: configuration.conversion, root: "result",
                                            readOnlyMark: readOnlyMark, copy: copiesResults ? copyBuffer : nil,
                                            texts: &shortTexts)
        } catch {
            var e = error
            e.chunkName = chunk.name
            e.log = log.text
            throw e
        }
        let usage = LuaUsage(instructions: b.pointee.instructions, peakMemoryBytes: b.pointee.memory_peak,
                             seconds: clua_now() - started)
        return LuaResult(value: value, log: log.text, usage: usage)
    }

    /// Collects in full until a collection frees almost nothing. Run after a call that left much
    /// more memory in use than it found (an eighth of the cap, at least 2 MiB: a core framework's
    /// crossing leaves at most ~1.3 MiB, garbage the collector's own steps take), and after a
    /// failed call that hit the cap or left half of it in use (`failure`). Garbage alone would not
    /// need it (an allocation refused at the cap is retried after a full collection), but the
    /// emergency collection that retry runs leaves what Lua sized for earlier work as it was (the
    /// table of interned strings, the stacks of threads) and the collector's pacing where the
    /// earlier work left it; a collection outside an emergency resets them. Without it, a
    /// recursion stopped between its instruction budget and the memory cap got one verdict or the
    /// other depending on the indicators run before it (`OneCrossingTests`, the `recursion`
    /// bodies). The running thread's own stack and call frames are given back before every call
    /// (`clua_settle_stack`).
    private func settleMemory() {
        let b = budget
        for _ in 0..<32 {
            let before = Int(b.pointee.memory_used)
            _ = clua_gc(state, LUA_GCCOLLECT)
            if before - Int(b.pointee.memory_used) < 64 << 10 { break }
        }
    }

    /// Builds the error for a failed call from host state (why it stopped) and the error object.
    private func failure(status: Int32, chunk: LuaChunk) -> LuaError {
        let L = state
        let b = budget
        let limits = callLimits ?? configuration.limits
        var text = HostArguments.string(L, -1).map { String(decoding: $0, as: UTF8.self) }
            ?? "(error object is not a string)"
        var traceback: String?
        let messageLength = b.pointee.error_message_length
        if messageLength != Int.max, messageLength <= text.utf8.count {
            let utf8 = Array(text.utf8)
            traceback = String(decoding: utf8[messageLength...], as: UTF8.self)
                .trimmingPrefix("\n")
            text = String(decoding: utf8[..<messageLength], as: UTF8.self)
        }
        var error = LuaError(kind: .runtime, message: text, traceback: traceback, log: log.text)
        switch Int(b.pointee.stop) {
        case Int(CLUA_STOP_INSTRUCTIONS):
            error.kind = .instructionLimit
            error.message = "instruction limit exceeded: the call ran more than \(limits.instructions) instructions"
        case Int(CLUA_STOP_MEMORY):
            error.kind = .memoryLimit
            error.message = "memory limit exceeded: the state needed more than \(limits.memoryBytes) bytes"
        case Int(CLUA_STOP_TIME):
            error.kind = .timeLimit
            error.message = "time limit exceeded: the call used more than \(limits.timeoutSeconds) seconds of CPU time"
        case Int(CLUA_STOP_RERUN):
            error.kind = .rerun
            error.message = "the call ran past fast mode's window: run it again without fast mode"
        case Int(CLUA_STOP_VIOLATION):
            error.kind = .sandboxViolation
            error.message = violationMessage ?? text
        default:
            if status == LUA_ERRMEM {
                error.kind = .memoryLimit
                error.message = "memory limit exceeded: the state needed more than \(limits.memoryBytes) bytes"
            } else if status == LUA_ERRERR {
                error.message = "error while handling an error: " + text
            }
        }
        // Where: from Lua's debug information of the frame that raised (the nearest rule frame),
        // never from the message text, which rule code writes as it likes.
        if let location = violationLocation, error.kind == .sandboxViolation {
            error.chunkName = Self.displayName(luaChunkName: location.source, fallback: chunk)
            error.line = location.line
        } else if let hint = errorLocationHint, error.kind == .runtime, hint.message == text {
            error.chunkName = Self.displayName(luaChunkName: hint.source, fallback: chunk)
            error.line = hint.line
        } else {
            place(&error, frames: recordedFrames(), chunk: chunk)
        }
        // Lua prefixes messages with "chunk:line: ". Drop the prefix when it names a chunk this
        // runtime loaded (Lua wrote it); anything else is the rule's own text and stays.
        if error.kind == .runtime { dropLuaPrefix(&error) }
        if error.kind == .timeLimit, b.pointee.cpu_start >= 0, clua_thread_cpu() - b.pointee.cpu_start <= limits.timeoutSeconds {
            error.message = "time limit exceeded: the call ran longer than \(limits.wallClockSeconds) seconds of "
                + "wall-clock time without finishing (the machine is too busy: run fewer jobs)"
        }
        // Free what the failed call left behind before the next call, when it could matter: after
        // a memory stop, or with half the cap in use. Otherwise the collector's own steps do it (a
        // full collection of a loaded framework's state costs milliseconds, and fast mode's reruns
        // fail calls often on a busy machine); see settleMemory for why garbage alone is no reason.
        if error.kind == .memoryLimit || b.pointee.memory_used > limits.memoryBytes / 2 { settleMemory() }
        return error
    }

    /// The innermost rule frames the message handler recorded for the last error, innermost
    /// first (the first as `error_source` holds it, in full).
    private func recordedFrames() -> [(source: String, line: Int)] {
        let b = budget
        guard b.pointee.error_line > 0 else { return [] }
        let first = withUnsafeBytes(of: &b.pointee.error_source) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        var frames = [(source: first, line: Int(b.pointee.error_line))]
        let count = Int(b.pointee.error_frames)
        guard count > 1 else { return frames }
        let lines = withUnsafeBytes(of: &b.pointee.error_frame_lines) { Array($0.bindMemory(to: Int32.self)) }
        withUnsafeBytes(of: &b.pointee.error_frame_sources) { raw in
            for k in 1..<count {
                let source = String(decoding: raw[(k * 256)..<(k * 256 + 256)].prefix(while: { $0 != 0 }), as: UTF8.self)
                frames.append((source, Int(lines[k])))
            }
        }
        return frames
    }

    /// Where a runtime error is, from the innermost rule frames its message handler recorded: the
    /// innermost frame, unless its chunk is not one this runtime compiled or loaded from a file (a
    /// chunk that rule code loaded from a string names itself, and could name itself anything);
    /// then the innermost frame of such a chunk. No frame at all: the chunk called.
    private func place(_ error: inout LuaError, frames: [(source: String, line: Int)], chunk: LuaChunk) {
        guard var (source, line) = frames.first else {
            error.chunkName = chunk.name
            return
        }
        if !knownChunkNames.contains(source), frames.count > 1,
           let known = frames.first(where: { knownChunkNames.contains($0.source) }) {
            (source, line) = known
        }
        error.chunkName = Self.displayName(luaChunkName: source, fallback: chunk)
        error.line = line
    }

    /// Drops Lua's "chunk:line: " prefix from a runtime error's message when it names a chunk
    /// this runtime loaded (Lua wrote it); anything else is the rule's own text and stays.
    private func dropLuaPrefix(_ error: inout LuaError) {
        if let (shown, _, message) = LuaError.splitLocation(error.message), isKnownChunk(shown) {
            error.message = message
        }
    }

    /// Counts the changes that could make an error be described differently: a chunk becoming
    /// known (compiled, or a module loaded), a module's syntax error located by the parser. The
    /// engine compares it before and after a crossing (see `caughtRuleError`).
    public var errorPlaceGeneration: Int { knownChunkGeneration + locatedErrors }

    /// A runtime error that a rule call inside a call raised and `host.try` caught, described as
    /// `call(chunk)` describes the same error ending a call of its own: `message` and `frames`
    /// (source, line, source, line, ..., innermost first) are what the same message handler
    /// recorded. Valid only when `errorPlaceGeneration` did not change between the start of
    /// the call that caught it and now.
    public func caughtRuleError(message: String, frames flat: [LuaValue], chunk: LuaChunk) -> LuaError {
        var frames: [(source: String, line: Int)] = []
        frames.reserveCapacity(flat.count / 2)
        var k = 0
        while k + 1 < flat.count {
            if let source = flat[k].stringValue, let line = flat[k + 1].integerValue { frames.append((source, Int(line))) }
            k += 2
        }
        var error = LuaError(kind: .runtime, message: message)
        place(&error, frames: frames, chunk: chunk)
        dropLuaPrefix(&error)
        return error
    }

    /// Whether `shown` (a chunk name as Lua prints it in messages, shortened with "..." when
    /// long) is a chunk this runtime compiled or loaded.
    func isKnownChunk(_ shown: String) -> Bool {
        if shown.hasPrefix("...") {
            let tail = shown.dropFirst(3)
            return knownChunkNames.contains { $0.hasSuffix(tail) }
        }
        return knownChunkNames.contains("@" + shown) || knownChunkNames.contains("=" + shown)
            || shown.hasPrefix("(sandbox") || shown == "(load)"
    }

    /// Lua's chunk name for a display name: "@path" for paths, "=name" otherwise.
    static func luaChunkName(_ name: String) -> String {
        if name.hasPrefix("@") || name.hasPrefix("=") { return name }
        return "@" + name
    }

    static func displayName(luaChunkName source: String, fallback: LuaChunk) -> String {
        if source.hasPrefix("@") || source.hasPrefix("=") { return String(source.dropFirst()) }
        if source.hasPrefix("[string") { return fallback.name }
        return source
    }
}

private extension String {
    func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
