// The robustness comparison over the whole engine: a strategy that dominates wins every draw, one
// whose advantage depends on the uncertain parameter does not, and the table is the same at any
// thread count.

#include "sim/engine/experiment.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "sim/scenario/scenario.hpp"

using namespace civicsim;

namespace {

const std::size_t expired = static_cast<std::size_t>(models::summary_metric::expired);

/// Workshop Town, short, with the share of officer time for reports uncertain (its plausible
/// range) and two strategies: six times the time (dominant: fewer reports expire whatever the
/// baseline's share), and the share fixed at 0.05 (better only where the draw is below it).
sim::scenario officer_time_case() {
    auto sc = sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml",
                                 {"scenario.days=90", "scenario.replications=2"});
    sc.params.uncertain = {{"police.report_share", 0.03, 0.1}};
    sc.strategies = {{"six times the time", "", {{"police.report_share", "0.3"}}},
                     {"fixed at 0.05", "", {{"police.report_share", "0.05"}}}};
    return sc;
}

}  // namespace

TEST_CASE("the draws cover each uncertain range once per stratum", "[experiment]") {
    auto params = officer_time_case().params;
    params.uncertain.push_back({"behaviour.reporting.witness_factor", 0.1, 0.5});
    const auto values = sim::robust_draws(params, 5);
    REQUIRE(values.size() == 5);
    for (std::size_t j = 0; j < 2; ++j) {
        const auto& u = params.uncertain[j];
        std::vector<int> strata(5, 0);
        for (const auto& point : values) {
            REQUIRE(point[j] >= u.low);
            REQUIRE(point[j] <= u.high);
            ++strata[std::min<std::size_t>(
                4, static_cast<std::size_t>(5 * (point[j] - u.low) / (u.high - u.low)))];
        }
        for (const int n : strata) CHECK(n == 1);
    }
    CHECK(sim::robust_draws(params, 5) == values);
}

TEST_CASE("every arm of every draw shares the replications' random streams", "[experiment]") {
    const auto sc = officer_time_case();
    const auto values = sim::robust_draws(sc.params, 3);
    const auto jobs = sim::robust_jobs(sc, values);
    REQUIRE(jobs.size() == 3 * 3 * 2);
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        CHECK(jobs[k].id.run_id == k);
        CHECK(jobs[k].id.replication == k % 2);
        CHECK(jobs[k].id.seed == sc.params.scenario.seed);
        CHECK(jobs[k].params->scenario.seed == sc.params.scenario.seed);
    }
    // The draw's value in the baseline; the strategy's own value where it sets the key.
    CHECK(jobs[0].params->police.report_share == values[0][0]);
    CHECK(jobs[2].params->police.report_share == 0.3);
    CHECK(jobs[4].params->police.report_share == 0.05);
    CHECK(jobs[6].params->police.report_share == values[1][0]);
}

TEST_CASE(
    "a strategy that dominates everywhere is best in every draw, and one that depends on "
    "the draw is not",
    "[experiment][robust]") {
    const auto sc = officer_time_case();
    const auto values = sim::robust_draws(sc.params, 4);
    const auto jobs = sim::robust_jobs(sc, values);
    const auto table = sim::run_robustness(sc, values, jobs, {expired}, 2);
    REQUIRE(table.draws() == 4);
    REQUIRE(table.strategies.size() == 3);
    int fewer = 0;
    for (std::size_t d = 0; d < 4; ++d) {
        INFO("draw " << d << ": report_share " << values[d][0]);
        CHECK(table.mean(d, 1, 0) <= table.mean(d, 0, 0));  // none expire at six times the time
        fewer += table.mean(d, 1, 0) < table.mean(d, 0, 0) ? 1 : 0;
    }
    CHECK(fewer >= 2);
    CHECK(table.best_share[1] == 1.0);
    CHECK(table.near_best_share[1] == 1.0);
    // Negative control: the fixed share beats the baseline only in draws below 0.05, which one of
    // the four strata holds, and loses where the draw is well above it.
    const auto fixed_beats_baseline = [&](std::size_t d) {
        return table.mean(d, 2, 0) < table.mean(d, 0, 0);
    };
    int wins = 0;
    for (std::size_t d = 0; d < 4; ++d) wins += fixed_beats_baseline(d) ? 1 : 0;
    CHECK(wins >= 1);
    CHECK(wins < 4);
    CHECK(table.best_share[2] < 1.0);
}

TEST_CASE("a robustness comparison gives the same table at 1 and 2 threads", "[experiment]") {
    auto sc = officer_time_case();
    sc.params.scenario.days = 30;
    const auto values = sim::robust_draws(sc.params, 2);
    const auto jobs = sim::robust_jobs(sc, values);
    const auto one = sim::run_robustness(sc, values, jobs, {expired}, 1);
    const auto two = sim::run_robustness(sc, values, jobs, {expired}, 2);
    CHECK(one.means == two.means);
    CHECK(one.best_share == two.best_share);
    CHECK(one.near_best_share == two.near_best_share);
}
