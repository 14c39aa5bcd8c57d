import Foundation
import LuaRuntime

/// Finds and loads frameworks from a rules folder: `<rules>/frameworks/<id>/framework.lua`,
/// with shared helpers under `<rules>/lib/`. Nothing is compiled into Swift: every load reads
/// the files as they are now.
public struct FrameworkLoader: Sendable {
    /// The rules folder.
    public let rulesFolder: String
    /// Budgets for loading and for evaluating rules.
    public var limits: LuaLimits

    public init(rulesFolder: String, limits: LuaLimits = .default) {
        self.rulesFolder = rulesFolder
        self.limits = limits
    }

    /// The ids of the frameworks in the rules folder, sorted.
    public func frameworkIDs() -> [String] {
        let folder = (rulesFolder as NSString).appendingPathComponent("frameworks")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.filter { entry in
            FileManager.default.fileExists(atPath: "\(folder)/\(entry)/framework.lua")
        }.sorted()
    }

    /// The runtime configuration rules run with: the rules folder for `require`, and the rule API.
    public var runtimeConfiguration: LuaConfiguration {
        LuaConfiguration(limits: limits, moduleRoots: [rulesFolder],
                         builtinModules: [EngineLibrary.moduleName: EngineLibrary.lua])
    }

    /// Starts compiling framework `id`'s files for a load nobody has asked for yet (a command
    /// line's, before its arguments are parsed); the next `load(_:)` in the process takes what
    /// is compiled by then if it loads the same framework with the same configuration
    /// (`ModulePrecompiler.startEarly`). Nothing happens for an id with no framework here.
    public func compileAhead(_ id: String) {
        guard entryFile(of: id) != nil else { return }
        ModulePrecompiler.startEarly(entry: Self.entryModule(id), configuration: runtimeConfiguration)
    }

    /// Loads and validates framework `id` in a runtime of its own, so that its sources are
    /// exactly the files it used.
    public func load(_ id: String) throws(FrameworkLoadError) -> Framework {
        let configuration = runtimeConfiguration
        // The framework's module files start compiling on another thread before the runtime
        // is even made (ModulePrecompiler).
        let precompiler = ModulePrecompiler.forLoad(entry: Self.entryModule(id), configuration: configuration)
        let outcome: Result<Framework, FrameworkLoadError> = LuaThread.run {
            do throws(FrameworkLoadError) {
                let runtime: LuaRuntime
                do throws(LuaError) { runtime = try LuaRuntime(configuration: configuration) } catch {
                    throw FrameworkLoadError(framework: id, problems: [FrameworkProblem(subject: id, message: error.message)])
                }
                let framework = try load(id, into: runtime, precompiler: precompiler)
                WarmRuntime.shared.keep(runtime, for: framework, loader: self)
                return .success(framework)
            } catch { return .failure(error) }
        }
        precompiler.stop() // (when the load failed before handing it over)
        return try outcome.get()
    }

    /// Loads and validates framework `id` in `runtime` (which must use `runtimeConfiguration`).
    /// Throws every problem found at once.
    public func load(_ id: String, into runtime: LuaRuntime) throws(FrameworkLoadError) -> Framework {
        try load(id, into: runtime, precompiler: nil)
    }

