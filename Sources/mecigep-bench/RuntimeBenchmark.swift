// Figures for the Lua runtime: calls per second of a small rule with a ~2 KB JSON-like
// argument, conversion throughput, and the same Lua work run by the lua5.4 interpreter.
import Foundation
import LuaRuntime

nonisolated(unsafe) var iterations = 20_000

/// A case-like value of about 2 KB of JSON.
func sampleCase() -> LuaValue {
    var costing: [LuaValue] = []
    for year in 0..<8 {
        costing.append(["year": .integer(Int64(2026 + year)), "amount": .double(125_000.5 + Double(year) * 1_000),
                        "kind": year < 2 ? "capital" : "recurrent", "funded": .bool(year < 5)])
    }
    var stakeholders: [LuaValue] = []
    for (i, level) in ["inform", "consult", "involve", "collaborate", "empower", "consult"].enumerated() {
        stakeholders.append(["name": .string("Group \(i)"), "level": .string(level), "vulnerable": .bool(i % 2 == 0)])
    }
    return [
        "id": "BEN-2026-001", "title": "Single window for business permits",
        "identification": ["country": "UY", "agency": "Agency for Digital Government",
                           "area": "digital_transformation", "launch": "2026-09-01", "language": "es"],
        "problem": ["statement": "Entrepreneurs wait an average of 43 days and visit 5 offices to obtain a permit.",
                    "baseline": ["value": 43, "unit": "days", "source": "Business Registry", "year": 2024]],
        "costing": .array(costing), "stakeholders": .array(stakeholders),
        "challenges": ["Interoperability between 12 agencies", "Digital divide in rural areas",
                       "Sustaining funding after the pilot"],
        "notes": nil,
    ]
}

let rule = """
local case = ...
local total, funded, rows = 0, 0, 0
for _, row in ipairs(case.costing) do
  total = total + row.amount
  if row.funded then funded = funded + row.amount end
  rows = rows + 1
end
local engaged, vulnerable = 0, 0
for _, s in ipairs(case.stakeholders) do
  if s.level == "collaborate" or s.level == "empower" then engaged = engaged + 1 end
  if s.vulnerable then vulnerable = vulnerable + 1 end
end
local level = 0
if case.problem.baseline.value then level = level + 1 end
if case.problem.baseline.source then level = level + 1 end
if case.problem.baseline.year >= 2022 then level = level + 1 end
if funded / total > 0.5 then level = level + 1 end
return { level = level, total = total, rows = rows, engaged = engaged, vulnerable = vulnerable,
         title = string.upper(case.title), challenges = #case.challenges }
"""

/// The same work done 50 times in one call: how the sandbox (count hook, read-only views) slows
/// Lua itself once the fixed cost of a call is amortised.
let heavyRule = "local case = ...\nlocal r\nfor _ = 1, 50 do r = (function(...)\n" + rule + "\nend)(case) end\nreturn r"

let patternRule = """
local case = ...
local words = 0
for _ in string.gmatch(case.problem.statement, "%a+") do words = words + 1 end
local digits = select(2, string.gsub(case.title .. case.id, "%d", ""))
return words + digits
"""

/// The value as a Lua table constructor, for the bare interpreter.
func luaConstructor(_ v: LuaValue) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .double(let d): return String(format: "%.17g", d).contains(".") ? String(format: "%.17g", d) : String(format: "%.1f", d)
    case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .array(let a): return "{" + a.map(luaConstructor).joined(separator: ",") + "}"
    case .object(let o):
        return "{" + o.keys.sorted().map { "[\"\($0)\"]=" + luaConstructor(o[$0]!) }.joined(separator: ",") + "}"
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func measure(_ label: String, runtime: LuaRuntime, source: String, argument: LuaValue, readOnly: Bool) -> Double {
    let chunk = try! runtime.compile(source, chunkName: label)
    for _ in 0..<min(1000, iterations) { _ = try! runtime.call(chunk, arguments: [argument], readOnlyArguments: readOnly) }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { _ = try! runtime.call(chunk, arguments: [argument], readOnlyArguments: readOnly) }
    return Double(iterations) / seconds(clock.now - start)
}

func measurePrepared(runtime: LuaRuntime, source: String, argument: LuaValue) -> Double {
    let chunk = try! runtime.compile(source, chunkName: "prepared.lua")
    let prepared = try! runtime.prepare(argument)
    for _ in 0..<min(1000, iterations) { _ = try! runtime.call(chunk, prepared: [prepared]) }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { _ = try! runtime.call(chunk, prepared: [prepared]) }
    return Double(iterations) / seconds(clock.now - start)
}

