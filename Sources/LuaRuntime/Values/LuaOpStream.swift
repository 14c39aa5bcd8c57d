import CLua

/// A list of operations that C replays under `lua_pcall` (`clua_pbuild`), so that every
/// allocation the host makes in Lua happens where a Lua error cannot cross a Swift frame.
struct LuaOpStream {
    enum Op {
        case nil_, null, bool(Bool), integer(Int64), number(Double)
        case string(offset: Int, count: Int)
        case light(UnsafeMutableRawPointer?)
        case newTable(arrayCount: Int32, recordCount: Int32)
        case setField, setIndex(Int64)
        case registry(Int32)
        case call(arguments: Int32, results: Int32)
        case hostFunction(UnsafeMutableRawPointer)
        case openLibraries
        case makeReference(UnsafeMutablePointer<Int32>)
    }

    private(set) var ops: [Op] = []
    private var bytes: [UInt8] = []
    /// How many values the stream leaves on the stack.
    private(set) var valueCount = 0

    mutating func append(_ op: Op) { ops.append(op) }

    mutating func appendString(_ s: String) {
        let offset = bytes.count
        bytes.append(contentsOf: s.utf8)
        ops.append(.string(offset: offset, count: bytes.count - offset))
    }

    mutating func appendBytes(_ b: UnsafeRawBufferPointer) {
        let offset = bytes.count
        bytes.append(contentsOf: b)
        ops.append(.string(offset: offset, count: b.count))
    }

    /// Appends the ops that push `value`, as read-only views when `sealReference` is given.
    /// Checks depth and size first, so nothing unbounded is ever sent.
    mutating func appendValue(_ value: LuaValue, limits: LuaConversionLimits,
                              sealReference: Int32?) throws(LuaError) {
        var budget = (values: limits.maxValues, bytes: limits.maxStringBytes)
        try appendValue(value, depth: 0, path: "argument", limits: limits, budget: &budget,
                        seal: sealReference)
        valueCount += 1
    }

    private mutating func appendValue(_ value: LuaValue, depth: Int, path: @autoclosure () -> String,
                                      limits: LuaConversionLimits,
                                      budget: inout (values: Int, bytes: Int),
                                      seal: Int32?) throws(LuaError) {
        budget.values -= 1
        if budget.values < 0 {
            throw LuaError(kind: .conversion, message: "\(path()): more than \(limits.maxValues) values")
        }
        switch value {
        case .null: ops.append(.null)
        case .bool(let b): ops.append(.bool(b))
        case .integer(let i): ops.append(.integer(i))
        case .double(let d):
            guard d.isFinite else {
                throw LuaError(kind: .conversion, message: "\(path()): \(d) is not a finite number")
            }
            ops.append(.number(d))
        case .string(let s):
            budget.bytes -= s.utf8.count
            if budget.bytes < 0 {
                throw LuaError(kind: .conversion,
                               message: "\(path()): strings exceed \(limits.maxStringBytes) bytes")
            }
            appendString(s)
        case .array(let elements):
            guard depth < limits.maxDepth else {
                throw LuaError(kind: .conversion, message: "\(path()): nested deeper than \(limits.maxDepth) levels")
            }
            if let seal { ops.append(.registry(seal)) }
            ops.append(.newTable(arrayCount: Int32(clamping: elements.count), recordCount: 0))
            for (i, element) in elements.enumerated() {
                try appendValue(element, depth: depth + 1, path: "\(path())[\(i + 1)]", limits: limits,
                                budget: &budget, seal: seal)
                ops.append(.setIndex(Int64(i + 1)))
            }
            if seal != nil {
                ops.append(.nil_)
                ops.append(.call(arguments: 2, results: 1))
            }
        case .object(let members):
            guard depth < limits.maxDepth else {
                throw LuaError(kind: .conversion, message: "\(path()): nested deeper than \(limits.maxDepth) levels")
            }
            let keys = members.keys.sorted(by: LuaValue.keyOrder)
            if let seal { ops.append(.registry(seal)) }
            ops.append(.newTable(arrayCount: 0, recordCount: Int32(clamping: members.count)))
            for key in keys {
                budget.bytes -= key.utf8.count
                appendString(key)
                try appendValue(members[key]!, depth: depth + 1, path: "\(path()).\(key)", limits: limits,
                                budget: &budget, seal: seal)
                ops.append(.setField)
            }
            if seal != nil {
                ops.append(.newTable(arrayCount: Int32(clamping: keys.count), recordCount: 0))
                for (i, key) in keys.enumerated() {
                    appendString(key)
                    ops.append(.setIndex(Int64(i + 1)))
                }
                ops.append(.call(arguments: 2, results: 1))
            }
        }
    }

