// civicsim bench [SCENARIO]: resident-days per second, memory per resident and the time per phase
// of one run, on a scenario file or a generated city; or, with --runs, the throughput of a sweep
// of replications. --scaling repeats the measurement at one thread for the speedup.

#include <sys/resource.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "models/population.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/engine/synthetic.hpp"
#include "sim/engine/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cli {

namespace {

using clock_type = std::chrono::steady_clock;

// What bench accepts; the scenario's own limits apply on top (--runs is scenario.replications,
// so 0 is left to the scenario check to report).
// The generated city has neighbourhoods of 10,000, and a scenario at most 10,000 of them.
constexpr std::uint64_t max_generated_residents = 100'000'000;
constexpr std::uint64_t max_runs = 10'000;
constexpr std::uint64_t max_repeats = 1'000;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// The process's peak resident set size so far, in bytes (Linux reports kilobytes).
double peak_rss_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

/// One measurement at one thread count: a single run (construction, stepping, phases) or a
/// sweep (wall time of every replication).
struct measurement {
    unsigned threads = 1;
    double construction = 0.0;   ///< seconds; single run only
    double stepping = 0.0;       ///< seconds; for a sweep, the whole sweep
    std::vector<double> phases;  ///< seconds per world::phase_names entry; single run only
};

measurement time_one_run(const std::shared_ptr<const models::parameters>& params,
                         unsigned threads) {
    measurement m;
    m.threads = threads;
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
        auto start = clock_type::now();
        sim::world w(params, models::stream_key{params->scenario.seed, 0});
        m.construction = seconds_since(start);
        start = clock_type::now();
        for (std::uint32_t d = 0; d < params->scenario.days; ++d) w.step();
        m.stepping = seconds_since(start);
        const auto phases = w.phase_seconds();
        m.phases.assign(phases.begin(), phases.end());
    });
    return m;
}

measurement time_sweep(const std::shared_ptr<const models::parameters>& params, unsigned threads) {
    measurement m;
    m.threads = threads;
    const auto start = clock_type::now();
    run_with_progress(params->scenario.replications,
                      models::total_population(*params) * params->scenario.days,
                      [&](const sim::run_control& control) {
                          return sim::run_baseline(params, threads, control);
                      });
    m.stepping = seconds_since(start);
    return m;
}

constexpr int label_width = 26;
constexpr int column_width = 18;

/// A row of the table: the label, then one right-aligned value per measurement.
template <class Format>
void row(const char* label, std::span<const measurement> ms, Format format) {
    std::printf("%-*s", label_width, label);
    for (const auto& m : ms) std::printf("%*s", column_width, format(m).c_str());
    std::printf("\n");
}

std::string fixed(double value, const char* unit, int decimals = 3) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f%s", decimals, value, unit);
    return buffer;
}

std::string megabytes(double bytes) { return fixed(bytes / 1e6, " MB", 1); }

}  // namespace

