import Foundation
import LuaRuntime
import Synchronization

/// One case of a batch: its assessment, or why there is none.
public enum BatchOutcome: Sendable {
    case assessed(Assessment)
    /// The case file could not be read, or the assessment failed (strict mode, a host error).
    case failed(file: String, message: String)
    /// The case is invalid (`AssessmentOptions.rejectInvalid`): not assessed.
    case invalid(file: String, issues: [CaseIssue])
}

/// Assesses many cases in parallel: one worker thread (with its own runtime and a copy of the
/// framework loaded) per job, pulling the next case from a shared counter. A bad case is an
/// outcome like any other; the batch always goes on.
public struct BatchRunner: Sendable {
    public var framework: Framework
    public var loader: FrameworkLoader
    public var jobs: Int
    public var options: AssessmentOptions
    public var engineVersion: String
    public var documentLimits: DocumentLimits
    /// The first files, read while the framework loaded (nil: each worker reads its files).
    public var readAhead: CaseReadAhead?

    public init(framework: Framework, loader: FrameworkLoader, jobs: Int, options: AssessmentOptions = .init(),
                engineVersion: String, documentLimits: DocumentLimits = .init()) {
        self.framework = framework
        self.loader = loader
        self.jobs = max(1, jobs)
        self.options = options
        self.engineVersion = engineVersion
        self.documentLimits = documentLimits
    }

    /// Runs every file. `each` is called from the worker threads, concurrently, with the index
    /// of the file and its outcome as soon as it is known (render and write there, in
    /// parallel; guard shared state yourself).
    public func run(files: [String], each: @escaping @Sendable (Int, BatchOutcome) -> Void) {
        let next = Atomic<Int>(0)
        // (each worker's runtime is closed after the run has returned: see runEach)
        LuaThread.runEach(min(jobs, max(1, files.count)), releasingAfterwards: { [self] _ in
            let (assessor, setupError) = workerAssessor()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { break }
                each(index, assess(files[index], at: index, with: assessor, setupError: setupError))
            }
            return assessor
        })
    }

    /// A worker thread's assessor (each has its own runtime), or why there is none. Assessments
    /// do not list undeclared reads (`mecigep test` reports them), so it does not look for them.
    func workerAssessor() -> (Assessor?, String?) {
        do throws(FrameworkLoadError) {
            let assessor = try Assessor(framework: framework, loader: loader, engineVersion: engineVersion)
            assessor.checksDeclaredReads = false
            return (assessor, nil)
        } catch { return (nil, error.description) }
    }

    private func assess(_ file: String, at index: Int, with assessor: Assessor?, setupError: String?) -> BatchOutcome {
        let early = readAhead?.document(at: index, file: file, limits: documentLimits)
        guard let assessor else { return .failed(file: file, message: setupError ?? "the framework could not be loaded") }
        let document: CaseDocument
        do throws(DocumentError) {
            switch early {
            case .success(let read)?: document = read
            case .failure(let error)?: throw error
            case nil: document = try CaseDocument.load(path: file, limits: documentLimits)
            }
        } catch {
            return .failed(file: file, message: error.description)
        }
        do throws(AssessmentError) {
            return .assessed(try assessor.assess(document, options: options))
        } catch {
            if !error.issues.isEmpty { return .invalid(file: file, issues: error.issues) }
            return .failed(file: file, message: error.description)
        }
    }

    /// The case files named by `paths` (files, and folders searched recursively for .yaml, .yml
    /// and .json files), sorted by path: the order they are named in never changes a run's
    /// outputs, output file names or summaries.
    public static func caseFiles(_ paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            files += found
        }
        return (files.sorted(), missing)
    }
}
