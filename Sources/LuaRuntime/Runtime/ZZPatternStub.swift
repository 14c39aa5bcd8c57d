// TEMPORARY stub until the real matcher lands. Remove.
struct LuaPatternMatch: Equatable { var start: Int; var end: Int; var captures: [LuaPatternCapture] }
enum LuaPatternCapture: Equatable { case substring(start: Int, end: Int); case position(Int) }
enum LuaPatternError: Error, Equatable { case malformed(String); case budgetExhausted }
enum LuaPatternMatcher {
    static func find(subject: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>, from: Int, steps: inout Int) throws(LuaPatternError) -> LuaPatternMatch? { nil }
    static func matchAt(subject: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>, at: Int, steps: inout Int) throws(LuaPatternError) -> LuaPatternMatch? { nil }
}
enum PatternLibrarySource { static let lua = "local find_at, orig = ...\nreturn { find = orig.find, match = orig.match, gmatch = orig.gmatch, gsub = orig.gsub }" }
