-- A tiny framework for report tests (a copy of the engine tests' "tiny"): two criteria, four indicators.
local m = require "mecigep"
local util = require "lib.util"

local function t(en) return { en = en, es = en .. " (es)", pt = en .. " (pt)", fr = en .. " (fr)" } end

return m.framework {
  id = "tiny",
  version = "1.2.0",
  title = t("Tiny framework"),
  scale = m.scales.maturity, insufficient = "exclude", -- its tests pin the exclusion semantics
  fields = {
    ["identification.country"] = { type = "country", required = true },
    ["problem.baseline.value"] = "number",
    ["problem.baseline.year"] = "integer",
    ["fiscal.costing[].amount"] = "number",
    ["fiscal.costing[].year"] = "integer",
  },
  criteria = {
    m.criterion {
      id = "evidence",
      title = t("Evidence-based"),
      weight = 2,
      indicators = {
        m.indicator {
          id = "baseline",
          title = t("Baseline"),
          question = t("Is the baseline quantified, sourced and dated?"),
          reads = { "problem.baseline.value", "problem.baseline.source", "problem.baseline.year" },
          requires = { "problem.baseline" },
          references = { "OECD Recommendation on Public Policy Evaluation (2022)" },
          levels = { [0] = t("No baseline"), [4] = t("Quantified, sourced, dated and published") },
          evaluate = function(case, ctx)
            local b = case.problem.baseline
            local level = 0
            if ctx.check(t("quantified"), type(b.value) == "number") then level = 1 end
            if ctx.check(t("sourced"), b.source ~= nil) then level = level + 1 end
            if ctx.check(t("recent"), util.recent(b.year)) then level = level + 1 end
            if level < 3 then
              ctx.finding(t("The baseline lacks a source or a recent year."), { "problem.baseline" })
              ctx.recommend { text = t("Publish the baseline's source and year."), priority = "high",
                              horizon = "short", owner = t("Statistics office"), challenge = "c1" }
            else
              ctx.finding(t("The baseline is quantified, sourced and recent."), { "problem.baseline.source", "problem.baseline.year" })
            end
            return ctx.level(level)
          end,
        },
        m.indicator {
          id = "targets",
          title = t("Targets"),
          reads = { "results[].target" },
          evaluate = function(case, ctx)
            local results = case.results
            if results == nil then return ctx.insufficient({ "results" }, t("no results framework")) end
            local with_target = 0
            for _, r in ipairs(results) do
              if r.target ~= nil then with_target = with_target + 1 end
            end
            if with_target == #results and #results > 0 then return 3 end
            return 1
          end,
        },
      },
    },
    m.criterion {
      id = "fiscal",
      title = t("Fiscally responsible"),
      aggregation = "weakest_link",
      indicators = {
        m.indicator {
          id = "costing",
          title = t("Multi-year costing"),
          reads = { "fiscal.costing[].year", "fiscal.costing[].amount" },
          requires = { "fiscal.costing" },
          evaluate = function(case, ctx)
            local years = 0
            for _, row in ipairs(case.fiscal.costing) do
              if row.amount ~= nil and row.year ~= nil then years = years + 1 end
            end
            if years >= 5 then return ctx.level(4) end
            if years >= 3 then return ctx.level(3) end
            ctx.recommend { text = t("Cost years 2 to 5 of operation, including maintenance."), priority = "medium", horizon = "medium" }
            return ctx.level(years > 0 and 1 or 0)
          end,
        },
        m.indicator {
          id = "funding",
          title = t("Funding source"),
          reads = { "fiscal.funding_source" },
          evaluate = function(case, ctx)
            if case.fiscal == nil or case.fiscal.funding_source == nil then
              return ctx.insufficient("fiscal.funding_source")
            end
            return 2
          end,
        },
      },
    },
  },
}
