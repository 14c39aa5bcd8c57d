/// Dates and numbers written the way each language writes them. Pure functions of their
/// input (no locale of the machine, no clock), so reports are reproducible.
public enum LocalizedFormat {
    private static let months: [Language: [String]] = [
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"],
        .es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"],
        .pt: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
              "novembro", "dezembro"],
        .fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"],
    ]

    /// "29 November 2026", "29 de noviembre de 2026", "29 de novembro de 2026", "1er décembre 2026".
    /// A text that is not a YYYY-MM-DD date is returned as it is.
    public static func date(_ iso: String, _ language: Language) -> String {
        guard let (y, m, d) = SimpleDate.parts(iso) else { return iso }
        let month = months[language]![m - 1]
        switch language {
        case .en: return "\(d) \(month) \(y)"
        case .es, .pt: return "\(d) de \(month) de \(y)"
        case .fr: return "\(d == 1 ? "1er" : String(d)) \(month) \(y)"
        }
    }

    /// A number with at most `decimals` decimals (trailing zeros dropped) and the language's
    /// decimal separator: 2.5 → "2,5" in Spanish.
    public static func number(_ value: Double, _ language: Language, decimals: Int = 2) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.towardZero)
        let fraction = Int(((magnitude - whole) * scale).rounded())
        var digits = ""
        if decimals > 0 && fraction > 0 {
            var text = String(fraction)
            text = String(repeating: "0", count: max(0, decimals - text.count)) + text
            while text.hasSuffix("0") { text.removeLast() }
            digits = language.decimalSeparator + text
        }
        return (negative ? "-" : "") + grouped(String(Int64(whole)), language) + digits
    }

    /// Thousands grouped from 10 000 up: "1,330,000" (en), "1.330.000" (es, pt), "1 330 000" (fr).
    static func grouped(_ digits: String, _ language: Language) -> String {
        guard digits.count > 4 else { return digits }
        let separator: String = switch language {
        case .en: ","
        case .es, .pt: "."
        case .fr: "\u{202F}"
        }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += separator }
            out.append(c)
        }
        return out
    }

    /// A share (0...1) as a percentage: "89.5%" (en), "89,5 %" (es, fr), "89,5%" (pt).
    public static func percent(_ share: Double, _ language: Language) -> String {
        let n = number(share * 100, language, decimals: 1)
        switch language {
        case .en, .pt: return n + "%"
        case .es: return n + "\u{00A0}%"
        case .fr: return n + "\u{202F}%"
        }
    }
}

/// Calendar dates written YYYY-MM-DD, checked without Foundation's calendars.
enum SimpleDate {
    /// Year, month and day of a valid YYYY-MM-DD date.
    static func parts(_ s: String) -> (Int, Int, Int)? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1] ? (y, m, d) : nil
    }

    static func isValid(_ s: String) -> Bool { parts(s) != nil }
}
