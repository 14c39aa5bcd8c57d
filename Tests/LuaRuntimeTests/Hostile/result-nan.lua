-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result.score:
-- message: nan is not a finite number
return { score = 0/0 }
