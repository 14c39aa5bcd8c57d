import CLua
#if canImport(Glibc)
import Glibc
#endif

/// Converts the Lua value at a stack index into a `LuaValue`, through `clua_pwalk` (the
/// traversal runs in C under `lua_pcall`; this type only sees events and reads values with
/// non-raising calls). Iteration is raw: no `__pairs` or `__index` runs. Read-only views are
/// read through to the table they show. Depth, size and cycles are checked as it goes.
struct LuaValueReader {
    private final class State {
        struct Frame {
            var pointer: UnsafeRawPointer?
            var stringKeys: [(String, LuaValue)] = []
            var integerKeys: [(Int64, LuaValue)] = []
            var pendingKey: Key?
        }
        enum Key { case string(String), integer(Int64) }

        let limits: LuaConversionLimits
        let root: String
        var frames: [Frame] = []
        var result: LuaValue?
        var error: LuaError?
        var values = 0
        var bytes = 0

        init(limits: LuaConversionLimits, root: String) {
            self.limits = limits
            self.root = root
        }

        var path: String {
            var p = root
            for frame in frames {
                switch frame.pendingKey {
                case .string(let s)?: p += "." + s
                case .integer(let i)?: p += "[\(i)]"
                case nil: break
                }
            }
            return p
        }

        func fail(_ message: String) -> Int32 {
            error = LuaError(kind: .conversion, message: "\(path): \(message)")
            return Int32(CLUA_WALK_STOP)
        }

        func readString(_ L: OpaquePointer, _ what: String) -> String? {
            var length = 0
            guard let chars = clua_tostring_raw(L, -1, &length) else { return nil }
            bytes += length
            let buffer = UnsafeRawBufferPointer(start: chars, count: length)
            guard let s = UTF8Text.string(buffer.bindMemory(to: UInt8.self)) else {
                _ = fail("\(what) is not valid UTF-8")
                return nil
            }
            return s
        }

        func store(_ value: LuaValue) -> Int32 {
            if frames.isEmpty {
                result = value
                return Int32(CLUA_WALK_LEAF)
            }
            let last = frames.count - 1
            switch frames[last].pendingKey {
            case .string(let k)?: frames[last].stringKeys.append((k, value))
            case .integer(let i)?: frames[last].integerKeys.append((i, value))
            case nil: break
            }
            frames[last].pendingKey = nil
            return Int32(CLUA_WALK_LEAF)
        }

        func visit(_ L: OpaquePointer, _ event: Int32) -> Int32 {
            switch event {
            case Int32(CLUA_EVENT_VALUE): return value(L)
            case Int32(CLUA_EVENT_KEY): return key(L)
            default: return end()
            }
        }

        private func value(_ L: OpaquePointer) -> Int32 {
            values += 1
            if values > limits.maxValues { return fail("more than \(limits.maxValues) values") }
            switch lua_type(L, -1) {
            case LUA_TNIL: return store(.null)
            case LUA_TBOOLEAN: return store(.bool(lua_toboolean(L, -1) != 0))
            case LUA_TNUMBER:
                if clua_isinteger(L, -1) != 0 { return store(.integer(lua_tointegerx(L, -1, nil))) }
                let d = lua_tonumberx(L, -1, nil)
                guard d.isFinite else { return fail("\(d) is not a finite number (JSON has no NaN or infinity)") }
                return store(.double(d))
            case LUA_TSTRING:
                guard let s = readString(L, "string") else { return Int32(CLUA_WALK_STOP) }
                if bytes > limits.maxStringBytes { return fail("strings exceed \(limits.maxStringBytes) bytes") }
                return store(.string(s))
            case LUA_TLIGHTUSERDATA where lua_touserdata(L, -1) == nil:
                return store(.null)
            case LUA_TTABLE:
                let pointer = lua_topointer(L, -1)
                if frames.count >= limits.maxDepth {
                    return fail("nested deeper than \(limits.maxDepth) levels")
                }
                // Only the tables on the current path matter for a cycle; the path is short.
                if frames.contains(where: { $0.pointer == pointer }) {
                    return fail("a table contains itself (cycle); results must be trees")
                }
                frames.append(Frame(pointer: pointer))
                return Int32(CLUA_WALK_DESCEND)
            case let t:
                let name = String(cString: lua_typename(L, t))
                return fail("cannot convert a \(name) value (only nil, booleans, numbers, strings, null and tables)")
            }
        }

