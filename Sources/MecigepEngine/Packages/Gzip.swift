import CZlib

/// gzip compression for framework packages, through zlib. Compressing the same bytes gives the
/// same bytes (no time stamp, no file name in the header, fixed level).
enum Gzip {
    /// The gzip form of `bytes`.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init_gzip(&stream, 9) == Z_OK, "zlib could not start deflate")
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var input = bytes
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(out[..<produced])
    }

    /// Why a gzip stream could not be read.
    enum Failure: Error, Equatable {
        case notGzip, truncated, corrupt(String), tooLarge(limit: Int)
    }

    /// The bytes a gzip stream holds, refusing more than `limit` of them (a package is small;
    /// this keeps a crafted archive from filling memory).
    static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard bytes.count >= 18, bytes[0] == 0x1f, bytes[1] == 0x8b else { throw .notGzip }
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else { throw .corrupt("zlib could not start inflate") }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = bytes
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return c.count - Int(stream.avail_out)
                }
                out.append(contentsOf: chunk[..<produced])
                if out.count > limit { return }
            } while status == Z_OK
        }
        if out.count > limit { throw .tooLarge(limit: limit) }
        switch status {
        case Z_STREAM_END:
            guard stream.avail_in == 0 else { throw .corrupt("data after the end of the compressed stream") }
            return out
        case Z_BUF_ERROR: throw .truncated
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw .corrupt(message)
        }
    }
}
