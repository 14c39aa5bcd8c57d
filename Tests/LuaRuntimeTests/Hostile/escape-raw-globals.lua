-- expect: value [true,"sandbox",true,true,"function"]
-- limits: instructions=2000000 memory=16 timeout=2
-- Raw access finds no hidden library, and the environment's metatable is not exposed.
return {
  rawget(_G, "io") == nil, getmetatable(_G), _ENV == _G, rawget(_G, "debug") == nil,
  type(rawget(_G, "load")),
}
