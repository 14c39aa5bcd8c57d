import Foundation
@testable import MecigepCLI
import Testing

/// `serve`, `users`, `backup` and `restore` run in `mecigep-service`, which `mecigep` hands them
/// to (so that every other command starts without the service's libraries): what a user sees
/// through `mecigep` (help, output, messages, exit codes) must be what the service program gives
/// when run itself, and a service program that is not there must be a clear usage error.
@Suite("the service program")
struct ServiceProgramTests {
    static var service: URL { Executable.url.deletingLastPathComponent().appendingPathComponent(ServiceProgram.name) }

    @Test(arguments: [
        ["serve", "--help"], ["users", "--help"], ["users", "add", "--help"], ["help", "backup"], ["restore", "--help"],
        ["serve", "--print-openapi"], ["serve", "--port", "70000"], ["users", "add"], ["backup", "--bogus"],
    ])
    func handedOverAsTheServiceProgramRunsThem(arguments: [String]) throws {
        let through = try Executable.run(arguments)
        let direct = try Executable.run(arguments, executable: Self.service)
        #expect(through.status == direct.status)
        #expect(through.stdout == direct.stdout)
        #expect(through.stderr == direct.stderr)
        #expect(!(through.stdout + through.stderr).contains("runs in the"), "the stand-in ran instead of the service program")
    }

    @Test func onlyTheServiceCommandsAreHandedOver() {
        for arguments in [["serve"], ["users", "list"], ["backup"], ["restore"], ["help", "serve"], ["help", "users", "add"]] {
            #expect(ServiceProgram.handles(arguments), "\(arguments)")
        }
        for arguments in [[], ["assess", "serve"], ["help"], ["help", "assess"], ["--help"], ["worker"], ["servers"]] {
            #expect(!ServiceProgram.handles(arguments), "\(arguments)")
        }
    }

    /// `mecigep --help` lists them with the service program's own descriptions.
    @Test func listedByHelp() throws {
        let help = try Executable.run(["--help"]).stdout
        for (name, abstract) in ServiceProgram.abstracts {
            let line = try #require(help.components(separatedBy: "\n").first { $0.hasPrefix("  \(name) ") }, "\(name) not listed")
            #expect(abstract.hasPrefix(line.dropFirst(2 + name.count).trimmingCharacters(in: .whitespaces)))
        }
    }

    /// In process (tests, a program embedding the commands), where nothing hands them over, the
    /// stand-ins end with a usage error that says where the commands run.
    @Test func inProcessTheStandInsSaySo() {
        for name in ["serve", "users", "backup", "restore"] {
            #expect(Mecigep.run(arguments: [name, "--whatever"]) == MecigepExit.usage)
        }
    }

    @Test func aMissingServiceProgramIsAUsageError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("mecigep")
        // a hard link where the file system allows one (the binary is large), else a copy
        if link(Executable.url.path, alone.path) != 0 { try FileManager.default.copyItem(at: Executable.url, to: alone) }
        let result = try Executable.run(["serve", "--port", "0"], executable: alone)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(folder.path)/mecigep-service"))
        #expect(result.stderr.contains("make build"))
        // every other command is the program's own
        #expect(try Executable.run(["--version"], executable: alone).status == 0)
    }
}
