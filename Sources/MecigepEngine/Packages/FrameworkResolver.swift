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

    /// `ID` or `ID@VERSION`, split at the "@" (the version as written, not yet checked).
    public static func reference(_ spec: String) -> (id: String, version: String?) {
        guard let at = spec.firstIndex(of: "@") else { return (spec, nil) }
        return (String(spec[..<at]), String(spec[spec.index(after: at)...]))
    }

    /// The framework `spec` names, with the loader that runs it.
    public func resolve(_ spec: String) throws(PackageError) -> (framework: Framework, loader: FrameworkLoader) {
        if Self.isPackagePath(spec) { return try fromPackageFile(spec) }
        let (id, written) = Self.reference(spec)
        let home = FrameworkLoader(rulesFolder: rulesFolder, limits: limits)
        let hasWorkingCopy = FileManager.default.fileExists(atPath: "\(rulesFolder)/frameworks/\(id)/framework.lua")
        guard let written else {
            if !hasWorkingCopy, let newest = installedVersions(of: id).last {
                return try fromInstalled(id: id, version: newest.description)
            }
            return (try load(id, home), home)
        }
        guard let wanted = SemanticVersion(written) else {
            throw PackageError("\(spec): \"\(written)\" is not a version; write ID@1.2.0")
        }
        if FileManager.default.fileExists(atPath: FrameworkPackage.installFolder(id: id, version: wanted.description, rulesFolder: rulesFolder)) {
            return try fromInstalled(id: id, version: wanted.description)
        }
        var found: [String] = installedVersions(of: id).map { "\($0) (installed package)" }
        if hasWorkingCopy {
            let framework = try load(id, home)
            if framework.version == wanted.description {
                let folder = "\(rulesFolder)/frameworks/\(id)"
                if case .changed(let released)? = try ReleaseRecord.read(folder: folder)?.standing(of: wanted, contentSHA256: framework.contentHash) {
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

    /// Every package installed in `<rules>/packages/` (folders `ID@VERSION`), by id, then
    /// version, oldest first.
    public func installedPackages() -> [(id: String, version: SemanticVersion)] {
        let folder = (rulesFolder as NSString).appendingPathComponent("packages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> (id: String, version: SemanticVersion)? in
            let (id, written) = Self.reference(name)
            guard let version = written.flatMap(SemanticVersion.init) else { return nil }
            return (id, version)
        }.sorted { $0.id != $1.id ? $0.id < $1.id : $0.version < $1.version }
    }

    /// The versions of `id` installed in `<rules>/packages/`, oldest first.
    public func installedVersions(of id: String) -> [SemanticVersion] {
        installedPackages().filter { $0.id == id }.map(\.version)
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
