/// A JSON-like value that crosses the boundary between Swift and Lua as a copy.
///
/// - `null` is JSON null; in Lua it is the global `null` (a light userdata), distinct from an
///   absent field (`nil`).
/// - Integers stay integers (`Int64`, Lua's integer subtype); doubles stay doubles.
/// - A Lua table whose keys are exactly `1...n` becomes an `array`; a table whose keys are all
///   strings becomes an `object`; an empty table becomes an empty `array`.
public enum LuaValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([LuaValue])
    case object([String: LuaValue])
}

extension LuaValue {
    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> LuaValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at zero-based `index` of an array, or `nil`.
    public subscript(index: Int) -> LuaValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer payload, if this is an integer.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The numeric payload of an integer or a double.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The Boolean payload, if this is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [LuaValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: LuaValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The Lua-style type name used in messages ("string", "number", "table", "null", ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
