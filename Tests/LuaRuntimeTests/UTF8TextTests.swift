import Testing
@testable import LuaRuntime

/// `UTF8Text` decides which text crosses from Lua (a result that is not UTF-8 is refused) and
/// which documents load. What it guards: it accepts exactly what the standard library's
/// `String(validating:as:)` accepts, and gives the same text.
@Suite struct UTF8TextTests {
    /// Pieces that make well-formed and ill-formed sequences: ASCII runs (the eight-byte path),
    /// every length of sequence, overlong forms, surrogates, values past U+10FFFF, stray and
    /// missing continuation bytes.
    static let pieces: [[UInt8]] = [
        Array("plain ascii text".utf8), [0x41], [0x00], [0x7F], Array("olá".utf8), Array("日本".utf8), Array("😀".utf8),
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF],
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80], [0xBF],
        [0xC2], [0xE1, 0x80], [0xF1, 0x80, 0x80],
    ]

    @Test func acceptsExactlyWhatTheStandardLibraryAccepts() {
        var g = SplitMix(state: 7)
        var valid = 0, invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(g.next() % 8) {
                // mostly well-formed pieces, so that long valid runs are common
                let index = g.next() % 4 == 0 ? Int(g.next() % UInt64(Self.pieces.count)) : Int(g.next() % 7)
                bytes += Self.pieces[index]
            }
            bytes.withUnsafeBufferPointer { buffer in
                let expected = String(validating: buffer, as: UTF8.self)
                let got = UTF8Text.string(buffer)
                #expect(got == expected, "\(bytes)")
                if let bad = UTF8Text.firstInvalid(in: buffer) {
                    invalid += 1
                    // everything before the first bad byte is well formed
                    #expect(String(validating: UnsafeBufferPointer(rebasing: buffer[..<bad]), as: UTF8.self) != nil)
                } else {
                    valid += 1
                }
            }
        }
        #expect(valid > 5_000 && invalid > 5_000)
    }

    /// The trace shares a long text read again (`RecentTexts`) instead of decoding it once more.
    /// What it guards: a shared text is only ever one with the same bytes. Texts of the same
    /// length that differ in one byte anywhere, more distinct texts than it keeps, short texts
    /// and ill-formed ones all come back exactly as `UTF8Text.string` gives them.
    @Test func recentTextsGiveBackExactlyTheBytesAsked() {
        var g = SplitMix(state: 11)
        var recent = RecentTexts()
        var shared = 0
        let base = Array("a case summary read by every indicator that looks at it, olá".utf8)
        for round in 0..<5_000 {
            var bytes = base
            switch g.next() % 4 {
            case 0: break                                                      // the same text again
            case 1: bytes[Int(g.next() % UInt64(bytes.count))] = UInt8(ascii: "A" ) + UInt8(g.next() % 20)  // one byte differs
            case 2: bytes = Array(bytes.prefix(Int(g.next() % 20)))                 // short, stored inline
            default: bytes[Int(g.next() % UInt64(bytes.count))] = 0xFF              // ill-formed
            }
            if round % 97 == 0 { recent.removeAll() }
            bytes.withUnsafeBufferPointer { buffer in
                let got = recent.text(buffer)
                #expect(got == UTF8Text.string(buffer), "\(bytes)")
                if let got, got.utf8.count >= RecentTexts.minimumBytes,
                   let again = recent.text(buffer),
                   got.utf8.withContiguousStorageIfAvailable({ $0.baseAddress }) == again.utf8.withContiguousStorageIfAvailable({ $0.baseAddress }) {
                    shared += 1
                }
            }
        }
        // a text read again is shared: every well-formed long text above, when asked for twice
        #expect(shared > 1_000)
    }

    /// A result's field names and short values are shared when read again (`ShortTexts`, a
    /// direct-mapped table, so different texts share slots). What it guards: a text is only ever
    /// given back for the same bytes. Texts of every length up to one past the longest kept, that
    /// differ from one another in one byte or only in length (a zero byte past the end is padding
    /// inside the table), ill-formed ones, many more texts than slots, and emptied tables all come
    /// back exactly as `UTF8Text.string` gives them.
    @Test func shortTextsGiveBackExactlyTheBytesAsked() {
        var g = SplitMix(state: 23)
        var short = ShortTexts()
        var asked: [[UInt8]] = []
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if !asked.isEmpty, g.next() % 3 == 0 {
                bytes = asked[Int(g.next() % UInt64(asked.count))]            // a text asked before
            } else {
                let n = Int(g.next() % UInt64(ShortTexts.longest + 2))
                bytes = (0..<n).map { _ in [0x00, 0x61, 0x62, 0xC3, 0xA9, 0xFF][Int(g.next() % 6)] }
                if g.next() % 4 == 0, !bytes.isEmpty, bytes.last != 0 { bytes.append(0) }  // the same with a zero after
            }
            if asked.count < 300 { asked.append(bytes) } else { asked[Int(g.next() % 300)] = bytes }
            if round % 997 == 0 { short.removeAll() }
            bytes.withUnsafeBufferPointer { buffer in
                let got = short.text(buffer)
                #expect(got.map { Array($0.utf8) } == UTF8Text.string(buffer).map { Array($0.utf8) }, "\(bytes)")
            }
        }
    }
}
