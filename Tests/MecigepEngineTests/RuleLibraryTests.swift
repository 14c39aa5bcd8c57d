import Foundation
import Testing
import LuaRuntime
@testable import MecigepEngine

/// The shipped rule library (`rules/lib`), run in the sandbox as rules run it. Where a library
/// function was rewritten for speed, a generated-input property holds it to what it did before.
@Suite struct RuleLibraryTests {
    /// Runs `source` with the shipped rules (and `extra`, a folder of probe modules) on `require`'s
    /// path, and the engine's module (`require "mecigep"`) as frameworks load it.
    static func run(_ source: String, extra: [String: String] = [:]) throws -> LuaValue {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rule-library-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in extra {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        let roots = [Fixtures.repository.appendingPathComponent("rules").path, folder.path]
        let limits = LuaLimits(instructions: 2_000_000_000, memoryBytes: 256 << 20, timeoutSeconds: 60)
        return try LuaThread.run { () -> Result<LuaValue, LuaError> in
            do throws(LuaError) {
                // (the engine's module too: mecigep-core's common module requires it)
                let runtime = try LuaRuntime(configuration: LuaConfiguration(limits: limits, moduleRoots: roots,
                                                                             builtinModules: [EngineLibrary.moduleName: EngineLibrary.lua]))
                return .success(try runtime.evaluate(source, chunkName: "test.lua").value)
            } catch {
                return .failure(error)
            }
        }.get()
    }

    /// A deterministic generator for the Lua side (64-bit LCG, high bits).
    static let generator = """
        local state = SEED
        local function draw(n)
          state = state * 6364136223846793005 + 1442695040888963407
          return ((state >> 33) % n) + 1
        end
        local function pick(list) return list[draw(#list)] end
        """

    /// What every generated-input property here ends with: no mismatch (naming the first input
    /// that gave one), every input compared, and more than `enough[key]` inputs of each kind that
    /// must have been generated for the property to mean something.
    static func expectHeld(_ result: LuaValue, compared: Int, enough: KeyValuePairs<String, Int>) {
        #expect(result["mismatches"] == 0, "first: \(result["first"]?.stringValue ?? "")")
        #expect(result["compared"] == .integer(Int64(compared)))
        for (key, minimum) in enough {
            #expect((result[key]?.integerValue ?? 0) > minimum, "\(key)")
        }
    }

    /// Guards `i18n.template` and `i18n.fill`: for every text, filling its template (and
    /// formatting the template) gives what `i18n.format` gives for the text itself, including
    /// which error is raised (a placeholder without a value, a value of no use) and where (the
    /// caller's line; inside the library only the line number may differ). The templates are made
    /// while a probe module loads, so they are frozen as a framework's are.
    @Test func aTemplateFillsAsTheTextFormats() throws {
        let probe = """
            local i18n = require "lib.i18n"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "20261206"))
            local NAMES = { "a", "b", "n", "rubric", "x_1", "_y" }
            local LITERALS = { "Level ", " of ", ": ", "é", "ção ", "{1}", "{ a}", "{a b}", "{", "}", "{{", "}}", "%", "%1",
              "Niveau ", " : ", "«", "»", "", "  ", "{é}", "{-a}" }
            local function text()
              local parts = {}
              for _ = 1, draw(9) - 1 do
                if draw(3) == 1 then parts[#parts + 1] = "{" .. pick(NAMES) .. "}" else parts[#parts + 1] = pick(LITERALS) end
              end
              return table.concat(parts)
            end
            local specs = {}
            for i = 1, 600 do
              local t = { en = text() }
              for _, lang in ipairs({ "es", "pt", "fr" }) do
                if draw(4) > 1 then t[lang] = text() end
              end
              local source = draw(10) == 1 and t.en or t
              specs[i] = { text = source, template = i18n.template(source) }
            end
            return specs
            """
        let script = """
            local i18n = require "lib.i18n"
            local specs = require "probe.templates"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "77"))
            local NAMES = { "a", "b", "n", "rubric", "x_1", "_y" }
            local VALUES = {
              function() return "v{a}%1" end, function() return "" end, function() return draw(100000) end,
              function() return 2.5 end, function() return 1234567.891 end, function() return 3.0 end,
              function() return { en = "E", es = "S", pt = "P", fr = "F" } end, function() return { en = "only-en" } end,
              function() return { es = "no-en" } end, function() return { en = 1 } end, function() return true end,
              function() return nil end,
            }
            local function go(f, t, vars) local r = f(t, vars) return r end
            local function norm(message) return (string.gsub(tostring(message), "i18n%.lua:%d+:", "i18n.lua:")) end
            local function same(a, b)
              if a[1] ~= b[1] then return false end
              if not a[1] then return norm(a[2]) == norm(b[2]) end
              for _, lang in ipairs(i18n.languages) do if a[2][lang] ~= b[2][lang] then return false end end
              local n = 0
              for _ in pairs(b[2]) do n = n + 1 end
              return n == 4
            end
            local counts = { compared = 0, filled = 0, missing = 0, unusable = 0, long = 0, mismatches = 0 }
            local first
            for round = 1, 8 do
              for i = 1, #specs do
                local spec = specs[i]
                local vars = {}
                for _, name in ipairs(NAMES) do
                  if draw(6) > 1 then vars[name] = VALUES[draw(#VALUES - 1)]() end
                end
                if round == 1 then for _, name in ipairs(NAMES) do vars[name] = "x" end end
                local want = { pcall(go, i18n.format, spec.text, vars) }
                local got = { pcall(go, i18n.fill, spec.template, vars) }
                local via = { pcall(go, i18n.format, spec.template, vars) }
                counts.compared = counts.compared + 1
                if want[1] then counts.filled = counts.filled + 1
                elseif string.find(tostring(want[2]), "no value", 1, true) then counts.missing = counts.missing + 1
                elseif string.find(tostring(want[2]), "no usable", 1, true) then counts.unusable = counts.unusable + 1 end
                local _, braces = string.gsub(type(spec.text) == "table" and spec.text.en or spec.text, "{[%a_][%w_]*}", "")
                if braces > 3 and want[1] then counts.long = counts.long + 1 end
                if not same(want, got) or not same(want, via) then
                  counts.mismatches = counts.mismatches + 1
                  first = first or string.format("%s | want %s | fill %s | format(template) %s",
                    type(spec.text) == "table" and spec.text.en or spec.text,
                    want[1] and want[2].en or norm(want[2]), got[1] and got[2].en or norm(got[2]),
                    via[1] and via[2].en or norm(via[2]))
                end
              end
            end
            counts.first = first
            return counts
            """
        let result = try Self.run(script, extra: ["probe/templates.lua": probe])
        // every branch was taken: filled texts (some with more than three placeholders), both errors
        Self.expectHeld(result, compared: 4800, enough: ["filled": 1000, "long": 20, "missing": 100, "unusable": 100])
    }

    /// Guards mecigep-core's `common.indicators`, which fills each rubric's rung label while the
    /// module loads: over generated indicators (rubrics in four languages, with only some
    /// languages, as plain text, or missing), `common.ladder` records the same labels, in the same
    /// order and with the same values, and gives the same level, whether the indicator was listed
    /// through `common.indicators` or not. The prepared indicators are made while a probe module
    /// loads, so they are frozen as a criterion's are; that they carry prepared labels at all is
    /// counted, so a `common.indicators` that did nothing would not pass for one that works.
    @Test func preparedRungLabelsAreTheLabelsFilledOnEachCall() throws {
        let probe = """
            local c = require "frameworks.mecigep-core.common"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "20261207"))
            local WORDS = { "plan", "é", "ação", "{n}", "{rubric}", "niveau", "", " : ", "%1", "«x»" }
            local function words()
              local parts = {}
              for _ = 1, draw(6) do parts[#parts + 1] = pick(WORDS) end
              return table.concat(parts, " ")
            end
            local function rubric()
              local kind = draw(6)
              if kind == 1 then return nil end
              if kind == 2 then return words() end
              local t = { en = words() }
              for _, lang in ipairs({ "es", "pt", "fr" }) do
                if kind > 3 or draw(2) == 1 then t[lang] = words() end
              end
              return t
            end
            local function copy(v)
              if type(v) ~= "table" then return v end
              local out = {}
              for k, x in pairs(v) do out[k] = x end
              return out
            end
            local prepared, plain = {}, {}
            for i = 1, 300 do
              local levels = {}
              for n = 0, 4 do levels[n] = rubric() end
              local twin = {}
              for n = 0, 4 do twin[n] = copy(levels[n]) end
              prepared[i] = { id = "i" .. i, levels = levels }
              plain[i] = { id = "i" .. i, levels = twin }
            end
            c.indicators(prepared)
            return { prepared = prepared, plain = plain }
            """
        let script = """
            local c = require "frameworks.mecigep-core.common"
            local i18n = require "lib.i18n"
            local made = require "probe.indicators"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "99"))
            local function run(indicator, rungs)
              local labels = {}
              local ctx = { indicator = { levels = indicator.levels },
                            check = function(label, ok) labels[#labels + 1] = { label, ok } end }
              return c.ladder(ctx, rungs), labels
            end
            local function text(label, lang)
              if type(label) == "table" then return label[lang] end
              return label
            end
            local counts = { compared = 0, labelled = 0, carried = 0, mismatches = 0 }
            local first
            for i = 1, #made.prepared do
              local rungs = {}
              for n = 1, 4 do rungs[n] = draw(3) > 1 end
              local level_a, a = run(made.prepared[i], rungs)
              local level_b, b = run(made.plain[i], rungs)
              counts.compared = counts.compared + 1
              local same = level_a == level_b and #a == #b
              for k = 1, math.min(#a, #b) do
                if a[k][2] ~= b[k][2] then same = false end
                for _, lang in ipairs(i18n.languages) do
                  if text(a[k][1], lang) ~= text(b[k][1], lang) then same = false end
                end
                if type(a[k][1]) == "table" then counts.labelled = counts.labelled + 1 end
              end
              for n = 1, 4 do
                local r = made.prepared[i].levels[n]
                if type(r) == "table" and r.__rung ~= nil then counts.carried = counts.carried + 1 end
              end
              if not same then
                counts.mismatches = counts.mismatches + 1
                first = first or ("indicator " .. i)
              end
            end
            counts.first = first
            return counts
            """
        let result = try Self.run(script, extra: ["probe/indicators.lua": probe])
        Self.expectHeld(result, compared: 300, enough: ["labelled": 500, "carried": 500])
    }

    /// `i18n.fill` on something that is not a template says so.
    @Test func fillingATextTableIsAClearError() throws {
        let result = try Self.run("""
            local i18n = require "lib.i18n"
            local ok, message = pcall(i18n.fill, i18n.L("a", "b", "c", "d"), {})
            return { ok = ok, message = message }
            """)
        #expect(result["ok"] == false)
        #expect(result["message"]?.stringValue?.contains("not a template (make one with i18n.template)") == true)
    }

    /// Guards `text.normalise`'s shortcuts (ASCII text skips the folding passes; the ends are
    /// trimmed by bytes): over generated texts of ASCII, accented letters, Latin-1 signs,
    /// typographic punctuation, no-break spaces and broken UTF-8, it gives what the passes it
    /// documents give one after another — each character folded as it folds alone, Latin-1 signs
    /// and general punctuation as spaces, lower case, every run of anything but letters and digits
    /// one space, no space at either end.
    @Test func normaliseIsItsPassesOneAfterAnother() throws {
        let script = """
            local text = require "lib.text"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "4242"))
            -- each two-byte character of the folded range, as normalise folds it alone
            local folded = {}
            for first = 194, 197 do
              for second = 128, 191 do
                local c = string.char(first, second)
                local alone = text.normalise("a" .. c .. "a")
                folded[c] = string.sub(alone, 2, -2)
              end
            end
            local function reference(s)
              if type(s) ~= "string" then return "" end
              s = string.gsub(s, "[\\194-\\197][\\128-\\191]", folded)
              s = string.gsub(s, "\\226[\\128\\129][\\128-\\191]", " ")
              s = string.lower(s)
              s = string.gsub(s, "[^%w\\128-\\255]+", " ")
              s = string.gsub(s, "^ +", "")
              s = string.gsub(s, " +$", "")
              return s
            end
            local PIECES = { "Ley", "N°", "19.882", " ", "  ", "\\t", "\\n", "—", "…", "«", "»", "’", "“", "”", "-", ".",
              ",", "(", ")", "é", "Œuvre", "ÇA", "\\u{A0}", "ñandú", "ÿ", "x", "ABC", "ĀĂ", "ż", "¿", "¡", "°", "º", "ª",
              "\\xC3", "\\xE2\\x80", "\\xFF", "\\xC2", "日本", "Ł", "ŕ", "sin", "0" }
            local compared, mismatches, ascii, first = 0, 0, 0, nil
            for _ = 1, 6000 do
              local parts = {}
              for _ = 1, draw(10) - 1 do parts[#parts + 1] = pick(PIECES) end
              local s = table.concat(parts)
              if not string.find(s, "[\\128-\\255]") then ascii = ascii + 1 end
              compared = compared + 1
              if text.normalise(s) ~= reference(s) then
                mismatches = mismatches + 1
                first = first or s
              end
            end
            for _, v in ipairs({ 5, true, {} }) do
              compared = compared + 1
              if text.normalise(v) ~= "" then mismatches = mismatches + 1 end
            end
            return { compared = compared, mismatches = mismatches, ascii = ascii, first = first }
            """
        let result = try Self.run(script)
        Self.expectHeld(result, compared: 6003, enough: ["ascii": 300])
    }

    /// Guards `text.is_none`'s shortcut (a text with more ASCII letters and digits than the
    /// longest "there is none" answer is none of them, found without normalising it): over
    /// generated texts made of those answers, in any case and with accents, punctuation,
    /// no-break spaces, long words and figures around them, it answers as looking the normalised
    /// text up among the answers does.
    @Test func isNoneAnswersAsTheNormalisedLookup() throws {
        let script = """
            local text = require "lib.text"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "1207"))
            -- the answers text.lua lists, normalised
            local NONE = {}
            for _, a in ipairs({ "none", "no", "nil", "n a", "na", "not applicable", "not available", "nothing",
              "ninguno", "ninguna", "nada", "no aplica", "no disponible", "nenhum", "nenhuma", "nao",
              "nao se aplica", "nao disponivel", "aucun", "aucune", "non", "neant", "sans objet",
              "non applicable" }) do NONE[a] = true end
            local PIECES = { "None", "NO", "n/a", "N.A.", "Not applicable", "not  available", "Nothing", "Ninguno",
              "NINGUNA", "nada", "No aplica", "no disponible", "Nenhum", "nenhuma", "Não", "não se aplica",
              "Não disponível", "Aucun", "aucune", "Non", "Néant", "sans objet", "non-applicable", " ", "  ",
              ".", "...", "—", "«", "»", "\u{A0}", "\t", "-", "(", ")", "implementation", "2026", "é", "x",
              "applicable", "disponible", "se", "objet" }
            local compared, mismatches, positives, long, first = 0, 0, 0, 0, nil
            for _ = 1, 8000 do
              local parts = {}
              for _ = 1, draw(6) do parts[#parts + 1] = pick(PIECES) end
              local s = table.concat(parts)
              local want = NONE[text.normalise(s)] == true
              if want then positives = positives + 1 end
              if #s > 14 then long = long + 1 end
              compared = compared + 1
              if text.is_none(s) ~= want then
                mismatches = mismatches + 1
                first = first or s
              end
            end
            return { compared = compared, mismatches = mismatches, positives = positives, long = long, first = first }
            """
        let result = try Self.run(script)
        Self.expectHeld(result, compared: 8000, enough: ["positives": 500, "long": 3000])
    }

    /// Guards `text.keywords`, `text.union` and the matching functions (`contains_any`,
    /// `count_matches`, `contains_affirmed`) over compiled sets, now two lists instead of a table
    /// per keyword: on generated texts and keyword specs (flat lists, lists per language, stems,
    /// empty keywords, sets merged with `union`), each answers as the documented rule says —
    /// whole normalised words, a stem "word*" any word that starts so, the first keyword in the
    /// spec's order (the flat list, then en, es, pt, fr) — and a raw spec as its compiled set.
    @Test func keywordSetsMatchAsDocumented() throws {
        let script = """
            local text = require "lib.text"
            \(Self.generator.replacingOccurrences(of: "SEED", with: "1208"))
            local WORDS = { "user", "users", "Usuários", "ciudadanos", "Ciudadanía", "staff", "staffing", "ley",
              "lei", "leis", "famílias", "Familia", "comunidad", "Communauté", "policy", "é", "x", "2026", "the",
              "front", "line", "front-line", "draft", "État" }
            -- (one clause, no negation: contains_affirmed must answer as contains_any)
            local KEYWORDS = { "user*", "usuari*", "ciudadan*", "staff", "ley", "lei", "famil*", "comunidad*",
              "communaute*", "policy", "front line", "", "*", "é", "2026" }
            local LANGS = { "en", "es", "pt", "fr" }
            local function spec()
              local function list()
                local out = {}
                for _ = 1, draw(4) - 1 do out[#out + 1] = pick(KEYWORDS) end
                return out
              end
              if draw(2) == 1 then return list() end
              local s = list()
              for _, lang in ipairs(LANGS) do if draw(2) == 1 then s[lang] = list() end end
              return s
            end
            -- the keywords of a spec in the order the documentation gives
            local function ordered(s)
              local out = {}
              for _, k in ipairs(s) do out[#out + 1] = k end
              for _, lang in ipairs(LANGS) do
                for _, k in ipairs(s[lang] or {}) do out[#out + 1] = k end
              end
              return out
            end
            local function words_of(t)
              local out = {}
              for w in string.gmatch(text.normalise(t), "%S+") do out[#out + 1] = w end
              return out
            end
            -- whether keyword k (as written) is in text t, word by word
            local function has(t, k)
              local stem = string.sub(k, -1) == "*"
              local want = words_of(stem and string.sub(k, 1, -2) or k)
              if #want == 0 then return false end
              local words = words_of(t)
              for start = 1, #words - #want + 1 do
                local ok = true
                for j = 1, #want do
                  local w = words[start + j - 1]
                  local last = j == #want
                  if not (w == want[j] or (stem and last and string.sub(w, 1, #want[j]) == want[j])) then ok = false break end
                end
                if ok then return true end
              end
              return false
            end
            local compared, mismatches, found, first = 0, 0, 0, nil
            for _ = 1, 3000 do
              local parts = {}
              for _ = 1, draw(7) - 1 do parts[#parts + 1] = pick(WORDS) end
              local t = table.concat(parts, " ")
              local a, b = spec(), spec()
              local set = text.keywords(a)
              local merged = text.union(set, b)
              local all = ordered(a)
              for _, k in ipairs(ordered(b)) do all[#all + 1] = k end
              local want, which, count = false, nil, 0
              for _, k in ipairs(ordered(a)) do
                if has(t, k) then
                  count = count + 1
                  if not want then want, which = true, k end
                end
              end
              local mwant, mwhich = false, nil
              for _, k in ipairs(all) do if has(t, k) then mwant, mwhich = true, k break end end
              local got, gotk = text.contains_any(t, set)
              local raw, rawk = text.contains_any(t, a)
              local merged_got, merged_k = text.contains_any(t, merged)
              local affirmed, affirmedk = text.contains_affirmed(t, set)
              compared = compared + 1
              if want then found = found + 1 end
              local ok = got == want and gotk == which and raw == want and rawk == which
                and text.count_matches(t, set) == count and merged_got == mwant and merged_k == mwhich
                and affirmed == want and affirmedk == which
              if not ok then
                mismatches = mismatches + 1
                first = first or t
              end
            end
            return { compared = compared, mismatches = mismatches, found = found, first = first }
            """
        let result = try Self.run(script)
        Self.expectHeld(result, compared: 3000, enough: ["found": 600])
    }
}
