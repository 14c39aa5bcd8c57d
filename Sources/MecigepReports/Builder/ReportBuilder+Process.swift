import MecigepEngine

extension ReportBuilder {
    /// 2. The process: who took part and when, and what the mechanism is.
    func process() -> [Block] {
        var blocks: [Block] = [.paragraph([.text(w(.processIntro))])]
        guard let round else {
            var items: [(term: [Inline], detail: [Inline])] = [([.text(w(.beneficiaryState))], [.text(beneficiaryName)])]
            if let agency = caseString("identification.agency") { items.append(([.text(w(.institution))], [.text(agency)])) }
            blocks.append(.group(style: "process", [.definitions(items)]))
            blocks.append(.note(style: "info", [.text(w(.noRound))]))
            return blocks
        }
        func participant(_ p: ReviewRound.Participant, fallbackInstitution: String? = nil) -> [Inline] {
            var parts: [Inline] = [.strong(w.country(p.country, name: p.name)), .text(" (" + p.country + ")")]
            if let institution = p.institution ?? fallbackInstitution { parts.append(.text(" — " + institution)) }
            if !p.delegation.isEmpty { parts.append(.text(". " + w(.delegation) + w.colon + w.list(p.delegation))) }
            return parts
        }
        var items: [(term: [Inline], detail: [Inline])] = [
            ([.text(w(.roundID))], [.code(round.id)]),
            ([.text(w(.beneficiaryState))], participant(round.beneficiary, fallbackInstitution: caseString("identification.agency"))),
        ]
        for (i, peer) in round.peers.enumerated() {
            items.append(([.text(w(.peerStateN, String(i + 1)))], participant(peer.participant)))
        }
        let s = round.secretariat
        let secretariat = [s.name, s.contact, s.email].compactMap { $0 }
        items.append(([.text(w(.secretariat))], [.text(secretariat.isEmpty ? w(.notGiven) : secretariat.joined(separator: " — "))]))
        if let d = round.dates.submitted { items.append(([.text(w(.dateSubmitted))], [.text(w.date(d))])) }
        if !round.dates.meetings.isEmpty {
            items.append(([.text(w(.dateMeetings))], [.text(w.list(round.dates.meetings.map(w.date)))]))
        }
        if let d = round.dates.report { items.append(([.text(w(.dateReport))], [.text(w.date(d))])) }
        if let d = round.comments?.date { items.append(([.text(w(.dateComments))], [.text(w.date(d))])) }
        items.append(([.text(w(.followUpRequested))], [.text(w(round.followUpRequested ? .yes : .no))]))
        blocks.append(.group(style: "process", [.definitions(items)]))
        blocks.append(.paragraph([.text(w(.processMethod, frameworkName))]))
        return blocks
    }
}
