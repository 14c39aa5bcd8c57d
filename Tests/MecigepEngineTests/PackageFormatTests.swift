import Foundation
@testable import MecigepEngine
import Testing

/// The pieces framework packages are made of: versions and ranges, the changelog, and the
/// archive layer that must refuse anything but plain files inside the package.
@Suite("Framework package formats")
struct PackageFormatTests {
    @Test func versionsOrderAsSemverSays() throws {
        let order = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "2.0.0"]
        let versions = try order.map { try #require(SemanticVersion($0)) }
        #expect(versions == versions.shuffled().sorted())
        for text in ["1.0", "01.0.0", "1.0.0.0", "v1.0.0", "1.0.0-", "1.0.0-a..b", ""] {
            #expect(SemanticVersion(text) == nil, "\(text) must not parse")
        }
        #expect(SemanticVersion("1.4.2")!.step(to: SemanticVersion("1.4.3")!) == .patch)
        #expect(SemanticVersion("1.4.2")!.step(to: SemanticVersion("1.5.0")!) == .minor)
        #expect(SemanticVersion("1.4.2")!.step(to: SemanticVersion("2.0.0")!) == .major)
    }

    @Test func rangesAcceptWhatTheyNameAndNothingElse() throws {
        let cases: [(String, [String], [String])] = [
            ("^2.0.0", ["2.0.0", "2.9.1"], ["1.9.9", "3.0.0", "2.1.0-rc.1"]),
            ("^0.3.1", ["0.3.1", "0.3.9"], ["0.4.0", "0.3.0"]),
            ("~2.1.0", ["2.1.0", "2.1.7"], ["2.2.0", "2.0.9"]),
            (">=1.2.0 <3.0.0", ["1.2.0", "2.99.0"], ["1.1.9", "3.0.0"]),
            ("1.0.0 || ^3.0.0", ["1.0.0", "3.4.0"], ["2.0.0", "1.0.1"]),
            ("*", ["0.0.1", "9.9.9"], []),
        ]
        for (text, inside, outside) in cases {
            let range = try #require(VersionRange(text), "\(text)")
            for v in inside { #expect(range.contains(SemanticVersion(v)!), "\(v) in \(text)") }
            for v in outside { #expect(!range.contains(SemanticVersion(v)!), "\(v) not in \(text)") }
        }
        for bad in ["", "^x", ">= 1.0.0", "1.0", "2.0.0 ||"] { #expect(VersionRange(bad) == nil, "\(bad)") }
    }

    @Test func changelogGivesEntriesAdoptionAndProblemsWithLines() {
        let text = """
            # Changelog: demo

            ## 1.1.0 - 2026-12-01

            - adopted by: the participating States of MECIGEP
            - adopted on: 2026-10-15
            - adopted for: rounds opened from 2026-11-01
            - adoption record: minutes of the third meeting

            - Thresholds raised.

            ## 1.0.0 - 2026-11-01

            - First version.

            ## 1.2.0 - 2026-13-01
            ## two
            """
        let log = Changelog.parse(text, file: "CHANGELOG.md")
        #expect(log.entries.map(\.version.description) == ["1.1.0", "1.0.0", "1.2.0"])
        let adoption = log.entries[0].adoption
        #expect(adoption == Changelog.Adoption(body: "the participating States of MECIGEP", date: "2026-10-15",
                                               scope: "rounds opened from 2026-11-01", record: "minutes of the third meeting"))
        #expect(log.entries[0].notes == ["- Thresholds raised."])
        #expect(log.entries[1].adoption == nil)
        let problems = log.problems.map { "\($0.line): \($0.message)" }
        #expect(problems.contains { $0.hasPrefix("16:") && $0.contains("is not YYYY-MM-DD") })
        #expect(problems.contains { $0.hasPrefix("16:") && $0.contains("newest first") })
        #expect(problems.contains { $0.hasPrefix("17:") && $0.contains("semantic version") })
    }

    @Test func tarAndGzipRoundTripAndAreDeterministic() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20 {
            var entries: [Tar.Entry] = []
            for n in 0..<Int(generator.next() % 6 + 1) {
                let size = Int(generator.next() % 3000)
                let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let depth = String(repeating: "deep-folder-name/", count: Int(generator.next() % 8))
                entries.append(Tar.Entry(path: "rules/\(depth)file-\(n).lua", bytes: bytes))
            }
            let archive = Gzip.compress(Tar.write(entries))
            #expect(archive == Gzip.compress(Tar.write(entries.reversed())), "entry order must not change the bytes")
            let back = try Tar.read(Gzip.decompress(archive, limit: 1 << 20))
            #expect(back == entries.sorted { $0.path < $1.path })
        }
    }

    @Test func archivesWithUnsafeEntriesAreRefused() throws {
        #expect(throws: Tar.Failure.unsafePath("../x")) { try Tar.read(Tar.write([Tar.Entry(path: "../x", bytes: [1])])) }
        #expect(throws: Tar.Failure.unsafePath("/etc/x")) { try Tar.read(Tar.write([Tar.Entry(path: "/etc/x", bytes: [1])])) }
        #expect(throws: Tar.Failure.unsafePath("rules/../../x")) {
            try Tar.read(Tar.write([Tar.Entry(path: "rules/../../x", bytes: [1])]))
        }
        var linked = Tar.write([Tar.Entry(path: "rules/a", bytes: [])])
        linked[156] = UInt8(ascii: "2")  // a symbolic link; fix the checksum so only the type is wrong
        let sum = linked[0..<512].enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 32 : Int($1.element)) }
        let octal = Array((String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8)).utf8)
        for (i, b) in (octal + [0, 32]).enumerated() { linked[148 + i] = b }
        #expect(throws: Tar.Failure.unsupportedEntry(path: "rules/a", type: "symbolic link")) { try Tar.read(linked) }
        let whole = Tar.write([Tar.Entry(path: "rules/a", bytes: Array(repeating: 7, count: 2000))])
        #expect(throws: Tar.Failure.truncated) { try Tar.read(Array(whole[0..<1024])) }
        var corrupt = whole
        corrupt[10] ^= 0xff
        #expect(throws: Tar.Failure.badChecksum(offset: 0)) { try Tar.read(corrupt) }
        let gz = Gzip.compress(whole)
        #expect(throws: Gzip.Failure.truncated) { try Gzip.decompress(Array(gz[0..<(gz.count / 2)]), limit: 1 << 20) }
        #expect(throws: Gzip.Failure.tooLarge(limit: 100)) { try Gzip.decompress(gz, limit: 100) }
        #expect(throws: Gzip.Failure.notGzip) { try Gzip.decompress(Array("not a package at all".utf8), limit: 100) }
    }
}
