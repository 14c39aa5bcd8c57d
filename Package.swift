// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mecigep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mecigep", targets: ["mecigep"]),
        // `mecigep serve`, `users`, `backup` and `restore` run in this program (ServiceProgram).
        .executable(name: "mecigep-service", targets: ["mecigep-service"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The raw C boundary: Lua's headers and the few static inline shims Swift needs.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // zlib, for the gzip layer of framework packages.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A safe, bounded Lua 5.4 sandbox. Knows nothing about MECIGEP.
        .target(name: "CLuaWatch", dependencies: ["CLua"]),
        // string.find, match, gmatch and gsub with their matching work counted (C, beside the shim).
        .target(name: "CLuaPatterns", dependencies: ["CLua"]),
        .target(name: "LuaRuntime", dependencies: ["CLua", "CLuaWatch", "CLuaPatterns"]),
        // Frameworks, cases and assessments: the rule engine on top of the runtime.
        .target(
            name: "MecigepEngine",
            dependencies: ["LuaRuntime", "CZlib", .product(name: "Yams", package: "Yams"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Peer-review reports (Markdown, HTML) in four languages, review rounds and follow-ups.
        .target(name: "MecigepReports", dependencies: ["MecigepEngine", "LuaRuntime"]),
        // The service's storage: users, cases and their revisions, rounds, peer input, reports and
        // the audit log, behind one protocol (SQLite through GRDB today).
        .target(
            name: "MecigepStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // `mecigep serve`: the Secretariat's HTTP service (JSON API, access rules, worker processes).
        .target(
            name: "MecigepService",
            dependencies: [
                "MecigepStore", "MecigepEngine", "MecigepReports", "LuaRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The command-line interface, as a library so tests can run commands in process. Without
        // the service's dependencies: their type records would slow every command's start.
        .target(
            name: "MecigepCLI",
            dependencies: [
                "LuaRuntime",
                "MecigepEngine",
                "MecigepReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mecigep", dependencies: ["MecigepCLI"]),
        // The service's commands (serve, users, backup, restore) and the program that has them
        // beside every other command: `mecigep-service`, which `mecigep` hands those commands to.
        .target(
            name: "MecigepServiceCLI",
            dependencies: [
                "MecigepCLI", "MecigepService", "MecigepStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mecigep-service", dependencies: ["MecigepServiceCLI"]),
        // Prints figures (calls per second, conversion throughput, overhead against lua5.4).
        .executableTarget(name: "mecigep-bench", dependencies: ["LuaRuntime", "MecigepEngine"]),
        // libFuzzer harnesses (make fuzz builds them with -sanitize=fuzzer,address -DFUZZING).
        .executableTarget(name: "mecigep-fuzz", dependencies: ["LuaRuntime", "MecigepEngine"]),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime", "CLuaPatterns"], exclude: ["Hostile", "Fixtures"]),
        .testTarget(name: "MecigepEngineTests", dependencies: ["MecigepEngine", "LuaRuntime"], exclude: ["Fixtures"]),
        .testTarget(name: "MecigepReportsTests", dependencies: ["MecigepReports", "MecigepEngine", "LuaRuntime"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "MecigepServiceTests", dependencies: ["MecigepService", "MecigepStore", "MecigepEngine", "LuaRuntime"]),
        .testTarget(name: "MecigepCLITests", dependencies: ["MecigepCLI", "MecigepEngine", "LuaRuntime"]),
    ]
)
