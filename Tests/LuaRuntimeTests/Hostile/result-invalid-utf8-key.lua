-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: key is not valid UTF-8
return { ["\192\128"] = 1 }
