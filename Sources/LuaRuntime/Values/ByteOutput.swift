import Foundation

/// Bytes written as many short pieces (JSON text): a buffer its one owner grows by doubling, each
/// piece copied at once (a short one with two word moves). Appending to `[UInt8]` costs about ten instructions a byte and
/// ninety a call for a piece of a few bytes (its uniqueness and capacity checks, the generic
/// `append(contentsOf:)`), and an assessment is written as thousands of such pieces.
/// Not copyable: the buffer is freed when its owner goes; `take()` hands the bytes over as an array.
public struct ByteOutput: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var used: Int
    /// The bytes written so far.
    public var count: Int { used }

    /// An empty buffer with room for `capacity` bytes (at least 16).
    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        used = 0
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes (doubling, so that growing is rare).
    @usableFromInline mutating func grow(_ extra: Int) {
        var room = capacity * 2
        while room - used < extra { room *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
        bigger.update(from: base, count: used)
        base.deallocate()
        base = bigger
        capacity = room
    }

    @inlinable public mutating func append(_ byte: UInt8) {
        if used == capacity { grow(1) }
        base[used] = byte
        used += 1
    }

    @inlinable public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        if capacity - used < n { grow(n) }
        let to = UnsafeMutableRawPointer(base + used)
        let source = UnsafeRawPointer(from)
        // most pieces are a few bytes: two overlapping word moves instead of a call to memmove
        if n >= 8 && n <= 16 {
            let head = source.loadUnaligned(as: UInt64.self), tail = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = source.loadUnaligned(as: UInt32.self), tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for i in 0..<n { (base + used)[i] = from[i] }
        } else {
            to.copyMemory(from: source, byteCount: n)
        }
        used += n
    }

    /// Text fixed at compile time (a key and its punctuation).
    @inlinable public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// `byte` `n` times.
    public mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        if capacity - used < n { grow(n) }
        (base + used).initialize(repeating: byte, count: n)
        used += n
    }

    /// A line break and two spaces per level: the layout of pretty JSON.
    public mutating func appendLineBreak(indent level: Int) {
        append(UInt8(ascii: "\n"))
        append(repeating: UInt8(ascii: " "), count: 2 * level)
    }

    /// The bytes written, as an array (the buffer is freed).
    public consuming func take() -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: used))
    }

    /// The bytes written so far, lent to `body` without a copy (valid only inside it).
    public func withBytes<R: ~Copyable, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// Appends the bytes written to `array`.
    public func copy(into array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: used))
    }
}
