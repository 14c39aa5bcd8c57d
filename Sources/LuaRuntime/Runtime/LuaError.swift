import CLua

/// Everything that can go wrong when running Lua in the sandbox, as one typed error.
///
/// `kind` is a stable code. The budget kinds (`instructionLimit`, `memoryLimit`, `timeLimit`)
/// and `sandboxViolation` come from host state recorded when the run was stopped, never from
/// matching the error text, so rule code cannot fake or hide them.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error code. New kinds may be added; compare with the static values.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The chunk does not compile.
        public static let syntax = Kind(rawValue: "syntax")
        /// The code raised an error while running.
        public static let runtime = Kind(rawValue: "runtime")
        /// The call ran more instructions (or pattern-matching steps) than its budget.
        public static let instructionLimit = Kind(rawValue: "instruction_limit")
        /// The state needed more memory than its cap.
        public static let memoryLimit = Kind(rawValue: "memory_limit")
        /// The call ran past its wall-clock deadline.
        public static let timeLimit = Kind(rawValue: "time_limit")
        /// The code tried something the sandbox forbids (a removed library, a binary chunk,
        /// a path outside the module roots, changing a read-only table, a finalizer).
        public static let sandboxViolation = Kind(rawValue: "sandbox_violation")
        /// A value could not be converted between Swift and Lua.
        public static let conversion = Kind(rawValue: "conversion")
        /// A module or file could not be read.
        public static let io = Kind(rawValue: "io")
        /// A call in fast mode ran past its window (or did what fast mode does not watch): no
        /// verdict; run it again without fast mode (`LuaRuntime.call(_:with:fast:)`).
        public static let rerun = Kind(rawValue: "rerun")
        /// The runtime itself could not be set up or was misused.
        public static let host = Kind(rawValue: "host")
    }

    public var kind: Kind
    /// What went wrong, without the location prefix Lua adds when one could be parsed.
    public var message: String
    /// The chunk (file) the error points to, if known.
    public var chunkName: String?
    /// The line in that chunk, if known.
    public var line: Int?
    /// Lua's stack traceback at the point of the error, if there was one.
    public var traceback: String?
    /// What the code printed before it failed (captured, capped).
    public var log: String

    public init(kind: Kind, message: String, chunkName: String? = nil, line: Int? = nil,
                traceback: String? = nil, log: String = "") {
        self.kind = kind
        self.message = message
        self.chunkName = chunkName
        self.line = line
        self.traceback = traceback
        self.log = log
    }

    public var description: String {
        var where_ = ""
        if let chunkName {
            where_ = chunkName + (line.map { ":\($0)" } ?? "") + ": "
        }
        return "\(where_)\(kind.rawValue): \(message)"
    }

    /// The error as a JSON-like value: kind, message, file, line (and traceback when present).
    public var value: LuaValue {
        var o: [String: LuaValue] = ["kind": .string(kind.rawValue), "message": .string(message)]
        o["file"] = chunkName.map { .string($0) } ?? .null
        o["line"] = line.map { .integer(Int64($0)) } ?? .null
        if let traceback { o["traceback"] = .string(traceback) }
        return .object(o)
    }
}

extension LuaError {
    /// The error for a chunk that did not load (the message is at the top of `L`'s stack).
    /// LUA_ERRMEM is memory; anything else the parser raises ("C stack overflow" on absurd
    /// nesting) is a problem with the source.
    static func loadFailure(_ L: OpaquePointer, status: Int32, chunkName: String) -> LuaError {
        let text = HostArguments.string(L, -1).map { String(decoding: $0, as: UTF8.self) } ?? "cannot compile"
        var error = LuaError(kind: status == LUA_ERRMEM ? .memoryLimit : .syntax, message: text, chunkName: chunkName)
        if let (_, line, message) = splitLocation(text) {
            error.line = line
            error.message = message
        }
        return error
    }

    /// Splits Lua's "chunk:line: message" prefix off a message.
    static func splitLocation(_ text: String) -> (chunk: String, line: Int, message: String)? {
        // Lua formats the chunk name with luaO_chunkid: a file name, or [string "..."].
        var searchStart = text.startIndex
        if text.hasPrefix("[string \""), let close = text.range(of: "\"]") {
            searchStart = close.upperBound
        }
        guard let colon = text[searchStart...].firstIndex(of: ":") else { return nil }
        let afterColon = text.index(after: colon)
        guard let colon2 = text[afterColon...].firstIndex(of: ":") else { return nil }
        guard let line = Int(text[afterColon..<colon2]) else { return nil }
        var rest = text[text.index(after: colon2)...]
        if rest.hasPrefix(" ") { rest = rest.dropFirst() }
        return (String(text[..<colon]), line, String(rest))
    }
}
