/// The four official languages of the OAS, in which reports are written.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case en, es, pt, fr

    /// Decimal separator of the language, as used in reports.
    var decimalSeparator: String { self == .en ? "." : "," }
}