    /// `load(_:into:)` with the framework's module files compiled meanwhile on another thread by
    /// `precompiler` (one is started when nil): this thread compiles and runs them in the order
    /// required, the other compiles them from the last required, and `require` takes what it
    /// finds compiled (ModulePrecompiler).
    func load(_ id: String, into runtime: LuaRuntime, precompiler: ModulePrecompiler?) throws(FrameworkLoadError) -> Framework {
        guard let entry = entryFile(of: id) else {
            let known = frameworkIDs()
            throw FrameworkLoadError(framework: id, problems: [FrameworkProblem(
                subject: id, message: "no framework \"\(id)\" in \(rulesFolder)/frameworks (found: "
                    + (known.isEmpty ? "none" : known.joined(separator: ", ")) + ")")])
        }
        let folder = (entry as NSString).deletingLastPathComponent
        let precompiler = precompiler ?? ModulePrecompiler(entry: Self.entryModule(id), configuration: runtime.configuration)
        runtime.startPrecompiling(with: precompiler)
        // The schema is named by the framework's description, which the Lua run gives; the file
        // of the usual name, when there is one, is read and checked meanwhile on another thread
        // (the second core, once the module files are compiled), and used only if the
        // description names that very file.
        let usual = (folder as NSString).appendingPathComponent(Self.usualSchemaName)
        let early = FileManager.default.fileExists(atPath: usual)
            ? SchemaReadAhead(path: usual) { () throws(FrameworkLoadError) in
                precompiler.waitUntilFinished()
                return try loadSchema(usual, framework: id)
            } : nil
        let (description, loaded): (LuaValue, [SourceFile])
        do {
            defer { runtime.stopPrecompiling() }
            (description, loaded) = try run(id, in: runtime, describing: true)
        }
        var decoder = FrameworkDecoder(expectedID: id, entryFile: entry)
        guard var framework = decoder.decode(description, folder: folder) else {
            throw FrameworkLoadError(framework: id, problems: decoder.problems)
        }
        var files = loaded
        if files.isEmpty { files = [(entry, nil)] } // already loaded in this runtime: hash what it is made of
        if let name = framework.caseSchemaFile {
            let schemaPath = try schemaPath(name, of: framework)
            let read: (schema: JSONSchema, bytes: [UInt8])
            if let early, early.path == schemaPath {
                read = try early.schema()
            } else {
                read = try loadSchema(schemaPath, framework: id)
            }
            framework.caseSchema = read.schema
            // the schema decides validity: it is part of what the framework is, hashed from the
            // bytes parsed (not the file read again)
            files.append((schemaPath, read.bytes))
        }
        framework.sources = Self.hashes(of: files, relativeTo: rulesFolder)
        return framework
    }

    /// Runs an already loaded and validated framework's files in another runtime (a batch
    /// worker's), so that its rule functions are there to call, without decoding, validating or
    /// reading the schema again. Refuses when the files on disk no longer hash to what
    /// `framework` was loaded from (an edit between the two loads).
    public func instantiate(_ framework: Framework, into runtime: LuaRuntime) throws(FrameworkLoadError) {
        let id = framework.id
        var (_, files) = try run(id, in: runtime, describing: false)
        if let name = framework.caseSchemaFile {
            files.append((try schemaPath(name, of: framework), nil))
        }
        let now = Self.hashes(of: files, relativeTo: rulesFolder)
        guard now.elementsEqual(framework.sources, by: { $0 == $1 }) else {
            throw FrameworkLoadError(framework: id, problems: [FrameworkProblem(subject: id,
                message: "the framework's files changed while it was being loaded; run again")])
        }
    }

    /// Runs framework `id`'s files in `runtime` under the loading budget and registers its rule
    /// functions; returns its description (when `describing`; else null, nothing converted) and
    /// the files loaded on the way, each with the bytes that ran.
    private func run(_ id: String, in runtime: LuaRuntime, describing: Bool) throws(FrameworkLoadError) -> (LuaValue, [SourceFile]) {
        _ = runtime.takeLoadedModules() // (what an earlier load read is not this one's)
        let value: LuaValue
        do throws(LuaError) {
            let chunk = try runtime.compile("""
                local name, describing = ...
                require "mecigep"
                local description = sandbox_internal.describe(require(name))
                if describing then return description end
                return nil
                """, chunkName: "=(sandbox load \(id))")
            defer { runtime.release(chunk) }
            // Loading has its own, larger budget: it must not compete with one indicator's.
            value = try runtime.withLimits(limits.loading) { () throws(LuaError) -> LuaValue in
                try runtime.call(chunk, with: [.writable(.string(Self.entryModule(id))), .writable(.bool(describing))]).value
            }
        } catch {
            throw FrameworkLoadError(framework: id, problems: [FrameworkProblem(
                file: error.chunkName, line: error.line, subject: id,
                message: "\(error.kind.rawValue): \(error.message)")])
        }
        return (value, runtime.takeLoadedModules().map { ($0.path, $0.source) })
    }

    /// The schema file: in the framework's folder, else (for an extension) in its base's.
    private func schemaPath(_ name: String, of framework: Framework) throws(FrameworkLoadError) -> String {
        var folders = [framework.folder]
        if let base = framework.extends?.id {
            folders.append((rulesFolder as NSString).appendingPathComponent("frameworks/\(base)"))
        }
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw FrameworkLoadError(framework: framework.id, problems: [FrameworkProblem(
            file: "\(framework.folder)/framework.lua", subject: framework.id,
            message: "schema \"\(name)\" not found in \(folders.joined(separator: " or ")); add the file or remove schema =")])
    }

    /// Framework `id`'s `framework.lua` in the rules folder; nil when `id` is not a valid id or
    /// the file is not there.
    private func entryFile(of id: String) -> String? {
        let entry = (rulesFolder as NSString).appendingPathComponent("frameworks/\(id)/framework.lua")
        return ModuleResolverName.isValid(id) && FileManager.default.fileExists(atPath: entry) ? entry : nil
    }

