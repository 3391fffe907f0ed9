// Ensign et al. 2018, "Runaway feedback loops in predictive policing" (FAT*), in the whole engine
// with citizens' reports counted: patrols are sent where incidents were recorded, and recorded
// incidents are the patrols' discoveries plus the police-matter incidents residents reported
// (police.patrol.use_reports, the default). Ensign et al. show that reported incidents, which do
// not depend on where patrols are, damp the runaway but do not remove its bias when discovered
// incidents are counted as they come; weighting each discovery by 1 / P(discovery) restores the
// fixed point at the true share.
//
// A town of two neighbourhoods alike in everything but crime: A has 1.5 times B's incident
// rates, so about 60 % of the police-matter incidents. Defaults otherwise (patrols prevent crime,
// so the true share is measured in each run: daily_metric::crime_share, cumulative, last day).
// Checks, on the last day's patrol share of A against A's true share, over replications:
// - predictive allocation with reports counted drifts above the true share (by more than 0.02 and
//   5 standard errors), but less than with discoveries alone (Ensign's damping);
// - corrected allocation with reports counted ends within 0.02 and 3 standard errors of the
//   true share.
// Negative controls: uniform allocation (the feedback cut) does not drift above the true share;
// predictive allocation (the correction cut) misses the true share by more than the corrected
// check allows.

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"

using namespace civicsim;

namespace {

constexpr std::uint32_t replications = 4;
constexpr std::uint32_t days = 730;

struct gap_estimate {
    double mean = 0.0;  ///< patrol share of A minus A's true crime share, last day
    double se = 0.0;
};

gap_estimate patrol_gap(models::patrol_allocation allocation, bool use_reports) {
    models::parameters params;
    params.scenario.days = days;
    params.neighbourhoods.resize(2);
    params.neighbourhoods[0].name = "A";
    params.neighbourhoods[1].name = "B";
    for (auto& h : params.neighbourhoods) h.population = 10000;
    for (auto& rate : params.neighbourhoods[0].incident_rate) rate *= 1.5;
    params.police.patrol.allocation = allocation;
    params.police.patrol.use_reports = use_reports;
    const auto shared = std::make_shared<const models::parameters>(params);
    std::vector<double> gaps;
    for (std::uint32_t r = 0; r < replications; ++r) {
        const auto run = sim::run_simulation(shared, {r, "baseline", r, 2018});
        const auto at = [&](models::daily_metric m) {
            return run.at(static_cast<std::size_t>(m), days - 1, 0);
        };
        gaps.push_back(at(models::daily_metric::patrol_share) -
                       at(models::daily_metric::crime_share));
    }
    gap_estimate out;
    for (const double g : gaps) out.mean += g;
    out.mean /= static_cast<double>(gaps.size());
    double ss = 0.0;
    for (const double g : gaps) ss += (g - out.mean) * (g - out.mean);
    out.se =
        std::sqrt(ss / static_cast<double>(gaps.size() - 1) / static_cast<double>(gaps.size()));
    return out;
}

bool runs_away(const gap_estimate& g) { return g.mean > 0.02 && g.mean > 5.0 * g.se; }
bool at_fixed_point(const gap_estimate& g) {
    return std::abs(g.mean) < 0.02 && std::abs(g.mean) < 3.0 * std::max(g.se, 1e-3);
}

}  // namespace

TEST_CASE("whole engine: predictive patrols drift above the true share with reports counted",
          "[validation][patrol][engine]") {
    using models::patrol_allocation;
    const auto with_reports = patrol_gap(patrol_allocation::predictive, true);
    const auto discoveries_only = patrol_gap(patrol_allocation::predictive, false);
    INFO("predictive, reports counted: gap " << with_reports.mean << " (s.e. " << with_reports.se
                                             << ")");
    INFO("predictive, discoveries only: gap " << discoveries_only.mean << " (s.e. "
                                              << discoveries_only.se << ")");
    CHECK(runs_away(with_reports));
    CHECK(discoveries_only.mean > with_reports.mean);  // reports damp the runaway
}

TEST_CASE("negative control: with uniform patrols nothing drifts above the true share",
          "[validation][patrol][engine]") {
    const auto uniform = patrol_gap(models::patrol_allocation::uniform, true);
    INFO("uniform: gap " << uniform.mean << " (s.e. " << uniform.se << ")");
    CHECK_FALSE(runs_away(uniform));
}

TEST_CASE("whole engine: corrected patrols reach the true share with reports counted",
          "[validation][patrol][engine]") {
    const auto corrected = patrol_gap(models::patrol_allocation::corrected, true);
    INFO("corrected, reports counted: gap " << corrected.mean << " (s.e. " << corrected.se << ")");
    CHECK(at_fixed_point(corrected));
}

TEST_CASE("negative control: without the correction patrols miss the true share",
          "[validation][patrol][engine]") {
    const auto predictive = patrol_gap(models::patrol_allocation::predictive, true);
    INFO("predictive, reports counted: gap " << predictive.mean << " (s.e. " << predictive.se
                                             << ")");
    CHECK_FALSE(at_fixed_point(predictive));
}
