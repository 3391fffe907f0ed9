# The two commands of the README, over the CMake presets.
#   make run   install what is missing, build, compare the workshop town's strategies and write
#              the HTML report (results/workshop_town.html)
#   make test  install what is missing, build, run every test (ctest)
#   make bench resident-days per second and the time per phase, one city-year of 1,000,000
PRESET ?= default
BUILD  := build
JOBS   ?= $(shell nproc)
SCENARIO ?= scenarios/workshop_town.toml

.PHONY: run test build setup bench clean docs

setup:
	@./scripts/setup.sh

build: setup
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@mkdir -p results
	$(BUILD)/sim/civicsim compare $(SCENARIO) --out results/workshop_town.h5 --report results/workshop_town.html --force

test: build
	ctest --preset $(PRESET) -j $(JOBS)

bench: build
	$(BUILD)/sim/civicsim bench --residents 1000000 --days 365

docs: build
	$(BUILD)/sim/civicsim describe --markdown > docs/scenario-reference.md

clean:
	rm -rf build build-debug
