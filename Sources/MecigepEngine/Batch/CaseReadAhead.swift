import Foundation

/// The first case files of a batch read and parsed on a thread of their own while the
/// framework loads: reading a file and parsing its YAML does not need the framework, and in a
/// one-case run it would otherwise wait for the load to end. The thread runs at a lower
/// priority (nice +10), so that it takes a core the load leaves idle rather than the load's.
/// What `document(at:)` gives is what `CaseDocument.load` would have given on the worker.
public final class CaseReadAhead: @unchecked Sendable {
    /// The files read ahead, in the batch's order (its first files).
    public let files: [String]
    let limits: DocumentLimits
    private let condition = NSCondition()
    private var results: [Result<CaseDocument, DocumentError>] = []

    /// Starts reading `files` (one after the other) with `limits`.
    public init(files: [String], limits: DocumentLimits = .init()) {
        self.files = files
        self.limits = limits
        guard !files.isEmpty else { return }
        let thread = Thread { [self] in
            // (on Linux a nice value belongs to a thread: 0 names the calling one)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            for file in files {
                let result: Result<CaseDocument, DocumentError>
                do throws(DocumentError) { result = .success(try CaseDocument.load(path: file, limits: limits)) } catch {
                    result = .failure(error)
                }
                condition.withLock {
                    results.append(result)
                    condition.broadcast()
                }
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// File `index` of the batch as read ahead (waits until it has been read), or nil when it
    /// is not one of the files read ahead or was read with other limits than `limits`.
    func document(at index: Int, file: String, limits: DocumentLimits) -> Result<CaseDocument, DocumentError>? {
        guard index < files.count, files[index] == file, limits == self.limits else { return nil }
        return condition.withLock {
            while results.count <= index { condition.wait() }
            return results[index]
        }
    }
}
