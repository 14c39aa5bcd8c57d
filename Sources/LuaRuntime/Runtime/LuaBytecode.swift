import CLua
import Foundation

/// A global variable a chunk reads or writes, found in its compiled bytecode.
public struct GlobalAccess: Sendable, Hashable {
    public enum Kind: String, Sendable { case read, write, field }
    public var name: String
    public var kind: Kind
    public var line: Int
}

/// Static facts about a chunk, read from Lua 5.4's own compiler output: the compiler has
/// already resolved every name to a local, an upvalue or a global, so no guessing is needed.
/// The chunk is compiled in a bare state and never run.
public enum LuaBytecode {
    /// Reads (`GETTABUP _ENV "name"`), writes (`SETTABUP`), and fields read right after a
    /// global (`string.fnd` gives a `.field` access named "string.fnd").
    public static func globalAccesses(in source: String, chunkName: String) throws(LuaError) -> [GlobalAccess] {
        var accesses: [GlobalAccess] = []
        collectGlobalAccesses(in: try prototype(of: source, chunkName: chunkName), into: &accesses)
        return accesses.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
    }

    /// Literal levels passed to a `level` method or field (`ctx.level(5)`, `m.level("E")`): an
    /// integer (LOADI) or a string constant (LOADK) loaded as the first argument of the call.
    public static func levelLiterals(in source: String, chunkName: String) throws(LuaError) -> [(value: LuaValue, line: Int)] {
        var out: [(LuaValue, Int)] = []
        func scan(_ proto: Reader.Prototype) {
            for child in proto.children { scan(child) }
            let code = proto.code
            for (pc, instruction) in code.enumerated() where instruction & 0x7f == 14 && pc + 1 < code.count { // GETFIELD
                let a = Int((instruction >> 7) & 0xff), c = Int((instruction >> 24) & 0xff)
                guard c < proto.constants.count, proto.constants[c] == "level" else { continue }
                let next = code[pc + 1]
                guard Int((next >> 7) & 0xff) == a + 1 else { continue }
                // ... and the function in R[a] is then called (CALL or TAILCALL with A = a)
                let called = code[(pc + 2)..<min(code.count, pc + 10)].contains { i in
                    (i & 0x7f == 68 || i & 0x7f == 69) && Int((i >> 7) & 0xff) == a
                }
                guard called else { continue }
                switch next & 0x7f {
                case 1: out.append((.integer(Int64(Int(next >> 15) - 65535)), proto.line(pc + 1)))  // LOADI sBx
                case 3:                                                                              // LOADK Bx
                    let k = Int(next >> 15)
                    if k < proto.constants.count, let text = proto.constants[k] { out.append((.string(text), proto.line(pc + 1))) }
                default: break
                }
            }
        }
        scan(try prototype(of: source, chunkName: chunkName))
        return out.sorted { $0.1 < $1.1 }
    }

    /// A case path a rule file names: a string constant shaped like one ("problem.baseline"),
    /// or a chain of fields read from a local named `case` (`case.evidence.evalution`).
    public struct CasePath: Sendable, Hashable {
        public var path: String
        public var line: Int
        /// True for a field chain read from `case`, false for a string constant.
        public var fromCase: Bool
    }

