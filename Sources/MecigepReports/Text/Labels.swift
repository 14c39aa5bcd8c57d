/// A fixed text of the report. Every label has a translation in each of the four languages:
/// the `switch` in each language's table is exhaustive, so a label cannot be left out.
enum Label: String, CaseIterable, Sendable {
    case titlePeerReview
    case titleAssessment
    case contents
    case coverNotice
    case annexN
    case secSummary
    case secProcess
    case secCase
    case secAnalysis
    case secPeers
    case secRecommendations
    case secComments
    case secFollowUp
    case secScoring
    case secProvenance
    case factCase
    case factBeneficiary
    case factPeers
    case factSecretariat
    case factFramework
    case factOverall
    case factAgreedOverall
    case factDate
    case unknownState
    case summaryIntro
    case summaryIntroNoRound
    case overallLevel
    case agreedOverallLevel
    case coverageSentence
    case radarTitle
    case seriesRules
    case seriesAgreed
    case criterion
    case colRules
    case colAgreed
    case spread
    case colCoverage
    case criteriaTableCaption
    case strongest
    case weakest
    case criteriaWithoutInformation
    case noDisagreement
    case discussTitle
    case recommendationCount
    case recommendationAuthors
    case processIntro
    case processMethod
    case noRound
    case roundID
    case beneficiaryState
    case peerStates
    case secretariat
    case institution
    case delegation
    case notGiven
    case dateSubmitted
    case dateMeetings
    case dateReport
    case dateComments
    case followUpRequested
    case yes
    case no
    case caseAsSubmitted
    case caseUnavailable
    case implementationChallenges
    case questionsForPeers
    case noneSubmitted
    case challenge
    case identification
    case initiative
    case thematicArea
    case instrument
    case contact
    case plannedLaunch
    case caseLanguage
    case langEn = "lang_en"
    case langEs = "lang_es"
    case langPt = "lang_pt"
    case langFr = "lang_fr"
    case caseSummary
    case problem
    case affectedPopulation
    case objectives
    case generalObjective
    case caseIssues
    case caseIssuesIntro
    case caseOpenGovernment = "case_open_government"
    case caseStrategicPlanning = "case_strategic_planning"
    case casePublicBudget = "case_public_budget"
    case caseCivilService = "case_civil_service"
    case caseCoordination = "case_coordination"
    case caseEvaluation = "case_evaluation"
    case caseDigitalTransformation = "case_digital_transformation"
    case caseDecentralization = "case_decentralization"
    case casePublicServices = "case_public_services"
    case caseBehavioralSciences = "case_behavioral_sciences"
    case caseOther = "case_other"
    case casePolicy = "case_policy"
    case caseProgram = "case_program"
    case caseProject = "case_project"
    case caseInitiative = "case_initiative"
    case analysisIntro
    case analysisIntroLowest
    case aggregationLine
    case agreedCriterion
    case peerLevels
    case aggregationFailed
    case barTitle
    case weight
    case agreedLevel
    case rulesLevel
    case why
    case peerState
    case rubric
    case findings
    case evidence
    case missingInformation
    case notSpecified
    case note
    case ruleError
    case seeRecommendations
    case seeRecommendation
    case peerStateN
    case references
    case levelN
    case insufficient
    case peersIntro
    case noPeers
    case expWhat
    case expResults
    case expLessons
    case expConditions
    case noExperience
    case peerComments
    case levelsGiven
    case nonBinding
    case nonBindingNote
    case noRecommendations
    case noChallenge
    case coverageSentenceLowest
    case keyRecommendations
    case keyRecommendationsNote
    case leftToDialogue
    case byQuestionCaption
    case question
    case description
    case recommendationNumbers
    case byChallengeCaption
    case authorRules
    case priority
    case horizon
    case priorityHigh
    case priorityMedium
    case priorityLow
    case horizonShort
    case horizonMedium
    case horizonLong
    case author
    case suggestedOwner
    case identifier
    case commentsAnnexed
    case commentsAnnexedOn
    case noComments
    case noCommentsNoRound
    case followUpInformational
    case followUpPending
    case followUpReported
    case status
    case count
    case statusAdopted
    case statusInProgress
    case statusNotAdopted
    case statusNotApplicable
    case statusNotReported
    case followUpCountsCaption
    case followUpTableCaption
    case recommendation
    case date
    case changesTitle
    case changesIntro
    case changesCounts
    case noChanges
    case changesTableCaption
    case before
    case after
    case change
    case indicator
    case changeUp
    case changeDown
    case changeSame
    case changeStatus
    case changeAdded
    case changeRemoved
    case scoringIntro
    case scoringIntroNoAgreed
    case aggregation
    case score
    case overall
    case level
    case label
    case scaleCaption
    case insufficientExcluded
    case insufficientLowest
    case aggWeightedMean
    case aggWeakestLink
    case aggTable
    case aggThresholds
    case aggPiecewise
    case aggLua
    case provenanceIntro
    case contentHash
    case extends
    case engine
    case schemaVersion
    case caseFile
    case roundFile
    case followUpFile
    case generatedAt
    case sourceFile
    case sourcesCaption
    case and
}

enum Labels {
    static func text(_ key: Label, _ language: Language) -> String {
        switch language {
        case .en: return english(key)
        case .es: return spanish(key)
        case .pt: return portuguese(key)
        case .fr: return french(key)
        }
    }
}
