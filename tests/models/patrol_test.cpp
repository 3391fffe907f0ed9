#include "models/patrol.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace civicsim::models;

namespace {

patrol_params allocation(patrol_allocation a) {
    patrol_params p;
    p.allocation = a;
    p.discovery_rate = 0.05;
    p.use_reports = true;
    p.memory = 1.0;
    return p;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_CASE("uniform patrol follows population, whatever was recorded", "[patrol]") {
    const std::vector<std::uint32_t> populations{1000, 3000, 6000};
    patrol_state state{{50.0, 0.0, 0.0}, {0.0, 0.0, 80.0}};
    const auto shares = patrol_shares(state, populations, allocation(patrol_allocation::uniform));
    REQUIRE(shares.size() == 3);
    CHECK(shares[0] == Approx(0.1));
    CHECK(shares[1] == Approx(0.3));
    CHECK(shares[2] == Approx(0.6));

    // No residents at all: equal shares rather than a division by zero.
    const auto empty =
        patrol_shares(initial_patrol_state(2), {0, 0}, allocation(patrol_allocation::uniform));
    CHECK(empty == std::vector<double>{0.5, 0.5});
}

TEST_CASE("predictive patrol follows recorded counts plus one", "[patrol]") {
    const std::vector<std::uint32_t> populations{1000, 3000, 6000};
    const auto p = allocation(patrol_allocation::predictive);

    // Nothing recorded yet: the prior shares equally, population notwithstanding.
    const auto start = patrol_shares(initial_patrol_state(3), populations, p);
    for (const double s : start) CHECK(s == Approx(1.0 / 3.0));

    patrol_state state{{0.0, 1.0, 8.0}, {100.0, 100.0, 100.0}};
    const auto shares = patrol_shares(state, populations, p);
    CHECK(shares[0] == Approx(1.0 / 12.0));  // never exactly 0
    CHECK(shares[1] == Approx(2.0 / 12.0));
    CHECK(shares[2] == Approx(9.0 / 12.0));
    CHECK(sum(shares) == Approx(1.0));
}

TEST_CASE("corrected patrol follows weighted counts plus one", "[patrol]") {
    const std::vector<std::uint32_t> populations{1000, 3000};
    const auto p = allocation(patrol_allocation::corrected);
    patrol_state state{{500.0, 0.0}, {2.5, 0.5}};
    const auto shares = patrol_shares(state, populations, p);
    CHECK(shares[0] == Approx(3.5 / 5.0));
    CHECK(shares[1] == Approx(1.5 / 5.0));
    CHECK(sum(shares) == Approx(1.0));
}

TEST_CASE("patrol shares sum to one in every mode", "[patrol]") {
    const std::vector<std::uint32_t> populations{1234, 5678, 91, 4000};
    patrol_state state{{3.0, 0.25, 17.5, 0.0}, {0.0, 40.0, 2.0, 9.75}};
    for (const auto a : {patrol_allocation::uniform, patrol_allocation::predictive,
                         patrol_allocation::corrected}) {
        const auto shares = patrol_shares(state, populations, allocation(a));
        CHECK(shares.size() == populations.size());
        CHECK(sum(shares) == Approx(1.0));
        for (const double s : shares) CHECK(s > 0.0);
    }
}

TEST_CASE("a state of the wrong size is rejected", "[patrol]") {
    const std::vector<std::uint32_t> populations{1000, 3000};
    const auto state = initial_patrol_state(3);
    CHECK_THROWS_AS(patrol_shares(state, populations, allocation(patrol_allocation::predictive)),
                    std::invalid_argument);
    CHECK_THROWS_AS(patrol_shares(state, populations, allocation(patrol_allocation::corrected)),
                    std::invalid_argument);
    auto two = initial_patrol_state(2);
    CHECK_THROWS_AS(record_day(two, {1, 2, 3}, {0, 0}, {0.1, 0.1}, allocation({})),
                    std::invalid_argument);
}

TEST_CASE("discovery probability is 1 - exp(-rate * hours per 1,000 residents)", "[patrol]") {
    auto p = allocation(patrol_allocation::uniform);
    p.discovery_rate = 0.05;
    // 20 hours among 5,000 residents: 4 hours per 1,000, so 1 - exp(-0.2).
    CHECK(discovery_probability(20.0, 5000, p) == Approx(1.0 - std::exp(-0.2)));
    CHECK(discovery_probability(100.0, 1000, p) == Approx(1.0 - std::exp(-5.0)));
    CHECK(discovery_probability(0.0, 5000, p) == 0.0);
    CHECK(discovery_probability(20.0, 0, p) == 0.0);
    // Nearly linear in hours while small.
    CHECK(discovery_probability(0.1, 5000, p) ==
          Approx(0.05 * 0.1 * 1000.0 / 5000.0).epsilon(1e-3));
    CHECK(discovery_probability(40.0, 5000, p) > discovery_probability(20.0, 5000, p));
    p.discovery_rate = 0.0;
    CHECK(discovery_probability(20.0, 5000, p) == 0.0);
}

TEST_CASE("record_day decays the counts and adds today's discoveries", "[patrol]") {
    auto p = allocation(patrol_allocation::predictive);
    p.memory = 0.5;
    p.use_reports = true;
    patrol_state state{{10.0, 4.0, 2.0}, {20.0, 8.0, 6.0}};
    record_day(state, {3, 1, 2}, {2, 0, 5}, {0.5, 0.25, 0.0}, p);
    CHECK(state.recorded[0] == Approx(5.0 + 3.0 + 2.0));
    CHECK(state.recorded[1] == Approx(2.0 + 1.0 + 0.0));
    CHECK(state.recorded[2] == Approx(1.0 + 2.0 + 5.0));
    CHECK(state.weighted[0] == Approx(10.0 + 3.0 / 0.5 + 2.0));
    CHECK(state.weighted[1] == Approx(4.0 + 1.0 / 0.25 + 0.0));
    CHECK(state.weighted[2] == Approx(3.0 + 5.0));  // P = 0: no discovery term

    p.use_reports = false;
    record_day(state, {1, 0, 0}, {100, 100, 100}, {0.2, 0.2, 0.2}, p);
    CHECK(state.recorded[0] == Approx(5.0 + 1.0));
    CHECK(state.recorded[1] == Approx(1.5));
    CHECK(state.recorded[2] == Approx(4.0));
    CHECK(state.weighted[0] == Approx(9.0 + 5.0));
    CHECK(state.weighted[1] == Approx(4.0));
    CHECK(state.weighted[2] == Approx(4.0));
}

TEST_CASE("with memory 1 record_day keeps every day, as Ensign et al.'s urn", "[patrol]") {
    auto p = allocation(patrol_allocation::predictive);
    p.memory = 1.0;
    p.use_reports = false;
    auto state = initial_patrol_state(2);
    for (int day = 0; day < 10; ++day) record_day(state, {2, 1}, {5, 5}, {0.5, 0.1}, p);
    CHECK(state.recorded == std::vector<double>{20.0, 10.0});
    CHECK(state.weighted[0] == Approx(40.0));
    CHECK(state.weighted[1] == Approx(100.0));
}
