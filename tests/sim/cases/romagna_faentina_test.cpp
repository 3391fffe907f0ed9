// Romagna Faentina (scenarios/romagna_faentina.toml): police-trained facilitators of the
// FA-TAMTAM groups raise trust and cohesion; they cost training hours. Their effect on rumour
// reach does not show: see the second test case.

#include <catch2/catch.hpp>

#include <cmath>

#include "case_support.hpp"

using namespace civicsim;

namespace {

// Two years: the Faenza groups (from day 0) have about 1 % of the union's residents by then,
// enough for the facilitators' effects to show with common random numbers.
sim::results_set facilitators_or_not() {
    const auto sc =
        cases::load_case("romagna_faentina.toml", {"scenario.days=730", "scenario.replications=3"},
                         {"app without facilitators"});
    return sim::run_comparison(sc, cases::threads);
}

}  // namespace

TEST_CASE("Romagna Faentina: facilitators raise cohesion and cost training hours, not city trust",
          "[cases]") {
    const auto results = facilitators_or_not();
    // The baseline has facilitators; the strategy runs the same groups as open chats, so
    // (without - with) must be negative for cohesion. Facilitators raise members' trust only
    // when a report posted in their group is answered; with about 2 % of residents in groups the
    // city-wide mean cannot move by more than a thousandth.
    const auto trust = cases::paired(results, "trust_mean", "app without facilitators");
    INFO(cases::describe("without - with facilitators, trust_mean", trust));
    CHECK(std::abs(trust.mean) < 0.001);
    const auto cohesion = cases::paired(results, "cohesion", "app without facilitators");
    INFO(cases::describe("without - with facilitators, cohesion", cohesion));
    CHECK(cases::below_zero(cohesion));

    // Trade-off: facilitators cost police training hours.
    const auto training = cases::paired(results, "training_cost", "app without facilitators");
    INFO(cases::describe("without - with facilitators, training_cost", training));
    CHECK(cases::below_zero(training));
}

// Facilitators stop rumours that members post to their groups (models/rumours.hpp: the group
// channel of the contact structure). At the calibrated 2 % membership few rumours touch a group, so
// the city-wide effect is below what a CI-sized run can separate from noise; the test therefore
// asks the same question of the same town once groups have grown to a large share of residents (a
// faster join rate). Two years, for about 45 rumours a replication: most rumours stay tiny and a
// few reach far, so a mean reach over one year's twenty is too uneven to compare.
TEST_CASE("Romagna Faentina: facilitators cut rumour reach", "[cases]") {
    const auto sc = cases::load_case(
        "romagna_faentina.toml",
        {"scenario.days=730", "scenario.replications=4", "channels.groups.join_rate=1.5"},
        {"app without facilitators"});
    const auto results = sim::run_comparison(sc, cases::threads);
    const auto reach = cases::paired(results, "rumour_reach", "app without facilitators");
    INFO(cases::describe("without - with facilitators, rumour_reach", reach));
    CHECK(cases::above_zero(reach));
}

// FA-TAMTAM's scale, two patterns of one calibration: after six years the union has about 2,000
// members (the factsheet; 2,000-2,200 in SOURCES.md) and 30-40 groups. The join rate is fitted to
// the first; the second follows from the target group size (55, from FA-TAMTAM's 55-67 members a
// group) and is an independent check.
TEST_CASE("Romagna Faentina: FA-TAMTAM's membership and group count after six years", "[cases]") {
    auto sc = cases::load_case("romagna_faentina.toml", {"scenario.replications=2"});
    sc.strategies.clear();
    const auto results = sim::run_comparison(sc, cases::threads);
    double residents = 0.0;
    for (const auto& n : sc.params.neighbourhoods) residents += n.population;
    for (const auto& run : results.runs) {
        const double members = run.summary[cases::summary_index("group_member_share")] * residents;
        const double groups = run.summary[cases::summary_index("groups")];
        INFO("replication " << run.replication << ": " << members << " members in " << groups
                            << " groups");
        CHECK(members > 1800.0);
        CHECK(members < 2300.0);
        CHECK(groups >= 30.0);
        CHECK(groups <= 40.0);
    }
}
