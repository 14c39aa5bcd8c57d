import ArgumentParser
import Foundation
import LuaRuntime
import MecigepEngine
import MecigepReports
import Synchronization

/// `mecigep assess CASE...`: runs a framework on one case or many.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess cases (YAML or JSON files, or folders of them) with a framework.",
        discussion: """
            One case: the assessment goes to standard output. Several cases (or --out): one file \
            per case in --out, plus summary.json and summary.csv. Cases run in parallel; a bad \
            case is reported and the rest go on. A case that `mecigep validate` calls invalid is \
            reported with its problems and not assessed. An output that cannot be written is \
            reported with its path and reason and counted as failed. Exit code 1 when any case, \
            rule or output failed.

            --jsonl: the input is a stream of cases, one JSON document per line (a file, or - for \
            standard input), and the output one compact assessment per line, in input order (to \
            standard output, or to the file --out names): what pipelines and what-if runs over \
            large corpora use. A line that cannot be assessed gives a line with its error.
            """
    )

    @Argument(help: "Case files or folders.")
    var cases: [String]

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var frameworkOption: FrameworkOption
    @OptionGroup var limitOptions: LimitOptions

    @Option(help: "Output format: json, yaml, csv, text (a readable summary), md or html (a report).")
    var format: AssessmentFormat = .json

    @Option(help: "Language of labels, summaries and reports: en, es, pt or fr.")
    var lang: ReportLanguage?

    @Option(help: "Folder for one output file per case and the summary.")
    var out: String?

    @Option(help: "Cases assessed in parallel (default: all cores; at most twice the cores without --force).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Allow --jobs above twice the number of cores.")
    var force = false

    @Flag(help: "Fail a case when any of its rules fails.")
    var strict = false

    @Flag(help: "Indent JSON files written into --out (they are compact by default; standard output is always indented).")
    var pretty = false

    @Flag(help: "Record the time of the assessment (output is then no longer byte-identical).")
    var timestamp = false

    @Flag(help: "Cases as JSON lines (a file, or - for standard input); assessments as JSON lines, in input order, to standard output or the file --out names.")
    var jsonl = false

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        if jsonl { return try runStream() }
        let rulesLoader = try rulesOptions.loader(limits: limitOptions.limits, for: frameworkOption.framework)
        let (files, missing) = BatchRunner.caseFiles(cases)
        for path in missing { Console.error("mecigep: \(path): no such file or folder") }
        guard !files.isEmpty else {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess: no case files found in \(cases.joined(separator: " "))")
        }
        if files.count > 1 && out == nil {
            throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess: \(files.count) cases: pass --out DIR for one file per case")
        }
        let jobs = cappedJobs()
        // the first case of each worker read and parsed while the framework loads
        let readAhead = CaseReadAhead(files: Array(files.prefix(jobs)))
        let (framework, loader) = try loadFramework(frameworkOption.framework, rulesLoader)
        let lang = try language(self.lang, for: framework, command: "assess")
        let options = AssessmentOptions(strict: strict, timestamp: timestamp ? Date() : nil, rejectInvalid: true)
        var runner = BatchRunner(framework: framework, loader: loader, jobs: jobs, options: options,
                                 engineVersion: MecigepVersion.current)
        runner.readAhead = readAhead
        var folderLock: FolderLock?
        if let out {
            do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                throw CommandFailure(code: MecigepExit.usage, message: "mecigep assess: cannot create --out \(out): "
                    + error.localizedDescription)
            }
            // Two runs into one folder would mix their files and summaries: one at a time.
            folderLock = try FolderLock(folder: out)
        }
        defer { folderLock?.release() }
        let tally = Tally(total: files.count, progress: standardErrorIsTerminal && files.count > 1)
        let names = OutputNames(files: files, extension: format.rawValue)
        if let out { try tally.keepSummaryRows(in: out, files: files, names: names) }
        let format = self.format, out = self.out, pretty = self.pretty
        runner.run(files: files) { index, outcome in
            // Rendering and writing happen on the worker threads, in parallel.
            var unwritten: String?
            if case .assessed(let assessment) = outcome {
                if let out {
                    let path = (out as NSString).appendingPathComponent(names[index])
                    // flushed to disk once for the whole batch, below: one sync instead of one per file
                    do throws(CommandFailure) {
                        try format.withRendered(assessment, language: lang, pretty: pretty) { (bytes) throws(CommandFailure) in
                            try writeAtomically(bytes, to: path, sync: false)
                        }
                    } catch {
                        unwritten = error.message ?? "cannot write \(path)"
                    }
                } else {
                    format.withRendered(assessment, language: lang, pretty: true) { Console.output(line: $0) }
                }
            }
            tally.lock.withLock {
                tally.clearProgress()
                if let unwritten {
                    tally.writeFailed(index, unwritten)
                    Console.error("mecigep: \(unwritten)")
                } else {
                    tally.record(index, outcome)
                }
                switch outcome {
                case .failed(_, let message): Console.error("mecigep: \(message)")
                case .invalid(let file, let issues):
                    Console.error("mecigep: \(file): invalid case, not assessed (mecigep validate explains each problem):")
                    for issue in issues { Console.error("  \(issue.path): \(issue.message)") }
                case .assessed: break
                }
                tally.showProgress()
            }
        }
        tally.clearProgress()
        var summaryFailed = false
        if let out {
            // Every case file reaches the disk before the summaries that list them, and a
            // summary appears whole: the summaries are written beside their names first, one
            // flush then takes them to disk with the case files, and only then are they moved
            // into place (one flush where a flush per summary was three).
            let writers: [(String, (AtomicFile) throws(CommandFailure) -> Void)] = [
                ("summary.json", { file throws(CommandFailure) in try tally.writeSummaryJSON(to: file) }),
                ("summary.csv", { file throws(CommandFailure) in try tally.writeSummaryCSV(to: file) }),
            ]
            var written: [AtomicFile] = []
            for (name, write) in writers {
                do throws(CommandFailure) {
                    written.append(try AtomicFile.prepare((out as NSString).appendingPathComponent(name), write))
                } catch {
                    Console.error("mecigep: \(error.message ?? "cannot write \(name)")")
                    summaryFailed = true
                }
            }
            let flushFailure = syncFolder(out)
            if let flushFailure {
                Console.error("mecigep: \(flushFailure)")
                summaryFailed = true
            }
            for file in written {
                // (when the flush failed, each summary is flushed on its own, and says so if that fails)
                do throws(CommandFailure) { try file.commit(sync: flushFailure != nil) } catch {
                    Console.error("mecigep: \(error.message ?? "cannot write \(file.path)")")
                    summaryFailed = true
                }
            }
        }
        Console.error(tally.line(language: lang))
        if tally.failedAny || summaryFailed || !missing.isEmpty { throw CommandFailure(code: MecigepExit.failure, message: nil) }
    }
}

