#include "models/beta.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace civicsim::models;

namespace {

struct moments {
    double mean = 0.0, variance = 0.0;
};

template <class Draw>
moments sample(std::uint32_t n, std::uint64_t seed, Draw draw) {
    double sum = 0.0, squares = 0.0;
    for (std::uint32_t i = 0; i < n; ++i) {
        stream s({seed, 0}, counter_phase::initialise, 0, i);
        const double x = draw(s);
        sum += x;
        squares += x * x;
    }
    const double mean = sum / n;
    return {mean, squares / n - mean * mean};
}

}  // namespace

TEST_CASE("gamma variates have mean and variance equal to the shape", "[beta]") {
    constexpr std::uint32_t n = 100000;
    for (const double shape : {0.3, 0.8, 1.0, 2.4, 7.2}) {
        INFO("shape " << shape);
        const auto m = sample(n, 3, [&](stream& s) { return gamma_variate(s, shape); });
        // s.e. of the mean is sqrt(shape / n); of the variance sqrt((mu4 - shape^2) / n) with
        // mu4 = 3 shape^2 + 6 shape for a Gamma(shape, 1).
        CHECK(m.mean == Approx(shape).margin(4.0 * std::sqrt(shape / n)));
        CHECK(m.variance ==
              Approx(shape).margin(4.0 * std::sqrt((2.0 * shape * shape + 6.0 * shape) / n)));
    }
}

TEST_CASE("beta_from_mean has the mean and the variance of Beta(m k, (1 - m) k)", "[beta]") {
    constexpr std::uint32_t n = 100000;
    for (const auto& [mean, k] :
         {std::pair{0.6, 8.0}, std::pair{0.2, 5.0}, std::pair{0.35, 6.0}, std::pair{0.05, 3.0}}) {
        INFO("mean " << mean << ", concentration " << k);
        const double variance = mean * (1.0 - mean) / (k + 1.0);
        const auto m = sample(n, 5, [&](stream& s) { return beta_from_mean(s, mean, k); });
        CHECK(m.mean == Approx(mean).margin(4.0 * std::sqrt(variance / n)));
        // Within 5 %: many standard errors of the sample variance at n = 100,000 (about 1 % for
        // these shapes), and still far from the variance of a wrong concentration.
        CHECK(m.variance == Approx(variance).epsilon(0.05));
    }
}

TEST_CASE("beta variates stay in [0, 1]", "[beta]") {
    for (std::uint32_t i = 0; i < 20000; ++i) {
        stream s({7, 0}, counter_phase::initialise, 0, i);
        const double x = beta_from_mean(s, 0.01, 0.5);
        REQUIRE(x >= 0.0);
        REQUIRE(x <= 1.0);
    }
}