func bareLua(_ source: String, argument: LuaValue, prebuilt: Bool = false, hooked: Bool = false) -> Double? {
    let call = prebuilt ? "rule(arg)" : "rule(make())"
    let hook = hooked ? "debug.sethook(function() end, '', 1000)" : ""
    let script = """
        local null = setmetatable({}, { __name = "null" })
        local function make() return \(luaConstructor(argument)) end
        local function rule(...)
        \(source)
        end
        local arg = make()
        \(hook)
        for _ = 1, \(min(1000, iterations)) do \(call) end
        local t0 = os.clock()
        for _ = 1, \(iterations) do \(call) end
        io.write(string.format("%.9f", os.clock() - t0))
        """
    let path = NSTemporaryDirectory() + "mecigep-bench-\(getpid()).lua"
    _ = FileManager.default.createFile(atPath: path, contents: Data(script.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["lua5.4", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    guard process.terminationStatus == 0, let t = Double(out), t > 0 else { return nil }
    return Double(iterations) / t
}

func runtimeBenchmark() {
let argument = sampleCase()
let jsonBytes = argument.jsonText().utf8.count
print("mecigep-bench runtime: \(iterations) calls per figure, argument \(jsonBytes) bytes of JSON")

LuaThread.run {
    let runtime = try! LuaRuntime()
    let readOnly = measure("rule.lua", runtime: runtime, source: rule, argument: argument, readOnly: true)
    let writable = measure("rule.lua", runtime: runtime, source: rule, argument: argument, readOnly: false)
    let identity = measure("identity.lua", runtime: runtime, source: "return ...", argument: argument, readOnly: false)
    let empty = measure("empty.lua", runtime: runtime, source: "return 1", argument: .null, readOnly: false)
    let patterns = measure("patterns.lua", runtime: runtime, source: patternRule, argument: argument, readOnly: false)
    let prepared = measurePrepared(runtime: runtime, source: rule, argument: argument)
    let heavyPrepared = measurePrepared(runtime: runtime, source: heavyRule, argument: argument)
    let heavyWritable = measure("heavy.lua", runtime: runtime, source: heavyRule, argument: argument, readOnly: false)
    let heavyBare = bareLua(heavyRule, argument: argument, prebuilt: true)
    let heavyBareHooked = bareLua(heavyRule, argument: argument, prebuilt: true, hooked: true)
    let bare = bareLua(rule, argument: argument)
    let barePrebuilt = bareLua(rule, argument: argument, prebuilt: true)
    let barePatterns = bareLua(patternRule, argument: argument)

    func row(_ label: String, _ rate: Double) {
        print(label.padding(toLength: 46, withPad: " ", startingAt: 0)
              + String(format: "%10.0f calls/s  %7.2f µs/call", rate, 1e6 / rate))
    }
    row("host: rule, read-only argument", readOnly)
    row("host: rule, writable argument", writable)
    row("host: rule, prepared read-only argument", prepared)
    row("host: empty chunk, no argument (fixed cost)", empty)
    row("host: identity (Swift->Lua->Swift)", identity)
    print(String(format: "conversion Swift->Lua->Swift: %.1f MB/s of JSON each way",
                 identity * Double(jsonBytes) / 1e6))
    if let bare {
        row("lua5.4: same rule, table built in Lua", bare)
        print(String(format: "whole call (conversion included) over lua5.4: %+.0f %% writable, %+.0f %% read-only",
                     (bare / writable - 1) * 100, (bare / readOnly - 1) * 100))
    }
    if let barePrebuilt {
        row("lua5.4: same rule, table built once", barePrebuilt)
        print(String(format: "same Lua work (prepared argument) over lua5.4: %+.0f %% (target <= +30 %%)",
                     (barePrebuilt / prepared - 1) * 100))
    } else {
        print("lua5.4: not found (install it with scripts/setup.sh) - no comparison")
    }
    row("host: rule x50 in one call, prepared argument", heavyPrepared)
    row("host: rule x50 in one call, writable argument", heavyWritable)
    if let heavyBare {
        row("lua5.4: rule x50 in one call, table built once", heavyBare)
        print(String(format: "rule x50 over lua5.4: %+.0f %% with read-only views, %+.0f %% with plain tables (target <= +30 %%)",
                     (heavyBare / heavyPrepared - 1) * 100, (heavyBare / heavyWritable - 1) * 100))
    }
    if let heavyBare, let heavyBareHooked {
        row("lua5.4: rule x50, with a count hook every 1000", heavyBareHooked)
        print(String(format: "the count hook alone costs lua5.4 %+.0f %% on this work", (heavyBare / heavyBareHooked - 1) * 100))
    }
    row("host: gmatch/gsub rule (step-counted matcher)", patterns)
    if let barePatterns {
        row("lua5.4: same gmatch/gsub rule", barePatterns)
    }
}
}
