// Benchmarks of sim::world on generated cities (sim/engine/synthetic.hpp, every mechanism on):
//   construct/R/real_time                    building a world of R residents, with every core
//   day/R/threads:T/real_time                one whole day, in an arena of T threads
//   phase/<phase>/R/threads:T/iterations:N/manual_time
//                                            one phase of the day: whole days are stepped, since
//                                            each phase feeds the next, but only that phase's
//                                            time is reported
// Every run steps a copy of one world per size, built with a fixed seed and warmed up once, so
// that runs start from the same state and none of them pays for construction or warm-up.

#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <map>
#include <memory>
#include <numeric>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "sim/engine/synthetic.hpp"
#include "sim/engine/world.hpp"

namespace civicsim::sim {
namespace {

constexpr models::stream_key key{1, 0};
/// Days stepped before timing: outreach, adoption, groups and the police queue ramp up over the
/// first month.
constexpr std::uint32_t warm_up_days = 30;
/// The scenario's length in days. The engine stops only at the 16-bit day limit, not at this, but
/// the value must fit that limit; it is far more than any run steps.
constexpr std::uint32_t scenario_days = 20000;
/// Days per run of a phase benchmark. Fixed, because with manual time Google Benchmark would
/// otherwise step whole days until a phase of a few microseconds adds up to the minimum time.
constexpr benchmark::IterationCount phase_days_small = 20;  // at 100,000 residents
constexpr benchmark::IterationCount phase_days_large = 10;  // at 1,000,000 residents

constexpr std::int64_t small_city = 100000;
constexpr std::int64_t large_city = 1000000;

static_assert(std::is_copy_constructible_v<world>, "runs step copies of a warmed-up world");

std::uint32_t residents_of(const benchmark::State& state) {
    return static_cast<std::uint32_t>(state.range(0));
}
int threads_of(const benchmark::State& state) { return static_cast<int>(state.range(1)); }

/// The generated city of `residents`, shared by every world of that size.
std::shared_ptr<const models::parameters> city(std::uint32_t residents) {
    static std::map<std::uint32_t, std::shared_ptr<const models::parameters>> cities;
    auto& p = cities[residents];
    if (!p)
        p = std::make_shared<const models::parameters>(synthetic_city(residents, scenario_days));
    return p;
}

/// The world of `residents` after the warm-up, built once (with every core) and kept.
const world& warmed_up(std::uint32_t residents) {
    static std::map<std::uint32_t, std::unique_ptr<const world>> worlds;
    auto& w = worlds[residents];
    if (!w) {
        auto fresh = std::make_unique<world>(city(residents), key);
        for (std::uint32_t d = 0; d < warm_up_days; ++d) fresh->step();
        w = std::move(fresh);
    }
    return *w;
}

void construct(benchmark::State& state) {
    const auto params = city(residents_of(state));
    for (auto _ : state) {
        auto w = std::make_unique<world>(params, key);
        benchmark::DoNotOptimize(w.get());
        state.PauseTiming();  // freeing the columns is not construction
        w.reset();
        state.ResumeTiming();
    }
}

void day(benchmark::State& state) {
    world w = warmed_up(residents_of(state));
    tbb::task_arena arena(threads_of(state));
    arena.execute([&] {
        for (auto _ : state) w.step();
    });
    state.counters["resident_days_per_second"] = benchmark::Counter(
        static_cast<double>(residents_of(state)) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}

void phase(benchmark::State& state, std::size_t k) {
    world w = warmed_up(residents_of(state));
    tbb::task_arena arena(threads_of(state));
    const auto sum = [](std::span<const double> s) {
        return std::accumulate(s.begin(), s.end(), 0.0);
    };
    const double phase_before = w.phase_seconds()[k];
    const double day_before = sum(w.phase_seconds());
    arena.execute([&] {
        for (auto _ : state) {
            const double before = w.phase_seconds()[k];
            w.step();
            state.SetIterationTime(w.phase_seconds()[k] - before);
        }
    });
    const double day_seconds = sum(w.phase_seconds()) - day_before;
    state.counters["share_of_day"] =
        day_seconds > 0.0 ? (w.phase_seconds()[k] - phase_before) / day_seconds : 0.0;
}

[[maybe_unused]] const bool registered = [] {
    benchmark::RegisterBenchmark("construct", construct)
        ->Arg(small_city)
        ->Arg(large_city)
        ->UseRealTime()  // construction runs on TBB workers
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("day", day)
        ->Args({small_city, 1})
        ->Args({small_city, 2})
        ->Args({large_city, 1})
        ->Args({large_city, 2})
        ->ArgNames({"", "threads"})
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    for (std::size_t k = 0; k < world::phase_count; ++k) {
        const std::string name = "phase/" + std::string(world::phase_names[k]);
        const auto run = [k](benchmark::State& state) { phase(state, k); };
        for (const auto& [residents, days] :
             {std::pair{small_city, phase_days_small}, std::pair{large_city, phase_days_large}})
            benchmark::RegisterBenchmark(name.c_str(), run)
                ->ArgsProduct({{residents}, {1, 2}})
                ->ArgNames({"", "threads"})
                ->Iterations(days)
                ->UseManualTime()
                ->Unit(benchmark::kMicrosecond);
    }
    return true;
}();

}  // namespace
}  // namespace civicsim::sim
