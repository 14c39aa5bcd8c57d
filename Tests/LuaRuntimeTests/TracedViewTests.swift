import Testing
import LuaRuntime

/// The engine's traced case views read and record in C (shim.h: clua_view_read, clua_path_steps).
/// These tests keep the Lua they replaced as the specification and check, over many generated
/// cases, reads and paths, that the C answers exactly as it did: the same values, the same views,
/// the same trace (paths, kinds, values, each path once per call) and the same steps. A difference
/// here would change what an assessment says the rules read, or which field `mecigep.get` finds.
@Suite struct TracedViewTests {
    /// Runs host Lua (privileged: it sees `sandbox_internal`) and returns its value.
    static func runHost(_ source: String) throws -> LuaValue {
        let outcome: Result<LuaValue, LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(
                    instructions: 2_000_000_000, memoryBytes: 512 << 20, timeoutSeconds: 60)))
                let chunk = try runtime.compile(source, chunkName: "=(sandbox traced view test)")
                return .success(try runtime.call(chunk, with: []).value)
            } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    /// Runs host Lua chunks one after another in one runtime; after each, reads the spans of the
    /// trace buffer it returned in `spans` ({ { from, to }, ... }) with the host's own reader
    /// (`forEachTracedRead`), each as the flat triples (path, kind, value) the engine kept in Lua
    /// before the buffer: "table" or "absent" and null, or "value" and the value.
    static func runHostReadingSpans(_ sources: [String]) throws -> [(value: LuaValue, reads: [[LuaValue]])] {
        let outcome: Result<[(value: LuaValue, reads: [[LuaValue]])], LuaError> = LuaThread.run {
            do throws(LuaError) {
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: LuaLimits(
                    instructions: 2_000_000_000, memoryBytes: 512 << 20, timeoutSeconds: 60)))
                var out: [(value: LuaValue, reads: [[LuaValue]])] = []
                for source in sources {
                    let chunk = try runtime.compile(source, chunkName: "=(sandbox traced view test)")
                    let value = try runtime.call(chunk, with: []).value
                    var reads: [[LuaValue]] = []
                    for span in value["spans"]?.arrayValue ?? [] {
                        var triples: [LuaValue] = []
                        try runtime.forEachTracedRead(from: Int(span[0]?.integerValue ?? -1),
                                                      to: Int(span[1]?.integerValue ?? -1)) { path, found in
                            switch found {
                            case .table: triples += [.string(path), "table", .null]
                            case .absent: triples += [.string(path), "absent", .null]
                            case .value(let v): triples += [.string(path), "value", v]
                            }
                        }
                        reads.append(triples)
                    }
                    out.append((value, reads))
                }
                return .success(out)
            } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    static func mismatches(_ value: LuaValue) -> (checked: Int, differences: [String]) {
        guard case .integer(let checked)? = value["checked"] else { return (0, ["no result: \(value)"]) }
        let differences = (value["differences"]?.arrayValue ?? []).compactMap(\.stringValue)
        return (Int(checked), differences)
    }

    @Test func pathStepsAnswerAsThePatternsDid() throws {
        let value = try Self.runHost(#"""
            local c_steps = sandbox_internal.path_steps
            -- the engine's Lua before C: three patterns
            local function lua_steps(path)
              local steps = {}
              for part in string.gmatch(path, "[^%.]+") do
                local name, rest = string.match(part, "^([^%[]*)(.*)$")
                if name ~= "" then steps[#steps + 1] = name end
                for index in string.gmatch(rest, "%[(%d+)%]") do steps[#steps + 1] = tonumber(index) end
              end
              return steps
            end
            local pieces = { "a", "b", "fiscal", ".", ".", "[", "]", "0", "1", "7", "12", "x", "é", " ",
              "[3]", "[00]", "99999999999999999999", "[-1]", "[1.5]", "%", "" }
            math.randomseed(7)
            local differences, checked = {}, 0
            local function describe(steps)
              local out = {}
              for i, s in ipairs(steps) do out[i] = math.type(s) and (math.type(s) .. ":" .. tostring(s)) or ("s:" .. s) end
              return table.concat(out, "|")
            end
            for _ = 1, 6000 do
              local parts = {}
              for i = 1, math.random(0, 9) do parts[i] = pieces[math.random(#pieces)] end
              local path = table.concat(parts)
              local want, got = describe(lua_steps(path)), describe(c_steps(path))
              checked = checked + 1
              if want ~= got and #differences < 10 then differences[#differences + 1] = path .. " -> " .. got .. " (Lua: " .. want .. ")" end
            end
            return { checked = checked, differences = differences }
            """#)
        let (checked, differences) = Self.mismatches(value)
        #expect(checked == 6000)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test func viewReadsAndTracesAnswerAsTheLuaDid() throws {
        let run = try Self.runHostReadingSpans([#"""
            local setter = sandbox_internal.metatable_setter
            -- the engine's Lua before C, as it was
            local function path_join(path, key)
              if type(key) == "number" then return path .. "[" .. key .. "]" end
              if path == "" then return tostring(key) end
              return path .. "." .. tostring(key)
            end
            local function record(trace, path, value)
              local seen = trace.seen
              if seen == nil then
                seen = {}
                trace.seen, trace.reads = seen, {}
              elseif seen[path] then
                return
              end
              seen[path] = true
              local reads, n = trace.reads, trace.n
              reads[n + 1] = path
              if type(value) == "table" then reads[n + 2], reads[n + 3] = "table", null
              elseif value == nil then reads[n + 2], reads[n + 3] = "absent", null
              else reads[n + 2], reads[n + 3] = "value", value end
              trace.n = n + 3
            end
            local function lua_views()
              local VIEW, MT, current = {}, { __metatable = "case" }, nil
              local as_view = setter(MT, false)
              local function traced(v, path)
                if type(v) ~= "table" then return v end
                local proxy = as_view({})
                VIEW[proxy] = { v, path }
                return proxy
              end
              MT.__index = function(proxy, key)
                local state = VIEW[proxy]
                local x = state[1][key]
                local paths = state[3]
                local p = paths and paths[key]
                if p == nil then
                  p = path_join(state[2], key)
                  if type(key) == "string" or math.type(key) == "integer" then
                    if paths == nil then paths = {}; state[3] = paths end
                    paths[key] = p
                  end
                end
                record(current, p, x)
                if type(x) ~= "table" then return x end
                local views = state[4]
                if views == nil then views = {}; state[4] = views end
                local c = views[key]
                if c == nil then
                  c = traced(x, p)
                  views[key] = c
                end
                return c
              end
              return {
                root = function(case) VIEW = {}; return traced(case, "") end,
                begin = function(trace) current = trace end,
                path = function(v) local s = VIEW[v]; return s and s[2] end,
              }
            end
            local function c_views()
              local VIEW, MT = {}, { __metatable = "case" }
              local BOX = { VIEW }
              local kit = sandbox_internal.trace_kit(BOX)
              local as_view = setter(MT, false)
              MT.__index = sandbox_internal.view_index(BOX, MT)
              return {
                root = function(case)
                  VIEW = {}; BOX[1] = VIEW
                  local proxy = as_view({})
                  VIEW[proxy] = { case, "" }
                  return proxy
                end,
                -- the call's reads are the buffer's bytes from its mark at the start to its mark after
                begin = function(trace) trace.from = kit.begin(); BOX[2] = trace end,
                span = function(trace) return { trace.from, kit.mark() } end,
                path = function(v) local s = VIEW[v]; return s and s[2] end,
              }
            end

            math.randomseed(11)
            -- a long name makes paths of several hundred bytes, past any scratch buffer
            local long = string.rep("k", 300)
            local names = { "a", "b", "c", "documents", "id", "é", long }
            local scalars = { "text", "", 0, 1, -3, 2.5, 1.0, true, false, null }
            local function gen(depth)
              if depth > 3 or math.random() < 0.3 then return scalars[math.random(#scalars)] end
              local t = {}
              if math.random() < 0.5 then
                for i = 1, math.random(0, 3) do t[i] = gen(depth + 1) end
              else
                for _ = 1, math.random(0, 4) do t[names[math.random(#names)]] = gen(depth + 1) end
              end
              return t
            end
            local keys = { "a", "b", "c", "documents", "id", "é", "zz", 1, 2, 3, 1.0, 2.5, true, -1, long }
            local function same(x, y, vx, vy)
              if type(x) ~= type(y) then return false end
              if type(x) == "table" then return vx.path(x) ~= nil and vx.path(x) == vy.path(y) end
              return rawequal(x, y) and math.type(x) == math.type(y)
            end
            local differences, checked = {}, 0
            -- each call's trace: the Lua's triples, and the span of the C's buffer the host reads
            local wants, spans = {}, {}
            -- one buffer for all the calls (the host reads the buffer of the last kit made)
            local C = c_views()
            local function differ(text) if #differences < 10 then differences[#differences + 1] = text end end
            for case_number = 1, 400 do
              local case = gen(0)
              if type(case) ~= "table" then case = { a = case } end
              local L = lua_views()
              local rl, rc = L.root(case), C.root(case)
              for _ = 1, 3 do -- three calls of one crossing share the views
                local tl, tc = { n = 0 }, {}
                L.begin(tl); C.begin(tc)
                for _ = 1, 6 do
                  local vl, vc = rl, rc
                  for _ = 1, math.random(1, 4) do
                    local key = keys[math.random(#keys)]
                    vl, vc = vl[key], vc[key]
                    checked = checked + 1
                    if not same(vl, vc, L, C) then differ("case " .. case_number .. ": read " .. tostring(key) .. " gave different values") end
                    if type(vl) ~= "table" or type(vc) ~= "table" then break end
                  end
                end
                wants[#wants + 1] = tl.reads or {}
                spans[#spans + 1] = C.span(tc)
              end
            end
            return { checked = checked, differences = differences, wants = wants, spans = spans }
            """#])[0]
        let (checked, differences) = Self.mismatches(run.value)
        #expect(checked > 5000)
        #expect(differences.isEmpty, "\(differences)")
        // the trace: the same paths, kinds and values (integers and floats apart), in the same order
        let wants = run.value["wants"]?.arrayValue ?? []
        #expect(wants.count == 1200 && run.reads.count == 1200)
        var traceDifferences: [String] = []
        for (call, (want, got)) in zip(wants, run.reads).enumerated() where (want.arrayValue ?? []) != got {
            if traceDifferences.count < 10 { traceDifferences.append("call \(call + 1): \(got) (Lua: \(want))") }
        }
        #expect(traceDifferences.isEmpty, "\(traceDifferences)")
        #expect(run.reads.reduce(0) { $0 + $1.count } > 3000)
    }

    /// Guards order independence: a crossing starts with a buffer of the same size whatever the
    /// crossings before it read, so that one case's long trace leaves no memory in use for the
    /// next (which could otherwise meet its memory budget sooner); each read is still in its span.
    @Test func aResetBufferKeepsNothingOfTheCrossingBefore() throws {
        // the same 100,000 reads twice, on a kit of their own: read back as they are, then after
        // a reset (the host reads the buffer of the last kit made)
        let record = """
            local kit = sandbox_internal.trace_kit({})
            local fresh = kit.capacity()
            for i = 1, 100000 do kit.record("field" .. i, i) end
            local grown, whole = kit.capacity(), kit.mark()
            """
        let runs = try Self.runHostReadingSpans([record + """
            return { fresh = fresh, grown = grown, spans = { { 0, whole } } }
            """, record + """
            kit.reset()
            local after, mark = kit.capacity(), kit.mark()
            kit.record("a", "x")
            return { after = after, mark = mark, spans = { { 0, kit.mark() } } }
            """])
        let (grown, reset) = (runs[0], runs[1])
        #expect(grown.value["fresh"] == 16384)
        #expect((grown.value["grown"]?.integerValue ?? 0) > 1_000_000)
        #expect(reset.value["after"] == 16384)
        #expect(reset.value["mark"] == 0)
        #expect(grown.reads[0].count == 300_000)
        #expect(grown.reads[0].last == 100_000)
        #expect(reset.reads[0] == ["a", "value", "x"])
    }
}