        private func key(_ L: OpaquePointer) -> Int32 {
            let last = frames.count - 1
            switch lua_type(L, -1) {
            case LUA_TSTRING:
                guard let s = readString(L, "key") else { return Int32(CLUA_WALK_STOP) }
                frames[last].pendingKey = .string(s)
            case LUA_TNUMBER where clua_isinteger(L, -1) != 0:
                frames[last].pendingKey = .integer(lua_tointegerx(L, -1, nil))
            case LUA_TNUMBER:
                return fail("table key \(lua_tonumberx(L, -1, nil)) is not an integer or a string")
            case let t:
                let name = String(cString: lua_typename(L, t))
                return fail("table key of type \(name) (keys must be strings, or integers 1..n for arrays)")
            }
            return Int32(CLUA_WALK_LEAF)
        }

        private func end() -> Int32 {
            let frame = frames.removeLast()
            switch LuaValueReader.table(stringKeys: frame.stringKeys, integerKeys: frame.integerKeys) {
            case .success(let value):
                return store(value)
            case .failure(let problem):
                frames.append(frame)
                defer { frames.removeLast() }
                return fail(problem.message)
            }
        }
    }

    /// Why a table's entries make no value.
    enum TableProblem: Error {
        case mixedKeys, gap(Int64)

        var message: String {
            switch self {
            case .mixedKeys: "a table mixes string keys and integer keys; use an array or an object"
            case .gap(let key): "array with a gap or a key outside 1..n (key \(key)); arrays must be sequences"
            }
        }
    }

    /// A table's value from its entries, as both readers build it: an object from string keys,
    /// an array from the integer keys 1...n (in any order).
    static func table(stringKeys: [(String, LuaValue)], integerKeys: [(Int64, LuaValue)]) -> Result<LuaValue, TableProblem> {
        if !stringKeys.isEmpty {
            guard integerKeys.isEmpty else { return .failure(.mixedKeys) }
            var object = [String: LuaValue](minimumCapacity: stringKeys.count)
            for (key, value) in stringKeys { object[key] = value }
            return .success(.object(object))
        }
        // lua_next gives an array's part in order: sort only when it did not
        var entries = integerKeys
        if !entries.indices.allSatisfy({ entries[$0].0 == Int64($0 + 1) }) {
            entries.sort { $0.0 < $1.0 }
            for (n, entry) in entries.enumerated() where entry.0 != Int64(n + 1) { return .failure(.gap(entry.0)) }
        }
        return .success(.array(entries.map(\.1)))
    }

    /// Reads the value at `index` (a stack index) of `L`. `root` names it in error messages.
    /// With `copy`, C first copies the value into that buffer in one pass (`clua_pcopy`), which
    /// `CopiedValue` decodes; anything the copy refuses (and every value that would fail) is
    /// read by the event walk below, whose errors name the place. Both give the same value.
    static func read(_ L: OpaquePointer, at index: Int32, limits: LuaConversionLimits, root: String,
                     readOnlyMark: UnsafeMutableRawPointer?,
                     copy: UnsafeMutablePointer<clua_copy>? = nil, texts: inout ShortTexts) throws(LuaError) -> LuaValue {
        if let copy, let value = CopiedValue.read(L, at: index, limits: limits, readOnlyMark: readOnlyMark, into: copy,
                                                  texts: &texts) {
            return value
        }
        return try walk(L, at: index, limits: limits, root: root, readOnlyMark: readOnlyMark)
    }

    /// Reads the value at `index` with the event walk (`clua_pwalk`).
    static func walk(_ L: OpaquePointer, at index: Int32, limits: LuaConversionLimits, root: String,
                     readOnlyMark: UnsafeMutableRawPointer?) throws(LuaError) -> LuaValue {
        let state = State(limits: limits, root: root)
        var completed: Int32 = 0
        let status = withExtendedLifetime(state) {
            clua_pwalk(L, index, { ud, L, event in
                Unmanaged<State>.fromOpaque(ud!).takeUnretainedValue().visit(L!, event)
            }, Unmanaged.passUnretained(state).toOpaque(), readOnlyMark, &completed)
        }
        if let error = state.error { throw error }
        guard status == LUA_OK, completed != 0, let result = state.result else {
            throw LuaError(kind: status == LUA_ERRMEM ? .memoryLimit : .conversion,
                           message: "\(root): the value could not be read (status \(status))")
        }
        return result
    }
}

/// A value as `clua_pcopy` wrote it (tags in shim.h), decoded the way the event walk builds it:
/// objects from string keys, arrays from the integer keys 1...n in order. Whatever the walk
/// would refuse (keys of both kinds, an array with a gap, text that is not UTF-8) gives nil,
/// and the caller reads the value with the walk, which names the problem.
enum CopiedValue {
    /// Buffers above this size are released after a read rather than kept for the next one.
    static let keptBytes = 1 << 20

