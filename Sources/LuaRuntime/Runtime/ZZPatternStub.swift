// TEMPORARY until PatternLibrarySource.swift lands. Remove.
enum PatternLibrarySource { static let lua = "local find_at, orig = ...\nreturn { find = orig.find, match = orig.match, gmatch = orig.gmatch, gsub = orig.gsub }" }
