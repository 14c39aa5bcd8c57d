import Foundation
import LuaRuntime
import Testing
@testable import MecigepEngine

/// The published formats stay true to what ships: example cases and templates validate against
/// the case schema, and the editor annotations match the schema they are generated from.
@Suite("Published formats")
struct PublishedFormatsTests {
    static func files(_ folder: String) -> [String] {
        Array(BatchRunner.caseFiles([Fixtures.repository.appendingPathComponent(folder).path]).files)
    }

    @Test func exampleCasesValidateAgainstTheCaseSchema() throws {
        let files = Self.files("examples/cases")
        #expect(files.count >= 8, "the core framework ships at least 8 example cases")
        var documents: [String] = []
        for file in files {
            let value = try DocumentLoader.load(path: file)
            documents.append(value.jsonText())
        }
        try SchemaValidator.validate(documents, schema: "docs/schemas/case.schema.json")
    }

    @Test func templatesLoadAndCarryEveryTopLevelBlock() throws {
        let templates = Self.files("examples/templates")
        #expect(templates.count >= 2)
        for file in templates {
            let value = try DocumentLoader.load(path: file)
            for key in ["identification", "problem", "implementation_challenges", "questions_for_peers", "evidence"] {
                #expect(value[key] != nil, "\(file) has no \(key)")
            }
        }
    }

    @Test func caseAnnotationsAreGeneratedFromTheSchema() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.repository.appendingPathComponent("scripts/case-annotations.py").path, "--check"]
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }
}

// YAML output reads back as the same values: strings a YAML reader would take for numbers,
// infinities, booleans or dates, or would trim, are quoted. (A U+FEFF inside a string is the one
// known exception: libyaml drops it even when quoted.)
@Suite("YAML output round trip")
struct YAMLRoundTripTests {
    @Test(arguments: ["0o17", "0x1F", ".inf", "-.inf", ".nan", "1e3", "true", "Yes", "~", "null", "2026-12-04",
                      " lead", "trail ", "tab\there", "12", "-3.5", "plain text", "revisión", ""])
    func stringsComeBackAsStrings(_ text: String) throws {
        let value: LuaValue = ["s": .string(text), "list": [.string(text)]]
        let yaml = value.yamlText()
        let back = try DocumentLoader.parse(Data(yaml.utf8), format: .yaml, name: "roundtrip")
        #expect(back == value, "\(text.debugDescription) came back as \(back.jsonText()) from:\n\(yaml)")
    }
}
