// A step-counted port of Lua 5.4's pattern matcher (lstrlib.c: `match` and its helpers), in
// Swift: the reference the sandbox's C matcher (Sources/CLuaPatterns) is checked against
// (CPatternMatcherTests), and what the sandbox ran before the pattern functions moved to C.
//
// Lua's C matcher cannot be interrupted by the count hook, so a hostile pattern such as
// `string.find(("a"):rep(1e5), ".-.-.-.-b")` would hang the host. This port keeps Lua 5.4.4's
// semantics and error messages byte for byte, but charges every unit of work to a step budget
// and throws `.budgetExhausted` when the budget runs out.
//
// Semantics follow the C locale: character classes are ASCII only.

/// One match of a Lua pattern: byte offsets are 0-based, `end` exclusive.
struct LuaPatternMatch: Equatable {
    var start: Int
    var end: Int
    var captures: [LuaPatternCapture]   // empty when the pattern has no captures
}

enum LuaPatternCapture: Equatable {
    case substring(start: Int, end: Int)   // 0-based, end exclusive
    case position(Int)                     // Lua's position capture `()`: 1-based position as Lua reports it
}

enum LuaPatternError: Error, Equatable {
    /// A pattern error, with exactly the message Lua 5.4 raises.
    case malformed(String)
    /// The step budget ran out.
    case budgetExhausted
}

enum LuaPatternMatcher {
    /// LUA_MAXCAPTURES in lstrlib.c.
    static let maxCaptures = 32
    /// MAXCCALLS in lstrlib.c: the maximum nesting of the recursive `match`.
    static let maxMatchDepth = 200

    /// Finds the first match of `pattern` in `subject` starting at byte offset `from` (0-based,
    /// 0...subject.count). Honors a leading '^' anchor (only tries position `from`). `steps` is
    /// decremented by the work done; when it would go below zero, throws `.budgetExhausted`
    /// (and leaves `steps` at 0).
    static func find(subject: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>,
                     from: Int, steps: inout Int) throws(LuaPatternError) -> LuaPatternMatch? {
        precondition(from >= 0 && from <= subject.count, "find: 'from' out of range")
        var patternStart = 0
        var anchored = false
        if pattern.count > 0 && pattern[0] == Byte.caret {
            patternStart = 1
            anchored = true
        }
        return try run(subject: subject, pattern: pattern, patternStart: patternStart,
                       from: from, anchored: anchored, steps: &steps)
    }

    /// Tries only position `at`, like one call of C `match(ms, src, p)`. A leading '^' is NOT an
    /// anchor here (callers strip it); returns nil when there is no match at that position.
    static func matchAt(subject: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>,
                        at: Int, steps: inout Int) throws(LuaPatternError) -> LuaPatternMatch? {
        precondition(at >= 0 && at <= subject.count, "matchAt: 'at' out of range")
        return try run(subject: subject, pattern: pattern, patternStart: 0,
                       from: at, anchored: true, steps: &steps)
    }

    private static func run(subject: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>,
                            patternStart: Int, from: Int, anchored: Bool,
                            steps: inout Int) throws(LuaPatternError) -> LuaPatternMatch? {
        if steps < 0 {
            steps = 0
            throw .budgetExhausted
        }
        // Capture slots live on the stack: [init0, len0, init1, len1, ...].
        let outcome: Result<LuaPatternMatch?, LuaPatternError> =
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * maxCaptures) { slots in
                var state = MatchState(
                    subject: subject.baseAddress ?? emptyBytes, subjectCount: subject.count,
                    pattern: (pattern.baseAddress ?? emptyBytes) + patternStart,
                    patternCount: pattern.count - patternStart,
                    captures: slots.baseAddress!, steps: steps)
                do throws(LuaPatternError) {
                    let found = try state.scan(from: from, anchored: anchored)
                    steps = state.steps
                    return .success(found)
                } catch {
                    steps = error == .budgetExhausted ? 0 : max(0, state.steps)
                    return .failure(error)
                }
            }
        return try outcome.get()
    }
}

/// A valid address for empty buffers (whose base address may be nil); never read past count.
nonisolated(unsafe) private let emptyBytes: UnsafePointer<UInt8> = {
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    bytes.initialize(to: 0)
    return UnsafePointer(bytes)
}()

