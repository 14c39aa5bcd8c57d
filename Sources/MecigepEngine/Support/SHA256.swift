import Foundation

/// SHA-256 (FIPS 180-4), small and dependency-free: used to fingerprint cases, frameworks and
/// their sources so that an assessment records exactly what it evaluated.
public enum SHA256 {
    /// The lowercase hexadecimal digest of `bytes`.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        hexString(digest(of: bytes))
    }

    /// The lowercase hexadecimal digest of `data`.
    public static func hex(of data: Data) -> String {
        let state = State()
        data.withUnsafeBytes { state.update($0.bindMemory(to: UInt8.self)) }
        return hexString(state.finish())
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(of bytes: some Sequence<UInt8>) -> [UInt8] {
        let state = State()
        let done: Void? = bytes.withContiguousStorageIfAvailable { state.update($0) }
        if done == nil {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(4096)
            for byte in bytes {
                chunk.append(byte)
                if chunk.count == 4096 {
                    chunk.withUnsafeBufferPointer { state.update($0) }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            chunk.withUnsafeBufferPointer { state.update($0) }
        }
        return state.finish()
    }

    static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The running hash: eight 32-bit words, a partial block and the message length. A class so
    /// that the block buffer and the words can be used at the same time.
    final class State {
        private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
        )
        private var block = [UInt8](repeating: 0, count: 64)
        private var blockCount = 0
        private var length: UInt64 = 0  // bytes hashed so far

        func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            length &+= UInt64(bytes.count)
            var i = 0
            // Fill a partial block first.
            if blockCount > 0 {
                while blockCount < 64, i < bytes.count { block[blockCount] = bytes[i]; blockCount += 1; i += 1 }
                if blockCount == 64 {
                    block.withUnsafeBufferPointer { compress($0, at: 0) }
                    blockCount = 0
                }
            }
            // Whole blocks straight from the input.
            while bytes.count - i >= 64 {
                compress(bytes, at: i)
                i += 64
            }
            while i < bytes.count { block[blockCount] = bytes[i]; blockCount += 1; i += 1 }
        }

        /// Pads (a 1 bit, zeros, the length in bits as 64-bit big-endian) and returns the digest.
        func finish() -> [UInt8] {
            let bitLength = length &* 8
            var padding: [UInt8] = [0x80]
            let used = (blockCount + 1) % 64
            padding += [UInt8](repeating: 0, count: used <= 56 ? 56 - used : 120 - used)
            for shift in stride(from: 56, through: 0, by: -8) { padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
            let savedLength = length
            padding.withUnsafeBufferPointer { update($0) }
            length = savedLength
            precondition(blockCount == 0)
            var out: [UInt8] = []
            out.reserveCapacity(32)
            for word in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
                out += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                        UInt8(truncatingIfNeeded: word)]
            }
            return out
        }

        private static let k: [UInt32] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ]

        @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

        /// Processes the 64-byte block at `offset` (FIPS 180-4, section 6.2.2).
        private func compress(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for t in 0..<16 {
                    let p = offset + t * 4
                    w[t] = UInt32(bytes[p]) << 24 | UInt32(bytes[p + 1]) << 16 | UInt32(bytes[p + 2]) << 8 | UInt32(bytes[p + 3])
                }
                for t in 16..<64 {
                    let s0 = Self.rotr(w[t - 15], 7) ^ Self.rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                    let s1 = Self.rotr(w[t - 2], 17) ^ Self.rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, hh) = h
                Self.k.withUnsafeBufferPointer { k in
                    for t in 0..<64 {
                        let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                        let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        hh = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                }
                h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
            }
        }
    }
}
