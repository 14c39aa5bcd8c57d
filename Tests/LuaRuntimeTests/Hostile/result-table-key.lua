-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result: table key of type table
return { [{}] = 1 }
