-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result[1]: inf is not a finite number
return { math.huge }
