import Crypto
import Foundation
import LuaRuntime

/// Where a framework came from when it was loaded from a package (a file, or one installed in
/// `<rules>/packages/`), and who signed it. Recorded in every assessment made with it.
public struct PackageOrigin: Sendable, Hashable {
    /// The package file or the installed package's folder.
    public var location: String
    /// The signer's key fingerprint (SHA-256 of the Ed25519 public key), when signed.
    public var signer: String?
}

/// A framework package: one `.mecigep.tar.gz` file holding a released framework (its folder, the
/// `rules/lib` modules and base frameworks it loads, its tests and the example cases they name),
/// `manifest.json` (identity, adoption record, the SHA-256 of every file) and, when signed,
/// `manifest.sig` (an Ed25519 signature of the manifest's bytes). Packing the same content twice
/// gives the same bytes.
public struct FrameworkPackage: Sendable {
    public static let format = "mecigep-framework-package/1"
    public static let manifestName = "manifest.json"
    public static let signatureName = "manifest.sig"
    /// What a package may hold once uncompressed; packages are hundreds of kilobytes.
    public static let maxBytes = 64 << 20

    /// The manifest as read (or written).
    public var manifest: LuaValue
    public var manifestBytes: [UInt8]
    /// The files the manifest lists, by package path.
    public var files: [String: [UInt8]]
    /// The signer's fingerprint, when the package is signed (the signature was checked).
    public var signer: String?
    public var signatureBytes: [UInt8]?

    public var id: String { manifest["id"]?.stringValue ?? "" }
    public var version: String { manifest["version"]?.stringValue ?? "" }
    public var contentSHA256: String { manifest["content_sha256"]?.stringValue ?? "" }
    /// `id-version.mecigep.tar.gz`.
    public var fileName: String { "\(id)-\(version).mecigep.tar.gz" }

    // MARK: Packing

