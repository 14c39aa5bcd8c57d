import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine

/// `mecigep check [DIR]`: loads every framework, validates it, and lints every rule file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every framework and flag undefined globals in rule code.",
        discussion: """
            Reports every problem at once as file:line: subject: what to fix. Reads of globals \
            the sandbox does not have (a typo such as strng.find), unknown library functions \
            (string.fnd) and global assignments are flagged from Lua's own compiled code, before \
            any case runs. For versioned frameworks (with a CHANGELOG.md): the version needs a \
            changelog entry, a released version's rules must not change (releases.json), and \
            a patch version that moves levels on the example cases is a warning \
            (docs/frameworks.md). Exit code 1 when anything but a warning or note is found.
            """
    )

    @Argument(help: "The rules folder (default: --rules, $MECIGEP_RULES, else ./rules).")
    var directory: String?

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "Only this framework (ID; ID@VERSION or a package file: that package's own rules).")
    var framework: String?

    @Option(help: "Output: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json }

    struct Problem {
        var file: String?
        var line: Int?
        var subject: String
        var message: String
        /// Printed, but does not fail the check: a choice the author may make on purpose.
        var warning = false
        /// Printed for information (e.g. a version not released yet); never fails the check.
        var note = false
        var text: String {
            (file.map { $0 + (line.map { ":\($0)" } ?? "") + ": " } ?? "") + (warning ? "warning: " : note ? "note: " : "")
                + "\(subject): \(message)"
        }
    }

    func run() throws {
        var options = rulesOptions
        if let directory { options.rules = directory }
        let (loader, framework) = try packagedRules(self.framework, options.loader(for: self.framework))
        let ids = framework.map { [$0] } ?? loader.frameworkIDs()
        var problems: [Problem] = []
        for id in ids {
            do throws(FrameworkLoadError) {
                let framework = try loader.load(id)
                problems += Self.levelLiterals(framework, rules: loader.rulesFolder)
                problems += Self.undeclaredPaths(framework, rules: loader.rulesFolder)
                for finding in ReleaseCheck.check(framework, loader: loader, engineVersion: MecigepVersion.current) {
                    problems.append(Problem(file: finding.file, line: finding.line, subject: framework.id, message: finding.message,
                                            warning: finding.severity == .warning, note: finding.severity == .note))
                }
                if !framework.insufficientCountsAsLowest {
                    problems.append(Problem(file: "\(framework.folder)/framework.lua", subject: framework.id, message:
                        "insufficient = \"exclude\" leaves indicators without information out of the averages, so a State "
                        + "that omits a weak answer scores higher than one that gives it; keep it only if that is intended "
                        + "(the default, \"lowest\", counts them as the lowest level)", warning: true))
                }
            } catch {
                problems += error.problems.map { Problem(file: $0.file, line: $0.line, subject: $0.subject, message: $0.message) }
            }
        }
        let files = Self.luaFiles(loader.rulesFolder, frameworks: framework.map { [$0] })
        for p in try lint(files, loader: loader) where p.subject != "syntax"
            || !problems.contains(where: { $0.file == p.file && $0.line == p.line }) {
            problems.append(p)
        }
        let warnings = problems.filter(\.warning).count
        let failures = problems.filter { !$0.warning && !$0.note }.count
        switch format {
        case .text:
            for p in problems { Console.output(p.text) }
            let noted = warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"
            Console.error(failures == 0
                ? "no problems in \(ids.count) framework\(ids.count == 1 ? "" : "s") and \(files.count) rule files\(noted)"
                : "\(failures) problem\(failures == 1 ? "" : "s") found\(noted)")
        case .json:
            let list: [LuaValue] = problems.map { p in
                ["file": p.file.map { .string($0) } ?? .null, "line": p.line.map { .integer(Int64($0)) } ?? .null,
                 "subject": .string(p.subject), "message": .string(p.message), "warning": .bool(p.warning),
                 "note": .bool(p.note)]
            }
            Console.output(LuaValue.object(["problems": .array(list), "frameworks": .integer(Int64(ids.count)),
                                            "files": .integer(Int64(files.count))]).jsonText(pretty: true))
        }
        if failures > 0 { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }

    /// Literal levels in a framework's own files (`ctx.level(5)`) that are not on its scale.
    static func levelLiterals(_ framework: Framework, rules: String) -> [Problem] {
        var problems: [Problem] = []
        let scale = framework.scale
        for source in framework.sources where source.path.hasPrefix("frameworks/\(framework.id)/") {
            let file = (rules as NSString).appendingPathComponent(source.path)
            guard let data = FileManager.default.contents(atPath: file),
                  let literals = try? LuaBytecode.levelLiterals(in: String(decoding: data, as: UTF8.self), chunkName: file)
            else { continue }
            for (value, line) in literals where scale.exactLevel(value) == nil {
                problems.append(Problem(file: file, line: line, subject: "level off the scale",
                                        message: "level \(value.jsonText()) is not on the scale '\(scale.id)' "
                                            + "(\(scale.levelList)); a rule returning it fails at run time"))
            }
        }
        return problems
    }

    /// Case paths a framework's own files name (string constants shaped like paths, field
    /// chains read from `case`) that neither its `fields` nor any indicator's `reads` or
    /// `requires` declare: a typo such as `case.evidence.evalution` reads nothing and quietly
    /// lowers a level. Each is reported once per file and line, with the nearest declared path.
    static func undeclaredPaths(_ framework: Framework, rules: String) -> [Problem] {
        let plain = CaseValidator.withoutIndices
        var declared = Set(framework.fields.map { plain($0.path) })
        for indicator in framework.indicators {
            for path in indicator.reads + indicator.requires { declared.insert(plain(path)) }
        }
        guard !declared.isEmpty else { return [] }
        let roots = Set(declared.compactMap { $0.split(separator: ".").first.map(String.init) })
        // every declared path and every block above one: what a suggestion may name
        var known = Set<String>()
        for path in declared {
            var prefix = ""
            for part in path.split(separator: ".") {
                prefix = prefix.isEmpty ? String(part) : prefix + "." + part
                known.insert(prefix)
            }
        }
        func isDeclared(_ path: String) -> Bool {
            if declared.contains(path) { return true }
            // an enclosing block of a declared field, or a field inside a declared block
            return declared.contains { $0.hasPrefix(path + ".") || path.hasPrefix($0 + ".") }
        }
        var problems: [Problem] = []
        for source in framework.sources where source.path.hasPrefix("frameworks/\(framework.id)/") && source.path.hasSuffix(".lua") {
            let file = (rules as NSString).appendingPathComponent(source.path)
            guard let data = FileManager.default.contents(atPath: file),
                  let found = try? LuaBytecode.casePaths(in: String(decoding: data, as: UTF8.self), chunkName: file, roots: roots)
            else { continue }
            var reported: [(line: Int, path: String)] = []
            for item in found {
                let path = plain(item.path)
                guard !isDeclared(path) else { continue }
                // `case.a.typo.more` reports `a.typo` once, not each longer chain
                if reported.contains(where: { $0.line == item.line && (path == $0.path || path.hasPrefix($0.path + ".")) }) { continue }
                reported.append((item.line, path))
                let hint = Spelling.nearest(path, in: known, maxDistance: max(2, path.count / 8)).map { " (did you mean \($0)?)" } ?? ""
                let how = item.fromCase ? "reads case.\(path)" : "names the case path \"\(path)\""
                problems.append(Problem(file: file, line: item.line, subject: "undeclared case path",
                                        message: "\(how), which neither the framework's fields nor any indicator's reads declare\(hint); "
                                            + "fix the name, or declare the path in fields or reads"))
            }
        }
        return problems
    }

    /// Lua files under lib/ and the frameworks' folders.
    static func luaFiles(_ rules: String, frameworks: [String]?) -> [String] {
        let all = (FileManager.default.enumerator(atPath: rules)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".lua") && !$0.hasSuffix(".d.lua") }  // annotation files never run
            .filter { !$0.hasPrefix("packages/") }  // installed packages: verified by digest, not authored here
            .filter { path in
                guard let frameworks else { return true }
                return path.hasPrefix("lib/") || frameworks.contains { path.hasPrefix("frameworks/\($0)/") }
            }
        return all.sorted().map { (rules as NSString).appendingPathComponent($0) }
    }

    /// The fields of each library table, read from a real sandbox.
    static func libraryFields() -> [String: Set<String>] {
        let value: LuaValue? = LuaThread.run {
            try? LuaRuntime().evaluate("""
                local out = {}
                for _, name in ipairs({ "string", "table", "math", "utf8", "coroutine" }) do
                  local keys = {}
                  for k in pairs(_G[name]) do keys[#keys + 1] = k end
                  out[name] = keys
                end
                return out
                """).value
        }
        var out: [String: Set<String>] = [:]
        for (name, keys) in value?.objectValue ?? [:] { out[name] = Set((keys.arrayValue ?? []).compactMap(\.stringValue)) }
        return out
    }

    func lint(_ files: [String], loader: FrameworkLoader) throws -> [Problem] {
        let known = SandboxPrelude.globals
        let libraries = Self.libraryFields()
        var problems: [Problem] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append(Problem(file: file, subject: "lint", message: "cannot read the file"))
                continue
            }
            // Lua accepts any bytes in string literals; the lint reads names, so lossy text will do.
            let source = String(decoding: data, as: UTF8.self)
            let accesses: [GlobalAccess]
            do throws(LuaError) { accesses = try LuaBytecode.globalAccesses(in: source, chunkName: file) } catch {
                problems.append(Problem(file: file, line: error.line, subject: "syntax", message: error.message))
                continue
            }
            for access in accesses {
                switch access.kind {
                case .read where !known.contains(access.name):
                    let hint = Self.closest(access.name, in: known).map { " (did you mean \($0)?)" } ?? ""
                    problems.append(Problem(file: file, line: access.line, subject: "undefined global",
                                            message: "reads '\(access.name)', which rule code does not have\(hint); declare it local or fix the name"))
                case .write:
                    let what = access.name.hasPrefix("_G.") ? "sets global '\(access.name.dropFirst(3))' through _G"
                        : access.name.hasPrefix("_G") || access.name.hasPrefix("rawset") ? "sets a global with \(access.name)"
                        : "sets global '\(access.name)'"
                    problems.append(Problem(file: file, line: access.line, subject: "global assignment",
                                            message: "\(what); rule files set no globals (they are frozen once loaded): use local"))
                case .field:
                    let parts = access.name.split(separator: ".", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let fields = libraries[parts[0]], !fields.contains(parts[1]) else { continue }
                    let hint = Self.closest(parts[1], in: fields).map { " (did you mean \(parts[0]).\($0)?)" } ?? ""
                    problems.append(Problem(file: file, line: access.line, subject: "unknown library function",
                                            message: "\(access.name) is not in the \(parts[0]) library\(hint)"))
                default:
                    break
                }
            }
        }
        return problems
    }

    /// The known name nearest to `name` by edit distance, when it is close.
    static func closest(_ name: String, in candidates: Set<String>) -> String? {
        Spelling.nearest(name, in: candidates, maxDistance: 2)
    }
}
