-- expect: value ["table","function","function","thread","table","null","table"]
-- limits: instructions=2000000 memory=16 timeout=2
return {
  tostring({}), tostring(print), tostring(function() end), tostring(coroutine.create(print)),
  string.format("%s", {}), tostring(null), tostring(setmetatable({}, { __name = "Secret" })),
}
