import Testing
@testable import MecigepReports

@Suite("Dates and numbers in the four languages")
struct LocalizedFormatTests {
    @Test(arguments: [
        (Language.en, "29 November 2026"), (.es, "29 de noviembre de 2026"), (.pt, "29 de novembro de 2026"),
        (.fr, "29 novembre 2026"),
    ])
    func dates(language: Language, expected: String) {
        #expect(LocalizedFormat.date("2026-11-29", language) == expected)
    }

    @Test func frenchFirstOfTheMonthAndLeapDays() {
        #expect(LocalizedFormat.date("2026-12-01", .fr) == "1er décembre 2026")
        #expect(LocalizedFormat.date("2028-02-29", .es) == "29 de febrero de 2028")
        #expect(LocalizedFormat.date("2027-02-29", .es) == "2027-02-29", "not a date: shown as written")
        #expect(LocalizedFormat.date("next year", .en) == "next year")
    }

    @Test func decimalSeparators() {
        #expect(LocalizedFormat.number(2.5, .en) == "2.5")
        #expect(LocalizedFormat.number(2.5, .es) == "2,5")
        #expect(LocalizedFormat.number(2.5, .pt) == "2,5")
        #expect(LocalizedFormat.number(2.5, .fr) == "2,5")
        #expect(LocalizedFormat.number(3, .fr) == "3")
        #expect(LocalizedFormat.number(1.25, .en) == "1.25")
        #expect(LocalizedFormat.number(-0.333, .es, decimals: 1) == "-0,3")
        #expect(LocalizedFormat.number(0.999, .en, decimals: 2) == "1")
    }

    @Test func thousandsFromTenThousandUp() {
        #expect(LocalizedFormat.number(1_330_000, .en) == "1,330,000")
        #expect(LocalizedFormat.number(1_330_000, .es) == "1.330.000")
        #expect(LocalizedFormat.number(48_500, .pt) == "48.500")
        #expect(LocalizedFormat.number(48_500, .fr) == "48\u{202F}500")
        #expect(LocalizedFormat.number(2026, .en) == "2026", "years and short numbers stay ungrouped")
    }

    @Test func percentages() {
        #expect(LocalizedFormat.percent(0.8947, .en) == "89.5%")
        #expect(LocalizedFormat.percent(0.8947, .es) == "89,5\u{00A0}%")
        #expect(LocalizedFormat.percent(0.75, .pt) == "75%")
        #expect(LocalizedFormat.percent(1, .fr) == "100\u{202F}%")
    }

    @Test func countryNamesOfOASMembers() {
        #expect(CountryNames.name("DO", .fr) == "République dominicaine")
        #expect(CountryNames.name("BR", .es) == "Brasil")
        #expect(CountryNames.table.count == 35, "the 35 OAS member States")
        #expect(CountryNames.name("ES", .en) == nil)
    }
}
