import CLua

/// The Swift functions the sandbox prelude receives as `host.*`.
extension LuaRuntime {
    /// host.print(line): appends one line to the call's log.
    func hostPrint(_ L: OpaquePointer) -> Int32 {
        if let line = HostArguments.string(L, 1) { log.append(line) }
        return 0
    }

    /// host.violation(message [, source, line]): records a sandbox violation and stops the call
    /// (sticky). A source and line, when given, say where the violation is.
    func hostViolation(_ L: OpaquePointer) -> Int32 {
        let message = HostArguments.string(L, 1).map { String(decoding: $0, as: UTF8.self) }
        if violationMessage == nil, let source = HostArguments.string(L, 2), let line = HostArguments.integer(L, 3) {
            violationLocation = (String(decoding: source, as: UTF8.self), Int(line))
        }
        return recordViolation(L, message ?? "sandbox violation")
    }

    /// host.locate(message, source, line): the error with this message, about to be raised by
    /// the sandbox, is at source:line (a module's syntax error, found by the parser).
    func hostLocate(_ L: OpaquePointer) -> Int32 {
        if let message = HostArguments.string(L, 1), let source = HostArguments.string(L, 2),
           let line = HostArguments.integer(L, 3) {
            errorLocationHint = (String(decoding: message, as: UTF8.self), String(decoding: source, as: UTF8.self), Int(line))
            locatedErrors += 1
        }
        return 0
    }

    /// host.upvalue_writes(dump) -> source, line, name | nil
    /// The first assignment, in a function defined at load time (or a function nested in it), to
    /// a variable that outlives one call: an upvalue of that function. Read from its bytecode.
    func hostUpvalueWrites(_ L: OpaquePointer) -> Int32 {
        guard let dump = HostArguments.string(L, 1) else {
            return HostFunction.raise(L, "upvalue_writes: expected a dump")
        }
        var stream = LuaOpStream()
        guard let write = LuaBytecode.persistentUpvalueWrites(in: dump) else {
            stream.append(.nil_)
            return HostFunction.results(L, stream)
        }
        stream.appendString(write.source)
        stream.append(.integer(Int64(write.line)))
        stream.appendString(write.name)
        return HostFunction.results(L, stream)
    }

    /// host.load_module(name) -> source, chunkname, privileged, binary | nil, message
    /// With `binary`, `source` is the file's text compiled and dumped by `precompiler` (from the
    /// very bytes read here), to be loaded as bytecode.
    func hostLoadModule(_ L: OpaquePointer) -> Int32 {
        guard let raw = HostArguments.string(L, 1) else {
            return HostFunction.raise(L, "require: module name must be a string")
        }
        var stream = LuaOpStream()
        switch modules.resolve(String(decoding: raw, as: UTF8.self)) {
        case .found(let source, let chunkName):
            knownChunkNames.insert(chunkName)
            loadedModules.append((String(chunkName.dropFirst()), source))
            let dump = precompiler?.take(chunkName: chunkName, source: source)
            return (dump ?? source).withUnsafeBytes {
                moduleResults(L, $0, chunkName: chunkName, privileged: false, binary: dump != nil)
            }
        case .builtin(var source, let chunkName):
            return source.withUTF8 {
                moduleResults(L, UnsafeRawBufferPointer($0), chunkName: chunkName, privileged: true, binary: false)
            }
        case .invalidName(let message):
            _ = recordViolation(L, message)
            stream.append(.nil_)
            stream.appendString(message)
        case .notFound(let message), .unreadable(let message):
            stream.append(.nil_)
            stream.appendString(message)
        }
        return HostFunction.results(L, stream)
    }

    /// load_module's results for a module found: its bytes (tens of kilobytes, lent to the
    /// stream, which runs before they go), chunk name, whether privileged, whether bytecode.
    private func moduleResults(_ L: OpaquePointer, _ bytes: UnsafeRawBufferPointer, chunkName: String,
                               privileged: Bool, binary: Bool) -> Int32 {
        var stream = LuaOpStream()
        stream.appendLent(bytes)
        stream.appendString(chunkName)
        stream.append(.bool(privileged))
        stream.append(.bool(binary))
        return HostFunction.results(L, stream)
    }

    /// Records the first violation of the call and stops it; `pcall` cannot swallow this.
    private func recordViolation(_ L: OpaquePointer, _ message: String) -> Int32 {
        if violationMessage == nil { violationMessage = message }
        if budget.pointee.stop == Int32(CLUA_STOP_NONE) { budget.pointee.stop = Int32(CLUA_STOP_VIOLATION) }
        if budget.pointee.enforce != 0 { clua_trip(budget, L) }
        return 0
    }

    /// host.stopped() -> whether the call has been stopped (a budget, a violation).
    func hostStopped(_ L: OpaquePointer) -> Int32 {
        var stream = LuaOpStream()
        stream.append(.bool(budget.pointee.stop != Int32(CLUA_STOP_NONE)))
        return HostFunction.results(L, stream)
    }

    /// host.exact_only(): in a fast crossing, stops the call so that the host runs it again with
    /// exact budgets (what fast mode does not watch: coroutines); elsewhere nothing.
    func hostExactOnly(_ L: OpaquePointer) -> Int32 {
        guard budget.pointee.fast != 0 else { return 0 }
        budget.pointee.stop = Int32(CLUA_STOP_RERUN)
        clua_trip(budget, L)
        return HostFunction.raise(L, "run again with exact budgets")
    }
}
