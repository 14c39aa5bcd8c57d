# The two quick-start commands: `make demo` and `make test`. Both set up first.
SWIFT ?= swift
MECIGEP = .build/debug/mecigep

.PHONY: setup build demo test lint bench fuzz fuzz-build robustness browser-test screenshots

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

demo: build
	$(MECIGEP) assess examples/cases/uy-digital-government.yaml --format text

# Every test: the Swift suites (units, hostile scripts, end-to-end commands), luacheck over the
# rules, the structural check of every framework, the frameworks' own rule tests, the
# robustness of mecigep-core's levels over the example cases, and the reports in a browser.
test: build
	$(SWIFT) test
	$(MAKE) --no-print-directory lint
	$(MECIGEP) test rules
	$(MECIGEP) robustness examples/cases --framework mecigep-core --sample 150
	$(MECIGEP) robustness examples/pefa-cases --framework pefa-budget
	$(MAKE) --no-print-directory browser-test

# The example report and round in a real browser (headless Chromium) at 1280 and 375 px and
# printed to PDF: no sideways scroll, chart text >= 11 px, no request leaving the page, pages
# reasonably full. `make screenshots` refreshes the PNGs in docs/.
browser-test: build
	@bash scripts/browser-setup.sh
	python3 tests/browser/report_layout.py $(MECIGEP)

screenshots: build
	@bash scripts/browser-setup.sh
	python3 tests/browser/report_layout.py $(MECIGEP) --screenshots docs

lint:
	luacheck --quiet rules
	$(MECIGEP) check rules

# Whether the shipped frameworks' levels move under changes that change no fact (docs/rules.md),
# every transformation of every answer (make test draws 150 per mecigep-core case).
robustness: setup
	$(SWIFT) build -c release
	.build/release/mecigep robustness examples/cases --framework mecigep-core
	.build/release/mecigep robustness examples/pefa-cases --framework pefa-budget

bench: setup
	$(SWIFT) build -c release
	.build/release/mecigep-bench runtime
	.build/release/mecigep-bench assess
	.build/release/mecigep-bench hostile

# libFuzzer harnesses (case documents, the Swift-Lua value bridge, framework files); each runs
# FUZZ_SECONDS from the seeds in Fuzz/corpus. See docs/fuzzing.md.
FUZZ_SECONDS ?= 60
fuzz-build: setup
	$(SWIFT) build -c debug --scratch-path .build-fuzz --product mecigep-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

fuzz: fuzz-build
	bash scripts/fuzz.sh $(FUZZ_SECONDS)
