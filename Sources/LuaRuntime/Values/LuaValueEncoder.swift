import CLua

/// Encodes values for `clua_pdecode`, which rebuilds them in Lua in one protected pass.
/// Depth, size and numbers are checked here, so the C side never sees unbounded input.
struct LuaValueEncoder {
    /// The encoding is the first `count` bytes; the rest is room, zeroed, to write into. Bytes
    /// are copied into that room rather than appended: `Array.append(contentsOf:)` is generic and
    /// cost ~80 instructions for the four bytes of a length (a case is ~4,000 such writes).
    private var buffer: [UInt8]
    private var count = 0
    private var valuesLeft: Int
    private var bytesLeft: Int
    private let limits: LuaConversionLimits
    /// Views list their keys in sorted order; plain tables need no order (Lua's is random).
    private let sortKeys: Bool

    init(limits: LuaConversionLimits, sortKeys: Bool) {
        self.limits = limits
        self.sortKeys = sortKeys
        valuesLeft = limits.maxValues
        bytesLeft = limits.maxStringBytes
        buffer = Array(repeating: 0, count: 1024)
    }

    /// Appends one value; `name` prefixes paths in error messages ("argument.x[2]").
    mutating func append(_ value: LuaValue, name: String = "argument") throws(LuaError) {
        do throws(Failure) {
            try encode(value, depth: 0)
        } catch {
            var text = name
            for key in error.keys.reversed() {
                switch key {
                case .field(let f): text += "." + f
                case .index(let i): text += "[\(i)]"
                }
            }
            throw LuaError(kind: .conversion, message: text + ": " + error.message)
        }
    }

    /// Pushes everything appended; returns the pcall status and how many values were pushed.
    func push(on L: OpaquePointer, viewKit: Int32, mark: UnsafeMutableRawPointer?) -> (status: Int32, pushed: Int32) {
        buffer.withUnsafeBytes { raw in
            var pushed: Int32 = 0
            let status = clua_pdecode(L, raw.baseAddress, count, viewKit, mark, &pushed)
            return (status, pushed)
        }
    }

    private enum Key { case field(String), index(Int) }
    /// Why a value cannot be encoded, and the keys from it up to the root (innermost first):
    /// each level adds its key as the failure passes, so that encoding keeps no path of its own.
    private struct Failure: Error {
        var keys: [Key] = []
        let message: String
    }

    /// Room for `n` more bytes: the buffer at least doubles when it grows.
    private mutating func room(_ n: Int) {
        if count + n > buffer.count { buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, n))) }
    }

    private mutating func write(_ source: UnsafeRawBufferPointer) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        room(source.count)
        let at = count
        buffer.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: at).copyMemory(from: from, byteCount: source.count) }
        count += source.count
    }

    private mutating func byte(_ b: UInt8) {
        room(1)
        buffer[count] = b
        count += 1
    }

    private mutating func u32(_ v: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: v)) { write($0) }
    }

    private mutating func string(_ s: String) throws(Failure) {
        let count = s.utf8.count
        bytesLeft -= count
        if bytesLeft < 0 {
            throw Failure(message: "strings exceed \(limits.maxStringBytes) bytes")
        }
        u32(count)
        s.withLentUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    private mutating func member(_ key: String, _ value: LuaValue, depth: Int) throws(Failure) {
        try string(key)
        do throws(Failure) {
            try encode(value, depth: depth + 1)
        } catch {
            var failure = error
            failure.keys.append(.field(key))
            throw failure
        }
    }

    private mutating func encode(_ value: LuaValue, depth: Int) throws(Failure) {
        valuesLeft -= 1
        if valuesLeft < 0 {
            throw Failure(message: "more than \(limits.maxValues) values")
        }
        switch value {
        case .null: byte(UInt8(ascii: "N"))
        case .bool(let b): byte(UInt8(ascii: b ? "t" : "f"))
        case .integer(let i):
            byte(UInt8(ascii: "i"))
            withUnsafeBytes(of: i) { write($0) }
        case .double(let d):
            guard d.isFinite else {
                throw Failure(message: "\(d) is not a finite number")
            }
            byte(UInt8(ascii: "d"))
            withUnsafeBytes(of: d) { write($0) }
        case .string(let s):
            byte(UInt8(ascii: "s"))
            try string(s)
        case .array(let elements):
            guard depth < limits.maxDepth else {
                throw Failure(message: "nested deeper than \(limits.maxDepth) levels")
            }
            byte(UInt8(ascii: "a"))
            u32(elements.count)
            for (i, element) in elements.enumerated() {
                do throws(Failure) {
                    try encode(element, depth: depth + 1)
                } catch {
                    var failure = error
                    failure.keys.append(.index(i + 1))
                    throw failure
                }
            }
        case .object(let members):
            guard depth < limits.maxDepth else {
                throw Failure(message: "nested deeper than \(limits.maxDepth) levels")
            }
            byte(UInt8(ascii: "o"))
            u32(members.count)
            if sortKeys {
                // the members sorted with their values: no lookup of each key again
                for (key, element) in members.sorted(by: { LuaValue.keyOrder($0.key, $1.key) }) {
                    try member(key, element, depth: depth)
                }
            } else {
                for (key, element) in members {
                    try member(key, element, depth: depth)
                }
            }
        }
    }
}
