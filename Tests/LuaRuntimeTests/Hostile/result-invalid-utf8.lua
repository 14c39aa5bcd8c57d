-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result.name: string is not valid UTF-8
return { name = "\255" }
