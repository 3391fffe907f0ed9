#pragma once
// Ensemble statistics of summary outcomes: the mean over replications and its 95 % confidence
// interval (Student's t), as printed by the CLI.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sim/results/run_result.hpp"

namespace civicsim::sim {

struct interval_estimate {
    double mean = 0.0;
    double low = 0.0;   ///< lower end of the 95 % interval (= mean with one replication)
    double high = 0.0;  ///< upper end
    std::size_t n = 0;  ///< replications with a finite value
};

/// Mean and 95 % t-interval of the finite values; NaN mean when there are none.
interval_estimate estimate_mean(std::span<const double> values);

/// The estimate of summary metric `metric` over `runs`.
interval_estimate estimate_summary(const std::vector<run_result>& runs, std::size_t metric);

/// The runs of one strategy, ordered by replication.
std::vector<run_result> runs_of(const std::vector<run_result>& runs, const std::string& strategy);

/// Mean over replications of (strategy - baseline) for summary metric `metric`, pairing runs by
/// replication (common random numbers), with its 95 % t-interval. Replications missing on either
/// side, or with a non-finite value, are left out.
interval_estimate paired_difference(const std::vector<run_result>& runs, std::size_t metric,
                                    const std::string& strategy,
                                    const std::string& baseline = "baseline");

/// One value of a run that is not a summary metric (an exposure group's, say).
using run_value = std::function<double(const run_result&)>;

/// The estimate of `value` over `runs`, as estimate_summary.
interval_estimate estimate_of(std::span<const run_result> runs, const run_value& value);

/// Mean over replications of (strategy - baseline) for `value`, paired by replication, as
/// paired_difference.
interval_estimate paired_difference_of(const std::vector<run_result>& runs, const run_value& value,
                                       const std::string& strategy,
                                       const std::string& baseline = "baseline");

/// Four significant digits, without exponents for counts and costs of 1000 or more; "n/a" for NaN:
/// how the CLI's tables and the HTML report print numbers.
std::string format_number(double value);

}  // namespace civicsim::sim
