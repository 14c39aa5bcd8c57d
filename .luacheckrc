-- luacheck configuration for the Lua rules (rules/): `luacheck rules`.
-- Rules run in the engine's Lua 5.4 sandbox (docs/sandbox.md).
std = "lua54"

-- The sandbox gives rule code one extra global: `null`, the JSON null of a case.
read_globals = { "null" }

-- Texts a reader sees are written in four languages, one literal per language; long
-- sentences stay on one line so that translators can compare them line by line.
max_line_length = false

-- The engine's own module (`require "mecigep"`) records where declarations are made and may
-- read `sandbox_info`; no rule file needs it.

-- Editor annotations for the Lua language server (---@meta files): empty functions that only
-- document the API, and a declaration of `null`. They never run.
files["rules/types"] = {
  unused = false,
  globals = { "null" },
}

-- Installed framework packages (mecigep install) are checked by their digests, not linted here.
exclude_files = { "rules/packages/**" }
