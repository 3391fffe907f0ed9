// Fear of crime exceeds victimisation (EU ICS 2005 via EFUS: about 30 % worried on the street,
// about 15 % victimised in a year; Prieto Curiel & Bishop 2017 reproduce the pattern): with
// default parameters the share worried exceeds the share victimised in the last year.

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"
#include "sim/results/statistics.hpp"

using namespace civicsim;

TEST_CASE("fear_exceeds_victimisation", "[validation]") {
    models::parameters params;
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
    const auto g = sim::estimate_mean(gap);
    const auto w = sim::estimate_mean(worried);
    const auto v = sim::estimate_mean(victimised);
    INFO("worried " << w.mean << ", victimised " << v.mean << ", gap " << g.mean << " [" << g.low
                    << ", " << g.high << "]");
    // The gap is positive beyond its 95 % interval, and both shares are of the surveys' order.
    CHECK(g.low > 0.0);
    CHECK(w.mean > 0.2);
    CHECK(w.mean < 0.45);
    CHECK(v.mean > 0.05);
    CHECK(v.mean < 0.25);
}
