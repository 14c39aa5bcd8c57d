import Foundation
import Testing
@testable import MecigepEngine

/// The reader behind `assess --jsonl`: whatever the block boundaries, it returns each line once,
/// without its end of line, numbered from 1, and cuts a line longer than the limit (marking it)
/// instead of holding it whole.
@Suite("Line reader")
struct LineReaderTests {
    static func lines(_ text: String, max: Int) throws -> [StreamLine] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        let reader = LineReader(fd: fd, maxLineBytes: max)
        var out: [StreamLine] = []
        while let line = reader.next() { out.append(line) }
        return out
    }

    @Test func endsOfLineAndTheLastLine() throws {
        let got = try Self.lines("a\r\nbb\n\nccc", max: 100)
        #expect(got.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a", "bb", "", "ccc"])
        #expect(got.map(\.number) == [1, 2, 3, 4])
        #expect(try Self.lines("", max: 10).isEmpty)
        #expect(try Self.lines("x\n", max: 10).count == 1)
    }

    /// Lines around the 64 KiB block size and the limit, over many generated inputs.
    @Test func anyBlockBoundaryAndLengthLimit() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let lengths = (0..<Int(rng.next() % 8 + 1)).map { _ in Int(rng.next() % 90_000) }
            let limit = 1 + Int(rng.next() % 70_000)
            let text = lengths.enumerated().map { String(repeating: Character(UnicodeScalar(97 + $0.offset % 26)!), count: $0.element) }
            let got = try Self.lines(text.joined(separator: "\n") + "\n", max: limit)
            #expect(got.count == lengths.count)
            for (line, length) in zip(got, lengths) {
                #expect(line.truncated == (length > limit), "length \(length), limit \(limit)")
                #expect(line.bytes.count == min(length, limit + 1) || (!line.truncated && line.bytes.count == length))
            }
        }
    }
}
