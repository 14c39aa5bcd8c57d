import ArgumentParser
import Foundation
@testable import MecigepCLI
import Testing

/// What `--help` shows a user: every command's description reads as whole paragraphs.
@Suite("help text")
struct HelpTextTests {
    /// Every subcommand, nested ones included, as the argument lists that reach its help.
    static func commandPaths() throws -> [[String]] {
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            let help = try Executable.run(path + ["--help"]).stdout
            if !path.isEmpty { found.append(path) }
            guard let start = help.range(of: "SUBCOMMANDS:\n") else { continue }
            for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { if line.isEmpty { break }; continue }
                let name = line.split(separator: " ").first.map(String.init) ?? ""
                if !name.isEmpty, name != "help" { queue.append(path + [name]) }
            }
        }
        return found
    }

    /// Guards against descriptions written with hard line breaks wider than the help's 80
    /// columns: the help then wraps each source line on its own and leaves fragments such as
    /// "one file" alone on a line. A line of the overview shorter than 50 characters may only
    /// end a paragraph (or a line ending in a colon, which starts a list).
    @Test func overviewsWrapAsWholeParagraphs() throws {
        let paths = try Self.commandPaths()
        #expect(paths.count >= 20, "found \(paths.count) subcommands")
        for path in paths {
            let help = try Executable.run(path + ["--help"]).stdout
            guard let overview = help.components(separatedBy: "USAGE:").first else { continue }
            let lines = overview.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where index + 1 < lines.count {
                let next = lines[index + 1]
                let ragged = !line.isEmpty && line.count < 50 && !next.trimmingCharacters(in: .whitespaces).isEmpty
                    && !line.hasSuffix(":") && !line.hasPrefix("OVERVIEW:")
                #expect(!ragged, "mecigep \(path.joined(separator: " ")) --help: '\(line)' is cut short before '\(next)'")
                #expect(line.count <= 80, "mecigep \(path.joined(separator: " ")) --help: a line of \(line.count) characters")
            }
        }
    }

    /// Every command names itself in its configuration: ArgumentParser otherwise derives an
    /// unnamed command's name from its type's name at every start of every command, and the
    /// runtime's type lookups behind that cost about 2 ms of each run (one case from the command
    /// line is a speed target).
    @Test func everyCommandNamesItself() {
        var queue: [any ParsableCommand.Type] = [Mecigep.self]
        var seen = 0
        while let command = queue.popLast() {
            seen += 1
            #expect(command.configuration.commandName != nil, "\(command) has no commandName")
            queue.append(contentsOf: command.configuration.subcommands)
        }
        #expect(seen >= 25)
    }
}
