extension ReportBuilder {
    /// 7. The beneficiary's comments, annexed exactly as received.
    func comments() -> [Block] {
        guard let comments = round?.comments else {
            return [.paragraph([.emphasis(w(round == nil ? .noCommentsNoRound : .noComments))])]
        }
        let intro = comments.date.map { w(.commentsAnnexedOn, beneficiaryName, w.date($0)) } ?? w(.commentsAnnexed, beneficiaryName)
        return [.note(style: "info", [.text(intro)]), .verbatim(comments.text)]
    }
}
