-- expect: value ["table","function","function","thread","table","null","Secret"]
-- limits: instructions=2000000 memory=16 timeout=2
-- A __name shows as stock Lua shows it ("Secret: 0x..."), without the address.
return {
  tostring({}), tostring(print), tostring(function() end), tostring(coroutine.create(print)),
  string.format("%s", {}), tostring(null), tostring(setmetatable({}, { __name = "Secret" })),
}
