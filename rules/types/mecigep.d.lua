---@meta
-- Editor support for rule authors: the rule API (`require "mecigep"`) in the annotation format
-- the Lua language server reads. Nothing here runs; the engine provides the real module.
-- The case format's classes are in case.d.lua (generated from docs/schemas/case.schema.json).

---A text a reader sees: a plain string, or translations keyed by language.
---@alias mecigep.Text string|{ en: string, es: string, pt: string, fr: string }

---A level of the framework's scale: an integer (maturity 0-4) or a letter ("A".."D").
---@alias mecigep.Level integer|string

---@alias mecigep.Aggregation
---| "weighted_mean"
---| "weakest_link"
---| { method: "weighted_mean", rounding: "floor"|"nearest" }
---| { method: "table", table: table<string, string> }
---| { method: "thresholds", of: "sum"|"mean", cutoffs: { min: number, level: mecigep.Level }[] }
---| { method: "piecewise", of: "sum"|"mean", points: number[][] }
---| fun(inputs: { id: string, level: mecigep.Level, score: number, weight: number }[], ctx: table): mecigep.Level|number

---@class mecigep.ScaleLevel
---@field id mecigep.Level
---@field score? number defaults to the id on numeric scales
---@field label mecigep.Text

---@class mecigep.Scale
---@field id string
---@field kind "numeric"|"letter"
---@field plus? boolean allow "+" results (PEFA)
---@field levels mecigep.ScaleLevel[]

---@class mecigep.FieldSpec
---@field type "string"|"number"|"integer"|"boolean"|"array"|"object"|"date"|"country"
---@field required? boolean
---@field values? string[] allowed values

---@class mecigep.Recommendation
---@field text mecigep.Text what to do, concretely
---@field priority? "high"|"medium"|"low"
---@field horizon? "short"|"medium"|"long"
---@field owner? mecigep.Text the suggested institution
---@field challenge? string the id of the case's implementation challenge it answers

---@class mecigep.Result
---A value made by ctx.level or ctx.insufficient; return it from evaluate.

---@class mecigep.Context
---@field indicator { id: string, title: mecigep.Text, question: mecigep.Text?, references: string[]?, reads: string[]?, levels: table? }
---@field framework { id: string, version: string, title: mecigep.Text }
---@field criterion { id: string } the criterion the indicator belongs to
---@field scale mecigep.Scale
local Context = {}

---The result: a level of the scale, with an optional note.
---@param level mecigep.Level
---@param note? mecigep.Text
---@return mecigep.Result
function Context.level(level, note) end

---The result: the case does not say enough.
---@param paths string|string[] what the case should add
---@param reason? mecigep.Text
---@return mecigep.Result
function Context.insufficient(paths, reason) end

---Records a finding resting on evidence paths.
---@param text mecigep.Text
---@param evidence? string|string[]
function Context.finding(text, evidence) end

---Records a practical, non-binding recommendation.
---@param recommendation mecigep.Recommendation
function Context.recommend(recommendation) end

---Records a suggestion for the State (shown by `mecigep validate`; it never moves a level).
---@param text mecigep.Text
---@param path? string the case path it is about
function Context.suggest(text, path) end

---Records what the level rests on.
---@param kind "self_declared"|"documented"|"verified"
---@param documents? string[] ids of the case's document register
function Context.basis(kind, documents) end

---Records a condition that decided the level (shown by `mecigep explain`) and returns it.
---@generic T
---@param label mecigep.Text
---@param value T
---@return T
function Context.check(label, value) end

---The value at a path such as "fiscal.costing[2].amount", or nil.
---@param path string
---@return any
function Context.get(path) end

---Whether a path holds something: not nil, null, blank text or an empty list.
---@param path string
---@return boolean
function Context.present(path) end

---@class mecigep.Indicator
---@field id string unique within the framework
---@field title mecigep.Text
---@field question? mecigep.Text
---@field weight? number positive; default 1
---@field reads? string[] the case fields the rule reads
---@field requires? string[] fields that must be present, else "insufficient information"
---@field references? string[] public sources
---@field levels? table<mecigep.Level, mecigep.Text> what the case must show for each level
---@field evaluate fun(case: mecigep.Case, ctx: mecigep.Context): mecigep.Level|mecigep.Result

---@class mecigep.Criterion
---@field id string
---@field title mecigep.Text
---@field description? mecigep.Text
---@field weight? number
---@field aggregation? mecigep.Aggregation
---@field indicators mecigep.Indicator[]

---@class mecigep.Framework
---@field id string equal to its folder name
---@field version string semantic version
---@field title mecigep.Text
---@field description? mecigep.Text
---@field languages? string[] default { "en", "es", "pt", "fr" }
---@field scale mecigep.Scale
---@field aggregation? mecigep.Aggregation over criteria
---@field insufficient? "lowest"|"exclude" how indicators without information count: as the lowest level (default) or left out
---@field fields? table<string, string|mecigep.FieldSpec>
---@field schema? string a JSON Schema file in the framework's folder that validate applies
---@field placeholders? string[] answers that are not answers ("por definir"): removed before rules run
---@field weaknesses? string[] lists whose items can be the weakness measured (one more may lower a level)
---@field max_items? integer
---@field criteria mecigep.Criterion[]

---@class mecigep.Changes
---@field id string
---@field version string
---@field title mecigep.Text
---@field base_versions? string the base versions it was written for: "^2.0.0", "~2.1.0", ">=2.0.0 <3.0.0" (docs/frameworks.md)
---@field skip? string[] criteria or indicators to leave out
---@field replace? table<string, mecigep.Indicator>
---@field weights? table<string, number>
---@field add? table<string, mecigep.Indicator[]> indicators appended to a criterion
---@field criteria? mecigep.Criterion[] new criteria

---@class mecigep
---@field scales { maturity: mecigep.Scale, pefa: mecigep.Scale }
---@field languages string[]
local M = {}

---@param def mecigep.Framework
---@return mecigep.Framework
function M.framework(def) end

---@param def mecigep.Criterion
---@return mecigep.Criterion
function M.criterion(def) end

---@param def mecigep.Indicator
---@return mecigep.Indicator
function M.indicator(def) end

---@param def mecigep.Scale
---@return mecigep.Scale
function M.scale(def) end

---A framework built on another, without copying its files.
---@param base_id string
---@param changes mecigep.Changes
---@return mecigep.Framework
function M.extend(base_id, changes) end

---@param value any
---@param path string
---@return any
function M.get(value, path) end

---@param value any
---@param path string
---@return boolean
function M.present(value, path) end

---Linear interpolation through points { { x1, y1 }, { x2, y2 }, ... }, flat outside them.
---@param x number
---@param points number[][]
---@return number?
function M.piecewise(x, points) end

---@param path string
---@param key string|integer
---@return string
function M.path_join(path, key) end

---JSON null: a value distinct from nil (absent).
---@type lightuserdata
null = nil

return M
