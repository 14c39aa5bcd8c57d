/// One thing wrong with a framework, with where it is and what to do.
public struct FrameworkProblem: Sendable, Hashable, CustomStringConvertible {
    /// The rule file, when known.
    public var file: String?
    public var line: Int?
    /// "framework-id", "framework-id/criterion", "framework-id/criterion/indicator".
    public var subject: String
    public var message: String

    public init(file: String? = nil, line: Int? = nil, subject: String, message: String) {
        self.file = file
        self.line = line
        self.subject = subject
        self.message = message
    }

    /// "file:line: subject: message".
    public var description: String {
        var location = ""
        if let file { location = file + (line.map { ":\($0)" } ?? "") + ": " }
        return "\(location)\(subject): \(message)"
    }
}

/// A framework could not be loaded: every problem found, not just the first.
public struct FrameworkLoadError: Error, Sendable, CustomStringConvertible {
    public var framework: String
    public var problems: [FrameworkProblem]

    public var description: String {
        "framework '\(framework)' has \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n"
            + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
