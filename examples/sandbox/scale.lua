--- The 0-4 maturity scale's labels, as a module reached with `require "scale"`.
local M = {}

local labels = {
  [0] = "absent", "asserted", "documented but partial", "complete and resourced", "institutionalised",
}

--- The label of a level, or "unknown level".
function M.label(level)
  return labels[level] or "unknown level"
end

return M
