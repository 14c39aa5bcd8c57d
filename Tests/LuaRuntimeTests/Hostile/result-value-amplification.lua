-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2 values=100000
-- message: more than 100000 values
-- A DAG of 25 levels of { t, t } is tiny in Lua and 2^25 values as a tree. (At the default
-- limit of 1e6 values the conversion alone takes ~4 s in a debug build, outside the deadline.)
local t = {}
for i = 1, 25 do t = { t, t } end
return t
