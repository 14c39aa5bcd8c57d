import Foundation
import LuaRuntime
@testable import MecigepEngine

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let rules = root.appendingPathComponent("Fixtures/rules").path
    static let repository = root.deletingLastPathComponent().deletingLastPathComponent()

    static func loader(_ limits: LuaLimits = LuaLimits(instructions: 2_000_000, memoryBytes: 32 << 20, timeoutSeconds: 2)) -> FrameworkLoader {
        FrameworkLoader(rulesFolder: rules, limits: limits)
    }

    /// A complete case for the "tiny" framework.
    static let complete: LuaValue = [
        "id": "complete",
        "identification": ["country": "UY"],
        "problem": ["baseline": ["value": 43, "unit": "days", "source": "Registry", "year": 2024]],
        "results": [["indicator": "days", "target": 10], ["indicator": "visits", "target": 1]],
        "fiscal": [
            "costing": [["year": 2026, "amount": 1.5], ["year": 2027, "amount": 2], ["year": 2028, "amount": 2],
                        ["year": 2029, "amount": 2], ["year": 2030, "amount": 2]],
            "funding_source": "national budget",
        ],
    ]

    /// A sparse case: no baseline, no results, mistyped fields.
    static let sparse: LuaValue = [
        "id": "sparse",
        "identification": ["country": "uy"],
        "fiscal": ["costing": [["year": 2026, "amount": "ten"], ["year": "next", "amount": 3]]],
    ]
}

/// Runs `body` on a large-stack thread with an assessor for `framework`.
func withAssessor<T>(_ framework: String, limits: LuaLimits? = nil,
                     _ body: @escaping (Assessor) throws -> T) throws -> T {
    let loader = limits.map { Fixtures.loader($0) } ?? Fixtures.loader()
    let outcome: Result<T, any Error> = LuaThread.run {
        Result {
            let fw = try loader.load(framework)
            let assessor = try Assessor(framework: fw, loader: loader, engineVersion: "test")
            return try body(assessor)
        }
    }
    return try outcome.get()
}

/// Writes `source` as framework `id` of a scratch rules folder and runs `body` with an assessor
/// for it on a large-stack thread; the folder is removed afterwards.
func withInlineFramework<T>(_ id: String, _ source: String, _ body: @escaping (Assessor) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-inline-\(UUID().uuidString)")
    let fwFolder = folder.appendingPathComponent("frameworks/\(id)")
    try FileManager.default.createDirectory(at: fwFolder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(source.utf8).write(to: fwFolder.appendingPathComponent("framework.lua"))
    let loader = FrameworkLoader(rulesFolder: folder.path)
    let outcome: Result<T, any Error> = LuaThread.run {
        Result { try body(try Assessor(framework: try loader.load(id), loader: loader, engineVersion: "t")) }
    }
    return try outcome.get()
}

extension Assessment {
    func indicator(_ id: String) -> IndicatorResult? { indicatorResults.first { $0.indicator.id == id } }
    func criterion(_ id: String) -> CriterionResult? { criteria.first { $0.criterion.id == id } }
}
