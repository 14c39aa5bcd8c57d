import Testing
@testable import LuaRuntime

@Suite("What rule code can reach")
struct SandboxTests {
    @Test func safeLibrariesArePresent() {
        #expect(value("""
            return { type(string.upper), type(table.concat), type(math.floor), type(utf8.char),
                     type(coroutine.wrap), type(pcall), type(load), type(require), _VERSION }
            """) == ["function", "function", "function", "function", "function", "function", "function", "function", "Lua 5.4"])
    }

    @Test(arguments: ["io", "os", "debug", "package", "dofile", "loadfile"])
    func removedGlobalsAreViolations(name: String) throws {
        let error = try #require(failure("return \(name)"))
        #expect(error.kind == .sandboxViolation)
        #expect(error.line == 1)
    }

    @Test func absentButHarmlessGlobalsAreNil() {
        #expect(value("return loadstring == nil and setfenv == nil and unpack == nil") == true)
    }

    @Test func globalsDoNotLeakBetweenCalls() throws {
        let outcome: Result<[LuaValue], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime()
                let a = try runtime.evaluate("leak = 'set by A'; _G.other = 1; return leak").value
                let b = try runtime.evaluate("return { leak == nil, other == nil, rawget(_G, 'leak') == nil }").value
                return .success([a, b])
            } catch { return .failure(error) }
        }
        #expect(try outcome.get() == ["set by A", [true, true, true]])
    }

    @Test func libraryTablesAreReadOnlyViews() throws {
        for source in ["string.upper = nil", "rawset(string, 'x', 1)", "math.pi = 3", "table.insert = print",
                       "coroutine.x = 1", "utf8.char = nil"] {
            let error = try #require(failure(source), "\(source)")
            #expect(error.kind == .sandboxViolation, "\(source)")
        }
        #expect(value("local n = 0 for _ in pairs(math) do n = n + 1 end return n > 20") == true)
        #expect(value("return next(string) ~= nil and #string == 0") == true)
    }

    @Test func stringMetatableIsHidden() {
        #expect(value("return getmetatable('')") == "string")
        #expect(value("return ('abc'):upper()") == "ABC")
    }

    @Test func globalTableMetatableIsProtected() throws {
        #expect(value("return getmetatable(_G)") == "sandbox")
        let error = try #require(failure("setmetatable(_G, {})"))
        #expect(error.kind == .sandboxViolation)
        #expect(error.message == "cannot change a protected metatable")
    }

    @Test func readOnlyArgumentsRefuseEveryWrite() throws {
        let args: [LuaValue] = [["a": 1, "list": [1, 2]]]
        for source in ["local c = ... c.a = 2", "local c = ... c.new = 1", "local c = ... rawset(c, 'a', 2)",
                       "local c = ... table.insert(c.list, 3)", "local c = ... table.sort(c.list, function(x, y) return x > y end)",
                       "local c = ... c.list[1] = 0", "local c = ... setmetatable(c, nil)"] {
            let error = try #require(failure(source, arguments: args), "\(source)")
            #expect(error.kind == .sandboxViolation, "\(source)")
        }
    }

    /// Globals a call sets are its own: `rawset(_G, ...)` writes them like an assignment (the
    /// read-only check of `rawset` is for views, not for the environments the sandbox protects).
    @Test func rawsetOnTheCallsGlobalsIsAnAssignment() {
        #expect(value("rawset(_G, 'x', 1) return x") == 1)
        #expect(value("local t = {} rawset(t, 'k', 2) return t.k") == 2)
    }

    @Test func readOnlyArgumentsReadLikeTables() {
        let args: [LuaValue] = [["b": 2, "a": 1, "c": 3, "list": ["x", "y"]]]
        #expect(value("local c = ... return #c.list", arguments: args) == 2)
        #expect(value("local c = ... local k = {} for key in pairs(c) do k[#k+1] = key end return k", arguments: args)
                == ["a", "b", "c", "list"])
        #expect(value("local c = ... local out = {} for i, v in ipairs(c.list) do out[i] = v end return out", arguments: args)
                == ["x", "y"])
        #expect(value("local c = ... return table.concat(c.list, ',')", arguments: args) == "x,y")
        #expect(value("local c = ... return getmetatable(c)", arguments: args) == "read-only")
        #expect(value("local c = ... return rawget(c, 'a'), rawlen(c.list)", arguments: args) == 1)
    }

    @Test func metatablesAreCopiedSoLaterFinalizersDoNothing() {
        // Adding __mode after setmetatable does not make the table weak.
        #expect(value("""
            local mt = {}
            local t = setmetatable({}, mt)
            mt.__mode = "k"
            t[{}] = true
            collectgarbage()
            return next(t) ~= nil and getmetatable(t) == mt
            """) == true)
    }

    @Test(arguments: ["__gc", "__close", "__mode"])
    func finalizerMetamethodsAreRefused(field: String) throws {
        let error = try #require(failure("setmetatable({}, { \(field) = function() end })"))
        #expect(error.kind == .sandboxViolation)
        #expect(error.line == 1)
    }

    @Test func classesStillWork() {
        #expect(value("""
            local Account = {}
            Account.__index = Account
            function Account.new(b) return setmetatable({ balance = b }, Account) end
            function Account:deposit(v) self.balance = self.balance + v end
            local a = Account.new(10)
            a:deposit(5)
            return a.balance
            """) == 15)
        #expect(value("""
            local v = setmetatable({}, { __tostring = function() return "vec" end,
                                         __add = function() return 3 end })
            return tostring(v) .. (v + v)
            """) == "vec3")
    }

    @Test func outputIsDeterministic() {
        #expect(value("return tostring({}) .. tostring(print) .. tostring(coroutine.create(print))") == "tablefunctionthread")
        #expect(value("return string.format('%s|%d', {}, 3)") == "table|3")
        let first = value("local t = {} for i = 1, 5 do t[i] = math.random(1, 1000) end return t")
        let second = value("local t = {} for i = 1, 5 do t[i] = math.random(1, 1000) end return t")
        #expect(first != nil && first == second)
    }

    @Test func addressesCannotBePrinted() throws {
        let error = try #require(failure("return string.format('%p', {})"))
        #expect(error.kind == .runtime)
        #expect(error.message.contains("'%p'"))
    }

    @Test func loadIsTextOnlyAndSandboxed() throws {
        #expect(value("return load('return 1 + 1')()") == 2)
        #expect(value("x = 5 return load('return x')()") == 5)
        #expect(value("return load('return y', 'c', 't', { y = 7 })()") == 7)
        // Violations are sticky: pcall does not hide them.
        #expect(failure("local f = load('return io') return pcall(f)")?.kind == .sandboxViolation)
        // Binary chunks never load: load answers nil and why, as for any chunk it cannot load.
        #expect(value("local f, e = load('\\27Lua') return { f == nil, e }")
                == [true, "attempt to load a binary chunk (binary chunks are not available in rules)"])
        #expect(value("local f, e = load('return 1', 'x', 'b') return { f == nil, e }")
                == [true, "attempt to load a text chunk (mode is 'b')"])
    }

    @Test func printIsCapturedNotWrittenToStdout() throws {
        let result = try run("print('a', 1, nil, true, {}) print('b') return 0").get()
        #expect(result.log == "a\t1\tnil\ttrue\ttable\nb\n")
    }

    @Test func printIsCapped() throws {
        let result = try run("for i = 1, 10000 do print(('x'):rep(100)) end return 1",
                             limits: LuaLimits(instructions: 50_000_000)).get()
        #expect(result.log.utf8.count < (64 << 10) + 200)
        #expect(result.log.hasSuffix("[output truncated: print wrote more than 65536 bytes]\n"))
    }

    @Test func collectorCannotBeStopped() throws {
        let error = try #require(failure("collectgarbage('stop')"))
        #expect(error.kind == .runtime)
        #expect(value("return collectgarbage() == 0 and collectgarbage('isrunning')") == true)
        // The heap holds what earlier calls left: answers about it would make results depend on them.
        #expect(failure("return collectgarbage('count')")?.message.contains("not available in rules") == true)
        #expect(failure("return collectgarbage('step')")?.kind == .runtime)
    }

    @Test func guardedTableFunctionsBehaveLikeLua() {
        #expect(value("local t = {1,2,3} table.insert(t, 2, 9) return t") == [1, 9, 2, 3])
        #expect(value("local t = {1,2,3} return table.remove(t, 1) + #t") == 3)
        #expect(value("return table.move({1,2,3}, 1, 3, 2)") == [1, 1, 2, 3])
        #expect(value("return table.move({1,2,3}, 1, 3, 1, {})") == [1, 2, 3])
        #expect(value("local t = setmetatable({}, {}) table.insert(t, 'a') table.insert(t, 1, 'b') return t") == ["b", "a"])
        #expect(value("local t = setmetatable({1,2}, {}) return table.remove(t) + #t") == 3)
        #expect(value("return string.rep('ab', 3, '-')") == "ab-ab-ab")
        // rep("", n) copies nothing but still loops n times in C: it is charged for that.
        #expect(failure("return string.rep('', 1e15)")?.kind == .instructionLimit)
    }
}
