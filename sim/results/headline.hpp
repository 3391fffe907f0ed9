#pragma once
// The outcomes a planner looks at first, in the four families the project compares strategies on
// (trust, fear of crime, response load, bias) plus misinformation, community and cost. The CLI's
// table and reports show these; the results file holds every outcome.

#include <array>
#include <span>
#include <string_view>

#include "models/metrics.hpp"

namespace civicsim::sim {

struct outcome_family {
    std::string_view title;
    std::span<const models::summary_metric> metrics;
};

/// The headline outcomes, by family, in display order.
std::span<const outcome_family> headline_outcomes() noexcept;

/// Which way an outcome is better, for marking the best strategy. `none` for outcomes that are
/// not good or bad in themselves (more reports mean both more information and more load).
enum class better { higher, lower, nearer_zero, none };

/// The direction of a headline outcome (`none` for any other outcome).
better better_direction(models::summary_metric metric) noexcept;

/// "higher", "lower", "nearer zero" or "" (none).
std::string_view to_string(better direction) noexcept;

}  // namespace civicsim::sim
