-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: (error object is a null value)
error(null)
