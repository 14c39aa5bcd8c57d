--- ISO dates (YYYY-MM-DD) as day numbers, without `os` (rules have no clock).
--
-- Day numbers count days from 1970-01-01 in the proleptic Gregorian calendar, so that two
-- dates can be compared or subtracted: `dates.day_number("2026-09-01") - dates.day_number(x)`.
-- "Today" never enters a rule: compare with dates in the case (the planned launch).
-- @module lib.dates

-- (globals read on every call, as locals: docs/rules.md, "Reading globals")
local type, ipairs, tonumber, string = type, ipairs, tonumber, string

local M = {}

local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

--- Whether a year is a leap year.
-- @param y year
-- @return boolean
function M.is_leap(y)
  return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
end

--- The parts of an ISO date, or nil when the text is not a valid date.
-- @param s text such as "2026-09-01"
-- @return year, month, day (integers) or nil
function M.parse(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = string.match(s, "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 then return nil end
  local last = DAYS[m]
  if m == 2 and M.is_leap(y) then last = 29 end
  if d > last then return nil end
  return y, m, d
end

--- Whether a value is a valid ISO date.
-- @param s any value
-- @return boolean
function M.is_date(s)
  return M.parse(s) ~= nil
end

--- Days from 1970-01-01 to the date (negative before), or nil.
-- (Howard Hinnant's days_from_civil.)
-- @param s an ISO date
-- @return integer or nil
function M.day_number(s)
  local y, m, d = M.parse(s)
  if not y then return nil end
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

--- The year of an ISO date, or nil.
-- @param s an ISO date
-- @return integer or nil
function M.year(s)
  local y = M.parse(s)
  return y
end

--- Days from date a to date b (b - a), or nil when either is not a date.
-- @param a an ISO date
-- @param b an ISO date
-- @return integer or nil
function M.days_between(a, b)
  local da, db = M.day_number(a), M.day_number(b)
  if da == nil or db == nil then return nil end
  return db - da
end

--- Years from date a to date b, as a decimal (365.2425 days a year), or nil.
-- @param a an ISO date
-- @param b an ISO date
-- @return number or nil
function M.years_between(a, b)
  local days = M.days_between(a, b)
  if days == nil then return nil end
  return days / 365.2425
end

--- The date n whole years after s (29 February becomes 28 February in common years).
-- @param s an ISO date
-- @param n integer years (may be negative)
-- @return an ISO date or nil
function M.add_years(s, n)
  local y, m, d = M.parse(s)
  if not y then return nil end
  y = y + n
  if m == 2 and d == 29 and not M.is_leap(y) then d = 28 end
  return string.format("%04d-%02d-%02d", y, m, d)
end

--- The latest of a list of dates (invalid entries ignored), or nil.
-- @param list ISO dates
-- @return an ISO date or nil
function M.latest(list)
  local best, best_n
  for _, s in ipairs(list or {}) do
    local n = M.day_number(s)
    if n and (best_n == nil or n > best_n) then best, best_n = s, n end
  end
  return best
end

return M
