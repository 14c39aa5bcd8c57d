// libFuzzer harnesses for the inputs mecigep takes from outside: case documents (JSON and YAML),
// values crossing between Swift and Lua, and framework files. Built by `make fuzz` with
// `-sanitize=fuzzer,address -DFUZZING`; the harness comes from MECIGEP_FUZZ (json, yaml,
// bridge, framework, package). A normal build gets a small main that says how to run them.
import Foundation
import LuaRuntime
import MecigepEngine

/// The five harnesses. Each returns normally for any input; a crash, a sanitizer report or a
/// broken property (`fatalError`) is a finding.
enum Harness: String, CaseIterable {
    case json, yaml, bridge, framework, package

    /// libFuzzer runs inputs one at a time on one thread.
    nonisolated(unsafe) static var selected: Harness = .json

    func run(_ data: Data) {
        switch self {
        case .json: Self.document(data, format: .json)
        case .yaml: Self.document(data, format: .yaml)
        case .bridge: Self.bridge(data)
        case .framework: Self.framework(data)
        case .package: Self.package(data)
        }
    }

    static let limits = DocumentLimits(maxBytes: 1 << 20, maxDepth: 64, maxValues: 50_000)

    /// Parsing never crashes; a document that parses gives a value whose JSON text parses back
    /// to the same value; YAML read from libyaml's events gives the composed tree's value or
    /// nothing.
    static func document(_ data: Data, format: DocumentFormat) {
        if format == .yaml {
            let (events, composed) = DocumentLoader.yamlReadings(data, limits: limits)
            if let events, events != composed {
                fatalError("the YAML event reader gave another value than the composed tree")
            }
        }
        guard let value = try? DocumentLoader.parse(data, format: format, name: "fuzz", limits: limits) else { return }
        let text = value.jsonText()
        guard let again = try? DocumentLoader.parse(Data(text.utf8), format: .json, name: "again", limits: limits) else {
            fatalError("the JSON text of a parsed document does not parse: \(text.prefix(200))")
        }
        guard again == value else { fatalError("JSON round trip changed the value: \(text.prefix(200))") }
    }

    /// Lua's conversion rules, applied in Swift: an empty object comes back as an empty array.
    static func normalized(_ v: LuaValue) -> LuaValue {
        switch v {
        case .object(let o): return o.isEmpty ? .array([]) : .object(o.mapValues(normalized))
        case .array(let a): return .array(a.map(normalized))
        default: return v
        }
    }

    nonisolated(unsafe) static let runtime: LuaRuntime = {
        do { return try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(instructions: 2_000_000,
                                                                                          memoryBytes: 64 << 20, timeoutSeconds: 2)))
        } catch { fatalError("no runtime: \(error)") }
    }()
    static let identity: LuaChunk = {
        do { return try runtime.compile("return ...", chunkName: "=(fuzz identity)") } catch { fatalError("\(error)") }
    }()

    /// A value handed to Lua (writable, read-only, prepared) comes back unchanged.
    static func bridge(_ data: Data) {
        guard let value = try? DocumentLoader.parse(data, format: .json, name: "fuzz", limits: limits) else { return }
        let expected = normalized(value)
        for readOnly in [false, true] {
            guard let back = try? runtime.call(identity, arguments: [value], readOnlyArguments: readOnly) else { continue }
            guard normalized(back.value) == expected else {
                fatalError("value changed crossing to Lua and back (read-only \(readOnly)): \(value.jsonText().prefix(200))")
            }
        }
        if let prepared = try? runtime.prepare(value) {
            defer { runtime.release(prepared) }
            if let back = try? runtime.call(identity, prepared: [prepared]), normalized(back.value) != expected {
                fatalError("a prepared value changed crossing to Lua and back: \(value.jsonText().prefix(200))")
            }
        }
    }

    static let rules: String = {
        let folder = NSTemporaryDirectory() + "mecigep-fuzz-rules-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder + "/frameworks/fz", withIntermediateDirectories: true)
        return folder
    }()

    /// Any archive (the tar inside a package) is refused with a message or opens; one that opens
    /// unpacks into a folder that verifies again with the same content, and nothing it unpacks
    /// lands outside that folder.
    static func package(_ data: Data) {
        guard let package = try? FrameworkPackage.open(uncompressed: [UInt8](data), name: "fuzz") else { return }
        let folder = NSTemporaryDirectory() + "mecigep-fuzz-package-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? package.unpack(into: folder + "/inside")) != nil else { return }
        let outside = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard outside == ["inside"] else { fatalError("a package wrote outside its folder: \(outside)") }
        guard let again = try? FrameworkPackage.openInstalled(folder: folder + "/inside"),
              again.contentSHA256 == package.contentSHA256, again.files == package.files else {
            fatalError("an unpacked package does not verify as it did packed")
        }
    }

    /// Any framework source loads or is refused with problems; one that loads assesses a case.
    static func framework(_ data: Data) {
        guard (try? data.write(to: URL(fileURLWithPath: rules + "/frameworks/fz/framework.lua"))) != nil else { return }
        let loader = FrameworkLoader(rulesFolder: rules, limits: LuaLimits(instructions: 500_000, memoryBytes: 16 << 20,
                                                                           timeoutSeconds: 0.5))
        guard let framework = try? loader.load("fz") else { return }
        guard let assessor = try? Assessor(framework: framework, loader: loader, engineVersion: "fuzz") else { return }
        _ = try? assessor.assess(CaseDocument(id: "fz", value: ["id": "fz", "identification": ["country": "UY"]]))
    }
}

#if FUZZING
// SwiftPM names an executable's entry point `<target>_main` and points `main` at it, so that is
// where libFuzzer's driver starts; the driver then calls the two hooks below as its own main would.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Selects the harness named by MECIGEP_FUZZ (json by default).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["MECIGEP_FUZZ"] ?? "json"
    guard let harness = Harness(rawValue: name) else {
        fatalError("MECIGEP_FUZZ must be one of \(Harness.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    Harness.selected = harness
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Harness.selected.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

@_cdecl("mecigep_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOne)
}
#else
@main
struct FuzzMain {
    /// Without libFuzzer: runs each file given on the command line through a harness (to replay
    /// a crash under the debugger), or says how to fuzz.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let harness = Harness(rawValue: name) else {
            print("usage: mecigep-fuzz json|yaml|bridge|framework|package FILE...   (replays inputs; `make fuzz` fuzzes)")
            return
        }
        for file in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: file) else { print("cannot read \(file)"); continue }
            harness.run(data)
            print("\(file): ok")
        }
    }
}
#endif
