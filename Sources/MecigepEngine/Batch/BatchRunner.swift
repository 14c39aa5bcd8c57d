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
    /// (`files`: a `CaseFileList`, or any list of paths.)
    public func run<Files: RandomAccessCollection<String> & Sendable>(
        files: Files, each: @escaping @Sendable (Int, BatchOutcome) -> Void
    ) where Files.Index == Int {
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
    public static func caseFiles(_ paths: [String]) -> (files: CaseFileList, missing: [String]) {
        var files = CaseFileList()
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
            // (paths below the folder as `(path as NSString).appendingPathComponent(below)` made
            // them: the folder's path, a slash unless it ends with one, and `below`)
            collectCaseFiles(in: path.hasSuffix("/") ? path : path + "/", into: &files)
        }
        files.sort()
        return (files, missing)
    }

    /// Adds to `files` every entry under `folder` (its path, ending with "/"), at any depth, whose
    /// name ends in .yaml, .yml or .json (any case; a name that only starts with a dot has no
    /// extension), as the folder's path and its name: what FileManager's enumerator listed (hidden
    /// entries too; folders entered, symbolic links to folders not), read with `readdir` into a
    /// compact `CaseFileList`, where the enumerator's list, its filtered and sorted copies held a
    /// 100,000-case folder's paths four times over.
    private static func collectCaseFiles(in folder: String, into files: inout CaseFileList) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        var listed: Int?   // the folder's index in `files`, once it has a case file
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            if hasCaseExtension(name) {
                if listed == nil { listed = files.addFolder(prefix: folder) }
                files.append(name: name, folder: listed!)
            }
            let inside = folder + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(inside, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder { collectCaseFiles(in: inside + "/", into: &files) }
        }
    }

    /// Whether a file name's extension (after its last dot, unless that dot starts the name) is
    /// yaml, yml or json in any case: as `NSString.pathExtension` reads it.
    static func hasCaseExtension(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext == "yaml" || ext == "yml" || ext == "json"
    }
}
