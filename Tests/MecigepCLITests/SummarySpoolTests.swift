import Foundation
import LuaRuntime
import MecigepEngine
@testable import MecigepCLI
import Testing

/// `SummarySpool` keeps the summaries' rows on disk as a batch's cases finish, in any order;
/// the summaries must list them in the batch's order, and a failure to keep them must fail the
/// summaries with its reason, never leave a summary with rows missing.
@Suite("Summary rows kept on disk")
struct SummarySpoolTests {
    static func row(_ index: Int) -> [String: LuaValue] {
        ["file": .string("cases/c\(index).yaml"), "case": .string("c\(index)"), "status": .string("assessed"),
         "level": .integer(Int64(index % 5)), "message": .string("a \"quoted\", text\nover two lines")]
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/mecigep-spool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Both summaries' row sections, as the spool gives them back through `AtomicFile`s.
    static func copied(_ spool: SummarySpool, in folder: String) throws -> (json: String, csv: String) {
        let json = folder + "/rows.json", csv = folder + "/rows.csv"
        try AtomicFile.write(json, sync: false) { (file) throws(CommandFailure) in try spool.copyJSONRows(to: file) }
        try AtomicFile.write(csv, sync: false) { (file) throws(CommandFailure) in try spool.copyCSVRows(to: file) }
        return (try String(contentsOfFile: json, encoding: .utf8), try String(contentsOfFile: csv, encoding: .utf8))
    }

    /// Guards: whatever order the cases finish in (generated orders, some rows never added and
    /// filled by `finish`), the rows come back in the batch's order, each written once, the same
    /// bytes as when they are added in order; batches past the 64 KB buffer included.
    @Test func rowsComeBackInTheBatchsOrder() throws {
        var generator = SplitMix64(seed: 20261208)
        for round in 0..<40 {
            let count = [0, 1, 2, 7, 50, 900][round % 6]
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let inOrder = try SummarySpool(folder: folder)
            for index in 0..<count { inOrder.add(index, Self.row(index)) }
            let shuffled = try SummarySpool(folder: folder)
            let skipped = Set((0..<count).filter { _ in Int.random(in: 0..<10, using: &generator) == 0 })
            for index in (0..<count).shuffled(using: &generator) where !skipped.contains(index) {
                shuffled.add(index, Self.row(index))
            }
            shuffled.finish(count: count) { Self.row($0) }
            inOrder.finish(count: count) { _ in [:] }
            let expected = try Self.copied(inOrder, in: folder), got = try Self.copied(shuffled, in: folder)
            let sameJSON = got.json == expected.json, sameCSV = got.csv == expected.csv
            #expect(sameJSON && sameCSV, "round \(round): \(count) rows")
            #expect(got.csv.split(separator: "\n", omittingEmptySubsequences: false).count
                    == count + 1 + count /* each message spans two lines */, "round \(round)")
            // nothing of the spool is left in the folder: only the two files written from it
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["rows.csv", "rows.json"])
        }
    }

    /// Guards: rows that cannot be kept (a full disk: `/dev/full`), whether the failure comes
    /// while the batch runs (past the buffer) or when the summaries read them back, fail the
    /// summary with the file's name and the reason, and the summary is not written at all.
    /// (Limited in time: `/dev/full` reads back zeros without end, so a spool that did not stop
    /// at its write failure would copy forever.)
    @Test(.timeLimit(.minutes(1))) func rowsThatCannotBeKeptFailTheSummaries() throws {
        for rows in [3, 2_000] {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let spool = SummarySpool(jsonDescriptor: open("/dev/full", O_RDWR | O_CLOEXEC),
                                     csvDescriptor: open("/dev/full", O_RDWR | O_CLOEXEC), folder: folder)
            for index in 0..<rows { spool.add(index, Self.row(index)) }
            let summary = folder + "/summary.json"
            do {
                try AtomicFile.write(summary, sync: false) { (file) throws(CommandFailure) in try spool.copyJSONRows(to: file) }
                Issue.record("\(rows) rows: the summary was written from rows that could not be kept")
            } catch {
                let message = error.message ?? ""
                #expect(message.contains(summary) && message.contains("cannot keep the summaries' rows in \(folder)")
                        && message.contains(String(cString: strerror(ENOSPC))), "\(rows) rows: \(message)")
                #expect(error.code == MecigepExit.failure)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "\(rows) rows: something was left")
        }
    }
}