    /// The case paths in `source` whose first segment is one of `roots` (the top-level fields of
    /// the case format, so that module names and prose are not taken for paths). Field chains
    /// are followed through plain assignments within a function (`local p = case.problem`);
    /// what goes through a call or a loop variable is not followed.
    public static func casePaths(in source: String, chunkName: String, roots: Set<String>) throws(LuaError) -> [CasePath] {
        var out: [CasePath] = []
        func looksLikePath(_ s: String) -> Bool {
            // a fragment joined at run time (".documents") is not a path
            guard !s.hasPrefix("."), !s.hasSuffix("."), !s.contains("..") else { return false }
            guard let first = s.split(separator: ".", maxSplits: 1).first, roots.contains(String(first)) else { return false }
            return s.contains(".") && s.allSatisfy { $0.isLetter || $0.isNumber || "._[]".contains($0) }
        }
        func scan(_ proto: Reader.Prototype) {
            for child in proto.children { scan(child) }
            let caseLocals = proto.locals.indices.filter { proto.locals[$0].name == "case" }
            var paths: [Int: String] = [:]
            func constant(_ k: Int) -> String? { k < proto.constants.count ? proto.constants[k] : nil }
            for (pc, i) in proto.code.enumerated() {
                for local in caseLocals where proto.locals[local].start == pc {
                    paths[proto.register(ofLocal: local)] = ""
                }
                let op = Int(i & 0x7f), a = Int((i >> 7) & 0xff), b = Int((i >> 16) & 0xff), c = Int((i >> 24) & 0xff)
                let k = (i >> 15) & 1 == 1
                switch op {
                case 0:                                         // MOVE
                    paths[a] = paths[b]
                case 3:                                         // LOADK
                    if let text = constant(Int(i >> 15)), looksLikePath(text) {
                        out.append(CasePath(path: text, line: proto.line(pc), fromCase: false))
                    }
                    paths[a] = nil
                case 16, 17, 18:                                // SETTABLE/SETI/SETFIELD (a constant value when k)
                    if k, let text = constant(c), looksLikePath(text) {
                        out.append(CasePath(path: text, line: proto.line(pc), fromCase: false))
                    }
                case 14:                                        // GETFIELD R[A] := R[B][K[C]]
                    if let base = paths[b], let name = constant(c) {
                        let path = base.isEmpty ? name : base + "." + name
                        out.append(CasePath(path: path, line: proto.line(pc), fromCase: true))
                        paths[a] = path
                    } else {
                        paths[a] = nil
                    }
                case 13:                                        // GETI R[A] := R[B][C]
                    paths[a] = paths[b].map { $0 + "[]" }
                case 8, 68, 69, 73, 74, 75, 76, 77, 80:          // write A and above
                    paths = paths.filter { $0.key < a }
                case 20:                                        // SELF writes A and A+1
                    paths[a] = nil
                    paths[a + 1] = nil
                case 1...7, 9, 11, 12, 19, 21...45, 49...53, 67, 79:
                    paths[a] = nil
                default:
                    break
                }
            }
        }
        scan(try prototype(of: source, chunkName: chunkName))
        return out.sorted { ($0.line, $0.path) < ($1.line, $1.path) }
    }

    /// Compiles `source` in a bare state (never run) and reads its bytecode.
    private static func prototype(of source: String, chunkName: String) throws(LuaError) -> Reader.Prototype {
        let dump = try dump(of: Array(source.utf8), chunkName: chunkName, memoryLimit: 256 << 20)
        return try dump.withUnsafeBufferPointer { (bytes) throws(LuaError) -> Reader.Prototype in
            var reader = Reader(bytes: bytes)
            do throws(Reader.Malformed) {
                try reader.header()
                return try reader.prototype(parentSource: nil)
            } catch {
                throw LuaError(kind: .host, message: "unexpected bytecode layout: \(error.what)")
            }
        }
    }

