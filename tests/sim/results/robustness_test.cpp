#include "sim/results/robustness.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace civicsim;
using models::better;
using sim::standing_of;

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_CASE("the best strategy follows the outcome's better direction", "[robustness]") {
    const std::vector<double> means{0.5, 0.7, 0.6};
    CHECK(standing_of(means, better::higher, 0.0).best == std::vector<bool>{false, true, false});
    CHECK(standing_of(means, better::lower, 0.0).best == std::vector<bool>{true, false, false});
    const std::vector<double> gaps{-0.3, 0.1, -0.05};
    CHECK(standing_of(gaps, better::nearer_zero, 0.0).best ==
          std::vector<bool>{false, false, true});
    CHECK(standing_of(means, better::none, 1.0).best == std::vector<bool>{false, false, false});
}

TEST_CASE("ties are all best, and near the best means less than the smallest difference away",
          "[robustness]") {
    const std::vector<double> means{10.0, 12.0, 12.0, 11.5, 11.0};
    const auto place = standing_of(means, better::higher, 1.0);
    CHECK(place.best == std::vector<bool>{false, true, true, false, false});
    // 11.5 is 0.5 from the best: near; 11 is exactly 1 away: a difference that matters.
    CHECK(place.near_best == std::vector<bool>{false, true, true, true, false});
    // A smallest difference of 0: only the best themselves.
    CHECK(standing_of(means, better::higher, 0.0).near_best ==
          std::vector<bool>{false, true, true, false, false});
}

TEST_CASE("a strategy without a value is neither best nor near it", "[robustness]") {
    const std::vector<double> means{missing, 3.0, 2.0};
    const auto place = standing_of(means, better::lower, 5.0);
    CHECK(place.best == std::vector<bool>{false, false, true});
    CHECK(place.near_best == std::vector<bool>{false, true, true});
    const std::vector<double> none{missing, missing};
    CHECK(standing_of(none, better::lower, 5.0).best == std::vector<bool>{false, false});
}

TEST_CASE("the shares count draws in which a strategy is best or near the best", "[robustness]") {
    sim::robustness_table table;
    table.strategies = {"baseline", "a", "b"};
    table.outcomes = {static_cast<std::size_t>(models::summary_metric::expired)};  // lower
    table.values = {{0.1}, {0.2}, {0.3}, {0.4}};
    // Per draw: baseline, a, b. "a" is best in three draws, tied with b in the last.
    table.means = {10, 5, 8, /**/ 10, 6, 6.5, /**/ 4, 5, 9, /**/ 10, 3, 3};
    table.smallest = {1.0, 1.0, 1.0, 1.0};
    sim::tally_shares(table);
    CHECK(table.best_share == std::vector<double>{0.25, 0.75, 0.25});
    // Near: draw 2 b (0.5 away), draw 3 a (1 away: not near), draw 4 b (tied).
    CHECK(table.near_best_share == std::vector<double>{0.25, 0.75, 0.5});
}

TEST_CASE("tally_draws averages each strategy's replications in each draw", "[robustness]") {
    const auto expired = static_cast<std::size_t>(models::summary_metric::expired);
    const auto metrics = models::summary_metrics().size();
    std::vector<sim::run_result> runs;
    // 2 draws x 2 strategies x 2 replications; expired = draw-specific values.
    const double values[2][2][2] = {{{10, 12}, {4, 6}}, {{3, 5}, {8, 8}}};
    for (int d = 0; d < 2; ++d)
        for (int s = 0; s < 2; ++s)
            for (int r = 0; r < 2; ++r) {
                sim::run_result run;
                run.summary.assign(metrics, 0.0);
                run.summary[expired] = values[d][s][r];
                runs.push_back(run);
            }
    models::report_settings report;
    report.smallest_difference.assign(metrics, missing);
    report.smallest_difference[expired] = 2.0;
    const auto table =
        sim::tally_draws(runs, {{"police.report_share", 0.01, 0.1}}, {{0.02}, {0.05}},
                         {"baseline", "more time"}, 2, {expired}, report);
    CHECK(table.means == std::vector<double>{11, 5, 4, 8});
    CHECK(table.smallest == std::vector<double>{2.0, 2.0});
    CHECK(table.best_share == std::vector<double>{0.5, 0.5});
    CHECK(table.near_best_share == std::vector<double>{0.5, 0.5});
    CHECK(table.parameters == std::vector<std::string>{"police.report_share"});
    CHECK_THROWS_AS(
        sim::tally_draws(runs, {}, {{0.0}}, {"baseline", "more time"}, 2, {expired}, report),
        std::invalid_argument);
}
