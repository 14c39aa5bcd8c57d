import Foundation
import LuaRuntime
import Synchronization
import Testing
@testable import MecigepEngine

/// The first case files of a batch are read while the framework loads (`CaseReadAhead`); what a
/// worker gets from the read-ahead must be exactly what reading the file itself would give, for
/// good files and for each kind of bad one, so that reading ahead can never change an outcome.
/// A case's hash is of the very bytes parsed (the file is read once).
@Suite("Case read-ahead")
struct CaseReadAheadTests {
    /// Every shipped case file, plus a broken YAML file, an empty file, a file with a byte-order
    /// mark, a missing file, a folder and a file over a small size limit.
    static func files(in folder: URL) throws -> [String] {
        let shipped = BatchRunner.caseFiles(["examples/cases", "examples/pefa-cases"]
            .map { Fixtures.repository.appendingPathComponent($0).path }).files
        let broken = folder.appendingPathComponent("broken.yaml")
        try Data("id: x\nproblem: [unclosed\n".utf8).write(to: broken)
        let empty = folder.appendingPathComponent("empty.json")
        try Data().write(to: empty)
        let bom = folder.appendingPathComponent("bom.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array("id: with-bom\n".utf8)).write(to: bom)
        let large = folder.appendingPathComponent("large.yaml")
        try Data(("id: large\nnote: \"" + String(repeating: "x", count: 70_000) + "\"\n").utf8).write(to: large)
        let subfolder = folder.appendingPathComponent("folder.yaml")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
        return shipped + [broken.path, empty.path, bom.path, large.path, subfolder.path, folder.appendingPathComponent("missing.yaml").path]
    }

    static func same(_ a: Result<CaseDocument, DocumentError>, _ b: Result<CaseDocument, DocumentError>) -> Bool {
        switch (a, b) {
        case let (.success(x), .success(y)): x.id == y.id && x.file == y.file && x.sha256 == y.sha256 && x.value == y.value
        case let (.failure(x), .failure(y)): x.description == y.description
        default: false
        }
    }

    static func read(_ file: String, _ limits: DocumentLimits) -> Result<CaseDocument, DocumentError> {
        do throws(DocumentError) { return .success(try CaseDocument.load(path: file, limits: limits)) } catch { return .failure(error) }
    }

    @Test func readAheadGivesWhatReadingGives() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-readahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.files(in: folder)
        let limits = DocumentLimits(maxBytes: 64 << 10)
        let ahead = CaseReadAhead(files: files, limits: limits)
        ahead.waitUntilDone()
        var failures = 0
        // taken out of order: a later file may be asked for before an earlier one
        for index in files.indices.reversed() {
            let early = try #require(ahead.document(at: index, file: files[index], limits: limits))
            #expect(Self.same(early, Self.read(files[index], limits)), "\(files[index]): read ahead differs")
            #expect(ahead.document(at: index, file: files[index], limits: limits) == nil, "handed over twice")
            if case .failure = early { failures += 1 }
            if case .success(let document) = early {
                // the hash is of the file's bytes, byte-order mark included
                let bytes = try Data(contentsOf: URL(fileURLWithPath: files[index]))
                #expect(document.sha256 == SHA256.hex(of: bytes), "\(files[index]): hash is not the file's")
            }
        }
        #expect(failures >= 5, "the broken, empty, large, folder and missing files fail to read")
    }

    @Test func onlyTheFilesAndLimitsItReadWith() throws {
        let files = BatchRunner.caseFiles([Fixtures.repository.appendingPathComponent("examples/pefa-cases").path]).files
        let ahead = CaseReadAhead(files: Array(files.prefix(1)))
        ahead.waitUntilDone()
        #expect(ahead.document(at: 0, file: files[0], limits: DocumentLimits(maxBytes: 1_000)) == nil, "other limits")
        #expect(ahead.document(at: 0, file: files[1], limits: DocumentLimits()) == nil, "another file at that place")
        #expect(ahead.document(at: 1, file: files[1], limits: DocumentLimits()) == nil, "not read ahead")
        #expect(ahead.document(at: 0, file: files[0], limits: DocumentLimits()) != nil)
    }

    /// A worker that comes before the thread has begun a file reads it itself: the thread then
    /// passes over it, and never hands it over.
    @Test func aFileTakenBeforeItIsBegunIsReadByTheWorker() throws {
        let files = BatchRunner.caseFiles([Fixtures.repository.appendingPathComponent("examples/cases").path]).files
        let ahead = CaseReadAhead(files: Array(files))
        // taken from the end: the thread reads from the start, so most of these are not begun yet
        for index in files.indices.reversed() {
            if let early = ahead.document(at: index, file: files[index], limits: DocumentLimits()) {
                #expect(Self.same(early, Self.read(files[index], DocumentLimits())))
            }
        }
        ahead.waitUntilDone()
        for index in files.indices {
            #expect(ahead.document(at: index, file: files[index], limits: DocumentLimits()) == nil, "handed over after being taken")
        }
        // (how many were served before the thread reached them depends on timing: each served
        // one is checked above)
    }

    /// A batch with its first files read ahead gives the outcomes of one without, case by case.
    @Test func batchOutcomesDoNotDependOnReadingAhead() throws {
        let rules = Fixtures.repository.appendingPathComponent("rules").path
        let files = BatchRunner.caseFiles(["examples/pefa-cases", "rules/frameworks/pefa-budget/tests/cases"]
            .map { Fixtures.repository.appendingPathComponent($0).path }).files
        let loader = FrameworkLoader(rulesFolder: rules)
        let framework = try loader.load("pefa-budget")
        func outcomes(_ readAhead: CaseReadAhead?, jobs: Int) -> [String] {
            var runner = BatchRunner(framework: framework, loader: loader, jobs: jobs,
                                     options: AssessmentOptions(rejectInvalid: true), engineVersion: "test")
            runner.readAhead = readAhead
            let out = Mutex(Array(repeating: "", count: files.count))
            runner.run(files: files) { index, outcome in
                let text: String
                switch outcome {
                case .assessed(let a): text = String(decoding: a.jsonBytes(), as: UTF8.self)
                case .failed(let file, let message): text = "failed \(file): \(message)"
                case .invalid(let file, let issues): text = "invalid \(file): \(issues.map(\.description))"
                }
                out.withLock { $0[index] = text }
            }
            return out.withLock { $0 }
        }
        let plain = outcomes(nil, jobs: 1)
        #expect(plain.allSatisfy { !$0.isEmpty })
        for jobs in [1, 2] {
            #expect(outcomes(CaseReadAhead(files: Array(files.prefix(jobs))), jobs: jobs) == plain, "\(jobs) jobs")
        }
    }
}
