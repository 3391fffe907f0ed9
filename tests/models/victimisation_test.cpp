#include "models/victimisation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace civicsim::models;

namespace {

stream numbered(std::uint64_t i) { return stream({5, 0}, counter_phase::initialise, 0, i); }

}  // namespace

TEST_CASE("risk has mean 1 times the age factor, and a Gamma's variance", "[victimisation]") {
    victimisation_params p;
    p.risk_shape = 0.5;
    p.age_risk = {2.0, 1.0, 1.0, 1.0};
    constexpr int n = 40000;
    double sum = 0.0, squares = 0.0;
    for (int i = 0; i < n; ++i) {
        auto s = numbered(static_cast<std::uint64_t>(i));
        const double r = initial_risk(s, age_band::y30_49, p);
        sum += r;
        squares += r * r;
    }
    const double mean = sum / n, variance = squares / n - mean * mean;
    CHECK(mean == Approx(1.0).margin(0.03));
    CHECK(variance == Approx(1.0 / p.risk_shape).margin(0.15));  // Gamma(k)/k: variance 1/k
    auto s = numbered(1);
    auto t = numbered(1);
    CHECK(initial_risk(s, age_band::y16_29, p) == 2.0F * initial_risk(t, age_band::y30_49, p));
}

TEST_CASE("victims are drawn in proportion to risk", "[victimisation]") {
    const std::vector<float> risk{0.0F, 1.0F, 3.0F, 0.0F, 6.0F};
    const risk_table range(risk, 1, 5);  // residents 1..4
    std::vector<int> drawn(5, 0);
    constexpr int n = 30000;
    for (int i = 0; i < n; ++i) {
        auto s = numbered(static_cast<std::uint64_t>(i));
        ++drawn[range.draw(s)];
    }
    CHECK(drawn[0] == 0);
    CHECK(drawn[3] == 0);
    CHECK(drawn[1] / double{n} == Approx(0.1).margin(0.01));
    CHECK(drawn[2] / double{n} == Approx(0.3).margin(0.015));
    CHECK(drawn[4] / double{n} == Approx(0.6).margin(0.015));

    const std::vector<resident_id> listed{resident_id{4}, resident_id{2}};
    const risk_table members(risk, listed);
    int four = 0;
    for (int i = 0; i < n; ++i) {
        auto s = numbered(static_cast<std::uint64_t>(i));
        four += members.draw(s) == 4 ? 1 : 0;
    }
    CHECK(four / double{n} == Approx(6.0 / 9.0).margin(0.015));
    CHECK(risk_table(risk, std::vector<resident_id>{}).empty());
}

TEST_CASE("a history: victimised in the past year with P = 1 - exp(-rate)", "[victimisation]") {
    constexpr int n = 40000;
    int any = 0, recent_half = 0;
    for (int i = 0; i < n; ++i) {
        auto s = numbered(static_cast<std::uint64_t>(i));
        const auto stamp = initial_victimisation(s, 0.5);
        if (stamp == never) continue;
        ++any;
        CHECK(stamp >= victimisation_stamp(-364));
        CHECK(stamp <= victimisation_stamp(-1));
        CHECK(victimised_within_year(stamp, 0));
        recent_half += stamp > victimisation_stamp(-183) ? 1 : 0;
    }
    CHECK(any / double{n} == Approx(1.0 - std::exp(-0.5)).margin(0.01));
    // The last event is more likely recent: P(within half a year | any) = (1 - e^-0.25)/(1 -
    // e^-0.5)
    CHECK(recent_half / double(any) ==
          Approx((1.0 - std::exp(-0.25)) / (1.0 - std::exp(-0.5))).margin(0.015));
    auto s = numbered(0);
    CHECK(initial_victimisation(s, 0.0) == never);
}

TEST_CASE("stamps: within the year up to and including the day", "[victimisation]") {
    CHECK(victimised_within_year(victimisation_stamp(10), 10));
    CHECK(victimised_within_year(victimisation_stamp(10 - 364), 10));
    CHECK_FALSE(victimised_within_year(victimisation_stamp(10 - 365), 10));
    CHECK_FALSE(victimised_within_year(never, 0));
}

TEST_CASE("prevention: patrols by elasticity, groups by coverage", "[victimisation]") {
    prevention_params p;
    p.reference_patrol_hours = 4.0;
    p.patrol_elasticity = {-0.5, 0.0, 0.0, 0.0, 0.0};
    p.watch_reduction = {0.0, 0.2, 0.0, 0.0, 0.0};
    p.watch_full_coverage = 0.1;
    const auto doubled = prevention_factor(8.0, 0.05, p);
    CHECK(doubled[0] == Approx(std::pow(2.0, -0.5)));
    CHECK(doubled[1] == Approx(1.0 - 0.2 * 0.5));
    CHECK(doubled[2] == 1.0);
    CHECK(prevention_factor(4.0, 0.5, p)[1] == Approx(0.8));  // coverage capped at 1
    p.patrol_ratio_limit = 2.0;                               // the ratio is held within [1/2, 2]
    CHECK(prevention_factor(0.0, 0.0, p)[0] == Approx(std::pow(0.5, -0.5)));
    CHECK(prevention_factor(40.0, 0.0, p)[0] == Approx(std::pow(2.0, -0.5)));
    p.enabled = false;
    CHECK(prevention_factor(8.0, 0.05, p) == per_category<double>{1.0, 1.0, 1.0, 1.0, 1.0});
}
