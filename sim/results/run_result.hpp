#pragma once
// What one run hands to the recorders: its identity, its daily series and its summary values.

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/exposure.hpp"

namespace civicsim::sim {

struct run_result {
    std::uint32_t run_id = 0;
    std::string strategy = "baseline";
    std::uint32_t replication = 0;
    std::uint64_t seed = 0;
    std::uint32_t days = 0;
    std::uint32_t neighbourhoods = 0;
    /// Row-major [metric][day][neighbourhood], metrics in models::daily_metrics() order.
    std::vector<float> timeseries;
    /// One value per models::summary_metrics() entry.
    std::vector<double> summary;
    /// Row-major [metric][day][neighbourhood][community], metrics in models::group_metrics() order.
    std::vector<float> by_community;
    /// Row-major [metric][day][neighbourhood][age band], metrics in models::group_metrics() order.
    std::vector<float> by_age_band;
    /// Per models::exposure, row-major [metric][day][neighbourhood][exposed, others], metrics in
    /// models::group_metrics() order.
    std::array<std::vector<float>, models::exposure_count> by_exposure;
    /// Per models::exposure, the last day's values city-wide, [metric][exposed, others]: each
    /// group's own mean or rate over the whole city, NaN where the group is empty.
    std::array<std::vector<double>, models::exposure_count> exposure_summary;

    float at(std::size_t metric, std::size_t day, std::size_t neighbourhood) const {
        return timeseries[(metric * days + day) * neighbourhoods + neighbourhood];
    }
};

/// Static description of a neighbourhood, stored under /neighbourhoods.
struct neighbourhood_record {
    std::string name;
    std::uint32_t population = 0;
    double density = 0.0;
    std::string settlement;
    double deprivation = 0.0;
    double cohesion = 0.0;
};

/// A /runs column beyond the four every file has: a swept parameter's value for each run.
struct run_column {
    enum class kind { real, integer, boolean, text };
    std::string name;  ///< the dotted key
    kind type = kind::real;
    std::vector<double> reals;           ///< kind::real
    std::vector<std::int64_t> integers;  ///< kind::integer, and kind::boolean as 0 or 1
    std::vector<std::string> texts;      ///< kind::text
    std::size_t size() const {
        return type == kind::real ? reals.size()
                                  : (type == kind::text ? texts.size() : integers.size());
    }
};

/// A robustness comparison (`compare --robust N`): the draws of the uncertain parameters and,
/// in each draw, every strategy's mean of each headline outcome, with how often each strategy is
/// best. No draws for every other command.
struct robustness_table {
    std::vector<std::string> parameters;      ///< dotted keys of the uncertain parameters
    std::vector<double> low, high;            ///< each parameter's range
    std::vector<std::vector<double>> values;  ///< [draw][parameter]: the values run
    std::vector<std::string> strategies;      ///< baseline first
    std::vector<std::size_t> outcomes;        ///< headline outcomes, into summary_metrics()
    std::uint32_t replications = 0;           ///< per strategy and draw
    std::vector<double> means;            ///< [draw][strategy][outcome]: mean over the replications
    std::vector<double> smallest;         ///< [draw][outcome]: the smallest difference that matters
    std::vector<double> best_share;       ///< [strategy][outcome]: share of draws best
    std::vector<double> near_best_share;  ///< [strategy][outcome]: share within `smallest`

    std::size_t draws() const { return values.size(); }
    double mean(std::size_t draw, std::size_t strategy, std::size_t outcome) const {
        return means[(draw * strategies.size() + strategy) * outcomes.size() + outcome];
    }
};

/// Everything one command writes into one results file.
struct results_set {
    std::string command_line;
    std::string scenario_toml;  ///< the fully resolved scenario, as TOML
    std::string scenario_name;
    std::uint64_t base_seed = 0;
    std::vector<neighbourhood_record> neighbourhoods;
    std::vector<std::string> communities;  ///< labels of the by_community dimension
    /// Strategies run, baseline first: name and description. Runs name theirs in run_result.
    std::vector<std::pair<std::string, std::string>> strategies;
    std::vector<std::string> age_bands;  ///< labels of the by_age_band dimension
    std::vector<run_result> runs;
    /// A sweep's swept parameters, one value per run, written as /runs columns.
    std::vector<run_column> run_columns;
    /// A sweep's design as JSON (the root attribute `design`); empty: none.
    std::string design;
    /// A robustness comparison's draws and tallies (the group /robustness); no draws: none.
    robustness_table robustness;

    // A file that holds only some of a command's runs (a shard, or an interrupted sweep, run or
    // comparison) says so; a file of a whole command leaves these empty and has none of their
    // attributes. The attributes keep the sweep's names, whose parts came first.

    /// Identity of the work the runs belong to (root attribute `sweep_id`): a hash of what
    /// decides their values, equal in every part of one command and checked when parts are
    /// joined.
    std::string sweep_id;
    /// Runs of the whole sweep (root attribute `sweep_runs`); 0: these runs are all of them.
    std::uint32_t sweep_runs = 0;
    /// The share of the sweep's runs this part was given, "i/N" (root attribute `shard`).
    std::string shard;

    /// Whether the runs are only part of their sweep: readers of results refuse such a file.
    bool partial() const { return sweep_runs != 0 && runs.size() < sweep_runs; }
};

}  // namespace civicsim::sim