extension AssessCommand {
    /// --jobs, capped at twice the cores unless --force.
    func cappedJobs() -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard jobs > 2 * cores && !force else { return jobs }
        Console.error("mecigep: --jobs \(jobs) capped to \(2 * cores) (2 × \(cores) cores): more jobs than cores "
            + "gain nothing; pass --force to insist")
        return 2 * cores
    }
}

/// The formats `assess` writes.
enum AssessmentFormat: String, ExpressibleByArgument, CaseIterable {
    case json, yaml, csv, text, md, html

    /// A file's bytes, ending with a line break, lent to `body`; JSON is compact unless `pretty`
    /// (files in a batch are read by programs) and is not copied on its way (`withJSONLine`).
    func withRendered<R, E: Error>(_ a: Assessment, language: String, pretty: Bool,
                                   _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        if self == .json { return try a.withJSONLine(pretty: pretty, body) }
        let bytes = Array(render(a, language: language).utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(E) in try body(buffer) }
    }

    func render(_ a: Assessment, language: String) -> String {
        switch self {
        case .json: return a.jsonText(pretty: true) + "\n"
        case .yaml: return a.value.yamlText()
        case .csv: return CSV.header + "\n" + CSV.rows(a, language: language).joined(separator: "\n") + "\n"
        case .text: return SummaryText.render(a, language: language)
        case .md: return PeerReviewReport.render(a, language: language, format: .markdown)
        case .html: return PeerReviewReport.render(a, language: language, format: .html)
        }
    }
}

