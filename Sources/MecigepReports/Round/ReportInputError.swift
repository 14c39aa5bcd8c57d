import MecigepEngine

/// One thing wrong in a round or follow-up file: where (the path inside the document, such as
/// `peers[2].country`, positions counted from 1) and what to do about it.
public struct InputProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Why a round or follow-up file cannot be used: the file, and every problem found in it (all
/// of them, not just the first), or the position of a syntax error.
public struct ReportInputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var problems: [InputProblem]

    public init(file: String, problems: [InputProblem], line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.problems = problems
        self.line = line
        self.column = column
    }

    /// A document that could not be read or parsed.
    public init(_ error: DocumentError) {
        self.init(file: error.file, problems: [InputProblem(path: "", message: error.message)], line: error.line,
                  column: error.column)
    }

    /// One line per problem: `round.yaml: peers[2].country: "XX" is not ...`.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return problems.map { "\(location): \($0)" }.joined(separator: "\n")
    }
}
