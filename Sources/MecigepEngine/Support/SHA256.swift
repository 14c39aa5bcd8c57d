import Crypto
import Foundation

/// SHA-256 digests as lowercase hex, the form every recorded hash takes (case files, rule
/// sources, framework content hashes). Computed by swift-crypto.
public enum SHA256 {
    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        hexString(digest(of: bytes))
    }

    /// The digest of `data` as 64 lowercase hex digits.
    public static func hex(of data: Data) -> String {
        hexString(Array(Crypto.SHA256.hash(data: data)))
    }

    /// The 32 bytes of the digest of `bytes`.
    public static func digest(of bytes: some Sequence<UInt8>) -> [UInt8] {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ Array(Crypto.SHA256.hash(data: $0)) }) {
            return contiguous
        }
        var hasher = Crypto.SHA256()
        var chunk: [UInt8] = []
        chunk.reserveCapacity(64 << 10)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 64 << 10 {
                hasher.update(data: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        hasher.update(data: chunk)
        return Array(hasher.finalize())
    }

    static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
