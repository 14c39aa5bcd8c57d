import Crypto
import Foundation

/// Ed25519 keys for signing framework packages (swift-crypto). A key file is one line of text:
/// `mecigep-ed25519-private <base64>` or `mecigep-ed25519-public <base64>`, so that it can be
/// mailed, pasted and compared by eye. A key is known by its fingerprint: the SHA-256 of its
/// 32 public bytes, in hex.
public enum SigningKey {
    static let privatePrefix = "mecigep-ed25519-private "
    static let publicPrefix = "mecigep-ed25519-public "

    /// A new key pair, as the texts of the private and the public key file.
    public static func generate() -> (privateKey: String, publicKey: String, fingerprint: String) {
        let key = Curve25519.Signing.PrivateKey()
        let publicBytes = [UInt8](key.publicKey.rawRepresentation)
        return (privatePrefix + key.rawRepresentation.base64EncodedString() + "\n",
                publicPrefix + Data(publicBytes).base64EncodedString() + "\n",
                fingerprint(publicBytes))
    }

    /// The fingerprint of a public key's 32 bytes.
    public static func fingerprint(_ publicBytes: [UInt8]) -> String { SHA256.hex(of: publicBytes) }

    /// Reads a private key file.
    public static func loadPrivate(path: String) throws(PackageError) -> Curve25519.Signing.PrivateKey {
        let bytes = try decode(path: path, prefix: privatePrefix, what: "private")
        do { return try Curve25519.Signing.PrivateKey(rawRepresentation: bytes) } catch {
            throw PackageError("\(path): not an Ed25519 private key (\(bytes.count) bytes)")
        }
    }

    /// Reads a public key file and returns its 32 bytes.
    public static func loadPublic(path: String) throws(PackageError) -> [UInt8] {
        let bytes = try decode(path: path, prefix: publicPrefix, what: "public")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil else {
            throw PackageError("\(path): not an Ed25519 public key (\(bytes.count) bytes)")
        }
        return bytes
    }

    private static func decode(path: String, prefix: String, what: String) throws(PackageError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PackageError("\(path): cannot read the \(what) key file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(prefix) else {
            let other = text.hasPrefix(privatePrefix) ? " (it is a private key)" : text.hasPrefix(publicPrefix) ? " (it is a public key)" : ""
            throw PackageError("\(path): not a mecigep \(what) key file\(other); make one with mecigep keys new NAME")
        }
        guard let bytes = Data(base64Encoded: String(text.dropFirst(prefix.count))) else {
            throw PackageError("\(path): the key is not valid base64")
        }
        return [UInt8](bytes)
    }

    /// The signature of `message`, base64.
    static func sign(_ message: [UInt8], with key: Curve25519.Signing.PrivateKey) throws(PackageError) -> String {
        do { return try key.signature(for: message).base64EncodedString() } catch {
            throw PackageError("signing failed: \(error)")
        }
    }

    /// Whether `signature` (base64) is `publicKey`'s signature of `message`.
    static func isValid(signature: String, of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard let sig = Data(base64Encoded: signature),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(sig, for: message)
    }
}

/// A problem with a framework package, a key or a release, said so that the reader knows what
/// to do.
public struct PackageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
