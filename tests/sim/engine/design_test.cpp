#include "sim/engine/design.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using civicsim::sim::grid;
using civicsim::sim::latin_hypercube;
using civicsim::sim::saltelli;

TEST_CASE("a Latin hypercube has one point in each slice of every dimension", "[design]") {
    const std::size_t n = 37, d = 4;
    const auto points = latin_hypercube(n, d, 5);
    REQUIRE(points.size() == n);
    for (std::size_t k = 0; k < d; ++k) {
        std::vector<int> in_slice(n, 0);
        for (const auto& p : points) {
            REQUIRE(p.size() == d);
            REQUIRE(p[k] >= 0.0);
            REQUIRE(p[k] < 1.0);
            ++in_slice[static_cast<std::size_t>(p[k] * static_cast<double>(n))];
        }
        CHECK(std::all_of(in_slice.begin(), in_slice.end(), [](int c) { return c == 1; }));
    }
    // The same seed gives the same points; another seed, others; the columns are not all in
    // the same order (the slices are shuffled per dimension).
    CHECK(latin_hypercube(n, d, 5) == points);
    CHECK(latin_hypercube(n, d, 6) != points);
    std::vector<std::size_t> first, second;
    for (const auto& p : points) {
        first.push_back(static_cast<std::size_t>(p[0] * static_cast<double>(n)));
        second.push_back(static_cast<std::size_t>(p[1] * static_cast<double>(n)));
    }
    CHECK(first != second);
}

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
