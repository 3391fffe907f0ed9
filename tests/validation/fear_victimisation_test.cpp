// Fear of crime exceeds victimisation (EU ICS 2005 via EFUS: about 30 % worried on the street,
// about 15 % victimised in a year; Prieto Curiel & Bishop 2017 reproduce the pattern) because of
// the dynamics: residents rest at a fear where fewer are worried than victimised, and
// victimisation, witnessing, exposure and talk with fearful neighbours raise it. With default
// parameters the share worried exceeds the share victimised in the last year.
// Negative control: with contagion and every shock cut, the same test fails.

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"
#include "sim/results/statistics.hpp"

using namespace civicsim;

namespace {

struct shares {
    sim::interval_estimate gap, worried, victimised;
};

shares fear_and_victimisation(models::parameters params) {
    params.scenario.days = 365;
    params.neighbourhoods.resize(1);
    params.neighbourhoods[0].name = "default";
    params.neighbourhoods[0].population = 20000;
    const auto shared = std::make_shared<const models::parameters>(params);
    std::vector<double> gap, worried, victimised;
    for (std::uint32_t r = 0; r < 5; ++r) {
        const auto run = sim::run_simulation(shared, {r, "baseline", r, 11});
        const auto at = [&](models::summary_metric m) {
            return run.summary[static_cast<std::size_t>(m)];
        };
        worried.push_back(at(models::summary_metric::worried_share));
        victimised.push_back(at(models::summary_metric::victimised_share));
        gap.push_back(worried.back() - victimised.back());
    }
    return {sim::estimate_mean(gap), sim::estimate_mean(worried), sim::estimate_mean(victimised)};
}

// The pattern: the gap is positive beyond its 95 % interval, and both shares are of the
// surveys' order.
bool more_fearful_than_victimised(const shares& s) {
    return s.gap.low > 0.0 && s.worried.mean > 0.2 && s.worried.mean < 0.45 &&
           s.victimised.mean > 0.05 && s.victimised.mean < 0.25;
}

}  // namespace

TEST_CASE("fear_exceeds_victimisation", "[validation]") {
    const auto s = fear_and_victimisation(models::parameters{});
    INFO("worried " << s.worried.mean << ", victimised " << s.victimised.mean << ", gap "
                    << s.gap.mean << " [" << s.gap.low << ", " << s.gap.high << "]");
    CHECK(more_fearful_than_victimised(s));
}

TEST_CASE("negative control: without fear's dynamics fewer are worried than victimised",
          "[validation]") {
    models::parameters cut;
    cut.fear.contagion = 0.0;
    cut.fear.victim_shock = cut.fear.witness_shock = cut.fear.exposure_shock = 0.0;
    cut.information.enabled = false;
    cut.rumours.fear_shock = 0.0;
    const auto s = fear_and_victimisation(cut);
    INFO("worried " << s.worried.mean << ", victimised " << s.victimised.mean);
    CHECK_FALSE(more_fearful_than_victimised(s));
}