private enum Byte {
    static let escape = UInt8(ascii: "%")
    static let caret = UInt8(ascii: "^")
    static let dollar = UInt8(ascii: "$")
    static let open = UInt8(ascii: "(")
    static let close = UInt8(ascii: ")")
    static let setOpen = UInt8(ascii: "[")
    static let setClose = UInt8(ascii: "]")
    static let dot = UInt8(ascii: ".")
    static let star = UInt8(ascii: "*")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let question = UInt8(ascii: "?")
    static let zero = UInt8(ascii: "0")
    static let one = UInt8(ascii: "1")
    static let nine = UInt8(ascii: "9")
    static let b = UInt8(ascii: "b")
    static let f = UInt8(ascii: "f")
}

/// Capture length markers (CAP_UNFINISHED and CAP_POSITION in lstrlib.c).
private let capUnfinished = -1
private let capPosition = -2

// MARK: - Character classes (C locale)

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
@inline(__always) private func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
@inline(__always) private func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
@inline(__always) private func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
@inline(__always) private func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
@inline(__always) private func isGraph(_ c: UInt8) -> Bool { c &- 0x21 < 94 }

/// `match_class`: does byte `c` belong to the class named by `cl` (the byte after '%')?
@inline(__always)
private func matchClass(_ c: UInt8, _ cl: UInt8) -> Bool {
    let res: Bool
    // `cl | 0x20` lowers ASCII letters; the only bytes that map onto the lower-case letters
    // below are those letters and their upper-case forms, so other bytes reach `default`.
    switch cl | 0x20 {
    case UInt8(ascii: "a"): res = isAlpha(c)
    case UInt8(ascii: "c"): res = c < 0x20 || c == 0x7F
    case UInt8(ascii: "d"): res = isDigit(c)
    case UInt8(ascii: "g"): res = isGraph(c)
    case UInt8(ascii: "l"): res = isLower(c)
    case UInt8(ascii: "p"): res = isGraph(c) && !isAlnum(c)
    case UInt8(ascii: "s"): res = c == 0x20 || c &- 0x09 < 5
    case UInt8(ascii: "u"): res = isUpper(c)
    case UInt8(ascii: "w"): res = isAlnum(c)
    case UInt8(ascii: "x"): res = isDigit(c) || (c | 0x20) &- 0x61 < 6
    case UInt8(ascii: "z"): res = c == 0   // deprecated option
    default: return cl == c
    }
    return isLower(cl) ? res : !res
}

// MARK: - The matcher

/// The pattern bytes and the pure (state-free) parts of the matcher. Kept apart from
/// `MatchState` so that calls pass two words instead of copying the whole mutable state.
private struct PatternText {
    let bytes: UnsafePointer<UInt8>
    /// p_end in lstrlib.c.
    let count: Int

    @inline(__always)
    subscript(_ i: Int) -> UInt8 { bytes[i] }

    /// The pattern byte at `i`, or 0 at the end (C reads the terminating '\0' there).
    @inline(__always)
    func byte(_ i: Int) -> UInt8 { i < count ? bytes[i] : 0 }

    /// The cost of one `singlematch` against the item at `p` ending at `ep`: sets are scanned
    /// linearly, so long sets cost more.
    @inline(__always)
    func itemCost(_ p: Int, _ ep: Int) -> Int {
        bytes[p] == Byte.setOpen ? 1 &+ (ep &- p) >> 3 : 1
    }

    /// `classend`: the offset just past the single-character class starting at `p`.
    @inline(__always)
    func classEnd(_ start: Int) throws(LuaPatternError) -> Int {
        let c = bytes[start]
        if c == Byte.escape {
            if start &+ 1 == count { throw .malformed("malformed pattern (ends with '%')") }
            return start &+ 2
        }
        if c == Byte.setOpen { return try setEnd(start &+ 1) }
        return start &+ 1
    }

    /// The `[` branch of `classend`; `start` is just past the '['.
    func setEnd(_ start: Int) throws(LuaPatternError) -> Int {
        var p = start
        if byte(p) == Byte.caret { p &+= 1 }
        repeat {   // look for a ']'
            if p == count { throw .malformed("malformed pattern (missing ']')") }
            let d = bytes[p]
            p &+= 1
            if d == Byte.escape && p < count { p &+= 1 }   // skip escapes (e.g. '%]')
        } while byte(p) != Byte.setClose
        return p &+ 1
    }

