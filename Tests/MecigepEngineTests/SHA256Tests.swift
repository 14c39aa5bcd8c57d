import Foundation
import Testing
@testable import MecigepEngine

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4 / NIST CSRC example vectors.
    @Test func nistVectors() {
        #expect(SHA256.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hex(of: Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8))
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func everyInputKindGivesTheSameDigest() {
        let text = "Programa de vivienda asequible en Málaga; avaliação; évaluation"
        let expected = SHA256.hex(of: Data(text.utf8))
        #expect(SHA256.hex(of: Array(text.utf8)) == expected)
        #expect(SHA256.hex(of: text.utf8) == expected)
        #expect(SHA256.hex(of: text.utf8.lazy.map { $0 }) == expected)  // not contiguous: fed in chunks
        #expect(SHA256.digest(of: Array(text.utf8)).count == 32)
        // A non-contiguous sequence longer than the internal chunk.
        let long = (0..<10_000).lazy.map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(SHA256.hex(of: long) == SHA256.hex(of: Array(long)))
    }

    /// Lengths around the block and padding boundaries, checked against the system's sha256sum.
    @Test func matchesSha256sum() throws {
        let sha256sum = ["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let sha256sum else {
            Issue.record("sha256sum is not installed")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4095, 4096, 4097, 100_003]
        var paths: [String] = []
        var ours: [String] = []
        for length in lengths {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: ($0 &* 7919) ^ ($0 >> 5)) }
            let url = directory.appendingPathComponent("f\(length)")
            try Data(bytes).write(to: url)
            paths.append(url.path)
            ours.append(SHA256.hex(of: bytes))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sha256sum)
        process.arguments = paths
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let theirs = output.split(separator: "\n").map { String($0.prefix(64)) }
        #expect(theirs == ours)
    }
}
