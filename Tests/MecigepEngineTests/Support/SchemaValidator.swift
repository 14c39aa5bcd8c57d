import Foundation

/// Validates documents against a JSON Schema with an independent validator (Python's
/// jsonschema, installed by scripts/setup.sh), so the schema and the code cannot drift apart.
enum SchemaValidator {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func validate(_ documents: [String], schema: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mecigep-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (n, text) in documents.enumerated() {
            let file = folder.appendingPathComponent("doc\(n).json")
            try Data(text.utf8).write(to: file)
            paths.append(file.path)
        }
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            bad = 0
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    bad += 1
                    print(path, "/".join(str(p) for p in error.absolute_path), error.message)
            sys.exit(1 if bad else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Fixtures.repository.appendingPathComponent(schema).path] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw Failure(description: "schema validation failed:\n\(output)") }
    }
}
