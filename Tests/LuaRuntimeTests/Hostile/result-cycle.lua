-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result.a.back: a table contains itself
local t = { a = {} }
t.a.back = t
return t
