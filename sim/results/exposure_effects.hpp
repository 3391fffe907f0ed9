#pragma once
// Effects where they act: the last-day values of the exposure breakdowns (group members, app
// users, a campaign's targets, each against the others), city-wide and per neighbourhood, as the
// CLI's comparison and the report estimate them over replications and compare them between
// strategies (common random numbers).

#include <cstddef>
#include <span>
#include <vector>

#include "models/exposure.hpp"
#include "sim/results/run_result.hpp"
#include "sim/results/statistics.hpp"

namespace civicsim::sim {

/// Group 0 of every exposure: the exposed (members, app users, targets); group 1 the others.
inline constexpr std::size_t exposed_group = 0, others_group = 1;

/// The exposures whose exposed group has residents on the last day of at least one run: the only
/// ones worth showing (no membership table when no group formed in any run, no targets table
/// without a campaign).
std::vector<models::exposure> observed_exposures(std::span<const run_result> runs);

/// The group metrics shown for exposure `e` (indices into models::group_metrics()): all, but the
/// app users' adoption share, which is 1 for users and 0 for the others by definition.
std::vector<std::size_t> exposure_metrics(models::exposure e);

/// The last day's value of group metric `metric` for `group` of exposure `e`, city-wide: the
/// group's own mean over the city (NaN where the group is empty, or the run has no such value).
double exposure_value(const run_result& run, models::exposure e, std::size_t metric,
                      std::size_t group);

/// The same in one neighbourhood.
double exposure_value(const run_result& run, models::exposure e, std::size_t metric,
                      std::size_t group, std::size_t neighbourhood);

/// exposure_value as a run_value, for estimate_of and paired_difference_of.
run_value exposure_value_of(models::exposure e, std::size_t metric, std::size_t group);
run_value exposure_value_of(models::exposure e, std::size_t metric, std::size_t group,
                            std::size_t neighbourhood);

}  // namespace civicsim::sim
