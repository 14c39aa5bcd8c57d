-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result.list: array with a gap
return { list = { [1] = 1, [3] = 3 } }
