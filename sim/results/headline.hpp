#pragma once
// The outcomes a planner looks at first, by family (trust, fear of crime, response load, bias,
// misinformation, community, accountability, cost), read from the metric tables of
// models/metrics.hpp, where each summary outcome names its family and better direction. The CLI's
// tables and the report show these; the results file holds every outcome.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "models/metrics.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

struct outcome_family {
    std::string_view title;
    std::vector<std::size_t> metrics;  ///< indices into models::summary_metrics()
};

/// The headline outcomes, by family, in display order. Given the runs of a results set, a
/// mechanism's outcomes are left out when every one of them is 0 in every run: the mechanism was
/// off (or did nothing), and a table of zeros would only hide the rest.
std::vector<outcome_family> headline_outcomes(std::span<const run_result> runs = {});

using models::better;

/// The better direction of summary outcome `metric` (`none` for outcomes without one).
better better_direction(std::size_t metric) noexcept;

/// "higher", "lower", "nearer zero" or "" (none).
std::string_view to_string(better direction) noexcept;

}  // namespace civicsim::sim
