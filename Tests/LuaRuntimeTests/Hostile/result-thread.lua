-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result: cannot convert a thread value
return coroutine.create(print)
