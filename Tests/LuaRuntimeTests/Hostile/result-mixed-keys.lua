-- expect: conversion
-- limits: instructions=2000000 memory=16 timeout=2
-- message: result: a table mixes string keys and integer keys
return { 1, x = 2 }
