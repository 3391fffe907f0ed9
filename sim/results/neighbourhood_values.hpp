#pragma once
// A summary outcome in one neighbourhood: the same reduction of the same daily outcome as the
// city-wide summary (engine summaries computed in sim/engine/run.cpp, mechanisms' by their
// tables), restricted to one neighbourhood, for the report's per-neighbourhood results and map.
// Outcomes without such a counterpart (medians, gaps between groups, ratios over the whole city)
// have none.

#include <cstddef>
#include <optional>

#include "sim/results/run_result.hpp"
#include "sim/results/statistics.hpp"

namespace civicsim::sim {

/// Whether summary outcome `metric` has a per-neighbourhood counterpart.
bool has_neighbourhood_value(std::size_t metric);

/// The value of summary outcome `metric` in neighbourhood `neighbourhood` of `run`; NaN where
/// it is undefined there or has no counterpart.
double neighbourhood_value(const run_result& run, std::size_t metric, std::size_t neighbourhood);

/// neighbourhood_value as a run_value, for estimate_of and paired_difference_of.
run_value neighbourhood_value_of(std::size_t metric, std::size_t neighbourhood);

}  // namespace civicsim::sim
