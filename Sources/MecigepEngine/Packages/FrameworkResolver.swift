import Foundation
import LuaRuntime

/// Turns what a user passes as `--framework` into a loaded framework and the loader to run it
/// with: `ID` (the rules folder's copy, else the newest installed package), `ID@VERSION` (that
/// version exactly: an installed package, or the rules folder's copy if it is that version and
/// unchanged since released), or the path of a `.mecigep.tar.gz` package (verified, unpacked
/// into a cache folder of its own).
public struct FrameworkResolver: Sendable {
    public var rulesFolder: String
    public var limits: LuaLimits
    /// Where package files given by path are unpacked (one folder per archive digest).
    public var cacheFolder: String

    public init(rulesFolder: String, limits: LuaLimits = .default, cacheFolder: String? = nil) {
        self.rulesFolder = rulesFolder
        self.limits = limits
        self.cacheFolder = cacheFolder ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("mecigep-packages-\(getuid())")
    }

    /// Whether `spec` names a package file rather than an id.
    public static func isPackagePath(_ spec: String) -> Bool {
        spec.hasSuffix(".tar.gz") || spec.hasSuffix(".tgz") || spec.contains("/")
    }

    /// The framework `spec` names, with the loader that runs it.
    public func resolve(_ spec: String) throws(PackageError) -> (framework: Framework, loader: FrameworkLoader) {
        if Self.isPackagePath(spec) { return try fromPackageFile(spec) }
        let parts = spec.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let id = parts[0]
        let home = FrameworkLoader(rulesFolder: rulesFolder, limits: limits)
        let hasWorkingCopy = FileManager.default.fileExists(atPath: "\(rulesFolder)/frameworks/\(id)/framework.lua")
        guard parts.count == 2 else {
            if !hasWorkingCopy, let newest = installedVersions(of: id).last {
                return try fromInstalled(id: id, version: newest.description)
            }
            return (try load(id, home), home)
        }
        guard let wanted = SemanticVersion(parts[1]) else {
            throw PackageError("\(spec): \"\(parts[1])\" is not a version; write ID@1.2.0")
        }
        if FileManager.default.fileExists(atPath: FrameworkPackage.installFolder(id: id, version: wanted.description, rulesFolder: rulesFolder)) {
            return try fromInstalled(id: id, version: wanted.description)
        }
        var found: [String] = installedVersions(of: id).map { "\($0) (installed package)" }
        if hasWorkingCopy {
            let framework = try load(id, home)
            if framework.version == wanted.description {
                let folder = "\(rulesFolder)/frameworks/\(id)"
                if let released = try ReleaseRecord.read(folder: folder)?.release(wanted), released.contentSHA256 != framework.contentHash {
                    throw PackageError("\(folder) says version \(wanted) but its rules changed since \(wanted) was released "
                        + "(content \(released.contentSHA256.prefix(16)) then, \(framework.contentHash.prefix(16)) now); install the "
                        + "released package (mecigep install \(id)-\(wanted).mecigep.tar.gz) or raise the version of the edited copy")
                }
                return (framework, home)
            }
            found.insert("\(framework.version) (\(rulesFolder)/frameworks/\(id))", at: 0)
        }
        throw PackageError("\(id) \(wanted) is not installed (found: \(found.isEmpty ? "none" : found.joined(separator: ", "))); "
            + "install its package: mecigep install \(id)-\(wanted).mecigep.tar.gz --rules \(rulesFolder)")
    }

    /// The versions of `id` installed in `<rules>/packages/`, oldest first.
    public func installedVersions(of id: String) -> [SemanticVersion] {
        let folder = (rulesFolder as NSString).appendingPathComponent("packages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> SemanticVersion? in
            guard name.hasPrefix(id + "@") else { return nil }
            return SemanticVersion(String(name.dropFirst(id.count + 1)))
        }.sorted()
    }

    private func fromInstalled(id: String, version: String) throws(PackageError) -> (framework: Framework, loader: FrameworkLoader) {
        let folder = FrameworkPackage.installFolder(id: id, version: version, rulesFolder: rulesFolder)
        let package = try FrameworkPackage.openInstalled(folder: folder)
        return try loadPackaged(package, rules: (folder as NSString).appendingPathComponent("rules"), location: folder)
    }

    private func fromPackageFile(_ path: String) throws(PackageError) -> (framework: Framework, loader: FrameworkLoader) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PackageError("\(path): no such package file (pass an id, ID@VERSION, or the path of a .mecigep.tar.gz)")
        }
        let bytes = [UInt8](data)
        let package = try FrameworkPackage.open(bytes, name: path)
        // One folder per archive digest: the same file is unpacked once and reused.
        let folder = (cacheFolder as NSString).appendingPathComponent(SHA256.hex(of: bytes))
        if (try? FrameworkPackage.openInstalled(folder: folder))?.contentSHA256 != package.contentSHA256 {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            let temporary = (cacheFolder as NSString).appendingPathComponent(".unpack-\(UUID().uuidString)")
            try package.unpack(into: temporary)
            if rename(temporary, folder) != 0 { try? FileManager.default.removeItem(atPath: temporary) } // another run won
        }
        return try loadPackaged(package, rules: (folder as NSString).appendingPathComponent("rules"), location: path)
    }

    private func loadPackaged(_ package: FrameworkPackage, rules: String, location: String) throws(PackageError) -> (framework: Framework, loader: FrameworkLoader) {
        let loader = FrameworkLoader(rulesFolder: rules, limits: limits)
        var framework = try load(package.id, loader)
        guard framework.contentHash == package.contentSHA256, framework.version == package.version else {
            throw PackageError("\(location): the rules load as \(framework.id) \(framework.version) with content "
                + "\(framework.contentHash.prefix(16)), not the manifest's \(package.version) \(package.contentSHA256.prefix(16)); "
                + "install the package again")
        }
        framework.package = PackageOrigin(location: location, signer: package.signer)
        return (framework, loader)
    }

    private func load(_ id: String, _ loader: FrameworkLoader) throws(PackageError) -> Framework {
        do throws(FrameworkLoadError) { return try loader.load(id) } catch { throw PackageError(error.description) }
    }
}
