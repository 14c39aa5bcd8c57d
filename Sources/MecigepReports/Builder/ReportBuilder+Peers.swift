import MecigepEngine

extension ReportBuilder {
    /// 5. Peer experiences: what each peer State did when it faced a similar challenge, its
    /// results, lessons and the conditions for the solution to transfer; its comments and levels.
    func peers() -> [Block] {
        guard let round, !round.peers.isEmpty else { return [.paragraph([.emphasis(w(.noPeers))])] }
        var blocks: [Block] = [.paragraph([.text(w(.peersIntro))])]
        for peer in round.peers {
            let p = peer.participant
            let name = w.country(p.country, name: p.name) + (p.institution.map { " — " + $0 } ?? "")
            var group: [Block] = [.heading(level: 3, text: [.text(name)], id: "peer-" + p.country.lowercased())]
            if !p.delegation.isEmpty { group.append(.paragraph([.emphasis(w(.delegation) + w.colon + w.list(p.delegation))])) }
            if let e = peer.experience {
                if let title = e.title { group.append(.heading(level: 4, text: [.text(w.text(title))], id: nil)) }
                var items: [(term: [Inline], detail: [Inline])] = []
                let parts: [(Label, LocalizedText?)] = [(.expWhat, e.what), (.expResults, e.results), (.expLessons, e.lessons),
                                                        (.expConditions, e.conditions)]
                for (label, text) in parts { if let text { items.append(([.text(w(label))], [.text(w.text(text))])) } }
                if !items.isEmpty { group.append(.definitions(items)) }
            } else {
                group.append(.paragraph([.emphasis(w(.noExperience))]))
            }
            if let comments = peer.comments {
                group.append(.paragraph([.strong(w(.peerComments) + w.colon), .text(w.text(comments))]))
            }
            if !peer.levels.isEmpty {
                let order = a.framework.criteria.map(\.id)
                let levels = peer.levels.sorted { (order.firstIndex(of: $0.criterion) ?? 0) < (order.firstIndex(of: $1.criterion) ?? 0) }
                    .map { "\(criterionTitle($0.criterion)) \($0.level)" }
                group.append(.paragraph([.strong(w(.levelsGiven) + w.colon), .text(levels.joined(separator: " · "))]))
            }
            let numbers = content.recommendations.filter { $0.author == .peer(p.country) }.map { "\($0.number)" }
            if !numbers.isEmpty { group.append(.paragraph([.text(w(numbers.count == 1 ? .seeRecommendation : .seeRecommendations, numbers.joined(separator: ", ")))])) }
            blocks.append(.group(style: "peer", group))
        }
        return blocks
    }
}
