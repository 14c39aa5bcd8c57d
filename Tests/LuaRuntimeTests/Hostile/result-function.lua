-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result.handlers[2]: cannot convert a function value
return { handlers = { 1, print } }
