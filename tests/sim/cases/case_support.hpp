#pragma once
// Shared helpers of the seed-case tests (tests/sim/cases/*_test.cpp): load a scenario of
// scenarios/ with overrides, keep only the strategies a test compares, run them with common
// random numbers, and measure paired differences of summary outcomes or of totals of daily
// series.

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/metrics.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"

namespace civicsim::cases {

/// Threads a case test runs on (the suite's 2-core budget).
inline constexpr unsigned threads = 2;

inline std::string scenario_path(std::string_view file) {
    return std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/" + std::string(file);
}

/// Loads scenarios/<file> with --set style overrides and keeps only the strategies named in
/// `keep` (all of them when `keep` is empty); throws if one of `keep` is missing.
inline sim::scenario load_case(std::string_view file, const std::vector<std::string>& overrides,
                               const std::vector<std::string>& keep = {}) {
    auto sc = sim::load_scenario(scenario_path(file), overrides);
    if (keep.empty()) return sc;
    std::vector<sim::strategy> kept;
    for (const auto& name : keep) {
        bool found = false;
        for (const auto& s : sc.strategies)
            if (s.name == name) {
                kept.push_back(s);
                found = true;
            }
        if (!found)
            throw std::invalid_argument("no strategy '" + name + "' in " + std::string(file));
    }
    sc.strategies = std::move(kept);
    return sc;
}

/// Index of a summary outcome by name; throws for an unknown name.
inline std::size_t summary_index(std::string_view name) {
    if (const auto m = models::index_of(models::summary_metrics(), name)) return *m;
    throw std::invalid_argument("no summary outcome '" + std::string(name) + "'");
}

/// Index of a daily outcome by name; throws for an unknown name.
inline std::size_t daily_index(std::string_view name) {
    if (const auto m = models::index_of(models::daily_metrics(), name)) return *m;
    throw std::invalid_argument("no daily outcome '" + std::string(name) + "'");
}

/// Paired difference (strategy - base) of a summary outcome, over replications.
inline sim::interval_estimate paired(const sim::results_set& results, std::string_view metric,
                                     const std::string& strategy,
                                     const std::string& base = "baseline") {
    return sim::paired_difference(results.runs, summary_index(metric), strategy, base);
}

/// Paired difference (strategy - base) of any per-run value, over replications.
inline sim::interval_estimate paired_by(const sim::results_set& results,
                                        const std::function<double(const sim::run_result&)>& value,
                                        const std::string& strategy,
                                        const std::string& base = "baseline") {
    const auto a = sim::runs_of(results.runs, strategy);
    const auto b = sim::runs_of(results.runs, base);
    std::vector<double> differences;
    for (const auto& x : a)
        for (const auto& y : b)
            if (x.replication == y.replication) differences.push_back(value(x) - value(y));
    return sim::estimate_mean(differences);
}

/// Sum over days and neighbourhoods of a daily outcome (e.g. reports_hate_crime).
inline double daily_total(const sim::run_result& run, std::string_view metric) {
    const auto m = daily_index(metric);
    double total = 0.0;
    for (std::size_t d = 0; d < run.days; ++d)
        for (std::size_t n = 0; n < run.neighbourhoods; ++n) total += run.at(m, d, n);
    return total;
}

/// A daily outcome of one neighbourhood on the last day.
inline double last_day(const sim::run_result& run, std::string_view metric,
                       std::size_t neighbourhood) {
    return run.at(daily_index(metric), run.days - 1, neighbourhood);
}

/// "strategy - base of metric: mean [low, high] over n replications", for INFO messages.
inline std::string describe(std::string_view what, const sim::interval_estimate& d) {
    std::ostringstream out;
    out << what << ": mean difference " << d.mean << ", 95 % interval [" << d.low << ", " << d.high
        << "] over " << d.n << " replications";
    return out.str();
}

/// The interval lies above zero / below zero.
inline bool above_zero(const sim::interval_estimate& d) { return d.n >= 2 && d.low > 0.0; }
inline bool below_zero(const sim::interval_estimate& d) { return d.n >= 2 && d.high < 0.0; }

}  // namespace civicsim::cases
