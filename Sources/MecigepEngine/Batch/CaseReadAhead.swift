import Foundation
import LuaRuntime

/// The first case files of a batch read and parsed on a thread of their own while the
/// framework loads: reading a file and parsing its YAML does not need the framework, and in a
/// one-case run it would otherwise wait for the load to end. A worker that comes for a file the
/// thread has not begun reads it itself (it never waits behind the thread's other files), and one
/// that comes for the file being read waits for it. What `document(at:file:limits:)` gives is
/// what `CaseDocument.load` would have given on the worker.
public final class CaseReadAhead: @unchecked Sendable {
    /// The files read ahead, in the batch's order (its first files).
    public let files: [String]
    let limits: DocumentLimits
    private enum State {
        case pending, reading, read(Result<CaseDocument, DocumentError>), taken

        /// Whether the thread is done with the file (it read it, or passed over it).
        var isSettled: Bool {
            switch self {
            case .pending, .reading: false
            case .read, .taken: true
            }
        }
    }
    private let condition = NSCondition()
    private var states: [State]

    /// Starts reading `files` (one after the other) with `limits`.
    public init(files: [String], limits: DocumentLimits = .init()) {
        self.files = files
        self.limits = limits
        states = Array(repeating: .pending, count: files.count)
        guard !files.isEmpty else { return }
        // (off the starting thread's core: the framework's load starts from that thread next,
        // and is what the first case waits for)
        let starter = LuaThread.currentCore
        let thread = Thread { [self] in
            LuaThread.keepOff(core: starter)
            for (index, file) in files.enumerated() {
                let begun = condition.withLock { () -> Bool in
                    guard case .pending = states[index] else { return false }
                    states[index] = .reading
                    return true
                }
                guard begun else { continue }
                let result: Result<CaseDocument, DocumentError>
                do throws(DocumentError) { result = .success(try CaseDocument.load(path: file, limits: limits)) } catch {
                    result = .failure(error)
                }
                condition.withLock {
                    states[index] = .read(result)
                    condition.broadcast()
                }
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// File `index` of the batch as read ahead, handed over once (its document is not kept): nil
    /// when the worker is to read it itself (the thread has not begun it, it is not one of the
    /// files read ahead, or `limits` are not the ones it was read with); waits while it is being
    /// read.
    func document(at index: Int, file: String, limits: DocumentLimits) -> Result<CaseDocument, DocumentError>? {
        guard index < files.count, files[index] == file, limits == self.limits else { return nil }
        return condition.withLock {
            while true {
                switch states[index] {
                case .pending, .taken:
                    states[index] = .taken
                    return nil
                case .reading:
                    condition.wait()
                case .read(let result):
                    states[index] = .taken
                    return result
                }
            }
        }
    }

    /// Waits until the thread has read or passed over every file (tests).
    func waitUntilDone() {
        condition.withLock {
            while !states.allSatisfy(\.isSettled) { condition.wait() }
        }
    }
}
