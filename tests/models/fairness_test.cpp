#include "models/fairness.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace civicsim::models;

TEST_CASE("stop_disparity is NaN without stops", "[fairness]") {
    const std::vector<double> by_community{0.0, 0.0};
    const std::vector<double> by_neighbourhood{0.0};
    const std::vector<double> residents{80.0, 20.0};
    CHECK(std::isnan(stop_disparity(by_community, by_neighbourhood, residents)));
}

TEST_CASE("stop_disparity is 1 when stops fall on communities as they live", "[fairness]") {
    // 10 stops in a neighbourhood of 80 + 20: 8 on the majority, 2 on the minority.
    const std::vector<double> by_community{8.0, 2.0};
    const std::vector<double> by_neighbourhood{10.0};
    const std::vector<double> residents{80.0, 20.0};
    CHECK(stop_disparity(by_community, by_neighbourhood, residents) == Approx(1.0));
}

TEST_CASE("stop_disparity compares a community's stops with its share where they happened",
          "[fairness]") {
    // Two neighbourhoods: 90 + 10 residents with 6 stops, 50 + 50 with 4; every stop falls on the
    // minority. Expected minority stops 6 * 0.1 + 4 * 0.5 = 2.6, so the ratio is 10 / 2.6.
    const std::vector<double> by_community{0.0, 10.0};
    const std::vector<double> by_neighbourhood{6.0, 4.0};
    const std::vector<double> residents{90.0, 10.0, 50.0, 50.0};
    CHECK(stop_disparity(by_community, by_neighbourhood, residents) == Approx(10.0 / 2.6));

    SECTION("the same stops in the mixed neighbourhood weigh less") {
        const std::vector<double> elsewhere{0.0, 10.0};
        CHECK(stop_disparity(by_community, elsewhere, residents) == Approx(2.0));
    }
}

TEST_CASE("stop_disparity takes the most over-stopped of several communities", "[fairness]") {
    // 20 stops among 50 / 30 / 20 residents: expected 10 / 6 / 4, observed 4 / 6 / 10.
    const std::vector<double> by_community{4.0, 6.0, 10.0};
    const std::vector<double> by_neighbourhood{20.0};
    const std::vector<double> residents{50.0, 30.0, 20.0};
    CHECK(stop_disparity(by_community, by_neighbourhood, residents) == Approx(2.5));
}

TEST_CASE("stop_disparity skips a community with no residents where stops happened", "[fairness]") {
    const std::vector<double> by_community{3.0, 0.0, 1.0};
    const std::vector<double> by_neighbourhood{4.0};
    const std::vector<double> residents{75.0, 0.0, 25.0};
    CHECK(stop_disparity(by_community, by_neighbourhood, residents) == Approx(1.0));
}
