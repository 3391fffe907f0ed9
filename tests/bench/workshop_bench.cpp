// The workshop page's answer time: one comparison of the workshop town (20,000 residents) for a
// year, 4 replications per side with common random numbers, as POST /api/compare runs it
// (sim/workshop). The bound is under a second on the project's two-core machine; the
// names read workshop_compare/20000/threads:N.

#include <benchmark/benchmark.h>

#include "sim/workshop/workshop.hpp"

namespace {

using namespace civicsim::sim::workshop;

void workshop_compare(benchmark::State& state) {
    const auto request = parse_request({{"preset", "workshop_town"},
                                        {"days", 365},
                                        {"replications", 4},
                                        {"residents", state.range(0)},
                                        {"b", {{"police.report_share", 0.1}}}});
    const auto threads = static_cast<unsigned>(state.range(1));
    for (auto _ : state) benchmark::DoNotOptimize(compare(request, threads));
    state.counters["comparisons/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(workshop_compare)
    ->ArgNames({"residents", "threads"})
    ->Args({20000, 1})
    ->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
