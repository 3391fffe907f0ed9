#include "models/clocks.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace civicsim::models;

TEST_CASE("exponential thresholds are Exp(1) and never 0", "[clocks]") {
    constexpr std::uint32_t n = 200000;
    double sum = 0.0, squares = 0.0;
    float smallest = 1.0F;
    for (std::uint32_t i = 0; i < n; ++i) {
        stream s({4, 0}, counter_phase::initialise, 0, i);
        const double e = exponential_threshold(s);
        sum += e;
        squares += e * e;
        smallest = std::min(smallest, static_cast<float>(e));
    }
    const double mean = sum / n;
    const double variance = squares / n - mean * mean;
    CHECK(mean == Approx(1.0).margin(4.0 / std::sqrt(double{n})));    // s.d. of Exp(1) is 1
    CHECK(variance == Approx(1.0).margin(4.0 * std::sqrt(8.0 / n)));  // Var((E-1)^2) = 8
    CHECK(smallest > 0.0F);
}

TEST_CASE("spend runs a clock down and says when it runs out", "[clocks]") {
    float clock = 1.0F;
    CHECK_FALSE(spend(clock, 0.25F));
    CHECK(clock == 0.75F);
    CHECK_FALSE(spend(clock, 0.0F));
    CHECK(clock == 0.75F);
    CHECK(spend(clock, 0.75F));
    CHECK(clock == 0.0F);
}

TEST_CASE("a clock fires on day t with the probability of daily Bernoulli draws", "[clocks]") {
    // Varying daily hazards h_t: daily draws with probability 1 - exp(-h_t) first succeed on day t
    // with probability exp(-(h_0 + ... + h_{t-1})) (1 - exp(-h_t)). The clock must match that law.
    constexpr std::array<float, 6> hazard{0.05F, 0.3F, 0.0F, 0.1F, 0.6F, 0.2F};
    constexpr std::uint32_t n = 100000;
    std::array<std::uint32_t, hazard.size() + 1> fired{};  // the last: not within the days
    for (std::uint32_t i = 0; i < n; ++i) {
        stream s({8, 0}, counter_phase::initialise, 0, i);
        float clock = exponential_threshold(s);
        std::size_t day = 0;
        while (day < hazard.size() && !spend(clock, hazard[day])) ++day;
        ++fired[day];
    }
    double survived = 1.0;
    for (std::size_t t = 0; t <= hazard.size(); ++t) {
        const double p = t < hazard.size() ? survived * -std::expm1(-double{hazard[t]}) : survived;
        if (t < hazard.size()) survived *= std::exp(-double{hazard[t]});
        const double se = std::sqrt(p * (1.0 - p) / n);
        INFO("day " << t);
        CHECK(static_cast<double>(fired[t]) / n == Approx(p).margin(4.0 * se + 1e-12));
    }
    CHECK(fired[2] == 0);  // no hazard, no event
}

TEST_CASE("spend_run spends every clock and settles exactly those that ran out, in order",
          "[clocks]") {
    // 600 clocks span three chunks of 256; some run out in the first and last chunk only.
    std::vector<float> clocks(600, 1.0F);
    std::vector<float> hazard(600, 0.25F);
    for (const std::uint32_t k : {3U, 200U, 599U}) hazard[k] = 2.0F;
    hazard[10] = 0.0F;
    std::vector<std::size_t> settled;
    spend_run(
        clocks.data(), 600, [&](std::size_t k) { return hazard[k]; },
        [&](std::size_t k) {
            settled.push_back(k);
            clocks[k] = retired_clock;
        });
    CHECK(settled == std::vector<std::size_t>{3, 200, 599});
    CHECK(clocks[0] == 0.75F);
    CHECK(clocks[10] == 1.0F);
    CHECK(clocks[300] == 0.75F);
    CHECK(std::isinf(clocks[200]));

    // A clock that exactly reaches 0 runs out, as with spend; an empty run does nothing.
    std::vector<float> exact{0.5F, 0.5F};
    std::vector<std::size_t> out;
    spend_run(
        exact.data(), 2, [](std::size_t k) { return k == 0 ? 0.5F : 0.25F; },
        [&](std::size_t k) {
            out.push_back(k);
            exact[k] = 1.0F;
        });
    CHECK(out == std::vector<std::size_t>{0});
    spend_run(
        exact.data(), 0, [](std::size_t) { return 1.0F; },
        [&](std::size_t k) { out.push_back(k); });
    CHECK(out.size() == 1);
}