    /// `matchbracketclass`: `start` is the '[' of the set, `ec` its closing ']'.
    func matchBracketClass(_ c: UInt8, _ start: Int, _ ec: Int) -> Bool {
        var p = start
        var sig = true
        if bytes[p &+ 1] == Byte.caret {
            sig = false
            p &+= 1   // skip the '^'
        }
        p &+= 1
        while p < ec {
            let d = bytes[p]
            if d == Byte.escape {
                p &+= 1
                if matchClass(c, bytes[p]) { return sig }
            } else if bytes[p &+ 1] == Byte.minus && p &+ 2 < ec {
                p &+= 2
                if d <= c && c <= bytes[p] { return sig }
            } else if d == c {
                return sig
            }
            p &+= 1
        }
        return !sig
    }

    /// `singlematch` for a subject byte (the caller checks the subject's end).
    @inline(__always)
    func matches(_ c: UInt8, _ p: Int, _ ep: Int) -> Bool {
        switch bytes[p] {
        case Byte.dot: return true
        case Byte.escape: return matchClass(c, bytes[p &+ 1])
        case Byte.setOpen: return matchBracketClass(c, p, ep &- 1)
        default: return bytes[p] == c
        }
    }
}

/// The state of one match attempt sequence (MatchState in lstrlib.c). Offsets are indices into
/// `subject` and `pattern`; `subjectCount` and `pattern.count` play the roles of src_end / p_end.
private struct MatchState {
    let subject: UnsafePointer<UInt8>
    let subjectCount: Int
    let pattern: PatternText
    /// [init, len] pairs for each capture level.
    let captures: UnsafeMutablePointer<Int>
    var steps: Int
    var level = 0
    var depth = LuaPatternMatcher.maxMatchDepth

    init(subject: UnsafePointer<UInt8>, subjectCount: Int, pattern: UnsafePointer<UInt8>,
         patternCount: Int, captures: UnsafeMutablePointer<Int>, steps: Int) {
        self.subject = subject
        self.subjectCount = subjectCount
        self.pattern = PatternText(bytes: pattern, count: patternCount)
        self.captures = captures
        self.steps = steps
    }

    // MARK: Driver

    /// The loop of `str_find_aux`: try `from`, then (unless anchored) every later position up to
    /// and including the end of the subject.
    mutating func scan(from: Int, anchored: Bool) throws(LuaPatternError) -> LuaPatternMatch? {
        var start = from
        let first = anchored ? nil : firstItem()
        guard let first else {
            while true {
                level = 0
                if let end = try match(start, 0) {
                    return try result(start: start, end: end)
                }
                if anchored || start >= subjectCount { return nil }
                start &+= 1
            }
        }
        // The pattern opens with one character class that must match (no '*', '?' or '-'
        // after it): a position whose byte is not in the class fails at once, so skip it here,
        // charged exactly what `match` charges for that failure. Which bytes are in the class is
        // worked out once per distinct byte (0 unknown, 1 no, 2 yes).
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { known throws(LuaPatternError) -> LuaPatternMatch? in
            known.initialize(repeating: 0)
            let failCost = 1 &+ first.cost
            while true {
                while start < subjectCount {
                    let c = subject[start]
                    var k = known[Int(c)]
                    if k == 0 {
                        k = pattern.matches(c, 0, first.end) ? 2 : 1
                        known[Int(c)] = k
                    }
                    if k == 2 { break }
                    try charge(failCost)
                    start &+= 1
                }
                level = 0
                if let end = try match(start, 0) {
                    return try result(start: start, end: end)
                }
                if start >= subjectCount { return nil }
                start &+= 1
            }
        }
    }

    /// The pattern's first item when it is a single character class that must match once
    /// (a literal, '.', a %class or a [set], not followed by '*', '?' or '-'), with its end and
    /// the cost `singleMatch` charges for it; nil otherwise.
    private func firstItem() -> (end: Int, cost: Int)? {
        guard pattern.count > 0 else { return nil }
        switch pattern[0] {
        case Byte.open, Byte.close: return nil
        case Byte.dollar where pattern.count == 1: return nil
        case Byte.escape:
            let next = pattern.byte(1)
            if next == Byte.b || next == Byte.f || (next >= Byte.zero && next <= Byte.nine) { return nil }
        default: break
        }
        // a malformed class is left to `match`, which reports it as it always has
        guard let end = try? pattern.classEnd(0) else { return nil }
        let suffix = pattern.byte(end)
        if suffix == Byte.star || suffix == Byte.question || suffix == Byte.minus { return nil }
        return (end, pattern.itemCost(0, end))
    }

