import CLua

/// A Swift function callable from Lua through `clua_trampoline`.
///
/// The body reads its arguments with non-raising calls (or `LuaValueReader`), pushes results
/// with a `LuaOpStream` (replayed under `lua_pcall`) and returns how many it pushed, or pushes
/// a message and returns `CLUA_HOST_ERROR`; the trampoline then raises in C.
final class HostFunction {
    typealias Body = (OpaquePointer) -> Int32

    let body: Body
    /// The C record the trampoline's upvalue points to; lives as long as this object.
    let record: UnsafeMutablePointer<clua_hostfn>

    init(_ body: @escaping Body) {
        self.body = body
        record = .allocate(capacity: 1)
        record.initialize(to: clua_hostfn(call: { ud, L in
            Unmanaged<HostFunction>.fromOpaque(ud!).takeUnretainedValue().body(L!)
        }, ud: nil))
        record.pointee.ud = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit { record.deallocate() }

    /// Pushes `message` and returns the code that makes the trampoline raise it.
    static func raise(_ L: OpaquePointer, _ message: String) -> Int32 {
        var stream = LuaOpStream()
        stream.appendString(message)
        _ = stream.run(on: L) // on failure the memory error object is on the stack instead
        return Int32(CLUA_HOST_ERROR)
    }

    /// Pushes the values of `stream` as results; raises if they could not be pushed.
    static func results(_ L: OpaquePointer, _ stream: LuaOpStream) -> Int32 {
        let (status, pushed) = stream.run(on: L)
        return status == LUA_OK ? pushed : Int32(CLUA_HOST_ERROR)
    }
}

/// Readers for arguments of host functions; none of them can raise.
enum HostArguments {
    static func string(_ L: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer? {
        var length = 0
        guard let chars = clua_tostring_raw(L, index, &length) else { return nil }
        return UnsafeRawBufferPointer(start: chars, count: length)
    }

    static func integer(_ L: OpaquePointer, _ index: Int32) -> Int64? {
        var ok: Int32 = 0
        let value = lua_tointegerx(L, index, &ok)
        return ok != 0 && lua_type(L, index) == LUA_TNUMBER ? value : nil
    }

    static func bool(_ L: OpaquePointer, _ index: Int32) -> Bool {
        lua_toboolean(L, index) != 0
    }
}
