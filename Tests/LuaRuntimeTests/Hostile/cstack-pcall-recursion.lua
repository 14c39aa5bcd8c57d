-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: stack overflow
-- pcall 1e6 deep: every level re-raises what it caught.
local function f(n)
  if n == 0 then return 0 end
  local ok, v = pcall(f, n - 1)
  if not ok then error(v, 0) end
  return v
end
return f(1e6)
