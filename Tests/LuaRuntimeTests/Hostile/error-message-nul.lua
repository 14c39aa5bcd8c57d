-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: before\0after \xFF end
-- line: 6
-- NUL and bytes that are not UTF-8 are escaped: the whole message is kept, none spills.
error("before\0after \255 end", 0)
