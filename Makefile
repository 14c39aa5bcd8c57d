# The two quick-start commands: `make demo` and `make test`. Both set up first.
SWIFT ?= swift

.PHONY: setup build demo test bench

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

demo: setup
	$(SWIFT) run mecigep sandbox examples/sandbox/maturity.lua --rules examples/sandbox

test: setup
	$(SWIFT) test

bench: setup
	$(SWIFT) build -c release
	.build/release/mecigep-bench runtime
	.build/release/mecigep-bench assess
