-- A first taste of rule code: score a small, made-up baseline on a 0-4 maturity scale.
-- Run it with: swift run mecigep sandbox examples/sandbox/maturity.lua --rules examples/sandbox
local scale = require "scale"

local baseline = {
  statement = "Average waiting time for a business permit",
  value = 43, unit = "days", source = "National Business Registry", year = 2024,
}

local level, reasons = 0, {}
if baseline.value then
  level = 1
  reasons[#reasons + 1] = "the baseline is quantified"
end
if baseline.source then
  level = level + 1
  reasons[#reasons + 1] = "it names its source (" .. baseline.source .. ")"
end
if baseline.year and baseline.year >= 2022 then
  level = level + 1
  reasons[#reasons + 1] = string.format("it is recent (%d)", baseline.year)
end

print("scored " .. #reasons .. " conditions")
return {
  indicator = "evidence.baseline",
  level = level,
  label = scale.label(level),
  reasons = reasons,
}
