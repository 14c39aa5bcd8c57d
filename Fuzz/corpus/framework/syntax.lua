local m = require "mecigep"

return m.framework {
  id = "syntax",
  title = "Missing comma"
  version = "1.0.0",
}
