# The two quick-start commands: `make demo` and `make test`. Both set up first.
SWIFT ?= swift
MECIGEP = .build/debug/mecigep
# The release build links the Swift runtime and Foundation into the binary: a command starts in
# about 11 ms instead of 18 (no shared Swift libraries to load and relocate), which one case from
# the command line and every assessment the service hands to a worker process pay
# (docs/performance.md, eleventh round). Every release build uses the same flags, so none
# rebuilds another's modules.
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib

.PHONY: setup build release demo test lint bench fuzz fuzz-build robustness browser-test screenshots serve service-test load

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

# .build/release/mecigep and .build/release/mecigep-service, the programs to install or deploy
# (side by side: `mecigep serve`, `users`, `backup` and `restore` run in mecigep-service).
release: setup
	$(RELEASE_BUILD) --product mecigep
	$(RELEASE_BUILD) --product mecigep-service

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
	$(MAKE) --no-print-directory service-test

# The example report and round in a real browser (headless Chromium) at 1280 and 375 px and
# printed to PDF: no sideways scroll, chart text >= 11 px, no request leaving the page, pages
# reasonably full. `make screenshots` refreshes the PNGs in docs/.
browser-test: build
	@bash scripts/browser-setup.sh
	python3 tests/browser/report_layout.py $(MECIGEP)
	python3 tests/browser/service_pages.py $(MECIGEP)

screenshots: build
	@bash scripts/browser-setup.sh
	python3 tests/browser/report_layout.py $(MECIGEP) --screenshots docs
	python3 tests/browser/service_pages.py $(MECIGEP) --screenshots docs

# The service (docs/service.md): a whole round through the API, 20 SIGKILLs during uploads and
# assessments, and the API against docs/openapi.json (schemathesis, bounded).
service-test: build
	python3 tests/service/round_flow.py $(MECIGEP)
	python3 tests/service/kill_test.py $(MECIGEP) 20
	python3 tests/service/api_conformance.py $(MECIGEP) 25

# `mecigep serve` on the shipped examples (seeds mecigep-data/ the first time).
serve: build
	bash scripts/serve-demo.sh $(MECIGEP)

# Load on loopback for LOAD_SECONDS (release build): report reads, uploads and assessments.
LOAD_SECONDS ?= 30
load: setup
	$(RELEASE_BUILD) --product mecigep
	$(RELEASE_BUILD) --product mecigep-service
	python3 tests/service/load_test.py .build/release/mecigep $(LOAD_SECONDS) 8 2

lint:
	luacheck --quiet rules
	$(MECIGEP) check rules

# Whether the shipped frameworks' levels move under changes that change no fact (docs/rules.md),
# every transformation of every answer (make test draws 150 per mecigep-core case).
robustness: setup
	$(RELEASE_BUILD)
	.build/release/mecigep robustness examples/cases --framework mecigep-core
	.build/release/mecigep robustness examples/pefa-cases --framework pefa-budget

bench: setup
	bash scripts/bench-setup.sh
	$(RELEASE_BUILD)
	.build/release/mecigep-bench runtime
	.build/release/mecigep-bench assess
	.build/release/mecigep-bench hostile
	python3 bench/peer_benchmark.py .build/release/mecigep $(if $(LARGE),--large)

# libFuzzer harnesses (case documents, the Swift-Lua value bridge, framework files); each runs
# FUZZ_SECONDS from the seeds in Fuzz/corpus. See docs/fuzzing.md.
FUZZ_SECONDS ?= 60
fuzz-build: setup
	$(SWIFT) build -c debug --scratch-path .build-fuzz --product mecigep-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

fuzz: fuzz-build
	bash scripts/fuzz.sh $(FUZZ_SECONDS)
