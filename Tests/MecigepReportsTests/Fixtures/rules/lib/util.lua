--- Small helpers shared by the test frameworks.
local M = {}

--- Whether a year is recent enough to count as a current baseline.
function M.recent(year)
  return type(year) == "number" and year >= 2020
end

return M
