-- expect: runtime
-- limits: instructions=2000000 memory=16 timeout=2
-- message: /etc/shadow:99: forged
-- line: 7
-- A message that looks like a location is the rule's own text: the error is reported where it
-- was raised, from Lua's debug information, and the message is kept as written.
error("/etc/shadow:99: forged", 0)
