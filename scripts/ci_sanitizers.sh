#!/bin/sh
# The sanitizer and fuzzing steps, all three run by .ci/run after `make test` (docs/reliability.md):
#   1. the `asan` preset (AddressSanitizer + UndefinedBehaviorSanitizer, invariant checks on): the
#      C++ unit and engine tests (models.*, sim.*), the bad-input catalogue;
#   2. the `tsan` preset (ThreadSanitizer, invariant checks on): the tests that run the engine on
#      several threads;
#   3. the `fuzz` preset (clang, libFuzzer): each fuzz target of tests/fuzz for FUZZ_SECONDS,
#      seeded from scenarios/, tests/data/bad/ and a small results file written by build/.
# Only the executables these need are built (not the Python module, the benchmarks or the
# browser tests). Each step prints its wall time. Needs `make test` to have built build/.
#
# usage: scripts/ci_sanitizers.sh [asan] [tsan] [fuzz]   (all three without arguments)
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
steps=${*:-asan tsan fuzz}

# Tests too slow under a sanitizer for their value there: `bench` (timings, a city of a million
# residents), and the case tests' multi-year runs (their 60-day reference summaries still run,
# and must give the Release values to the last bit). Also the promise that a stop signal ends the
# runs within a second: it is the Release build's (make test), and a day of the instrumented
# build takes several times as long (1.04 s was seen on a loaded machine).
# The extreme-values check (about 360 runs) is left to make test for time.
ASAN_EXCLUDE='^sim\.(bench|scenarios/bench_city|London|Nuremberg|Participatory|Romagna|Rural|Terrassa|negative control|a stop signal during the runs ends them within a second)|^reliability\.extreme_values'
# The tests that run the engine on several threads: thread-count determinism, parallel batches
# and replications, and the reference summaries (comparisons on two threads, which must also give
# the Release values).
TSAN_TESTS='bit-identical|in parallel|at any thread count|reference summaries'

elapsed() { echo "ci_sanitizers: $1 took $(( $(date +%s) - $2 )) s"; }

configure_and_build() {  # preset, targets...
  preset=$1
  shift
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$JOBS" --target "$@"
}

for step in $steps; do
  start=$(date +%s)
  case $step in
    asan)
      configure_and_build asan civicsim civicsim_models_tests civicsim_sim_tests
      # The first report fails the test (the builds also have -fno-sanitize-recover=all); leaks too.
      ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 \
      UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        ctest --preset asan -j "$JOBS" -R '^(models|sim)\.|^reliability\.' -E "$ASAN_EXCLUDE"
      ;;
    tsan)
      configure_and_build tsan civicsim civicsim_sim_tests
      TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp" \
        ctest --preset tsan -j 1 -R "^sim\..*($TSAN_TESTS)"
      ;;
    fuzz)
      configure_and_build fuzz civicsim_fuzz_scenario civicsim_fuzz_results
      work=build-fuzz/runs
      rm -rf "$work"
      mkdir -p "$work/scenario" "$work/results" "$work/artifacts"
      # Seeds: every scenario, and every case of the bad-input catalogue (its header lines are
      # TOML comments).
      cp scenarios/*.toml tests/data/bad/*.toml "$work/scenario/"
      # A small results file of this version's format, from the Release build.
      build/sim/civicsim run scenarios/rural_vs_urban.toml --set scenario.days=2 \
        --set scenario.replications=1 --threads 1 --out "$work/results/seed.h5" >/dev/null
      for target in scenario results; do
        # A crash, a sanitizer report, an exception other than the refusal, or an input running
        # past -timeout ends the run with a non-zero status and leaves the input in artifacts/.
        build-fuzz/tests/fuzz/civicsim_fuzz_$target "$work/$target" -max_total_time="$FUZZ_SECONDS" \
          -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-"
      done
      ;;
    *) echo "ci_sanitizers: unknown step '$step' (asan, tsan or fuzz)" >&2; exit 2 ;;
  esac
  elapsed "$step" "$start"
done