/// Unique output file names, from the case files' names: a case's file's stem with the format's
/// extension, or, when that name is taken (by an earlier case or a summary), the first free of
/// `stem-2.ext`, `stem-3.ext`... Only those renamed are kept; the rest are made again when asked
/// for. While naming, the plain names are looked up by their hash in a sorted array (12 bytes a
/// case, then dropped), so a batch of any size does not hold every name, or a table of them.
struct OutputNames {
    private let files: CaseFileList
    private let ext: String
    private var renamed: [Int: String] = [:]

    init(files: CaseFileList, extension ext: String) {
        self.files = files
        self.ext = ext
        let reserved: Set<String> = ["summary.json", "summary.csv"]
        // every case's plain name's hash, and the cases in the order of (hash, case)
        let hashes: [Int] = files.indices.map { plainName($0).hashValue }
        let byHash: [Int32] = (0..<Int32(files.count)).sorted { (a: Int32, b: Int32) -> Bool in
            let (hashA, hashB) = (hashes[Int(a)], hashes[Int(b)])
            return hashA != hashB ? hashA < hashB : a < b
        }
        var takenByRenaming: Set<String> = []
        /// Whether `candidate` is a summary's name or that of a case before `index`.
        func isTaken(_ candidate: String, before index: Int) -> Bool {
            if reserved.contains(candidate) || takenByRenaming.contains(candidate) { return true }
            let hash = candidate.hashValue
            var (at, end) = (0, byHash.count)   // the first of `byHash` whose hash is not below `hash`
            while at < end {
                let middle = (at + end) / 2
                if hashes[Int(byHash[middle])] < hash { at = middle + 1 } else { end = middle }
            }
            // (a case renamed gave up its plain name; cases after `index` have not named yet)
            while at < byHash.count, case let other = Int(byHash[at]), hashes[other] == hash, other < index {
                if renamed[other] == nil && plainName(other) == candidate { return true }
                at += 1
            }
            return false
        }
        for index in files.indices {
            var candidate = plainName(index)
            guard isTaken(candidate, before: index) else { continue }
            let stem = Self.stem(files[index])
            var n = 2
            repeat {
                candidate = "\(stem)-\(n).\(ext)"
                n += 1
            } while isTaken(candidate, before: index)
            renamed[index] = candidate
            takenByRenaming.insert(candidate)
        }
    }

    private static func stem(_ file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    private func plainName(_ index: Int) -> String { "\(Self.stem(files[index])).\(ext)" }

    subscript(index: Int) -> String { renamed[index] ?? plainName(index) }
}

/// Counts outcomes, draws the progress bar, writes the summary. Workers use it under `lock`.
final class Tally: @unchecked Sendable {
    let lock = NSLock()
    private(set) var total: Int
    let progress: Bool
    let started = Date()
    private(set) var done = 0
    private(set) var assessed = 0
    private(set) var insufficient = 0
    private(set) var errors = 0
    private(set) var invalid = 0
    private(set) var unwritten = 0
    private(set) var ruleErrors = 0
    /// Where each case's row of the summaries goes when it finishes (a batch with --out): rows
    /// are written as they come, never all held (`SummarySpool`).
    private var summary: (spool: SummarySpool, files: CaseFileList, names: OutputNames)?

    init(total: Int, progress: Bool) {
        self.total = total
        self.progress = progress
    }

    /// Rows of `summary.json` and `summary.csv` kept in `folder` from now on, for `files`.
    func keepSummaryRows(in folder: String, files: CaseFileList, names: OutputNames) throws(CommandFailure) {
        summary = (try SummarySpool(folder: folder), files, names)
    }

    var failedAny: Bool { errors > 0 || ruleErrors > 0 || invalid > 0 || unwritten > 0 }

    func record(_ index: Int, _ outcome: BatchOutcome) {
        done += 1
        switch outcome {
        case .assessed(let a):
            count(a)
            guard let summary else { return }
            let level: LuaValue = a.grade?.idValue ?? .null
            let score: LuaValue = a.grade.map { .double($0.score) } ?? .null
            var row: [String: LuaValue] = ["file": .string(summary.files[index]), "output": .string(summary.names[index])]
            row["case"] = .string(a.caseID)
            row["status"] = .string(a.status.rawValue)
            row["level"] = level
            row["score"] = score
            row["coverage"] = .double((a.coverage.share * 10_000).rounded() / 10_000)
            row["rule_errors"] = .integer(Int64(a.coverage.errors))
            row["case_issues"] = .integer(Int64(a.caseIssues.count))
            summary.spool.add(index, row)
        case .failed(_, let message):
            errors += 1
            summary?.spool.add(index, failedRow(index, status: "error", message: message))
        case .invalid(_, let issues):
            invalid += 1
            summary?.spool.add(index, failedRow(index, status: "invalid", message: issues.map(\.description).joined(separator: "; ")))
        }
    }

