#pragma once
// A strategy's effect on an outcome attributed to mechanisms (`civicsim explain`): the total
// effect is strategy − baseline, paired by replication; a mechanism's contribution is the total
// minus the effect that remains with the mechanism switched off in both arms; what the
// contributions leave (total − their sum) is shown as not attributed, the interactions between
// mechanisms, so that a reader sees when the parts do not add up. Every estimate is a mean over
// replications with its 95 % t-interval, computed replication by replication (common random
// numbers make the arms of one replication comparable).

#include <cstddef>
#include <string>
#include <vector>

#include "sim/results/run_result.hpp"
#include "sim/results/statistics.hpp"

namespace civicsim::sim {

/// The name of an arm's runs: "baseline", the strategy's name, or either with
/// " without <mechanism>".
std::string arm_name(const std::string& strategy, const std::string& without = "");

/// One mechanism's share of a strategy's effect.
struct contribution {
    std::string mechanism;
    interval_estimate remaining;     ///< the strategy's effect with the mechanism switched off
    interval_estimate contribution;  ///< total − remaining
};

/// A strategy's effect on one summary outcome, by mechanism.
struct attribution {
    std::size_t metric = 0;            ///< index into models::summary_metrics()
    interval_estimate baseline;        ///< the baseline's mean
    interval_estimate total;           ///< strategy − baseline
    std::vector<contribution> parts;   ///< largest contribution (in size) first
    interval_estimate not_attributed;  ///< total − the sum of the contributions
};

/// Attributes `strategy`'s effect on summary outcome `metric` to `mechanisms`, from runs named
/// by arm_name (as sim/engine/explanation.hpp runs them). Replications missing in any arm, or with
/// a non-finite value, are left out of every estimate.
attribution attribute(const std::vector<run_result>& runs, std::size_t metric,
                      const std::string& strategy, const std::vector<std::string>& mechanisms);

/// Whether a mechanism's contribution is significant and at least half the total in size, in
/// the total's direction: the effect flows "mostly through" it.
bool mostly_through(const attribution& a, const contribution& part) noexcept;

/// The answer in one or two plain sentences: "Classifier triage raises missed reports ... from A
/// to B (interval), mostly through triage (+X; interval)." or which mechanisms share it, and
/// how much the contributions leave unattributed when that is significant.
std::string why_sentence(const attribution& a, const std::string& strategy);

}  // namespace civicsim::sim
