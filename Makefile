# The two quick-start commands: `make demo` and `make test`. Both set up first.
SWIFT ?= swift
MECIGEP = .build/debug/mecigep

.PHONY: setup build demo test lint bench

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

demo: build
	$(MECIGEP) assess examples/cases/uy-digital-government.yaml --format text

# Every test: the Swift suites (units, hostile scripts, end-to-end commands), luacheck over the
# rules, the structural check of every framework, and the frameworks' own rule tests.
test: build
	$(SWIFT) test
	$(MAKE) --no-print-directory lint
	$(MECIGEP) test rules

lint:
	luacheck --quiet rules
	$(MECIGEP) check rules

bench: setup
	$(SWIFT) build -c release
	.build/release/mecigep-bench runtime
	.build/release/mecigep-bench assess
	.build/release/mecigep-bench hostile