int bench_command(const invocation& call) {
    po::options_description options("options");
    options.add_options()("scenario", po::value<std::string>(),
                          "scenario file (TOML); without one, a generated city")(
        "residents", po::value<std::string>(),
        "residents of the generated city, 1 to 100,000,000 (default 100,000; neighbourhoods of "
        "10,000; every mechanism on)")("threads", po::value<std::string>(),
                                       "threads to use (default: every core)")(
        "runs", po::value<std::string>(),
        "measure a sweep instead: this many replications (same as --set scenario.replications=R)")(
        "scaling", po::bool_switch(), "measure at one thread too and print the speedup")(
        "repeat", po::value<std::string>(),
        "measure this many times (thread counts interleaved) and print the run with the median "
        "time, with the range of the rates");
    add_override_options(options);
    add_allow_large_option(options);
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (!parse(call,
               "civicsim bench [SCENARIO] [--residents N] [--days D] [--threads T] [--runs R] "
               "[--scaling] [--repeat N] [--set key=value]... [--seed N] [--allow-large]",
               options, positional, vm))
        return ok;

    const bool from_file = vm.count("scenario") != 0;
    if (from_file && vm.count("residents") != 0)
        throw po::error("--residents sizes the generated city; a scenario file gives its own");
    const auto residents_flag =
        vm.count("residents") != 0
            ? static_cast<std::uint32_t>(count_option(vm, "residents", 1, max_generated_residents))
            : std::uint32_t{100000};
    const unsigned threads = threads_option(vm);
    const bool sweep = vm.count("runs") != 0;
    const auto sweep_runs = sweep ? count_option(vm, "runs", 0, max_runs) : 0;
    const bool scaling = vm["scaling"].as<bool>();
    const auto repeats = vm.count("repeat") != 0
                             ? static_cast<unsigned>(count_option(vm, "repeat", 1, max_repeats))
                             : 1U;

    // The generated city goes through the scenario reader too, so that --days, --seed and --set
    // are checked and reported exactly as for a file.
    auto overrides = overrides_from(vm);
    if (sweep) overrides.push_back("scenario.replications=" + std::to_string(sweep_runs));
    const auto scenario =
        from_file ? read_scenario(vm["scenario"].as<std::string>(), overrides)
                  : sim::parse_scenario(sim::to_toml(sim::synthetic_city(residents_flag, 365)),
                                        "generated city", overrides);
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    const auto residents = models::total_population(*params);
    const auto days = params->scenario.days;
    const auto runs = sweep ? params->scenario.replications : 1U;

    check_work(vm, *params, runs, threads);

    const auto thread_counts =
        scaling && threads > 1 ? std::vector<unsigned>{1, threads} : std::vector<unsigned>{threads};
    // On a shared machine one run can be a quarter off: with --repeat, every thread count is
    // measured in turn, R times, and the run with the median time stands for it.
    std::vector<std::vector<measurement>> taken(thread_counts.size());
    for (unsigned r = 0; r < repeats; ++r)
        for (std::size_t c = 0; c < thread_counts.size(); ++c)
            taken[c].push_back(sweep ? time_sweep(params, thread_counts[c])
                                     : time_one_run(params, thread_counts[c]));
    std::vector<measurement> ms;
    for (auto& runs_at : taken) {
        std::sort(runs_at.begin(), runs_at.end(), [](const measurement& a, const measurement& b) {
            return a.construction + a.stepping < b.construction + b.stepping;
        });
        ms.push_back(runs_at[(runs_at.size() - 1) / 2]);
    }
    const double peak = peak_rss_bytes();
    const double resident_days = static_cast<double>(residents) * days * runs;
    const auto rate = [&](double seconds) { return seconds > 0.0 ? resident_days / seconds : 0.0; };

    std::printf("%-*s%s (%s)\n", label_width, "scenario", params->scenario.name.c_str(),
                from_file ? scenario.source.c_str() : "generated, every mechanism on");
    std::printf("%-*s%llu in %zu neighbourhoods\n", label_width, "residents",
                static_cast<unsigned long long>(residents), params->neighbourhoods.size());
    std::printf("%-*s%u\n", label_width, "days", days);
    if (sweep) std::printf("%-*s%u\n", label_width, "runs", runs);
    row("threads", ms, [](const measurement& m) { return std::to_string(m.threads); });
    if (sweep) {
        row("wall time", ms, [](const measurement& m) { return fixed(m.stepping, " s"); });
        row("runs per minute", ms, [&](const measurement& m) {
            return fixed(m.stepping > 0.0 ? 60.0 * runs / m.stepping : 0.0, "", 0);
        });
        row("resident-days/s", ms, [&](const measurement& m) { return si(rate(m.stepping)); });
    } else {
        row("world construction", ms,
            [](const measurement& m) { return fixed(m.construction, " s"); });
        row("stepping", ms, [](const measurement& m) { return fixed(m.stepping, " s"); });
        row("resident-days/s stepping", ms,
            [&](const measurement& m) { return si(rate(m.stepping)); });
        row("resident-days/s overall", ms,
            [&](const measurement& m) { return si(rate(m.construction + m.stepping)); });
    }
    if (repeats > 1) {
        // Ranges of the stepping rate (the sweep's rate), slowest to fastest run.
        std::printf("%-*s", label_width, sweep ? "range of resident-days/s" : "range, stepping");
        for (const auto& runs_at : taken) {
            double low = rate(runs_at.front().stepping), high = low;
            for (const auto& m : runs_at) {
                low = std::min(low, rate(m.stepping));
                high = std::max(high, rate(m.stepping));
            }
            std::printf("%*s", column_width, (si(low) + "-" + si(high)).c_str());
        }
        std::printf("\n%-*s%u runs at each thread count; the run with the median time is shown\n",
                    label_width, "repeats", repeats);
    }
    if (ms.size() > 1) {
        const auto& one = ms.front();
        row(sweep ? "speedup" : "speedup stepping", ms, [&](const measurement& m) {
            return fixed(m.stepping > 0.0 ? one.stepping / m.stepping : 0.0, " x", 2);
        });
        if (!sweep)
            row("speedup overall", ms, [&](const measurement& m) {
                const double total = m.construction + m.stepping;
                return fixed(total > 0.0 ? (one.construction + one.stepping) / total : 0.0, " x",
                             2);
            });
    }
    std::printf("%-*s%s (the process's largest resident set size)\n", label_width, "peak RSS",
                megabytes(peak).c_str());
    if (!sweep) {
        std::printf("%-*s%zu B of agent state, %.0f B of peak RSS\n", label_width, "per resident",
                    models::residents::bytes_per_resident(),
                    residents > 0 ? peak / static_cast<double>(residents) : 0.0);
        std::printf("time per phase of the day:\n");
        for (std::size_t k = 0; k < sim::world::phase_names.size(); ++k) {
            std::printf("  %-*s", label_width - 2, std::string(sim::world::phase_names[k]).c_str());
            for (const auto& m : ms) {
                double stepped = 0.0;
                for (const double s : m.phases) stepped += s;
                const double share = stepped > 0.0 ? 100.0 * m.phases[k] / stepped : 0.0;
                std::printf("%*s %5.1f %%", column_width - 8, fixed(m.phases[k], " s").c_str(),
                            share);
            }
            std::printf("\n");
        }
    }
    return ok;
}

}  // namespace civicsim::cli