    private func result(start: Int, end: Int) throws(LuaPatternError) -> LuaPatternMatch {
        var list: [LuaPatternCapture] = []
        if level > 0 {
            list.reserveCapacity(level)
            for i in 0..<level {
                let initial = captures[2 * i], length = captures[2 * i + 1]
                if length == capUnfinished { throw .malformed("unfinished capture") }
                if length == capPosition {
                    list.append(.position(initial + 1))
                } else {
                    list.append(.substring(start: initial, end: initial + length))
                }
            }
        }
        return LuaPatternMatch(start: start, end: end, captures: list)
    }

    // MARK: Budget

    @inline(__always)
    mutating func charge(_ cost: Int) throws(LuaPatternError) {
        steps &-= cost
        if steps < 0 { throw .budgetExhausted }
    }

    /// `singlematch`, charged.
    @inline(__always)
    mutating func singleMatch(_ s: Int, _ p: Int, _ ep: Int, cost: Int) throws(LuaPatternError) -> Bool {
        try charge(cost)
        return s < subjectCount && pattern.matches(subject[s], p, ep)
    }

    // MARK: Special items

    /// `matchbalance` (%bxy); `p` is the offset of 'x'.
    mutating func matchBalance(_ s: Int, _ p: Int) throws(LuaPatternError) -> Int? {
        if p >= pattern.count - 1 {
            throw .malformed("malformed pattern (missing arguments to '%b')")
        }
        try charge(1)
        if s >= subjectCount || subject[s] != pattern[p] { return nil }
        let open = pattern[p], close = pattern[p + 1]
        var depth = 1
        var i = s + 1
        // Scan at most as many bytes as the budget allows, charging them all at once.
        let limit = subjectCount - i <= steps ? subjectCount : i + steps
        while i < limit {
            let c = subject[i]
            if c == close {
                depth -= 1
                if depth == 0 {
                    steps -= i + 1 - (s + 1)
                    return i + 1
                }
            } else if c == open {
                depth += 1
            }
            i += 1
        }
        steps -= i - (s + 1)
        if limit < subjectCount { throw .budgetExhausted }
        return nil   // string ends out of balance
    }

    /// `check_capture`: `l` is the digit byte of a back-reference.
    func checkCapture(_ digit: UInt8) throws(LuaPatternError) -> Int {
        let l = Int(digit) - Int(Byte.one)
        if l < 0 || l >= level || captures[2 * l + 1] == capUnfinished {
            throw .malformed("invalid capture index %\(l + 1)")
        }
        return l
    }

    /// `capture_to_close`.
    func captureToClose() throws(LuaPatternError) -> Int {
        var l = level - 1
        while l >= 0 {
            if captures[2 * l + 1] == capUnfinished { return l }
            l -= 1
        }
        throw .malformed("invalid pattern capture")
    }

    /// `match_capture` (%1-%9).
    mutating func matchCapture(_ s: Int, _ digit: UInt8) throws(LuaPatternError) -> Int? {
        let l = try checkCapture(digit)
        let initial = captures[2 * l], length = captures[2 * l + 1]
        try charge(1 + (length > 0 ? length >> 3 : 0))
        // A position capture has a negative length: it never matches (as in C, where the
        // length converts to a huge size_t).
        if length < 0 || subjectCount - s < length { return nil }
        var i = 0
        while i < length {
            if subject[initial + i] != subject[s + i] { return nil }
            i += 1
        }
        return s + length
    }

    mutating func startCapture(_ s: Int, _ p: Int, _ what: Int) throws(LuaPatternError) -> Int? {
        let l = level
        if l >= LuaPatternMatcher.maxCaptures { throw .malformed("too many captures") }
        captures[2 * l] = s
        captures[2 * l + 1] = what
        level = l + 1
        let res = try match(s, p)
        if res == nil { level -= 1 }   // undo capture
        return res
    }

    mutating func endCapture(_ s: Int, _ p: Int) throws(LuaPatternError) -> Int? {
        let l = try captureToClose()
        captures[2 * l + 1] = s - captures[2 * l]   // close capture
        let res = try match(s, p)
        if res == nil { captures[2 * l + 1] = capUnfinished }   // undo capture
        return res
    }

    // MARK: Repetitions

