import ArgumentParser
import Crypto
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep release ID`: records that the framework's current version is final: its content
/// hash and the levels of its example cases go into releases.json (docs/frameworks.md).
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Record the framework's current version as released (content hash, example levels).",
        discussion: """
            Needs a CHANGELOG.md entry for the version and passing rule tests. Writes \
            releases.json in the framework's folder; from then on `mecigep check` fails if \
            the rules change without a new version, and `mecigep pack` can package it. Warns \
            when a patch version moves levels on the example cases. Exit code 1 when the \
            version cannot be released (the reason is printed), 2 on usage errors.
            """
    )

    @Argument(help: "The framework id.")
    var framework: String

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "The release date (YYYY-MM-DD; default: the changelog entry's date, else today).")
    var date: String?

    func run() throws {
        let loader = try rulesOptions.loader()
        let fw = try loadFramework(framework, loader).framework
        guard fw.package == nil else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep release: \(framework) is an installed package; release the rules folder's copy")
        }
        guard let version = SemanticVersion(fw.version) else { throw CommandFailure(code: MecigepExit.failure, message: "bad version") }
        let folder = fw.folder
        guard let changelog = Changelog.read(folder: folder) else {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep release: \(folder)/CHANGELOG.md is missing; "
                + "start it with \"## \(version) - YYYY-MM-DD\" and what the version brings (docs/frameworks.md)")
        }
        if let problem = changelog.problems.first {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep release: \(changelog.file):\(problem.line): \(problem.message)")
        }
        guard let entry = changelog.entry(for: version) else {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep release: \(changelog.file) has no entry for \(version); "
                + "add \"## \(version) - YYYY-MM-DD\" saying what changed")
        }
        var record = try packageStep { () throws(PackageError) in try ReleaseRecord.read(folder: folder) }
            ?? ReleaseRecord(framework: fw.id)
        switch record.standing(of: version, contentSHA256: fw.contentHash) {
        case .released:
            Console.output("\(fw.id) \(version) is already released (content \(fw.contentHash.prefix(16))); nothing to do")
            return
        case .changed(let released):
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep release: \(version) was released with other content "
                + "(\(released.contentSHA256.prefix(16)), now \(fw.contentHash.prefix(16))); raise the version in framework.lua and add a changelog entry")
        case .belowLatest(let latest):
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep release: \(version) is lower than the released \(latest.version)")
        case .unreleased:
            break
        }
        let failures = Self.failingTests(fw, loader: loader)
        guard failures.isEmpty else {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep release: \(failures.count) rule test(s) fail ("
                + failures.prefix(5).joined(separator: ", ") + "); a released version passes its own tests: run mecigep test --framework \(fw.id)")
        }
        let levels = ExampleLevels.compute(fw, loader: loader, engineVersion: MecigepVersion.current)
        if let base = record.patchBase(for: version) {
            let moves = ExampleLevels.moves(from: base.levels, to: levels)
            if !moves.isEmpty {
                Console.error("warning: \(version) is a patch of \(base.version) but moves \(moves.count) level(s) on the example cases:\n  "
                    + moves.joined(separator: "\n  ") + "\n(a minor version, \(base.nextMinor), says so to the States)")
            }
        }
        let day = date ?? entry.date ?? Self.today()
        record.releases.append(ReleaseRecord.Release(version: version, contentSHA256: fw.contentHash, date: day, levels: levels,
                                                     sources: Dictionary(fw.sources.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })))
        try writeAtomically(record.text, to: (folder as NSString).appendingPathComponent(ReleaseRecord.fileName))
        Console.output("released \(fw.id) \(version) (content \(fw.contentHash)) with the levels of \(levels.count) example case(s); "
            + "package it with: mecigep pack \(fw.id) [--sign KEY]")
    }

    static func failingTests(_ fw: Framework, loader: FrameworkLoader) -> [String] {
        let tests = RuleTest.discover(rulesFolder: loader.rulesFolder, frameworks: [fw.id])
        let result: Result<[RuleTestOutcome], FrameworkLoadError> = LuaThread.run {
            do throws(FrameworkLoadError) {
                let assessor = try Assessor(framework: fw, loader: loader, engineVersion: MecigepVersion.current)
                return .success(tests.map { RuleTestRunner.run($0, with: assessor, onlyTested: true) })
            } catch { return .failure(error) }
        }
        switch result {
        case .success(let outcomes): return outcomes.filter { $0.verdict == .failed }.map(\.test.name)
        case .failure(let error): return ["the framework did not load: \(error.description)"]
        }
    }

    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}

/// `mecigep pack ID`: one verifiable file holding a released framework.
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write a released framework as one package file (id-version.mecigep.tar.gz).",
        discussion: """
            The package holds the framework's folder (rules, tests, CHANGELOG.md, \
            releases.json), the rules/lib modules and base frameworks it loads, the example \
            cases its tests name, and manifest.json with the SHA-256 of every file and the \
            adoption record. With --sign KEY (a private key from `mecigep keys new`) the \
            manifest is signed with Ed25519. The same content gives the same bytes. Exit \
            code 1 when the version is not released or its rules changed since.
            """
    )

    @Argument(help: "The framework id.")
    var framework: String

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "A private key file to sign with (mecigep keys new).")
    var sign: String?

    @Option(help: "Where to write the package (a folder or a file; default: the current folder).")
    var out: String?

    func run() throws {
        let loader = try rulesOptions.loader()
        let fw = try loadFramework(framework, loader).framework
        guard fw.package == nil else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep pack: \(framework) is an installed package; it already is a package")
        }
        let key = try sign.map { path in try packageStep { () throws(PackageError) in try SigningKey.loadPrivate(path: path) } }
        let version = SemanticVersion(fw.version)!
        let record = try packageStep { () throws(PackageError) in try ReleaseRecord.read(folder: fw.folder) }
            ?? ReleaseRecord(framework: fw.id)
        let release: ReleaseRecord.Release
        switch record.standing(of: version, contentSHA256: fw.contentHash) {
        case .released(let released):
            release = released
        case .changed(let released):
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep pack: the rules changed since \(version) was released "
                + "(content \(released.contentSHA256.prefix(16)) then, \(fw.contentHash.prefix(16)) now); raise the version and release it")
        case .belowLatest, .unreleased:
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep pack: \(fw.id) \(version) is not released; "
                + "run mecigep release \(fw.id) first (it records the content hash the package will carry)")
        }
        guard let changelog = Changelog.read(folder: fw.folder), let entry = changelog.entry(for: version) else {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep pack: CHANGELOG.md has no entry for \(version)")
        }
        let (archive, package) = try packageStep { () throws(PackageError) in
            try FrameworkPackage.pack(fw, rulesFolder: loader.rulesFolder, release: release, changelog: entry, signingKey: key)
        }
        var path = out ?? package.fileName
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path = (path as NSString).appendingPathComponent(package.fileName)
        }
        guard FileManager.default.createFile(atPath: path + ".tmp", contents: Data(archive)), rename(path + ".tmp", path) == 0 else {
            throw CommandFailure(code: MecigepExit.failure, message: "mecigep pack: cannot write \(path)")
        }
        Console.output("wrote \(path): \(fw.id) \(version), \(package.files.count) files, \(archive.count) bytes, sha256 "
            + SHA256.hex(of: archive) + (package.signer.map { ", signed by key \($0.prefix(16))" } ?? ", unsigned"))
    }
}

/// `mecigep verify PACKAGE`: checks every digest and the signature, and prints the manifest.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a framework package's digests and signature and print its manifest.",
        discussion: """
            With --key PUB the package must be signed by that public key. Exit code 1 when \
            the package is refused (truncated, altered, unsafe paths, bad or missing \
            signature), with the reason; 2 on usage errors.
            """
    )

    @Argument(help: "The package file (.mecigep.tar.gz).")
    var package: String

    @Option(help: "A public key file the package must be signed by.")
    var key: String?

    @Option(help: "Output: text or json.")
    var format: CheckCommand.Format = .text

    func run() throws {
        let package = try openPackage(self.package, key: key)
        switch format {
        case .text: Console.output(package.summary)
        case .json:
            var manifest = package.manifest.objectValue ?? [:]
            manifest["signer"] = package.signer.map { .string($0) } ?? .null
            Console.output(LuaValue.object(manifest).jsonText(pretty: true))
        }
    }
}

/// `mecigep install PACKAGE`: verifies a package and adds it to the rules folder's packages.
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Verify a framework package and install it into <rules>/packages/ID@VERSION.",
        discussion: """
            The installed framework is used with --framework ID@VERSION (and with \
            --framework ID when the rules folder has no copy of its own). Refuses a package \
            that fails verification, and one whose id and version name a different framework \
            already installed or in <rules>/frameworks. Exit code 1 when refused, 2 on usage \
            errors.
            """
    )

    @Argument(help: "The package file (.mecigep.tar.gz).")
    var package: String

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "A public key file the package must be signed by.")
    var key: String?

    func run() throws {
        let loader = try rulesOptions.loader()
        let package = try openPackage(self.package, key: key)
        var workingCopy: (String, String)?
        if loader.frameworkIDs().contains(package.id), let fw = try? loader.load(package.id) {
            workingCopy = (fw.version, fw.contentHash)
        }
        let limits = loader.limits
        let outcome = try packageStep { () throws(PackageError) in
            try package.install(into: loader.rulesFolder, workingCopy: workingCopy) { rules throws(PackageError) in
                do throws(FrameworkLoadError) {
                    return try FrameworkLoader(rulesFolder: rules, limits: limits).load(package.id).contentHash
                } catch { throw PackageError("the package's framework does not load: \(error.description)") }
            }
        }
        switch outcome {
        case .installed(let folder):
            Console.output("installed \(package.id) \(package.version) in \(folder)"
                + (package.signer.map { " (signed by key \($0.prefix(16)))" } ?? " (unsigned)")
                + "; use it with --framework \(package.id)@\(package.version)")
        case .alreadyInstalled(let folder):
            Console.output("\(package.id) \(package.version) is already installed in \(folder) with the same content")
        }
    }
}

/// `mecigep keys new NAME`: an Ed25519 key pair for signing packages.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make signing keys for framework packages.",
        subcommands: [New.self]
    )

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write NAME.key (private, keep it secret) and NAME.pub (give it to those who install).")

        @Argument(help: "The key pair's name (a path without extension).")
        var name: String

        func run() throws {
            let privatePath = name + ".key", publicPath = name + ".pub"
            for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep keys new: \(path) exists; pick another name (keys are never overwritten)")
            }
            let pair = SigningKey.generate()
            guard FileManager.default.createFile(atPath: privatePath, contents: Data(pair.privateKey.utf8),
                                                 attributes: [.posixPermissions: 0o600]),
                  FileManager.default.createFile(atPath: publicPath, contents: Data(pair.publicKey.utf8)) else {
                throw CommandFailure(code: MecigepExit.failure, message: "mecigep keys new: cannot write \(privatePath) or \(publicPath)")
            }
            Console.output("wrote \(privatePath) (private: keep it secret) and \(publicPath) (public); fingerprint \(pair.fingerprint)")
        }
    }
}

/// Reads and verifies a package file, or ends with exit 1 and the reason.
func openPackage(_ path: String, key: String?) throws -> FrameworkPackage {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(code: MecigepExit.usage, message: "mecigep: \(path): no such package file")
    }
    let trusted = try key.map { k in try packageStep { () throws(PackageError) in try SigningKey.loadPublic(path: k) } }
    return try packageStep { () throws(PackageError) in try FrameworkPackage.open([UInt8](data), name: path, trustedKey: trusted) }
}

/// Runs a package step; a PackageError ends the command with exit 1 and its message.
func packageStep<T>(_ body: () throws(PackageError) -> T) throws -> T {
    do throws(PackageError) { return try body() } catch {
        throw CommandFailure(code: MecigepExit.failure, message: "mecigep: " + error.message)
    }
}
