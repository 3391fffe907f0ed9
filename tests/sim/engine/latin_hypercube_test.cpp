#include "sim/engine/latin_hypercube.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using civicsim::sim::latin_hypercube;

TEST_CASE("a Latin hypercube puts one point in every stratum of every dimension",
          "[latin_hypercube]") {
    for (const std::size_t points : {1U, 2U, 7U, 50U}) {
        const auto design = latin_hypercube(points, 3, 20240901);
        REQUIRE(design.size() == points);
        for (std::size_t j = 0; j < 3; ++j) {
            std::vector<int> hits(points, 0);
            for (const auto& point : design) {
                REQUIRE(point.size() == 3);
                const double u = point[j];
                REQUIRE(u >= 0.0);
                REQUIRE(u <= 1.0);
                const auto k =
                    std::min(static_cast<std::size_t>(std::floor(u * static_cast<double>(points))),
                             points - 1);
                ++hits[k];
            }
            INFO("points " << points << ", dimension " << j);
            for (const int h : hits) CHECK(h == 1);
        }
    }
}

TEST_CASE("a Latin hypercube is a function of its seed", "[latin_hypercube]") {
    const auto a = latin_hypercube(20, 2, 7), b = latin_hypercube(20, 2, 7);
    CHECK(a == b);
    const auto other = latin_hypercube(20, 2, 8);
    CHECK(other != a);
    // A dimension's values do not depend on how many dimensions there are.
    const auto wider = latin_hypercube(20, 4, 7);
    for (std::size_t p = 0; p < 20; ++p) {
        CHECK(wider[p][0] == a[p][0]);
        CHECK(wider[p][1] == a[p][1]);
    }
    // The dimensions are permuted independently: not the same order of strata.
    bool differs = false;
    for (std::size_t p = 0; p < 20; ++p)
        differs = differs || std::floor(a[p][0] * 20) != std::floor(a[p][1] * 20);
    CHECK(differs);
}
