-- A shared helper that hostile rules try to use as a place to keep state between calls.
local M = {}
M.STATE = { n = 0 }
M.LIST = { 1, 2, 3 }
M.Class = {}
M.Class.__index = M.Class
function M.Class.new() return setmetatable({}, M.Class) end
M.instance = M.Class.new()
return M