    /// Replays the stream on `L` under `lua_pcall`. Returns the status and how many values
    /// are now on the stack (on failure: the error object).
    func run(on L: OpaquePointer, messageHandler: Int32 = 0) -> (status: Int32, pushed: Int32) {
        bytes.withUnsafeBufferPointer { base in
            var feeder = Feeder(ops: ops, base: base.baseAddress)
            return withUnsafeMutablePointer(to: &feeder) { pointer in
                var pushed: Int32 = 0
                let status = clua_pbuild(L, { ud, op in
                    let feeder = ud!.assumingMemoryBound(to: Feeder.self)
                    return feeder.pointee.next(into: op!)
                }, pointer, messageHandler, &pushed)
                return (status, pushed)
            }
        }
    }

    private struct Feeder {
        let ops: [Op]
        let base: UnsafePointer<UInt8>?
        var index = 0

        mutating func next(into op: UnsafeMutablePointer<clua_op>) -> Int32 {
            guard index < ops.count else { return 0 }
            defer { index += 1 }
            switch ops[index] {
            case .nil_: op.pointee.code = Int32(CLUA_OP_NIL)
            case .null: op.pointee.code = Int32(CLUA_OP_NULL)
            case .bool(let b):
                op.pointee.code = Int32(CLUA_OP_BOOL)
                op.pointee.i = b ? 1 : 0
            case .integer(let i):
                op.pointee.code = Int32(CLUA_OP_INT)
                op.pointee.i = i
            case .number(let d):
                op.pointee.code = Int32(CLUA_OP_NUM)
                op.pointee.n = d
            case .string(let offset, let count):
                op.pointee.code = Int32(CLUA_OP_STR)
                op.pointee.s = UnsafeRawPointer(base! + offset).assumingMemoryBound(to: CChar.self)
                op.pointee.len = count
            case .light(let p):
                op.pointee.code = Int32(CLUA_OP_LIGHT)
                op.pointee.p = p
            case .newTable(let narr, let nrec):
                op.pointee.code = Int32(CLUA_OP_NEWTABLE)
                op.pointee.narr = narr
                op.pointee.nrec = nrec
            case .setField: op.pointee.code = Int32(CLUA_OP_SETFIELD)
            case .setIndex(let i):
                op.pointee.code = Int32(CLUA_OP_SETINDEX)
                op.pointee.i = i
            case .registry(let ref):
                op.pointee.code = Int32(CLUA_OP_REF)
                op.pointee.i = Int64(ref)
            case .call(let nargs, let nresults):
                op.pointee.code = Int32(CLUA_OP_CALL)
                op.pointee.narr = nargs
                op.pointee.nrec = nresults
            case .hostFunction(let p):
                op.pointee.code = Int32(CLUA_OP_HOSTFN)
                op.pointee.p = p
            case .openLibraries: op.pointee.code = Int32(CLUA_OP_OPENLIBS)
            case .makeReference(let out):
                op.pointee.code = Int32(CLUA_OP_MAKEREF)
                op.pointee.out = out
            }
            return 1
        }
    }
}
