-- expect: conversion
-- limits: instructions=2000000 memory=32 timeout=2
-- message: strings exceed 33554432 bytes
-- One 8 MiB string referenced five times: 40 MiB once converted.
local s = ("s"):rep(8 << 20)
return { s, s, s, s, s }
