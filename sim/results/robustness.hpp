#pragma once
// Robustness to what we do not know: in each draw of the uncertain parameters, which strategy is
// best on each headline outcome and which come within the smallest difference that matters of
// it; over the draws, how often each strategy is either (robust decision making in the spirit of
// RAND's RDM: a strategy that does well whatever the assumptions).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "models/parameters.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// Where the strategies stand on one outcome in one draw: per strategy, whether it is best (ties
/// are all best) and whether it is within `smallest` of the best (the best included).
struct standing {
    std::vector<bool> best;
    std::vector<bool> near_best;
};

/// The standing of strategies whose means are `means` on an outcome better in `direction`: the
/// highest mean, the lowest, or the one nearest zero is best; a strategy is near the best when
/// its mean is less than `smallest` from the best in that sense. A NaN mean is neither; an
/// outcome without a better direction has no best.
standing standing_of(std::span<const double> means, models::better direction, double smallest);

/// The outcomes a robustness comparison tallies: the case's headline outcomes (the scenario's
/// report.outcomes, or every family's headline outcomes of `runs`) that have a better direction.
std::vector<std::size_t> robust_outcomes(const models::report_settings& report,
                                         const std::vector<run_result>& runs);

/// The table of a robustness comparison from the runs of its draws, in job order (draw, then
/// strategy, then replication; every strategy with `replications` runs): the means, the smallest
/// difference that matters in each draw (from the baseline's mean there, the first strategy) and
/// the shares of draws in which each strategy is best and near the best. `values` are the draws'
/// parameter values, [draw][parameter].
robustness_table tally_draws(std::span<const run_result> runs,
                             const std::vector<models::uncertain_parameter>& parameters,
                             const std::vector<std::vector<double>>& values,
                             const std::vector<std::string>& strategies, std::uint32_t replications,
                             const std::vector<std::size_t>& outcomes,
                             const models::report_settings& report);

/// Fills `best_share` and `near_best_share` of `table` from its means and smallest differences.
void tally_shares(robustness_table& table);

}  // namespace civicsim::sim