    static func read(_ L: OpaquePointer, at index: Int32, limits: LuaConversionLimits,
                     readOnlyMark: UnsafeMutableRawPointer?, into copy: UnsafeMutablePointer<clua_copy>,
                     texts: inout ShortTexts) -> LuaValue? {
        copy.pointee.max_values = limits.maxValues
        copy.pointee.max_bytes = limits.maxStringBytes
        copy.pointee.max_depth = Int32(clamping: limits.maxDepth)
        // the tags and lengths of every value on top of the text: never more than this
        copy.pointee.max_buffer = limits.maxStringBytes &+ 16 &* limits.maxValues &+ 64
        copy.pointee.readonly_mark = readOnlyMark
        defer {
            if copy.pointee.cap > keptBytes {
                free(copy.pointee.data)
                copy.pointee.data = nil
                copy.pointee.cap = 0
            }
        }
        guard clua_pcopy(L, index, copy) != 0, let data = copy.pointee.data else { return nil }
        return decode(UnsafeBufferPointer(start: data, count: copy.pointee.len), texts: &texts)
    }

    /// `texts`: short texts made before (a result's field names, its status), shared.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, texts: inout ShortTexts) -> LuaValue? {
        var i = 0
        guard let value = value(bytes, &i, &texts), i == bytes.count else { return nil }
        return value
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> LuaValue? {
        var texts = ShortTexts()
        return decode(bytes, texts: &texts)
    }

    private static func value(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ texts: inout ShortTexts) -> LuaValue? {
        guard i < b.count else { return nil }
        let tag = b[i]
        i += 1
        switch tag {
        case UInt8(ascii: "N"): return .null
        case UInt8(ascii: "F"): return .bool(false)
        case UInt8(ascii: "T"): return .bool(true)
        case UInt8(ascii: "I"): return integer(b, &i).map { .integer($0) }
        case UInt8(ascii: "D"):
            guard i + 8 <= b.count else { return nil }
            let d = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: Double.self)
            i += 8
            return .double(d)
        case UInt8(ascii: "S"): return string(b, &i, &texts).map { .string($0) }
        case UInt8(ascii: "{"): return table(b, &i, &texts)
        default: return nil
        }
    }

    private static func integer(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int64? {
        guard i + 8 <= b.count else { return nil }
        let v = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: Int64.self)
        i += 8
        return v
    }

    private static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ texts: inout ShortTexts) -> String? {
        guard i + 4 <= b.count else { return nil }
        let n = Int(UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt32.self))
        i += 4
        guard i + n <= b.count else { return nil }
        let s = texts.text(UnsafeBufferPointer(start: b.baseAddress! + i, count: n))
        i += n
        return s
    }

    /// A table as the walk builds it, straight into its array or dictionary (no list of pairs
    /// in between), sized once by the entry count the copy writes first: string keys make an
    /// object; integer keys 1...n, as `lua_next` gives an array part in order, an array; keys out
    /// of order are sorted, and a gap or both kinds of key give nil.
    private static func table(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ texts: inout ShortTexts) -> LuaValue? {
        guard i + 4 <= b.count else { return nil }
        let count = Int(UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt32.self))
        i += 4
        // an entry takes at least 6 bytes (an empty string key and null): a count past what is
        // left is not a copy's
        guard i < b.count, count <= (b.count - i) / 6 else { return nil }
        switch b[i] {
        case UInt8(ascii: "}"):
            i += 1
            return .array([])
        case UInt8(ascii: "S"):
            var object = [String: LuaValue](minimumCapacity: count)
            while true {
                guard i < b.count else { return nil }
                let tag = b[i]
                i += 1
                if tag == UInt8(ascii: "}") { return .object(object) }
                guard tag == UInt8(ascii: "S"), let key = string(b, &i, &texts), let v = value(b, &i, &texts) else { return nil }
                object[key] = v
            }
        default:
            var items: [LuaValue] = []
            items.reserveCapacity(count)
            var unordered: [(Int64, LuaValue)] = []
            while true {
                guard i < b.count else { return nil }
                let tag = b[i]
                i += 1
                if tag == UInt8(ascii: "}") { break }
                guard tag == UInt8(ascii: "I"), let key = integer(b, &i), let v = value(b, &i, &texts) else { return nil }
                if unordered.isEmpty, key == Int64(items.count) + 1 {
                    items.append(v)
                } else {
                    if unordered.isEmpty {
                        unordered = items.enumerated().map { (Int64($0.offset) + 1, $0.element) }
                        items = []
                    }
                    unordered.append((key, v))
                }
            }
            if unordered.isEmpty { return .array(items) }
            return try? LuaValueReader.table(stringKeys: [], integerKeys: unordered).get()
        }
    }
}
