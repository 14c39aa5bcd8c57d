/// Short texts (at most 15 bytes, which a `String` holds inside itself) made before, found again
/// by their bytes: a key read again (the field names of a list's records, of an indicator's
/// result, a path read by several indicators) is not checked as UTF-8 and made once more. A
/// direct-mapped table of 64 entries; a text is shared only with a read of the same bytes, so
/// what the table holds never changes a value. Its owner decides how long it keeps them (a
/// document's parse; the runtime empties its own at every call into Lua, as `RecentTexts`).
public struct ShortTexts {
    /// The longest text kept: the bytes a small `String` holds inline (no allocation to share).
    public static let longest = 15

    private struct Entry {
        /// The bytes, zero padded, and their count plus one (0: an empty slot).
        var low: UInt64 = 0, high: UInt64 = 0
        var tag = 0
        var text = ""
    }

    private var entries: [Entry]

    public init() { entries = Array(repeating: Entry(), count: 64) }

    /// The text of `bytes` if they are well-formed UTF-8 (as `UTF8Text.string`), shared with an
    /// equal short text made before when there is one.
    public mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        guard n <= Self.longest, let base = bytes.baseAddress else { return UTF8Text.string(bytes) }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: n) }
        let tag = n + 1
        let slot = Int(truncatingIfNeeded: ((words.0 ^ (words.1 &* 31) ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        return entries.withUnsafeMutableBufferPointer { table in
            if table[slot].tag == tag, table[slot].low == words.0, table[slot].high == words.1 { return table[slot].text }
            guard let text = UTF8Text.string(bytes) else { return nil }
            table[slot] = Entry(low: words.0, high: words.1, tag: tag, text: text)
            return text
        }
    }

    /// Forgets every text.
    public mutating func removeAll() {
        entries.withUnsafeMutableBufferPointer { table in
            for i in table.indices where table[i].tag != 0 { table[i] = Entry() }
        }
    }
}
