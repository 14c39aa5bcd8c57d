import MecigepEngine

/// Checks a round against what it refers to: the framework's criteria, indicators and scale, the
/// case's implementation challenges, and the rules' recommendation ids.
struct RoundChecker {
    var framework: Framework
    var challenges: [CaseChallenge]
    var assessment: Assessment

    func check(_ round: ReviewRound) throws(ReportInputError) {
        var problems: [InputProblem] = []
        func fail(_ path: String, _ message: String) { problems.append(InputProblem(path: path, message: message)) }
        let criteria = framework.criteria.map(\.id)
        let scale = framework.scale
        let levels = scale.levels.map(\.id).joined(separator: ", ")
        let criterionList = "the criteria of \(framework.id) are \(criteria.joined(separator: ", "))"

        for peer in round.peers {
            for entry in peer.levels {
                if !criteria.contains(entry.criterion) {
                    fail(entry.path, "\"\(entry.criterion)\" is not a criterion of \(framework.id); \(criterionList)")
                } else if scale.grade(entry.level) == nil {
                    fail(entry.path, "\"\(entry.level)\" is not a level of the \(scale.id) scale (\(levels))")
                }
            }
            for entry in peer.recommendations {
                let r = entry.recommendation
                if !criteria.contains(r.criterion) {
                    fail(entry.path + ".criterion", "\"\(r.criterion)\" is not a criterion of \(framework.id); \(criterionList)")
                }
                if let indicator = r.indicator {
                    if let owner = framework.criteria.first(where: { $0.indicators.contains { $0.id == indicator } }) {
                        if criteria.contains(r.criterion), owner.id != r.criterion {
                            fail(entry.path + ".indicator", "\"\(indicator)\" belongs to the criterion \(owner.id), not \(r.criterion)")
                        }
                    } else {
                        fail(entry.path + ".indicator", "\"\(indicator)\" is not an indicator of \(framework.id); "
                            + "see the scoring sheet or mecigep explain")
                    }
                }
                if let challenge = r.challenge, !challenges.contains(where: { $0.id == challenge }) {
                    let known = challenges.map(\.id)
                    fail(entry.path + ".challenge", "\"\(challenge)\" is not an implementation challenge of the case "
                        + (known.isEmpty ? "(the case lists none)" : "(\(known.joined(separator: ", ")))"))
                }
                if assessment.recommendations.contains(where: { $0.id == r.id }) {
                    fail(entry.path + ".id", "\"\(r.id)\" is the id of a recommendation of the rules; give this one another id")
                }
            }
        }
        for o in round.overrides {
            guard framework.indicators.contains(where: { $0.id == o.indicator }) else {
                fail(o.path + ".indicator", "\"\(o.indicator)\" is not an indicator of \(framework.id); see the scoring sheet or mecigep explain")
                continue
            }
            if scale.level(.string(o.level)) == nil {
                fail(o.path + ".level", "\"\(o.level)\" is not a level of the \(scale.id) scale (\(levels))")
            }
        }
        if !problems.isEmpty { throw ReportInputError(file: round.file, problems: problems) }
    }
}