    /// `source` compiled as text in a bare state of its own (never run), within `memoryLimit`
    /// bytes, and its main function dumped with debug information: what the static checks read,
    /// and what `ModulePrecompiler` hands `require`. Throws the compile error.
    static func dump(of source: [UInt8], chunkName: String, memoryLimit: Int) throws(LuaError) -> [UInt8] {
        let budget = UnsafeMutablePointer<clua_budget>.allocate(capacity: 1)
        budget.initialize(to: clua_budget())
        budget.pointee.memory_limit = memoryLimit
        defer { budget.deallocate() }
        guard let L = clua_newstate(budget) else { throw LuaError(kind: .host, message: "out of memory") }
        defer { clua_close(L) }
        let name = LuaRuntime.luaChunkName(chunkName)
        let status = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { clua_loadtext(L, $0.baseAddress, $0.count, name) }
        }
        guard status == LUA_OK else { throw LuaError.loadFailure(L, status: status, chunkName: chunkName) }
        var bytes = clua_bytes()
        defer { free(bytes.data) }
        guard clua_dump(L, &bytes) != 0, let data = bytes.data else {
            throw LuaError(kind: .host, message: "could not read the compiled chunk")
        }
        return Array(UnsafeBufferPointer(start: data, count: bytes.length))
    }

    /// Global reads and writes in a function and the functions nested in it.
    private static func collectGlobalAccesses(in proto: Reader.Prototype, into accesses: inout [GlobalAccess]) {
        for child in proto.children { collectGlobalAccesses(in: child, into: &accesses) }
        let code = proto.code, upvalueNames = proto.upvalueNames, constants = proto.constants
        func line(_ pc: Int) -> Int { proto.line(pc) }
        func isEnv(_ upvalue: Int) -> Bool { upvalue < upvalueNames.count && upvalueNames[upvalue] == "_ENV" }
        func constant(_ k: Int) -> String? { k < constants.count ? constants[k] : nil }
        /// A SETFIELD / SETTABLE / SETI into `register` within the next instructions, before
        /// the register is given another value: a write into the table it holds (_G).
        func writeThrough(register: Int, from start: Int) -> GlobalAccess? {
            var pc = start
            while pc < code.count && pc < start + 24 {
                let instruction = code[pc]
                let op = instruction & 0x7f
                let target = Int((instruction >> 7) & 0xff)
                if target == register {
                    if op == 18, let field = constant(Int((instruction >> 16) & 0xff)) { // SETFIELD
                        return GlobalAccess(name: "_G.\(field)", kind: .write, line: line(pc))
                    }
                    if op == 16 || op == 17 {   // SETTABLE, SETI
                        return GlobalAccess(name: "_G[...]", kind: .write, line: line(pc))
                    }
                    // anything else that names the register as its target overwrites it
                    if op != 10 && op != 15 && op < 56 { return nil }
                }
                pc += 1
            }
            return nil
        }

        for (pc, instruction) in code.enumerated() {
            let op = instruction & 0x7f
            let a = Int((instruction >> 7) & 0xff)
            let b = Int((instruction >> 16) & 0xff)
            let c = Int((instruction >> 24) & 0xff)
            switch op {
            case 11 where isEnv(b):            // GETTABUP R[A] := _ENV[K[C]]
                guard let name = constant(c) else { continue }
                accesses.append(GlobalAccess(name: name, kind: .read, line: line(pc)))
                if name == "_G", let write = writeThrough(register: a, from: pc + 1) {
                    accesses.append(write)       // _G.x = v, or a write through an alias of _G
                }
                if name == "rawset", pc + 1 < code.count {
                    let next = code[pc + 1]      // rawset(_G, ...): _G loaded as the first argument
                    if next & 0x7f == 11, isEnv(Int((next >> 16) & 0xff)), Int((next >> 7) & 0xff) == a + 1,
                       constant(Int((next >> 24) & 0xff)) == "_G" {
                        accesses.append(GlobalAccess(name: "rawset(_G, ...)", kind: .write, line: line(pc)))
                    }
                }
                if pc + 1 < code.count {
                    let next = code[pc + 1]
                    // GETFIELD R[x] := R[A][K[C]] right after: a field of that global
                    if next & 0x7f == 14, Int((next >> 16) & 0xff) == a, let field = constant(Int((next >> 24) & 0xff)) {
                        accesses.append(GlobalAccess(name: "\(name).\(field)", kind: .field, line: line(pc + 1)))
                    }
                }
            case 15 where isEnv(a):            // SETTABUP _ENV[K[B]] := RK(C)
                guard let name = constant(b) else { continue }
                accesses.append(GlobalAccess(name: name, kind: .write, line: line(pc)))
            default:
                break
            }
        }
    }

    /// An assignment to a variable that outlives one call, found in bytecode.
    public struct UpvalueWrite: Sendable, Equatable {
        public var source: String
        public var line: Int
        public var name: String
    }

    /// The first `SETUPVAL` in a dumped closure (`string.dump`) that assigns a variable living
    /// longer than a call: an upvalue of the closure itself (it exists now, so it outlives any
    /// call), or an upvalue of a nested function that refers, through its enclosing functions'
    /// upvalues, to one of those. Locals of the function being called are free to assign.
    /// Returns nil when there is none (or the dump cannot be read).
    public static func persistentUpvalueWrites(in dump: UnsafeRawBufferPointer) -> UpvalueWrite? {
        var reader = Reader(bytes: dump.bindMemory(to: UInt8.self))
        do throws(Reader.Malformed) {
            try reader.header()
            let root = try reader.prototype(parentSource: nil)
            return firstWrite(in: root, persistent: Array(repeating: true, count: root.upvalues.count))
        } catch {
            return nil
        }
    }

    private static func firstWrite(in proto: Reader.Prototype, persistent: [Bool]) -> UpvalueWrite? {
        for (pc, instruction) in proto.code.enumerated() where instruction & 0x7f == 10 { // SETUPVAL
            let b = Int((instruction >> 16) & 0xff)
            if b < persistent.count, persistent[b] {
                let name = b < proto.upvalueNames.count ? proto.upvalueNames[b] ?? "?" : "?"
                return UpvalueWrite(source: proto.source ?? "?", line: proto.line(pc), name: name)
            }
        }
        for child in proto.children {
            let inherited = child.upvalues.map { up in !up.inStack && Int(up.index) < persistent.count && persistent[Int(up.index)] }
            if inherited.contains(true), let write = firstWrite(in: child, persistent: inherited) { return write }
        }
        return nil
    }

    /// A reader of the binary chunk format of Lua 5.4 (ldump.c).
    struct Reader {
        struct Malformed: Error { var what: String }
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func byte() throws(Malformed) -> UInt8 {
            guard at < bytes.count else { throw Malformed(what: "truncated") }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func skip(_ n: Int) throws(Malformed) {
            guard at + n <= bytes.count else { throw Malformed(what: "truncated") }
            at += n
        }

        /// dumpSize: 7-bit groups, most significant first, the last byte marked with 0x80.
        mutating func size() throws(Malformed) -> Int {
            var x = 0
            while true {
                let b = try byte()
                x = (x << 7) | Int(b & 0x7f)
                if b & 0x80 != 0 { return x }
                if x > Int.max >> 8 { throw Malformed(what: "size too large") }
            }
        }

        mutating func string() throws(Malformed) -> String? {
            let n = try size()
            if n == 0 { return nil }
            guard at + n - 1 <= bytes.count else { throw Malformed(what: "truncated string") }
            let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n - 1)]), as: UTF8.self)
            at += n - 1
            return s
        }

        mutating func header() throws(Malformed) {
            guard try byte() == 0x1b, try byte() == 0x4c, try byte() == 0x75, try byte() == 0x61 else {
                throw Malformed(what: "signature")
            }
            guard try byte() == 0x54 else { throw Malformed(what: "not Lua 5.4") }
            try skip(1 + 6)                       // format, LUAC_DATA
            guard try byte() == 4 else { throw Malformed(what: "instruction size") }
            try skip(2 + 8 + 8 + 1)               // integer and number sizes, checks, main upvalue count
        }

        /// One function of a dump (with the functions nested in it), as the static checks read it.
        struct Prototype {
            var source: String?
            var lineDefined: Int
            var code: [UInt32]
            /// String constants by index (nil for other kinds).
            var constants: [String?]
            var upvalues: [(inStack: Bool, index: UInt8)]
            var children: [Prototype]
            var lineInfo: [Int8]
            var absolute: [(pc: Int, line: Int)]
            var upvalueNames: [String?]
            /// Local variables (debug information): name, and the pcs where each is active.
            var locals: [(name: String?, start: Int, end: Int)] = []

            /// The register of local `index`: the number of locals still active where it starts.
            func register(ofLocal index: Int) -> Int {
                let start = locals[index].start
                return locals[..<index].filter { $0.start <= start && start < $0.end }.count
            }

            func line(_ pc: Int) -> Int {
                guard !lineInfo.isEmpty else { return lineDefined }
                var i = -1
                while i + 1 < absolute.count && pc >= absolute[i + 1].pc { i += 1 }
                var basePC = i >= 0 ? absolute[i].pc : -1
                var base = i >= 0 ? absolute[i].line : lineDefined
                while basePC < pc {
                    basePC += 1
                    if basePC < lineInfo.count { base += Int(lineInfo[basePC]) }
                }
                return base
            }
        }

        mutating func prototype(parentSource: String?) throws(Malformed) -> Prototype {
            let source = try string() ?? parentSource
            let lineDefined = try size()
            _ = try size()                         // last line defined
            try skip(3)                            // params, vararg, max stack
            let codeCount = try size()
            guard at + 4 * codeCount <= bytes.count else { throw Malformed(what: "truncated code") }
            var code: [UInt32] = []
            code.reserveCapacity(codeCount)
            for _ in 0..<codeCount {
                var word: UInt32 = 0
                for k in 0..<4 { word |= UInt32(bytes[at + k]) << (8 * k) }
                at += 4
                code.append(UInt32(littleEndian: word))
            }
            var constants: [String?] = []
            for _ in 0..<(try size()) {
                switch try byte() {
                case 3, 19: try skip(8); constants.append(nil)
                case 4, 20: constants.append(try string())
                default: constants.append(nil)
                }
            }
            var upvalues: [(Bool, UInt8)] = []
            for _ in 0..<(try size()) {
                let inStack = try byte() != 0
                let index = try byte()
                _ = try byte()                     // kind
                upvalues.append((inStack, index))
            }
            var children: [Prototype] = []
            for _ in 0..<(try size()) { children.append(try prototype(parentSource: source)) }
            var lineInfo: [Int8] = []
            for _ in 0..<(try size()) { lineInfo.append(Int8(bitPattern: try byte())) }
            var absolute: [(pc: Int, line: Int)] = []
            for _ in 0..<(try size()) { absolute.append((try size(), try size())) }
            var locals: [(name: String?, start: Int, end: Int)] = []
            for _ in 0..<(try size()) { locals.append((try string(), try size(), try size())) }
            var upvalueNames: [String?] = []
            for _ in 0..<(try size()) { upvalueNames.append(try string()) }
            return Prototype(source: source, lineDefined: lineDefined, code: code, constants: constants, upvalues: upvalues,
                             children: children,
                             lineInfo: lineInfo, absolute: absolute, upvalueNames: upvalueNames, locals: locals)
        }
    }
}