    /// The summaries' row of a case that was not assessed (invalid, or an error), or whose file
    /// was not written.
    private func failedRow(_ index: Int, status: String, message: String) -> [String: LuaValue] {
        ["file": .string(summary?.files[index] ?? ""), "output": .null, "case": .null, "status": .string(status),
         "message": .string(message)]
    }

    private func count(_ a: Assessment) {
        ruleErrors += a.coverage.errors
        switch a.status {
        case .assessed: assessed += 1
        case .insufficientInformation: insufficient += 1
        case .error: errors += 1
        }
    }

    /// One line of a stream, counted as it comes (a stream's length is not known ahead; no
    /// row is kept, so memory stays flat).
    func recordStream(_ outcome: StreamOutcome) {
        switch outcome {
        case .assessed(let a): count(a)
        case .failed: errors += 1
        case .invalid: invalid += 1
        case .blank: return
        }
        total += 1
        done += 1
    }

    /// An assessment whose file could not be written: counted as failed, never as assessed,
    /// and listed in the summary as not written.
    func writeFailed(_ index: Int, _ message: String) {
        done += 1
        unwritten += 1
        summary?.spool.add(index, failedRow(index, status: "not_written", message: message))
    }

    func showProgress() {
        guard progress else { return }
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data(String(format: "\r[%@] %d/%d  %.1f cases/s  ETA %.0fs ", bar, done, total, rate, eta).utf8))
    }

    func clearProgress() {
        guard progress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// The closing line, in the language of --lang, with singular and plural forms.
    func line(language: String = "en") -> String {
        // (singular, plural) per language
        let forms: [String: [String: (String, String)]] = [
            "case": ["en": ("case", "cases"), "es": ("caso", "casos"), "pt": ("caso", "casos"), "fr": ("dossier", "dossiers")],
            "assessed": ["en": ("assessed", "assessed"), "es": ("evaluado", "evaluados"), "pt": ("avaliado", "avaliados"),
                         "fr": ("évalué", "évalués")],
            "insufficient": ["en": ("insufficient information", "insufficient information"),
                             "es": ("con información insuficiente", "con información insuficiente"),
                             "pt": ("com informação insuficiente", "com informação insuficiente"),
                             "fr": ("information insuffisante", "information insuffisante")],
            "invalid": ["en": ("invalid", "invalid"), "es": ("inválido", "inválidos"), "pt": ("inválido", "inválidos"),
                        "fr": ("invalide", "invalides")],
            "unwritten": ["en": ("not written", "not written"), "es": ("sin escribir", "sin escribir"),
                          "pt": ("não escrito", "não escritos"), "fr": ("non écrit", "non écrits")],
            "error": ["en": ("error", "errors"), "es": ("error", "errores"), "pt": ("erro", "erros"), "fr": ("erreur", "erreurs")],
            "rule error": ["en": ("rule error", "rule errors"), "es": ("error de regla", "errores de regla"),
                           "pt": ("erro de regra", "erros de regra"), "fr": ("erreur de règle", "erreurs de règle")],
        ]
        func count(_ n: Int, _ key: String) -> String {
            let pair = forms[key]?[language] ?? forms[key]!["en"]!
            let singular = n == 1 || (n == 0 && language == "fr") // French counts zero as singular
            return "\(n) " + (singular ? pair.0 : pair.1)
        }
        let semicolon = language == "fr" ? " ; " : "; "
        return count(total, "case") + ": " + count(assessed, "assessed") + ", " + count(insufficient, "insufficient") + ", "
            + (invalid > 0 ? count(invalid, "invalid") + ", " : "")
            + (unwritten > 0 ? count(unwritten, "unwritten") + ", " : "")
            + count(errors, "error") + semicolon + count(ruleErrors, "rule error")
    }

    /// summary.json, with the rows written as the cases finished (the same bytes as the whole
    /// document pretty-printed: keys sorted, two-space indentation), so a batch of any size
    /// never holds it, or its rows, in memory.
    func writeSummaryJSON(to file: AtomicFile) throws(CommandFailure) {
        guard let summary else { return }
        summary.spool.finish(count: summary.files.count) { failedRow($0, status: "error", message: "unknown error") }
        func line(_ key: String, _ n: Int) -> String { "  \"\(key)\": \(n),\n" }
        var head = "{\n" + line("assessed", assessed) + line("cases", total) + line("errors", errors)
            + line("insufficient_information", insufficient) + line("invalid", invalid) + line("not_written", unwritten)
        head += summary.files.isEmpty ? "  \"results\": []," : "  \"results\": ["
        try file.write(Array(head.utf8))
        try summary.spool.copyJSONRows(to: file)
        try file.write(Array(((summary.files.isEmpty ? "" : "\n  ],") + "\n  \"rule_errors\": \(ruleErrors)\n}\n").utf8))
    }

    /// summary.csv, with the rows written as the cases finished.
    func writeSummaryCSV(to file: AtomicFile) throws(CommandFailure) {
        guard let summary else { return }
        summary.spool.finish(count: summary.files.count) { failedRow($0, status: "error", message: "unknown error") }
        try file.write(Array(SummarySpool.csvHeader.utf8))
        try summary.spool.copyCSVRows(to: file)
    }
}

/// One row per indicator.
enum CSV {
    /// One row per indicator, then one per criterion and one for the overall level (`row` says
    /// which), with titles, so that a spreadsheet needs nothing else.
    static let header = "row,case,framework,criterion,criterion_title,indicator,indicator_title,status,level,score,label,"
        + "findings,recommendations,failed,error"