    /// Builds the package of a released framework. `released` is its entry in releases.json;
    /// the changelog entry gives the adoption record and the notes of the version.
    public static func pack(_ framework: Framework, rulesFolder: String, release: ReleaseRecord.Release,
                            changelog: Changelog.Entry, signingKey: Curve25519.Signing.PrivateKey?) throws(PackageError) -> (archive: [UInt8], package: FrameworkPackage) {
        var paths: [String: String] = [:]  // package path -> file on disk
        func add(_ file: String, why: String) throws(PackageError) {
            guard let path = PackagePaths.packagePath(of: file, rulesFolder: rulesFolder) else {
                throw PackageError("\(file) (\(why)) is outside the folder that holds \(rulesFolder); a package keeps paths "
                    + "relative to it: move the file beside the rules folder")
            }
            paths[path] = PackagePaths.standard(file)
        }
        let folder = PackagePaths.standard(framework.folder)
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let full = (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".tmp") {
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { enumerator?.skipDescendants() }
                continue
            }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            if type == .typeSymbolicLink {
                throw PackageError("\(full) is a symbolic link; a package holds regular files only: copy the file in")
            }
            if type == .typeRegular { try add(full, why: "in the framework's folder") }
        }
        for source in framework.sources {
            try add((rulesFolder as NSString).appendingPathComponent(source.path), why: "a module the framework loads")
        }
        for file in ExampleLevels.caseFiles(of: framework, rulesFolder: rulesFolder) {
            try add(file, why: "an example case its tests name")
        }
        var files: [String: [UInt8]] = [:]
        var total = 0
        for (path, file) in paths {
            guard let data = FileManager.default.contents(atPath: file) else { throw PackageError("\(file): cannot read it") }
            total += data.count
            guard total <= maxBytes else { throw PackageError("the package would hold more than \(maxBytes >> 20) MiB; is a data file in the framework's folder?") }
            files[path] = [UInt8](data)
        }
        let frameworkPrefix = "frameworks/\(framework.id)/"
        var manifest: [String: LuaValue] = [
            "format": .string(format),
            "id": .string(framework.id),
            "version": .string(framework.version),
            "title": framework.title.value,
            "languages": .array(framework.languages.map { .string($0) }),
            "content_sha256": .string(framework.contentHash),
            "sources": .array(framework.sources.map { ["path": .string($0.path), "sha256": .string($0.sha256)] }),
            "modules": .array(framework.sources.map(\.path).filter { !$0.hasPrefix(frameworkPrefix) }.map { .string($0) }),
            "released": .string(release.date),
            "changes": .string(changelog.notes.joined(separator: "\n")),
            "files": .array(files.keys.sorted().map { path in
                ["path": .string(path), "sha256": .string(SHA256.hex(of: files[path]!)), "size": .integer(Int64(files[path]!.count))]
            }),
        ]
        if let e = framework.extends {
            var ext: [String: LuaValue] = ["id": .string(e.id), "version": .string(e.version)]
            if let range = framework.extendsRange { ext["range"] = .string(range.description) }
            manifest["extends"] = .object(ext)
        }
        if let adoption = changelog.adoption { manifest["adoption"] = adoption.value }
        let manifestValue = LuaValue.object(manifest)
        let manifestBytes = Array((manifestValue.jsonText(pretty: true) + "\n").utf8)
        var entries = files.map { Tar.Entry(path: $0.key, bytes: $0.value) }
        entries.append(Tar.Entry(path: manifestName, bytes: manifestBytes))
        var package = FrameworkPackage(manifest: manifestValue, manifestBytes: manifestBytes, files: files)
        if let signingKey {
            let publicBytes = [UInt8](signingKey.publicKey.rawRepresentation)
            let signature = LuaValue.object([
                "algorithm": "ed25519",
                "public_key": .string(Data(publicBytes).base64EncodedString()),
                "key_fingerprint": .string(SigningKey.fingerprint(publicBytes)),
                "signature": .string(try SigningKey.sign(manifestBytes, with: signingKey)),
            ])
            let bytes = Array((signature.jsonText(pretty: true) + "\n").utf8)
            entries.append(Tar.Entry(path: signatureName, bytes: bytes))
            package.signer = SigningKey.fingerprint(publicBytes)
            package.signatureBytes = bytes
        }
        return (Gzip.compress(Tar.write(entries)), package)
    }

    // MARK: Reading and verifying

    /// Reads and verifies a package: every file against the manifest's digest, nothing more and
    /// nothing less than the manifest lists, and the signature when there is one. With
    /// `trustedKey` (32 public bytes) the package must be signed by that key.
    public static func open(_ archive: [UInt8], name: String, trustedKey: [UInt8]? = nil) throws(PackageError) -> FrameworkPackage {
        let tarBytes: [UInt8]
        do throws(Gzip.Failure) { tarBytes = try Gzip.decompress(archive, limit: maxBytes) } catch {
            switch error {
            case .notGzip: throw PackageError("\(name): not a framework package (not gzip data); packages are made by mecigep pack")
            case .truncated: throw PackageError("\(name): the package is truncated (it ends early); copy or download it again")
            case .corrupt(let why): throw PackageError("\(name): the package is corrupt (\(why)); copy or download it again")
            case .tooLarge(let limit): throw PackageError("\(name): the package unpacks to more than \(limit >> 20) MiB; refused")
            }
        }
        return try open(uncompressed: tarBytes, name: name, trustedKey: trustedKey)
    }

    /// Reads and verifies a package's uncompressed tar bytes (see `open`).
    public static func open(uncompressed tarBytes: [UInt8], name: String, trustedKey: [UInt8]? = nil) throws(PackageError) -> FrameworkPackage {
        let entries: [Tar.Entry]
        do throws(Tar.Failure) { entries = try Tar.read(tarBytes) } catch {
            throw PackageError("\(name): \(error.description)")
        }
        var byPath: [String: [UInt8]] = [:]
        for entry in entries { byPath[entry.path] = entry.bytes }
        guard let manifestBytes = byPath.removeValue(forKey: manifestName) else {
            throw PackageError("\(name): no \(manifestName) in the archive; it is not a framework package")
        }
        let signatureBytes = byPath.removeValue(forKey: signatureName)
        return try verify(manifestBytes: manifestBytes, signatureBytes: signatureBytes, files: byPath,
                          name: name, trustedKey: trustedKey, exhaustive: true)
    }

    /// Verifies an installed package's folder (as `install` left it), so that an edit after
    /// installing is caught before the framework is used.
    public static func openInstalled(folder: String, trustedKey: [UInt8]? = nil) throws(PackageError) -> FrameworkPackage {
        func read(_ path: String) -> [UInt8]? {
            FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(path)).map { [UInt8]($0) }
        }
        guard let manifestBytes = read(manifestName) else {
            throw PackageError("\(folder): no \(manifestName); it is not an installed package (install it again with mecigep install)")
        }
        let manifest = try parseManifest(manifestBytes, name: folder)
        var files: [String: [UInt8]] = [:]
        for file in manifest["files"]?.arrayValue ?? [] {
            guard let path = file["path"]?.stringValue, Tar.isSafe(path) else { continue }
            files[path] = read(path)
        }
        return try verify(manifestBytes: manifestBytes, signatureBytes: read(signatureName), files: files,
                          name: folder, trustedKey: trustedKey, exhaustive: false)
    }

    static func parseManifest(_ bytes: [UInt8], name: String) throws(PackageError) -> LuaValue {
        let manifest: LuaValue
        do throws(DocumentError) { manifest = try DocumentLoader.parse(Data(bytes), format: .json, name: "\(name): \(manifestName)") } catch {
            throw PackageError("\(name): \(manifestName) is not valid JSON (\(error.description))")
        }
        guard manifest["format"]?.stringValue == format else {
            throw PackageError("\(name): \(manifestName) is not a \(format) manifest (format: \(manifest["format"]?.stringValue ?? "missing")); "
                + "a newer mecigep may read it")
        }
        guard let id = manifest["id"]?.stringValue, ModuleResolverName.isValid(id),
              let version = manifest["version"]?.stringValue, SemanticVersion(version) != nil,
              manifest["content_sha256"]?.stringValue?.count == 64, manifest["files"]?.arrayValue != nil else {
            throw PackageError("\(name): \(manifestName) lacks a valid id, version, content_sha256 or files list")
        }
        return manifest
    }

    private static func verify(manifestBytes: [UInt8], signatureBytes: [UInt8]?, files: [String: [UInt8]], name: String,
                               trustedKey: [UInt8]?, exhaustive: Bool) throws(PackageError) -> FrameworkPackage {
        let manifest = try parseManifest(manifestBytes, name: name)
        var listed = Set<String>()
        var verified: [String: [UInt8]] = [:]
        for file in manifest["files"]!.arrayValue! {
            guard let path = file["path"]?.stringValue, Tar.isSafe(path), let digest = file["sha256"]?.stringValue else {
                throw PackageError("\(name): \(manifestName) lists a file without a safe path and a sha256")
            }
            listed.insert(path)
            guard let bytes = files[path] else {
                throw PackageError("\(name): \(path) is listed in the manifest but missing; the package is incomplete")
            }
            guard SHA256.hex(of: bytes) == digest else {
                throw PackageError("\(name): \(path) differs from the manifest's digest: the file was changed after packing; "
                    + "do not use this package, ask its sender for a new one")
            }
            verified[path] = bytes
        }
        if exhaustive, let extra = files.keys.filter({ !listed.contains($0) }).sorted().first {
            throw PackageError("\(name): \(extra) is in the archive but not in the manifest: a file was added after packing; refused")
        }
        let id = manifest["id"]!.stringValue!
        guard listed.contains("rules/frameworks/\(id)/framework.lua") else {
            throw PackageError("\(name): the package has no rules/frameworks/\(id)/framework.lua")
        }
        var package = FrameworkPackage(manifest: manifest, manifestBytes: manifestBytes, files: verified)
        if let signatureBytes {
            let sig: LuaValue
            do throws(DocumentError) { sig = try DocumentLoader.parse(Data(signatureBytes), format: .json, name: signatureName) } catch {
                throw PackageError("\(name): \(signatureName) is not valid JSON")
            }
            guard sig["algorithm"]?.stringValue == "ed25519", let keyText = sig["public_key"]?.stringValue,
                  let key = Data(base64Encoded: keyText), key.count == 32, let signature = sig["signature"]?.stringValue else {
                throw PackageError("\(name): \(signatureName) is not an Ed25519 signature record")
            }
            let fingerprint = SigningKey.fingerprint([UInt8](key))
            guard SigningKey.isValid(signature: signature, of: manifestBytes, publicKey: [UInt8](key)) else {
                throw PackageError("\(name): the signature does not match the manifest: the package was changed after it was "
                    + "signed; do not use it")
            }
            if let trustedKey, SigningKey.fingerprint(trustedKey) != fingerprint {
                throw PackageError("\(name): signed by key \(fingerprint.prefix(16)), not by the key you trust "
                    + "(\(SigningKey.fingerprint(trustedKey).prefix(16))); do not install it unless its sender confirms that key")
            }
            package.signer = fingerprint
            package.signatureBytes = signatureBytes
        } else if trustedKey != nil {
            throw PackageError("\(name): the package is not signed, but a signing key was required (--key); "
                + "ask the sender for a signed package (mecigep pack --sign KEY)")
        }
        return package
    }

    /// The manifest as text a person reads.
    public var summary: String {
        var lines = ["\(id) \(version)" + ((manifest["title"]?["en"]?.stringValue).map { ": \($0)" } ?? "")]
        lines.append("  content sha256: \(contentSHA256)")
        if let released = manifest["released"]?.stringValue, !released.isEmpty { lines.append("  released: \(released)") }
        if let e = manifest["extends"] {
            lines.append("  extends: \(e["id"]?.stringValue ?? "") \(e["range"]?.stringValue ?? e["version"]?.stringValue ?? "")")
        }
        let languages = (manifest["languages"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !languages.isEmpty { lines.append("  languages: \(languages.joined(separator: ", "))") }
        let modules = (manifest["modules"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !modules.isEmpty { lines.append("  modules: \(modules.joined(separator: ", "))") }
        if let adoption = manifest["adoption"].flatMap(Changelog.Adoption.init) {
            lines.append("  adoption: \(adoption.sentence)")
        } else {
            lines.append("  adoption: none recorded")
        }
        lines.append("  files: \(files.count), \(files.values.reduce(0) { $0 + $1.count }) bytes, every digest checked")
        lines.append("  signature: " + (signer.map { "valid, key \($0)" } ?? "none (unsigned)"))
        return lines.joined(separator: "\n")
    }

    // MARK: Installing

    /// Writes the files, the manifest and the signature into `folder` (created; removed again
    /// if anything fails).
    public func unpack(into folder: String) throws(PackageError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var all = files
            all[Self.manifestName] = manifestBytes
            if let signatureBytes { all[Self.signatureName] = signatureBytes }
            for (path, bytes) in all {
                let file = (folder as NSString).appendingPathComponent(path)
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
                    throw PackageError("cannot write \(file)")
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw (error as? PackageError) ?? PackageError("cannot unpack into \(folder): \(error.localizedDescription)")
        }
    }

    public enum InstallOutcome: Sendable, Equatable {
        case installed(String)
        case alreadyInstalled(String)
    }

    /// The folder a package of `id` and `version` is installed in.
    public static func installFolder(id: String, version: String, rulesFolder: String) -> String {
        (rulesFolder as NSString).appendingPathComponent("packages/\(id)@\(version)")
    }

    /// Unpacks the (verified) package into `<rules>/packages/<id>@<version>/`, refusing when a
    /// different framework with the same id and version is installed there or in the rules
    /// folder itself. The folder appears whole or not at all. `loadCheck` loads the unpacked
    /// framework and returns its content hash, which must equal the manifest's.
    public func install(into rulesFolder: String, workingCopy: (version: String, contentSHA256: String)?,
                        loadCheck: (String) throws(PackageError) -> String) throws(PackageError) -> InstallOutcome {
        let target = Self.installFolder(id: id, version: version, rulesFolder: rulesFolder)
        if FileManager.default.fileExists(atPath: target) {
            let installed = try? Self.openInstalled(folder: target)
            if installed?.contentSHA256 == contentSHA256 { return .alreadyInstalled(target) }
            throw PackageError("a different \(id) \(version) is installed in \(target) (content "
                + "\((installed?.contentSHA256 ?? "unreadable").prefix(16)), this package \(contentSHA256.prefix(16))); one id and version "
                + "name one framework: ask the sender to release a new version, or remove \(target) if it is known to be wrong")
        }
        if let working = workingCopy, working.version == version, working.contentSHA256 != contentSHA256 {
            throw PackageError("\(rulesFolder)/frameworks/\(id) is also \(id) \(version) but with other content ("
                + "\(working.contentSHA256.prefix(16)), this package \(contentSHA256.prefix(16))); one id and version name one "
                + "framework: release the edited copy as a new version first")
        }
        let packages = (rulesFolder as NSString).appendingPathComponent("packages")
        let temporary = (packages as NSString).appendingPathComponent(".install-\(UUID().uuidString)")
        try unpack(into: temporary)
        do throws(PackageError) {
            let loaded = try loadCheck((temporary as NSString).appendingPathComponent("rules"))
            guard loaded == contentSHA256 else {
                throw PackageError("the package's rules load with content \(loaded.prefix(16)), not the manifest's "
                    + "\(contentSHA256.prefix(16)); refused")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw PackageError("cannot move the package into \(target): \(reason)")
        }
        return .installed(target)
    }
}
