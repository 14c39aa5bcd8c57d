import Foundation
import LuaRuntime

/// The rows of `summary.json` and `summary.csv`, written as a batch's cases finish, in the
/// batch's order, into two unnamed files in the output folder (made and unlinked at once, so
/// nothing is left behind whatever happens); the summaries copy them once the counts at their
/// head are known. A batch keeps in memory only the rows of cases that finished ahead of an
/// earlier one, whatever its size. Used under `Tally`'s lock.
final class SummarySpool {
    private let json: SpoolFile
    private let csv: SpoolFile
    /// Rows that finished ahead of `next`, rendered: (JSON, CSV).
    private var pending: [Int: ([UInt8], [UInt8])] = [:]
    /// The first row not yet in the files.
    private(set) var next = 0

    init(folder: String) throws(CommandFailure) {
        json = try SpoolFile(folder: folder, name: "json")
        csv = try SpoolFile(folder: folder, name: "csv")
    }

    /// Rows kept in two files already open (tests: a file that cannot be written, such as
    /// `/dev/full`); `folder` names where they are in messages. The spool closes them.
    init(jsonDescriptor: Int32, csvDescriptor: Int32, folder: String) {
        json = SpoolFile(descriptor: jsonDescriptor, folder: folder)
        csv = SpoolFile(descriptor: csvDescriptor, folder: folder)
    }

    /// Row `index` of both summaries: its record as `summary.json` lists it (pretty, with the
    /// separator its place needs) and its CSV line.
    func add(_ index: Int, _ record: [String: LuaValue]) {
        var row = Array((index == 0 ? "\n    " : ",\n    ").utf8)
        LuaValue.object(record).writeJSON(into: &row, pretty: true, indent: 2)
        let cells = Self.csvColumns.map { key -> String in
            guard let v = record[key], v != .null else { return "" }
            return CSV.cell(v.stringValue ?? v.jsonText())
        }
        let line = Array((cells.joined(separator: ",") + "\n").utf8)
        if index != next {
            pending[index] = (row, line)
            return
        }
        json.append(row)
        csv.append(line)
        next += 1
        while let (row, line) = pending.removeValue(forKey: next) {
            json.append(row)
            csv.append(line)
            next += 1
        }
    }

    /// Completes the rows up to `count`: a row that never came (none should) is written as
    /// `missing` gives it, and the rows that waited for it follow (`add` writes every waiting
    /// row as soon as the ones before it are in, so row `next` is never among them).
    func finish(count: Int, missing: (Int) -> [String: LuaValue]) {
        while next < count { add(next, missing(next)) }
    }

    static let csvColumns = ["file", "case", "status", "level", "score", "coverage", "rule_errors", "case_issues", "message"]
    static let csvHeader = csvColumns.joined(separator: ",") + "\n"

    /// Copies the JSON rows written so far into `file`.
    func copyJSONRows(to file: AtomicFile) throws(CommandFailure) { try json.copy(to: file) }

    /// Copies the CSV rows written so far into `file`.
    func copyCSVRows(to file: AtomicFile) throws(CommandFailure) { try csv.copy(to: file) }
}

/// An unnamed file (created in a folder and unlinked at once) written through a buffer and read
/// back from its start; a failure to write is kept and reported when it is read back.
private final class SpoolFile {
    private let fd: Int32
    private let folder: String
    private var buffer: [UInt8] = []
    private var failure: String?

    /// A new unnamed file in `folder` (`name` tells the two apart while they have a name).
    convenience init(folder: String, name: String) throws(CommandFailure) {
        let path = (folder as NSString).appendingPathComponent(".mecigep-summary-rows-\(UUID().uuidString).\(name)")
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CommandFailure(code: MecigepExit.failure,
                                 message: "cannot write the summaries in \(folder): \(String(cString: strerror(errno)))")
        }
        unlink(path)
        self.init(descriptor: fd, folder: folder)
    }

    /// The file open as `descriptor` (closed with this object); `folder` names it in messages.
    init(descriptor: Int32, folder: String) {
        fd = descriptor
        self.folder = folder
        buffer.reserveCapacity(1 << 16)
    }

    deinit { close(fd) }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        if buffer.withUnsafeBytes({ writeAll(fd, $0) }) < buffer.count {
            failure = "cannot keep the summaries' rows in \(folder): \(String(cString: strerror(errno)))"
        }
    }

    func copy(to file: AtomicFile) throws(CommandFailure) {
        flush()
        if let failure { throw CommandFailure(code: MecigepExit.failure, message: "cannot write \(file.path): \(failure)") }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else {
                throw CommandFailure(code: MecigepExit.failure, message: "cannot write \(file.path): cannot read the summaries' rows back "
                    + "from \(folder): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return }
            try chunk.withUnsafeBufferPointer { (all) throws(CommandFailure) in
                try file.write(UnsafeBufferPointer(rebasing: all[0..<n]))
            }
            offset += off_t(n)
        }
    }
}
