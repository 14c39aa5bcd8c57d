/// A value's fields kept in one shared box: a copy of the value is one reference, not a retain
/// of every reference its fields hold, and a change copies the box first when another value
/// shares it. For the model's large values that travel far and rarely change (an indicator
/// and its result are copied several times on their way from the framework to the written
/// assessment).
struct CopyOnWrite<Fields: Sendable & Hashable>: Hashable, @unchecked Sendable {  // changed only while uniquely referenced
    private final class Box {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(_ fields: Fields) { box = Box(fields) }

    /// The fields, lent for reading; for a change, copied first when shared.
    var fields: Fields {
        _read { yield box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// Equal fields; at once when the two share their box.
    static func == (a: Self, b: Self) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}
