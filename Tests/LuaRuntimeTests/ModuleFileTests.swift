import Foundation
import Testing
@testable import LuaRuntime

/// `require` reads a module's file into a buffer of the size `stat` gave it: these pin that the
/// bytes are the file's whatever that size said (the file may have grown or shrunk since), and
/// that the size limit is kept exactly.
@Suite("Module files read as they are")
struct ModuleFileTests {
    private static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-module-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Guards: for every size (around the 64 KB chunks a grown file is read on in) and every
    /// size hint (exact, smaller as for a file that grew after `stat`, larger as for one that
    /// shrank, none), the bytes read are the file's; over the limit, nothing.
    @Test func theBytesReadAreTheFilesWhateverItsSizeWasSaidToBe() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var generator = SystemRandomNumberGenerator()
        let sizes = [0, 1, 2, 100, 4095, 4096, 65535, 65536, 65537, 131_072, 200_001]
            + (0..<6).map { _ in Int.random(in: 0...250_000, using: &generator) }
        for size in sizes {
            var bytes = [UInt8](repeating: 0, count: size)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: generator.next()) }
            let path = dir.appendingPathComponent("m\(size).lua").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for expected in [size, 0, size / 2, max(size - 1, 0), size + 1, size * 2 + 10] {
                #expect(ModuleResolver.contents(of: path, limit: 1 << 20, expected: expected) == bytes,
                        "size \(size), told \(expected)")
                // exactly at the limit: read; one byte under the file's size: refused
                #expect(ModuleResolver.contents(of: path, limit: size, expected: expected) == bytes,
                        "size \(size) at its limit, told \(expected)")
                if size > 0 {
                    #expect(ModuleResolver.contents(of: path, limit: size - 1, expected: expected) == nil,
                            "size \(size) over its limit, told \(expected)")
                }
            }
        }
        #expect(ModuleResolver.contents(of: dir.appendingPathComponent("none.lua").path, limit: 100) == nil)
    }

    /// Guards: a module required from a file larger than one read chunk runs as its text, and
    /// one over the runtime's module size limit is refused with its size in the message.
    @Test func aLargeModuleRunsAndOneOverTheLimitIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // ~190 KB of Lua: a table of 2,500 strings and their count
        var source = "local t = {\n"
        for i in 0..<2500 { source += "  \"item number \(i) of a long module, padded to be read in several chunks\",\n" }
        source += "}\nreturn #t .. ':' .. t[2500]\n"
        try source.write(to: dir.appendingPathComponent("big.lua"), atomically: true, encoding: .utf8)
        let result: Result<LuaValue, LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(moduleRoots: [dir.path]))
                return .success(try runtime.evaluate("return require 'big'").value)
            } catch { return .failure(error) }
        }
        #expect(try result.get() == .string("2500:item number 2499 of a long module, padded to be read in several chunks"))

        let refused: Result<LuaValue, LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(moduleRoots: [dir.path], maxModuleBytes: 100_000))
                return .success(try runtime.evaluate("return require 'big'").value)
            } catch { return .failure(error) }
        }
        guard case .failure(let error) = refused else {
            Issue.record("a module over the size limit was loaded")
            return
        }
        #expect(error.message.contains("more than the 100000 allowed for a module"), "\(error.message)")
    }
}
