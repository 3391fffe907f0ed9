#pragma once
// Patrol allocation and discovery. Allocating patrols by recorded incidents feeds back on itself,
// because patrols record what they find where they are sent (Ensign et al. 2018, "Runaway
// feedback loops in predictive policing"; Lum & Isaac 2016); weighting each discovered incident
// by 1 / P(discovery) undoes the feedback.

#include <cstdint>
#include <vector>

#include "models/parameters.hpp"

namespace civicsim::models {

/// Per-neighbourhood counts the allocation learns from.
struct patrol_state {
    std::vector<double> recorded;  ///< decayed recorded counts, used by predictive allocation
    std::vector<double> weighted;  ///< inverse-probability weighted counts, used by corrected
};

/// A state with zero counts for `neighbourhoods` neighbourhoods.
patrol_state initial_patrol_state(std::size_t neighbourhoods);

/// Shares of patrol hours per neighbourhood (sum 1): uniform by population; predictive in
/// proportion to recorded + 1 and corrected to weighted + 1 (the prior keeps every neighbourhood
/// patrolled at the start). Throws std::invalid_argument if the state's sizes differ from
/// populations'.
std::vector<double> patrol_shares(const patrol_state& state,
                                  const std::vector<std::uint32_t>& populations,
                                  const patrol_params& params);

/// P(an incident is discovered) with `hours` patrol hours among `population` residents:
/// 1 - exp(-discovery_rate * hours * per_thousand / population); 0 without hours or residents.
double discovery_probability(double hours, std::uint32_t population,
                             const patrol_params& params) noexcept;

/// End of the day: recorded = memory * recorded + discovered (+ reported if use_reports);
/// weighted = memory * weighted + discovered / P (skipped where P = 0) (+ reported if
/// use_reports), where P is today's discovery probability. Throws std::invalid_argument if the
/// sizes differ.
void record_day(patrol_state& state, const std::vector<int>& discovered,
                const std::vector<int>& reported, const std::vector<double>& discovery_probability,
                const patrol_params& params);

}  // namespace civicsim::models
