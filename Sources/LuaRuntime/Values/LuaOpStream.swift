import CLua

/// A list of operations that C replays under `lua_pcall` (`clua_pbuild`), so that every
/// allocation the host makes in Lua happens where a Lua error cannot cross a Swift frame.
struct LuaOpStream {
    enum Op {
        case nil_, null, bool(Bool), integer(Int64), number(Double)
        case string(offset: Int, count: Int)
        /// Bytes the stream does not own (`appendLent`).
        case lent(UnsafeRawPointer?, count: Int)
        case light(UnsafeMutableRawPointer?)
        case newTable(arrayCount: Int32, recordCount: Int32)
        case setField, setIndex(Int64)
        case registry(Int32)
        case call(arguments: Int32, results: Int32)
        case hostFunction(UnsafeMutableRawPointer)
        case openLibraries
        /// One of shim.h's C functions (a `CLUA_FN_*`).
        case cFunction(Int)
        case makeReference(UnsafeMutablePointer<Int32>)
    }

    private(set) var ops: [Op] = []
    private var bytes: [UInt8] = []

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

    /// A string of `b`'s bytes, read where they are when the stream runs, not copied into it:
    /// for large texts (a module's source). `b` must stay valid until `run` has returned.
    mutating func appendLent(_ b: UnsafeRawBufferPointer) {
        ops.append(.lent(b.baseAddress, count: b.count))
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
            case .lent(let start, let count):
                op.pointee.code = Int32(CLUA_OP_STR)
                op.pointee.s = start?.assumingMemoryBound(to: CChar.self)
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
            case .cFunction(let function):
                op.pointee.code = Int32(CLUA_OP_CFUNCTION)
                op.pointee.i = lua_Integer(function)
            case .makeReference(let out):
                op.pointee.code = Int32(CLUA_OP_MAKEREF)
                op.pointee.out = out
            }
            return 1
        }
    }
}
