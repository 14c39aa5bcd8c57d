import Foundation
import LuaRuntime

/// A submitted case: the document as loaded, its id and the SHA-256 of its bytes.
public struct CaseDocument: Sendable {
    /// The case's `id` field, else the file name without extension.
    public var id: String
    /// The file it came from, if any.
    public var file: String?
    /// SHA-256 of the document's bytes.
    public var sha256: String
    public var value: LuaValue

    public init(id: String, file: String? = nil, sha256: String, value: LuaValue) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.value = value
    }

    /// Reads a YAML or JSON case file. The file is read once: its hash is the hash of the very
    /// bytes parsed (a file edited while it is read cannot lend its hash to other contents).
    public static func load(path: String, limits: DocumentLimits = .init()) throws(DocumentError) -> CaseDocument {
        let (value, data) = try DocumentLoader.loadWithBytes(path: path, limits: limits)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return CaseDocument(id: value["id"]?.stringValue ?? stem, file: path, sha256: SHA256.hex(of: data), value: value)
    }

    /// A case from a value (tests, generated corpora); the hash is over its canonical JSON.
    public init(id: String, value: LuaValue) {
        self.init(id: id, sha256: SHA256.hex(of: Array(value.jsonText().utf8)), value: value)
    }
}

/// Something wrong with a field of a case: its path and what is wrong.
public struct CaseIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
