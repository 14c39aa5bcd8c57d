-- expect: value [false,false,3,"function","end"]
-- limits: instructions=2000000 memory=16 timeout=2
-- Lua 5.4.4 bug "Lua can generate wrong code when _ENV is <const>": constant environments
-- of every type stay harmless, and a string _ENV reaches only what ("").x reaches.
return {
  (pcall(load("local _ENV <const> = 45; AA = 3"))),
  (pcall(load("local _ENV <const> = nil; return x"))),
  load("local _ENV <const> = {}; AA = 3; return AA")(),
  type(load('local _ENV <const> = "abc"; return upper')()),
  "end",
}
