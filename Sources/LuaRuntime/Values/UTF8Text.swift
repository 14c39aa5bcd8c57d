import Foundation

/// UTF-8 checks on raw bytes, specialised for bytes: `String(validating:as:)` is generic in the
/// standard library and, unspecialised, spends most of its time looking up type metadata
/// (3.9 % of a benchmark batch, of which 0.7 % was the validation itself).
public enum UTF8Text {
    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence (an
    /// overlong form, a surrogate, a value past U+10FFFF, a stray or missing continuation byte),
    /// or nil when every sequence is well formed: the rules of `String(validating:as:)`.
    public static func firstInvalid(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // eight ASCII bytes at a time
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF  // bounds of the second byte
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + 1 < n, base[i + 1] >= lower, base[i + 1] <= upper else { return i }
            for k in 2..<length where i + k >= n || base[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// The text of `bytes` if they are well-formed UTF-8, else nil (what
    /// `String(validating: bytes, as: UTF8.self)` gives). Decoded once: decoding puts U+FFFD in
    /// place of each ill-formed sequence, so the same bytes back mean there was none (the first
    /// one replaced would differ where it starts: EF BF BD there is itself well formed).
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        let text = String(decoding: bytes, as: UTF8.self)
        let same = text.withLentUTF8 { decoded in
            decoded.count == bytes.count && memcmp(decoded.baseAddress!, base, bytes.count) == 0
        }
        return same ? text : nil
    }
}

extension String {
    /// The string's UTF-8 bytes lent to `body` where they lie, as every native string's are (no
    /// copy of the string, no retain: `withUTF8` needs a `var` copy); copied first otherwise.
    @inline(__always)
    func withLentUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let lent = try utf8.withContiguousStorageIfAvailable(body) { return lent }
        var copy = self
        return try copy.withUTF8(body)
    }
}