    /// The module a framework's load requires first: its `framework.lua`.
    static func entryModule(_ id: String) -> String { "frameworks.\(id).framework" }

    /// The schema file most frameworks name (`schema = "case.schema.json"`).
    static let usualSchemaName = "case.schema.json"

    /// The case schema at `path`, with the bytes it was parsed from.
    private func loadSchema(_ path: String, framework id: String) throws(FrameworkLoadError) -> (JSONSchema, [UInt8]) {
        let value: LuaValue, bytes: Data
        do throws(DocumentError) { (value, bytes) = try DocumentLoader.loadWithBytes(path: path, limits: DocumentLimits()) } catch {
            throw FrameworkLoadError(framework: id, problems: [FrameworkProblem(
                file: path, line: error.line, subject: id, message: "case schema: \(error.message)")])
        }
        do throws(JSONSchema.Problem) { return (try JSONSchema(value, file: path), [UInt8](bytes)) } catch {
            throw FrameworkLoadError(framework: id, problems: [FrameworkProblem(
                file: path, subject: id, message: "case schema \(error.description)")])
        }
    }

    /// A file a framework is made of, with the bytes that ran (nil: read it now).
    typealias SourceFile = (path: String, bytes: [UInt8]?)

    /// Each file's path under `root` and the SHA-256 of its bytes: the bytes `require` ran for the
    /// module files (not the files read again a moment later), the file as it is now for the rest.
    static func hashes(of files: [SourceFile], relativeTo root: String) -> [(path: String, sha256: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for (file, bytes) in files where seen.insert(file).inserted {
            let digest = bytes.map { SHA256.hex(of: $0) } ?? SHA256.hex(of: FileManager.default.contents(atPath: file) ?? Data())
            var path = file
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
            out.append((path, digest))
        }
        return out.sorted { $0.0 < $1.0 }
    }
}

/// The runtimes the last few `load(_:)` calls used, each kept for the first `Assessor` of the
/// same framework (same rules folder, content and budgets): a command reads a framework and then
/// assesses with it, and the second load of the same files is skipped. A few slots, because
/// `mecigep test` loads its frameworks at the same time; each is taken once, and the oldest
/// goes when a fifth comes, so nothing grows.
final class WarmRuntime: @unchecked Sendable {
    static let shared = WarmRuntime()
    static let capacity = 4
    private let lock = NSLock()
    private var slots: [(folder: String, id: String, hash: String, limits: LuaLimits, runtime: LuaRuntime)] = []

    func keep(_ runtime: LuaRuntime, for framework: Framework, loader: FrameworkLoader) {
        lock.withLock {
            slots.removeAll { $0.folder == loader.rulesFolder && $0.id == framework.id }
            slots.append((loader.rulesFolder, framework.id, framework.contentHash, loader.limits, runtime))
            if slots.count > Self.capacity { slots.removeFirst(slots.count - Self.capacity) }
        }
    }

    /// A kept runtime, if one holds exactly `framework` as `loader` would load it.
    func take(for framework: Framework, loader: FrameworkLoader) -> LuaRuntime? {
        lock.withLock {
            guard let i = slots.firstIndex(where: { $0.folder == loader.rulesFolder && $0.id == framework.id
                && $0.hash == framework.contentHash && $0.limits == loader.limits }) else { return nil }
            return slots.remove(at: i).runtime
        }
    }
}

/// Framework ids follow module-name rules: letters, digits, "_" and "-".
enum ModuleResolverName {
    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100 && id.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-")
        }
    }
}

/// A case schema read and checked on a thread of its own while the framework's Lua runs: what
/// `schema()` gives (the schema and its bytes, or its load error) is what reading it then would
/// give.
final class SchemaReadAhead: @unchecked Sendable {
    let path: String
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<(JSONSchema, [UInt8]), FrameworkLoadError>?

    init(path: String, _ read: @escaping @Sendable () throws(FrameworkLoadError) -> (JSONSchema, [UInt8])) {
        self.path = path
        let thread = Thread { [self] in
            do throws(FrameworkLoadError) { result = .success(try read()) } catch { result = .failure(error) }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The schema and the bytes it was parsed from, once the thread has read it (waits for it).
    func schema() throws(FrameworkLoadError) -> (JSONSchema, [UInt8]) {
        done.wait()
        done.signal()   // (a second caller does not wait forever)
        return try result!.get()
    }
}
