-- expect: value {"a":1,"dir":"<dir>","victim":"<victim>"}
-- limits: instructions=2000000 memory=16 timeout=2
-- The read-only argument returned as is converts through to the table it shows.
return ...