    /// `max_expand`: greedy repetition of the item `p..<ep` (followed by its quantifier at `ep`).
    mutating func maxExpand(_ s: Int, _ p: Int, _ ep: Int) throws(LuaPatternError) -> Int? {
        let cost = pattern.itemCost(p, ep)
        let available = subjectCount - s
        // Count the maximum expansion, charging `cost` per byte tried; the budget bounds the
        // loop so it is charged once at the end.
        let affordable = steps / cost
        let limit = available < affordable ? available : affordable
        var i = 0
        if pattern[p] == Byte.dot {
            i = limit
        } else {
            while i < limit && pattern.matches(subject[s &+ i], p, ep) { i &+= 1 }
        }
        steps -= i * cost
        if i == affordable && i < available {
            // The budget stopped the count before the item failed or the subject ended.
            throw .budgetExhausted
        }
        try charge(cost)   // the final, failing test (or the end of the subject)
        // Keep trying to match the rest with the maximum repetitions.
        while i >= 0 {
            if let res = try match(s + i, ep + 1) { return res }
            i -= 1   // else didn't match; reduce 1 repetition to try again
        }
        return nil
    }

    /// `min_expand`: lazy repetition of the item `p..<ep`.
    mutating func minExpand(_ start: Int, _ p: Int, _ ep: Int) throws(LuaPatternError) -> Int? {
        let cost = pattern.itemCost(p, ep)
        var s = start
        while true {
            if let res = try match(s, ep + 1) { return res }
            if try singleMatch(s, p, ep, cost: cost) {
                s += 1   // try with one more repetition
            } else {
                return nil
            }
        }
    }

    // MARK: match

    /// `match`: the end of the match of `pattern[p...]` at subject offset `s`, or nil.
    mutating func match(_ s: Int, _ p: Int) throws(LuaPatternError) -> Int? {
        if depth == 0 { throw .malformed("pattern too complex") }
        depth -= 1
        let res = try matchBody(s, p)
        depth += 1
        return res
    }

    private mutating func matchBody(_ start: Int, _ pStart: Int) throws(LuaPatternError) -> Int? {
        var s = start
        var p = pStart
        try charge(1)
        while true {   // loops replace C's `goto init` (tail recursion)
            if p == pattern.count { return s }   // end of pattern
            let c = pattern[p]
            switch c {
            case Byte.open:   // start capture
                if pattern.byte(p + 1) == Byte.close {   // position capture?
                    return try startCapture(s, p + 2, capPosition)
                }
                return try startCapture(s, p + 1, capUnfinished)
            case Byte.close:   // end capture
                return try endCapture(s, p + 1)
            case Byte.dollar where p + 1 == pattern.count:   // '$' as the last char in pattern
                return s == subjectCount ? s : nil
            case Byte.escape:
                let next = pattern.byte(p + 1)
                if next == Byte.b {   // balanced string?
                    guard let e = try matchBalance(s, p + 2) else { return nil }
                    s = e
                    p += 4
                    continue
                }
                if next == Byte.f {   // frontier?
                    p += 2
                    if pattern.byte(p) != Byte.setOpen {
                        throw .malformed("missing '[' after '%f' in pattern")
                    }
                    let ep = try pattern.classEnd(p)
                    try charge(pattern.itemCost(p, ep))
                    let previous: UInt8 = s == 0 ? 0 : subject[s - 1]
                    let current: UInt8 = s < subjectCount ? subject[s] : 0
                    if !pattern.matchBracketClass(previous, p, ep - 1) && pattern.matchBracketClass(current, p, ep - 1) {
                        p = ep
                        continue
                    }
                    return nil
                }
                if next >= Byte.zero && next <= Byte.nine {   // capture results (%0-%9)?
                    guard let e = try matchCapture(s, next) else { return nil }
                    s = e
                    p += 2
                    continue
                }
            default:
                break
            }
            // A single-character class plus an optional suffix.
            let ep = try pattern.classEnd(p)
            let suffix = pattern.byte(ep)
            if !(try singleMatch(s, p, ep, cost: pattern.itemCost(p, ep))) {
                if suffix == Byte.star || suffix == Byte.question || suffix == Byte.minus {
                    p = ep + 1   // accept empty
                    continue
                }
                return nil   // '+' or no suffix
            }
            switch suffix {   // matched once
            case Byte.question:
                if let res = try match(s + 1, ep + 1) { return res }
                p = ep + 1
            case Byte.plus:
                return try maxExpand(s + 1, p, ep)
            case Byte.star:
                return try maxExpand(s, p, ep)
            case Byte.minus:
                return try minExpand(s, p, ep)
            default:
                s += 1
                p = ep
            }
        }
    }
}
