import Foundation
import LuaRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One line of a case stream (JSON lines: one case document per line).
public struct StreamLine: Sendable {
    /// 1-based line number in the input.
    public var number: Int
    public var bytes: [UInt8]
    /// The line was longer than the document limit: `bytes` holds only its beginning.
    public var truncated: Bool
}

/// Reads a file descriptor line by line in large blocks, keeping at most one line (bounded by
/// `maxLineBytes`) and one block in memory, whatever the size of the input.
public final class LineReader {
    private let fd: Int32
    private let maxLineBytes: Int
    private var block = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var finished = false
    private var lineNumber = 0
    /// A read error, if the input failed part way (the lines before it were returned).
    public private(set) var failure: String?

    public init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
    }

    /// The next line without its end of line ("\n" or "\r\n"), or nil at the end of the input.
    public func next() -> StreamLine? {
        var line: [UInt8] = []
        var truncated = false
        var sawAny = false
        while true {
            if start == end {
                if finished { break }
                let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    finished = true
                    break
                }
                if n == 0 { finished = true; break }
                start = 0
                end = n
            }
            sawAny = true
            // memchr: the collection's own search went byte by byte (~8 instructions a byte)
            let (from, to) = (start, end)
            let newline: Int? = block.withUnsafeBytes { raw in
                memchr(raw.baseAddress! + from, Int32(UInt8(ascii: "\n")), to - from).map { raw.baseAddress!.distance(to: $0) }
            }
            let stop = newline ?? end
            let room = maxLineBytes + 1 - line.count
            if room > 0 {
                let take = min(stop, start + room) - start
                if line.isEmpty { line.reserveCapacity(take) }
                line.append(contentsOf: block[start..<(start + take)])
            }
            if stop - start > room { truncated = true }
            if let newline {
                start = newline + 1
                lineNumber += 1
                return StreamLine(number: lineNumber, bytes: Self.trimmed(line), truncated: truncated || line.count > maxLineBytes)
            }
            start = end
        }
        guard sawAny, !line.isEmpty || truncated else { return nil }
        lineNumber += 1
        return StreamLine(number: lineNumber, bytes: Self.trimmed(line), truncated: truncated || line.count > maxLineBytes)
    }

    private static func trimmed(_ line: [UInt8]) -> [UInt8] {
        line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : line
    }
}

/// What became of one line of a case stream.
public enum StreamOutcome: Sendable {
    case assessed(Assessment)
    /// The line is not a case document (malformed JSON, too long), or the assessment failed.
    case failed(message: String)
    /// The case is invalid (`AssessmentOptions.rejectInvalid`): not assessed.
    case invalid(caseID: String?, issues: [CaseIssue])
    /// A blank line: nothing to assess, nothing written.
    case blank
}

/// Assesses a stream of cases, one JSON document per line, in parallel, and hands each outcome
/// to `emit` **in input order** (the output of a stream never depends on the number of jobs).
/// Workers run ahead of the oldest unwritten line by at most `window` lines, so memory stays
/// flat however long the stream is.
public struct CaseStreamRunner: Sendable {
    public var batch: BatchRunner
    public var window: Int

    public init(batch: BatchRunner, window: Int = 256) {
        self.batch = batch
        self.window = max(1, window)
    }

    /// Reads `input` to its end. `name` is how messages and assessments name the input
    /// (`cases.jsonl:17`). `render` runs on the worker threads (in parallel); `emit` is called
    /// once per non-blank line, in order, one call at a time.
    public func run(input: LineReader, name: String,
                    render: @escaping @Sendable (Int, StreamOutcome) -> [UInt8],
                    emit: @escaping @Sendable (Int, StreamOutcome, [UInt8]) -> Void) {
        let state = StreamState(input: input)
        // (each worker's runtime is closed after the run has returned: see runEach)
        LuaThread.runEach(batch.jobs, releasingAfterwards: { [self] _ in
            let (assessor, setupError) = batch.workerAssessor()
            while let (index, line) = state.take(window: window) {
                let outcome = assess(line, name: name, with: assessor, setupError: setupError)
                let bytes = if case .blank = outcome { [UInt8]() } else { render(line.number, outcome) }
                state.finish(index, line.number, outcome, bytes, emit: emit)
            }
            return assessor
        })
    }

    private func assess(_ line: StreamLine, name: String, with assessor: Assessor?, setupError: String?) -> StreamOutcome {
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !line.truncated { return .blank }
        let place = "\(name):\(line.number)"
        guard let assessor else { return .failed(message: "\(place): " + (setupError ?? "the framework could not be loaded")) }
        if line.truncated {
            return .failed(message: "\(place): the line is longer than \(DocumentText.byteCount(Int64(batch.documentLimits.maxBytes))), "
                + "the largest case accepted; split the case or raise the limit")
        }
        let value: LuaValue
        do throws(DocumentError) {
            value = try DocumentLoader.parse(Data(line.bytes), format: .json, name: place, limits: batch.documentLimits)
        } catch {
            // the stream has one document per line: a position is a column of that line
            var e = error
            if e.line == 1 { e.line = line.number; e.file = name }
            return .failed(message: e.description + " (each line must be one whole JSON case)")
        }
        let document = CaseDocument(id: value["id"]?.stringValue ?? "line-\(line.number)", file: place,
                                    sha256: SHA256.hex(of: line.bytes), value: value)
        do throws(AssessmentError) {
            return .assessed(try assessor.assess(document, options: batch.options))
        } catch {
            if !error.issues.isEmpty { return .invalid(caseID: document.id, issues: error.issues) }
            return .failed(message: "\(place): \(error.description)")
        }
    }
}

/// The shared reader and the reorder buffer of a stream run.
private final class StreamState: @unchecked Sendable {
    private let condition = NSCondition()
    private let input: LineReader
    private var taken = 0
    private var written = 0
    private var done = false
    private var pending: [Int: (Int, StreamOutcome, [UInt8])] = [:]
    private let emitLock = NSLock()

    init(input: LineReader) { self.input = input }

    /// The next line and its index, waiting while the workers are `window` lines ahead of the
    /// oldest line not yet written; nil when the input is exhausted.
    func take(window: Int) -> (Int, StreamLine)? {
        condition.lock()
        defer { condition.unlock() }
        while !done && taken - written >= window { condition.wait() }
        guard !done, let line = input.next() else {
            done = true
            condition.broadcast()
            return nil
        }
        taken += 1
        return (taken - 1, line)
    }

    /// Records an outcome and emits every outcome now ready, in order.
    func finish(_ index: Int, _ number: Int, _ outcome: StreamOutcome, _ bytes: [UInt8],
                emit: (Int, StreamOutcome, [UInt8]) -> Void) {
        emitLock.lock()
        defer { emitLock.unlock() }
        condition.lock()
        pending[index] = (number, outcome, bytes)
        var ready: [(Int, StreamOutcome, [UInt8])] = []
        while let next = pending.removeValue(forKey: written) {
            ready.append(next)
            written += 1
        }
        condition.broadcast()
        condition.unlock()
        for (number, outcome, bytes) in ready {
            if case .blank = outcome { continue }
            emit(number, outcome, bytes)
        }
    }
}
