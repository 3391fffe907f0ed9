// The watchdog mechanism (models/mechanisms/watchdog) in the whole engine, at default settings
// but for the switch: it must publish cases, cut stops of innocent people through corrective
// action, and cost trust among those who see the cases. Negative controls: with corrective action
// cut (corrective_share = 0) stops stay as without a watchdog; with nobody seeing the cases
// (visibility = 0) and no action, trust is untouched.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "sim/engine/run.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/sim/cases/case_support.hpp"

using namespace civicsim;

namespace {

using cases::summary_index;

/// Mean over 3 replications of a year of the workshop town of summary outcome `name`.
double mean_of(const std::vector<std::string>& overrides, std::string_view name) {
    std::vector<std::string> all{"scenario.days=365", "scenario.replications=3"};
    all.insert(all.end(), overrides.begin(), overrides.end());
    const auto scenario =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml", all);
    const auto params = std::make_shared<const models::parameters>(scenario.params);
    const auto runs = sim::run_replications(params, "baseline", 0, 2);
    return sim::estimate_summary(runs, summary_index(name)).mean;
}

}  // namespace

TEST_CASE("a citizens' watchdog publishes misconduct and corrective action cuts innocent stops",
          "[engine][watchdog]") {
    const std::vector<std::string> on{"behaviour.watchdog.enabled=true"};
    const double stops_off = mean_of({}, "interventions_on_innocents");
    const double stops_on = mean_of(on, "interventions_on_innocents");
    INFO("stops without watchdog " << stops_off << ", with " << stops_on);
    REQUIRE(stops_off > 20.0);  // the town has stops to watch
    CHECK(mean_of({}, "watchdog_published") == 0.0);
    CHECK(mean_of(on, "watchdog_published") > 0.0);
    CHECK(mean_of(on, "watchdog_actions") > 0.0);
    CHECK(mean_of(on, "watchdog_stop_factor") < 1.0);
    CHECK(stops_on < stops_off);

    // Corrective action alone (the trust effects cut, so that reporting and the queue stay as
    // they were) cuts stops; with corrective action cut as well, the watchdog changes nothing
    // (common random numbers: the very same stops).
    const std::vector<std::string> action_only{"behaviour.watchdog.enabled=true",
                                               "behaviour.watchdog.trust_loss=0",
                                               "behaviour.watchdog.action_trust_gain=0"};
    CHECK(mean_of(action_only, "interventions_on_innocents") < stops_off);
    auto nothing = action_only;
    nothing.push_back("behaviour.watchdog.corrective_share=0");
    CHECK(mean_of(nothing, "interventions_on_innocents") == stops_off);
}

TEST_CASE("published cases cost trust only when residents see them", "[engine][watchdog]") {
    const double trust_off = mean_of({}, "trust_mean");
    const std::vector<std::string> seen{"behaviour.watchdog.enabled=true",
                                        "behaviour.watchdog.corrective_share=0"};
    const std::vector<std::string> unseen{"behaviour.watchdog.enabled=true",
                                          "behaviour.watchdog.corrective_share=0",
                                          "behaviour.watchdog.visibility=0"};
    CHECK(mean_of(seen, "trust_mean") < trust_off);
    CHECK(mean_of(unseen, "trust_mean") == trust_off);
}