    static func cell(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// A rule error as one cell: kind, message and the rule's place.
    static func errorText(_ f: RuleFailure) -> String {
        "\(f.kind): \(f.message)" + (f.place.map { " (\($0))" } ?? "")
    }

    static func rows(_ a: Assessment, language: String) -> [String] {
        func result(_ status: ResultStatus, _ grade: Grade?) -> [String] {
            [status.rawValue, grade?.id ?? "", grade.map { LuaValue.double($0.score).jsonText() } ?? "",
             grade.map { $0.level.label.text(language) + ($0.plus ? "+" : "") } ?? ""]
        }
        var rows: [[String]] = []
        for c in a.criteria {
            let title = c.criterion.title.text(language)
            for r in c.indicators {
                rows.append(["indicator", a.caseID, a.framework.id, c.criterion.id, title, r.indicator.id,
                             r.indicator.title.text(language)] + result(r.status, r.grade)
                            + [String(r.findings.count), String(r.recommendations.count), r.status == .error ? "1" : "0",
                               r.failure.map(errorText) ?? ""])
            }
            rows.append(["criterion", a.caseID, a.framework.id, c.criterion.id, title, "", ""] + result(c.status, c.grade)
                        + ["", "", String(c.coverage.errors), c.failure.map { "aggregation: \($0)" } ?? ""])
        }
        rows.append(["overall", a.caseID, a.framework.id, "", a.framework.title.text(language), "", ""] + result(a.status, a.grade)
                    + ["", "", String(a.coverage.errors), ""])
        return rows.map { $0.map(cell).joined(separator: ",") }
    }
}

extension AssessCommand {
    /// Starts compiling the framework `mecigep assess` will load, before the command line is
    /// parsed: the parser's start is several milliseconds of one core while the other is idle,
    /// and the load compiles less itself the more is compiled when it begins. The guess reads
    /// only `--rules DIR` and `--framework ID` (or their `=` forms) before any `--`; anything
    /// else a load depends on (a version, a package file, budgets) makes the load start its own
    /// (`ModulePrecompiler.forLoad`), so a wrong guess costs the idle core's time, never a result.
    static func compileAhead(_ arguments: [String]) {
        guard arguments.first == "assess" else { return }
        var rules: String?, framework: String?
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst(), argument != "--" {
            if argument == "--rules" { rules = rest.popFirst() }
            else if argument.hasPrefix("--rules=") { rules = String(argument.dropFirst(8)) }
            else if argument == "--framework" { framework = rest.popFirst() }
            else if argument.hasPrefix("--framework=") { framework = String(argument.dropFirst(12)) }
        }
        FrameworkLoader(rulesFolder: RulesOptions.folder(named: rules)).compileAhead(framework ?? FrameworkOption.defaultFramework)
    }
}

