import CLua

/// What a traced read found: a table, nothing, or a value (text, a number, a boolean, null).
public enum TracedValue: Sendable, Equatable {
    case table
    case absent
    case value(LuaValue)
}

extension LuaRuntime {
    /// Calls `each` with every read recorded in bytes `from..<to` of the engine's trace buffer
    /// (shim.h: `clua_trace_buffer`, filled by the traced case views and `trace_kit`), in the
    /// order they were made: the read's path and what it found. Call it between calls into Lua:
    /// the buffer belongs to the crossing that wrote it and is emptied when the next one starts.
    /// Throws a `.conversion` error, as reading a result does, for text that is not UTF-8, a
    /// value the host cannot hold, more reads than the conversion limits allow, or a span that is
    /// not in the buffer.
    public func forEachTracedRead(from: Int, to: Int,
                                  _ each: (_ path: String, _ found: TracedValue) -> Void) throws(LuaError) {
        var start: UnsafePointer<UInt8>?
        var length = 0
        clua_trace_span(state, &start, &length)
        guard from >= 0, from <= to, to <= length else {
            throw LuaError(kind: .conversion, message: "trace: bytes \(from)..<\(to) are not in the buffer (\(length) bytes)")
        }
        guard to > from, let start else { return }
        let bytes = UnsafeBufferPointer(start: start + from, count: to - from)
        let limits = configuration.conversion
        if bytes.count > limits.maxStringBytes {
            throw LuaError(kind: .conversion, message: "trace: more than \(limits.maxStringBytes) bytes of reads")
        }
        var i = 0, reads = 0
        func fail(_ message: String) -> LuaError { LuaError(kind: .conversion, message: "trace, read \(reads + 1): \(message)") }
        func u32() throws(LuaError) -> Int {
            guard i + 4 <= bytes.count else { throw fail("cut short") }
            let v = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt32.self)
            i += 4
            return Int(v)
        }
        func text(_ what: String, shared: Bool = false) throws(LuaError) -> String {
            let n = try u32()
            guard i + n <= bytes.count else { throw fail("cut short") }
            let piece = UnsafeBufferPointer(rebasing: bytes[i..<(i + n)])
            guard let s = shared ? recentTexts.text(piece) : UTF8Text.string(piece) else {
                throw fail("\(what) is not valid UTF-8")
            }
            i += n
            return s
        }
        func eight() throws(LuaError) -> UInt64 {
            guard i + 8 <= bytes.count else { throw fail("cut short") }
            let v = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
            i += 8
            return v
        }
        while i < bytes.count {
            if reads * 3 >= limits.maxValues { throw fail("more than \(limits.maxValues) values") }
            let path = try text("the path")
            guard i < bytes.count else { throw fail("cut short") }
            let kind = bytes[i]
            i += 1
            switch kind {
            case UInt8(ascii: "t"): each(path, .table)
            case UInt8(ascii: "a"): each(path, .absent)
            default:
                guard i < bytes.count else { throw fail("cut short") }
                let tag = bytes[i]
                i += 1
                let value: LuaValue
                switch tag {
                case UInt8(ascii: "S"): value = .string(try text("the value", shared: true))
                case UInt8(ascii: "I"): value = .integer(Int64(bitPattern: try eight()))
                case UInt8(ascii: "D"):
                    let d = Double(bitPattern: try eight())
                    guard d.isFinite else { throw fail("\(d) is not a finite number (JSON has no NaN or infinity)") }
                    value = .double(d)
                case UInt8(ascii: "T"): value = .bool(true)
                case UInt8(ascii: "F"): value = .bool(false)
                case UInt8(ascii: "N"): value = .null
                default: throw fail("the value cannot be converted (only nil, booleans, numbers, strings, null and tables)")
                }
                each(path, .value(value))
            }
            reads += 1
        }
    }
}

/// The last few long texts the trace gave back as values, so that a text read again (a case's
/// summary, read by every indicator that looks at it) is shared instead of checked, allocated
/// and copied once more. A text is reused only when its bytes equal the new read's, so what the
/// cache holds never changes a value; the runtime empties it at every call into Lua, so that it
/// keeps no case's text past the reading of that case's results.
struct RecentTexts {
    private var texts: [String] = []
    private var next = 0
    static let capacity = 8
    /// Shorter texts live inside the `String` itself: nothing to share.
    static let minimumBytes = 16

    /// The text of `bytes` if they are well-formed UTF-8 (as `UTF8Text.string`), shared with an
    /// equal text given back before when there is one.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= Self.minimumBytes, let base = bytes.baseAddress else { return UTF8Text.string(bytes) }
        for known in texts where known.utf8.count == bytes.count {
            let same = known.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base, bytes.count) == 0 }
            if same == true { return known }
        }
        guard let text = UTF8Text.string(bytes) else { return nil }
        if texts.count < Self.capacity {
            texts.append(text)
        } else {
            texts[next] = text
            next = (next + 1) % Self.capacity
        }
        return text
    }

    mutating func removeAll() {
        texts.removeAll(keepingCapacity: true)
        next = 0
    }
}
