import Foundation
import LuaRuntime
import MecigepEngine

#if canImport(Glibc)
import Glibc
#endif

/// `mecigep assess --jsonl`: cases in as JSON lines, assessments out as JSON lines, in order.
extension AssessCommand {
    func runStream() throws {
        guard cases.count == 1 else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess --jsonl: give one input, a JSON lines file "
                + "or - for standard input (got \(cases.count))")
        }
        guard format == .json else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess --jsonl writes JSON lines: leave out --format")
        }
        if pretty { Console.error("mecigep: --pretty is ignored with --jsonl (one assessment per line)") }
        let input = cases[0]
        let fd: Int32 = input == "-" ? 0 : open(input, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess: \(input): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { if fd != 0 { close(fd) } }
        var isDirectory: ObjCBool = false
        if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess --jsonl: \(input) is a folder; give a JSON lines file")
        }

        let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: frameworkOption.framework)
        let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
        let options = AssessmentOptions(strict: strict, timestamp: timestamp ? Date() : nil, rejectInvalid: true)
        let batch = BatchRunner(framework: framework, loader: loader, jobs: cappedJobs(), options: options,
                                engineVersion: MecigepVersion.current)
        let lang = try language(self.lang, for: framework, command: "assess")

        let sink: StreamSink
        if let out {
            sink = try StreamSink(file: try AtomicFile(path: out))
        } else {
            sink = StreamSink(flushEachLine: input == "-")
        }
        let tally = Tally(total: 0, progress: false)
        let name = input == "-" ? "<stdin>" : input
        let reader = LineReader(fd: fd, maxLineBytes: batch.documentLimits.maxBytes)
        CaseStreamRunner(batch: batch).run(input: reader, name: name, render: { number, outcome in
            Self.line(number, outcome)
        }, emit: { number, outcome, bytes in
            sink.write(bytes)
            tally.lock.withLock { tally.recordStream(outcome) }
            switch outcome {
            case .failed(let message): Console.error("mecigep: \(message)")
            case .invalid(let caseID, let issues):
                Console.error("mecigep: \(name):\(number): case \(caseID ?? "?"): invalid case, not assessed "
                    + "(mecigep validate explains each problem):")
                for issue in issues { Console.error("  \(issue.path): \(issue.message)") }
            case .assessed, .blank: break
            }
        })
        var failed = false
        if let failure = reader.failure {
            Console.error("mecigep: \(name): reading stopped: \(failure)")
            failed = true
        }
        if let failure = sink.finish() {
            Console.error("mecigep: \(failure)")
            failed = true
        }
        Console.error(tally.line(language: lang))
        if tally.failedAny || failed { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    /// One output line: the compact assessment, or `{"case":…,"error":{…},"line":N}`.
    static func line(_ number: Int, _ outcome: StreamOutcome) -> [UInt8] {
        var bytes: [UInt8]
        switch outcome {
        case .assessed(let assessment):
            bytes = assessment.jsonBytes()
        case .failed(let message):
            bytes = LuaValue.object(["line": .integer(Int64(number)), "case": .null,
                                     "error": ["kind": "failed", "message": .string(message)]]).jsonBytes(pretty: false)
        case .invalid(let caseID, let issues):
            bytes = LuaValue.object([
                "line": .integer(Int64(number)), "case": caseID.map { .string($0) } ?? .null,
                "error": ["kind": "invalid", "message": "invalid case, not assessed",
                          "issues": .array(issues.map { ["path": .string($0.path), "message": .string($0.message)] })],
            ]).jsonBytes(pretty: false)
        case .blank:
            return []
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

/// Where a stream's lines go: standard output (buffered, or flushed line by line when the input
/// is itself a stream a person or a pipeline feeds), or a file that appears whole when the run
/// ends. Called one line at a time, in order.
final class StreamSink: @unchecked Sendable {
    private let file: AtomicFile?
    private let flushEachLine: Bool
    private var buffer: [UInt8] = []
    private var failure: String?

    init(file: AtomicFile) throws(CommandFailure) {
        self.file = file
        flushEachLine = false
    }

    init(flushEachLine: Bool) {
        file = nil
        self.flushEachLine = flushEachLine
    }

    func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        if bytes.count >= 1 << 14 {
            // a long line (an assessment is tens of kilobytes) goes out as it is, after what is
            // waiting: copying it into the buffer first cost as much as writing it
            flush()
            emit(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if flushEachLine || buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func emit(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, failure == nil else { return }
        if let file {
            do throws(CommandFailure) { try file.write(bytes) } catch { failure = error.message ?? "cannot write \(file.path)" }
        } else if bytes.withUnsafeBytes({ writeAll(1, $0) }) < bytes.count {
            failure = "cannot write to standard output: \(String(cString: strerror(errno)))"
        }
    }

    /// Writes what is left and, for a file, moves it into place; the failure, if any.
    func finish() -> String? {
        flush()
        if let file {
            if failure != nil { file.abandon(); return failure }
            do throws(CommandFailure) { try file.commit(sync: true) } catch { return error.message ?? "cannot write \(file.path)" }
        }
        return failure
    }
}
