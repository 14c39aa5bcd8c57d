import Foundation
import LuaRuntime

/// Runs every script of the hostile suite (Tests/LuaRuntimeTests/Hostile) under its own limits,
/// one at a time, and prints how far each ran past its time budget: the acceptance figure for
/// "every C call is bounded" is the largest overrun, which must stay under 10 %.
struct HostileBenchmark {
    var folder = "Tests/LuaRuntimeTests/Hostile"

    init(arguments: [String]) {
        if let first = arguments.first { folder = first }
    }

    struct Row { var name: String; var kind: String; var seconds: Double; var timeout: Double }

    func run() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".lua") }.sorted()
        guard !files.isEmpty else {
            print("no hostile scripts in \(folder) (run from the repository root, or pass the folder)")
            return
        }
        let modules = NSTemporaryDirectory() + "mecigep-bench-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: modules + "/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: modules) }
        for (name, text) in ["good": "local M = { answer = 42 }\nfunction M.twice(x) return 2 * x end\nreturn M\n",
                             "selfish": "return require(\"lib.selfish\")\n",
                             "selfish2": "local again = require(\"lib.selfish2\")\nreturn again\n",
                             "spin": "while true do end\n"] {
            try text.write(toFile: "\(modules)/lib/\(name).lua", atomically: true, encoding: .utf8)
        }
        var rows: [Row] = []
        for file in files {
            let source = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
            let limits = Self.limits(in: source)
            let configuration = LuaConfiguration(limits: limits, moduleRoots: [modules])
            let row: Row = LuaThread.run {
                let started = Date()
                var kind = "value"
                do throws(LuaError) {
                    let runtime = try LuaRuntime(configuration: configuration)
                    _ = try runtime.evaluate(source, chunkName: file)
                } catch {
                    kind = error.kind.rawValue
                }
                return Row(name: file, kind: kind, seconds: Date().timeIntervalSince(started), timeout: limits.timeoutSeconds)
            }
            rows.append(row)
        }
        let overruns = rows.map { ($0, max(0, $0.seconds - $0.timeout) / $0.timeout) }.sorted { $0.1 > $1.1 }
        print("hostile suite: \(rows.count) scripts from \(folder), each alone, wall-clock seconds against its timeout")
        print("slowest scripts:")
        for row in rows.sorted(by: { $0.seconds > $1.seconds }).prefix(8) {
            print(String(format: "  %-44@ %-18@ %7.3f s of %5.2f s", row.name as NSString, row.kind as NSString, row.seconds, row.timeout))
        }
        let worst = overruns.first!
        let timeLimited = rows.filter { $0.kind == "time_limit" }
        print(String(format: "scripts stopped by the time limit: %d; largest overrun of the timeout: %.1f %% (%@, %.3f s for %.2f s)",
                     timeLimited.count, worst.1 * 100, worst.0.name as NSString, worst.0.seconds, worst.0.timeout))
        print(worst.1 < 0.10 ? "target (< 10 %): met" : "target (< 10 %): NOT met")
    }

    /// The `-- limits:` header of a hostile script (the suite's defaults otherwise).
    static func limits(in source: String) -> LuaLimits {
        var limits = LuaLimits(instructions: 2_000_000, memoryBytes: 16 << 20, timeoutSeconds: 2)
        for line in source.split(separator: "\n").prefix(while: { $0.hasPrefix("--") }) where line.hasPrefix("-- limits:") {
            for pair in line.dropFirst("-- limits:".count).split(separator: " ") {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let number = Double(parts[1]) else { continue }
                switch parts[0] {
                case "instructions": limits.instructions = Int64(number)
                case "memory": limits.memoryBytes = Int(number) << 20
                case "timeout": limits.timeoutSeconds = number
                default: break
                }
            }
        }
        return limits
    }
}
