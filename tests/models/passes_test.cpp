#include "models/passes.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "models/attitudes.hpp"
#include "models/information.hpp"
#include "models/prejudice.hpp"

using namespace civicsim::models;

namespace {

// Values across [0, 1], the ends included, in a length that leaves a vector remainder.
std::vector<float> spread(std::size_t n, float phase) {
    std::vector<float> v(n);
    for (std::size_t k = 0; k < n; ++k) {
        const float x = static_cast<float>(k) / static_cast<float>(n - 1);
        v[k] = x + phase > 1.0F ? x + phase - 1.0F : x + phase;
    }
    v.front() = 0.0F;
    v.back() = 1.0F;
    return v;
}

}  // namespace

// The passes are compiled with their own floating-point flags (models/CMakeLists.txt): they must
// give exactly what the per-resident laws give, clamps included.
TEST_CASE("the daily passes equal the per-resident laws, value for value", "[passes]") {
    constexpr std::size_t n = 1003;
    const auto resting = spread(n, 0.37F);

    SECTION("drift_fear, with an exposure that pushes past 1") {
        for (const double exposure : {0.0, 0.03, 1.7}) {
            auto fear = spread(n, 0.11F);
            auto expected = fear;
            for (std::size_t k = 0; k < n; ++k)
                expected[k] = after_day(fear[k], resting[k], 0.05, exposure);
            drift_fear(fear.data(), resting.data(), n, 0.05, exposure);
            CHECK(fear == expected);
        }
    }
    SECTION("take_alerts, only where alerts were seen, over the overload threshold too") {
        information_params p;
        p.alert_fear = 0.3;
        auto fear = spread(n, 0.23F);
        std::vector<float> alerts(n);
        for (std::size_t k = 0; k < n; ++k) alerts[k] = static_cast<float>(k % 9);  // 0 to 8 > 5
        auto expected = fear;
        for (std::size_t k = 0; k < n; ++k)
            if (alerts[k] > 0.0F) expected[k] = after_alerts(fear[k], alerts[k], p);
        take_alerts(fear.data(), alerts.data(), n, p);
        CHECK(fear == expected);
    }
    SECTION("drift_prejudice, with a decay that overshoots below 0") {
        prejudice_params p;
        p.fear_effect = 0.5;
        for (const double decay : {0.01, 3.0}) {
            p.decay = decay;
            auto prejudice = spread(n, 0.61F);
            const auto fear = spread(n, 0.05F);
            auto expected = prejudice;
            for (std::size_t k = 0; k < n; ++k) expected[k] = after_fear(prejudice[k], fear[k], p);
            drift_prejudice(prejudice.data(), fear.data(), n, p);
            CHECK(prejudice == expected);
        }
    }
}
