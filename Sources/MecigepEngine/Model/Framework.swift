import LuaRuntime

/// How a criterion (or the framework) combines the results below it.
public enum AggregationMethod: Sendable, Hashable {
    /// Σ weight × score / Σ weight, then the grade the mean falls in.
    case weightedMean(rounding: Scale.Rounding)
    /// PEFA M1: the lowest score, with "+" when any other is higher (and the scale allows "+").
    case weakestLink
    /// PEFA M2: a table from the multiset of input grades (ids sorted best first and joined,
    /// "ABD") to a grade ("B+").
    case conversionTable([String: String])
    /// SIGMA style: the sum (or mean) of scores, then the level of the highest cut-off reached.
    case thresholds(of: Statistic, cutoffs: [Cutoff])
    /// The mean (or sum) of scores mapped through points of a piecewise-linear function.
    case piecewise(of: Statistic, points: [Point])
    /// A Lua function of the framework: `aggregation = function(inputs, ctx) ... end`.
    case lua

    public enum Statistic: String, Sendable { case sum, mean }
    public struct Cutoff: Sendable, Hashable { public var minimum: Double; public var level: String }
    public struct Point: Sendable, Hashable { public var x: Double; public var y: Double }

    /// The method's name as written in rules and assessments.
    public var name: String {
        switch self {
        case .weightedMean: return "weighted_mean"
        case .weakestLink: return "weakest_link"
        case .conversionTable: return "table"
        case .thresholds: return "thresholds"
        case .piecewise: return "piecewise"
        case .lua: return "lua"
        }
    }
}

/// Where a declaration was made in rule code.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var description: String { file + (line.map { ":\($0)" } ?? "") }
}

/// An indicator: one question a rule answers about a case. Its fields live in one shared,
/// copy-on-write box (`CopyOnWrite`): an indicator travels with every result and is copied
/// several times per case on its way to the written assessment.
public struct Indicator: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var id: String
        var title: LocalizedText
        var question: LocalizedText?
        var weight: Double
        var reads: [String]
        var requires: [String]
        var references: [String]
        var rubric: [String: LocalizedText]
        var location: SourceLocation?
        var ruleLocation: SourceLocation?
    }

    private var shared: CopyOnWrite<Fields>

    init(id: String, title: LocalizedText, question: LocalizedText?, weight: Double, reads: [String], requires: [String],
         references: [String], rubric: [String: LocalizedText], location: SourceLocation?, ruleLocation: SourceLocation?) {
        shared = CopyOnWrite(Fields(id: id, title: title, question: question, weight: weight, reads: reads,
                                    requires: requires, references: references, rubric: rubric, location: location,
                                    ruleLocation: ruleLocation))
    }

    public var id: String {
        get { shared.fields.id }
        _modify { yield &shared.fields.id }
    }
    public var title: LocalizedText {
        get { shared.fields.title }
        _modify { yield &shared.fields.title }
    }
    public var question: LocalizedText? {
        get { shared.fields.question }
        _modify { yield &shared.fields.question }
    }
    public var weight: Double {
        get { shared.fields.weight }
        _modify { yield &shared.fields.weight }
    }
    /// Case fields the rule reads (evidence paths).
    public var reads: [String] {
        get { shared.fields.reads }
        _modify { yield &shared.fields.reads }
    }
    /// Fields that must be present; when one is missing the indicator is "insufficient
    /// information" without running the rule.
    public var requires: [String] {
        get { shared.fields.requires }
        _modify { yield &shared.fields.requires }
    }
    public var references: [String] {
        get { shared.fields.references }
        _modify { yield &shared.fields.references }
    }
    /// What the case must show for each level, by level id.
    public var rubric: [String: LocalizedText] {
        get { shared.fields.rubric }
        _modify { yield &shared.fields.rubric }
    }
    public var location: SourceLocation? {
        get { shared.fields.location }
        _modify { yield &shared.fields.location }
    }
    /// Where the rule's evaluate function is defined.
    public var ruleLocation: SourceLocation? {
        get { shared.fields.ruleLocation }
        _modify { yield &shared.fields.ruleLocation }
    }
}

/// A criterion: indicators and how they combine.
public struct Criterion: Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
    public var description: LocalizedText?
    public var weight: Double
    public var aggregation: AggregationMethod
    public var indicators: [Indicator]
    public var location: SourceLocation?
}

/// A declared case field: its type, and whether the framework needs it.
public struct FieldRule: Sendable, Hashable {
    public enum FieldType: String, Sendable, CaseIterable {
        case string, number, integer, boolean, array, object, date, country
    }
    /// "problem.baseline.year", or "fiscal.costing[].amount" for every element.
    public var path: String
    public var type: FieldType
    public var required: Bool
    /// Allowed values, when the field is an enumeration.
    public var allowed: [String]?
    /// For a list: the most items it may have (else the framework's `maxItems`).
    public var maxItems: Int? = nil
}

/// A framework, loaded and validated: prepare once, evaluate many cases.
public struct Framework: Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var description: LocalizedText?
    /// Languages every human-facing text must have.
    public var languages: [String]
    public var scale: Scale
    public var aggregation: AggregationMethod
    /// How "insufficient information" counts in aggregation: as the lowest level (PEFA's D*,
    /// the default: omission never pays), or left out when the framework declares
    /// `insufficient = "exclude"`; reported separately either way.
    public var insufficientCountsAsLowest: Bool
    public var criteria: [Criterion]
    public var fields: [FieldRule]
    /// The most items any list in a case may have, unless its field says otherwise: a longer
    /// list is padding, not evidence, and a case with one is invalid (declared `max_items`).
    public var maxItems: Int = Framework.defaultMaxItems
    /// The bound on lists when a framework declares none.
    public static let defaultMaxItems = 1000
    /// Answers that are not answers ("por definir", "TBD"), normalised: the engine treats a case
    /// value that is exactly one of them as missing (`placeholders = ...` in the framework).
    public var placeholders: Set<String> = []
    /// Lists whose items can be the weakness an indicator measures (an unmitigated risk, an
    /// unfunded cost): one more item may lower a level there, and only there.
    public var weaknessLists: [String] = []
    /// The framework's published case schema, as declared (`schema = "case.schema.json"`, a
    /// file in its folder, or in its base's folder for an extension).
    public var caseSchemaFile: String?
    /// That schema, loaded: `validate` and `assess` apply it as a standard validator would.
    public var caseSchema: JSONSchema?
    public var extends: (id: String, version: String)?
    /// The base versions an extension accepts (`base_versions = "^2.0.0"`), when it says.
    public var extendsRange: VersionRange?
    /// Set when the framework was loaded from a package: where from, and who signed it.
    public var package: PackageOrigin?
    /// Every rule file the framework used, with its SHA-256, sorted by path.
    public var sources: [(path: String, sha256: String)]
    /// The folder the framework was loaded from.
    public var folder: String

    /// All indicators, in framework order.
    public var indicators: [Indicator] { criteria.flatMap(\.indicators) }

    /// One hash over all sources: changes whenever any rule file does.
    public var contentHash: String {
        SHA256.hex(of: Array(sources.map { "\($0.path)\u{0}\($0.sha256)\n" }.joined().utf8))
    }
}
