#include "sim/engine/design.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using civicsim::sim::grid;
using civicsim::sim::saltelli;

TEST_CASE("Saltelli's sample is in SALib's layout, from the Sobol sequence", "[design]") {
    const std::size_t n = 8, d = 3;
    const auto points = saltelli(n, d);
    REQUIRE(points.size() == n * (d + 2));
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = points[i * (d + 2)];
        const auto& b = points[i * (d + 2) + d + 1];
        CHECK(a != b);  // the centre point, where A = B, is skipped
        for (std::size_t k = 0; k < d; ++k) {
            auto expected = a;
            expected[k] = b[k];
            CHECK(points[i * (d + 2) + 1 + k] == expected);
        }
    }
    // A and B together are a block of the 2d-dimensional Sobol sequence: over 8 points, every
    // coordinate falls once in each eighth of [0, 1).
    for (std::size_t k = 0; k < 2 * d; ++k) {
        std::vector<int> in_eighth(8, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& row = points[i * (d + 2) + (k < d ? 0 : d + 1)];
            ++in_eighth[static_cast<std::size_t>(row[k % d] * 8)];
        }
        CHECK(std::all_of(in_eighth.begin(), in_eighth.end(), [](int c) { return c == 1; }));
    }
    CHECK(saltelli(n, d) == points);
}

TEST_CASE("a grid holds every combination, the first parameter varying slowest", "[design]") {
    const auto points = grid({2, 3});
    const std::vector<std::vector<std::size_t>> expected = {{0, 0}, {0, 1}, {0, 2},
                                                            {1, 0}, {1, 1}, {1, 2}};
    CHECK(points == expected);
    CHECK(grid({}).empty());
    CHECK(grid({4, 0}).empty());
}
