# The two commands of the README, over the CMake presets.
#   make run   install what is missing, build, compare the workshop town's strategies and write
#              the HTML report (results/workshop_town.html)
#   make test  install what is missing, build, run every test (ctest)
#   make bench the Google Benchmark suite (tests/bench: construction, the day and each phase of
#              the day at 100,000 and 1,000,000 residents, 1 and 2 threads; 5 repetitions; JSON
#              with mean/median/stddev in results/bench/YYYY-MM-DD.json), then civicsim bench for
#              each target of docs/performance.md: the 1,000,000-resident city-year at 1 and 2
#              threads (5 times each, the median shown), 1,000 runs of the workshop town, and a
#              10,000,000-resident city-year
#   make sensitivity  the workshop town at both ends of every plausible range of the schema
#              (scripts/sensitivity.py): docs/sensitivity.md; 1,432 runs, about a minute on two
#              idle cores (several when they are shared)
PRESET ?= default
BUILD  := build
JOBS   ?= $(shell nproc)
SCENARIO ?= scenarios/workshop_town.toml

.PHONY: run test build setup bench clean docs format sensitivity

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
	@mkdir -p results/bench
	$(BUILD)/tests/bench/civicsim_benchmarks --benchmark_out=results/bench/$$(date +%F).json \
	  --benchmark_out_format=json --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	$(BUILD)/sim/civicsim bench scenarios/bench_city.toml --scaling --repeat 5
	$(BUILD)/sim/civicsim bench scenarios/workshop_town.toml --runs 1000
	$(BUILD)/sim/civicsim bench --residents 10000000 --days 365

docs: build
	$(BUILD)/sim/civicsim describe --markdown > docs/scenario-reference.md
	$(BUILD)/sim/civicsim describe --outcomes > docs/outcome-reference.md

sensitivity: build
	nice -n 15 /usr/bin/python3 scripts/sensitivity.py --build $(BUILD) --threads $(JOBS)

format: setup
	find models sim tests python/src -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-debug build-asan build-tsan build-fuzz
