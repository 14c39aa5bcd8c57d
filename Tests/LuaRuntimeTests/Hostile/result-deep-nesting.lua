-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result.x.x.x.x.x.x.x.x.x.x
-- message: nested deeper than 100 levels
local t = {}
local c = t
for i = 1, 1000 do c.x = {} c = c.x end
return t
