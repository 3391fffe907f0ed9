#include "models/random.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace civicsim::models;

// Known-answer vectors for Philox4x64-10 from Random123 1.14 (tests/kat_vectors).
TEST_CASE("philox4x64_10 reproduces the Random123 known-answer vectors", "[random]") {
    struct kat {
        philox_counter counter;
        philox_key key;
        philox_counter expected;
    };
    const kat cases[] = {
        {{0, 0, 0, 0},
         {0, 0},
         {0x16554d9eca36314cULL, 0xdb20fe9d672d0fdcULL, 0xd7e772cee186176bULL,
          0x7e68b68aec7ba23bULL}},
        {{~0ULL, ~0ULL, ~0ULL, ~0ULL},
         {~0ULL, ~0ULL},
         {0x87b092c3013fe90bULL, 0x438c3c67be8d0224ULL, 0x9cc7d7c69cd777b6ULL,
          0xa09caebf594f0ba0ULL}},
        {{0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL,
          0x082efa98ec4e6c89ULL},
         {0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL},
         {0xa528f45403e61d95ULL, 0x38c72dbd566e9788ULL, 0xa5a1610e72fd18b5ULL,
          0x57bd43b5e52b7fe6ULL}},
    };
    for (const auto& c : cases) CHECK(philox4x64_10(c.counter, c.key) == c.expected);
}

TEST_CASE("a stream is a pure function of its key and counter", "[random]") {
    const stream_key key{42, 3};
    stream a(key, counter_phase::incidents, 7, 1234);
    stream b(key, counter_phase::incidents, 7, 1234);
    for (int i = 0; i < 10; ++i) CHECK(a() == b());

    // The first block is Philox applied to counter (draw 0, entity, day, phase) under (seed, run).
    stream c(key, counter_phase::incidents, 7, 1234);
    const auto block =
        philox4x64_10({0, 1234, 7, static_cast<std::uint64_t>(counter_phase::incidents)}, {42, 3});
    for (auto v : block) CHECK(c() == v);
    const auto next =
        philox4x64_10({1, 1234, 7, static_cast<std::uint64_t>(counter_phase::incidents)}, {42, 3});
    CHECK(c() == next[0]);
}

TEST_CASE("streams differ across seed, run, phase, day and entity", "[random]") {
    std::set<std::uint64_t> first_draws;
    first_draws.insert(stream({1, 0}, counter_phase::incidents, 0, 0)());
    first_draws.insert(stream({2, 0}, counter_phase::incidents, 0, 0)());
    first_draws.insert(stream({1, 1}, counter_phase::incidents, 0, 0)());
    first_draws.insert(stream({1, 0}, counter_phase::outreach, 0, 0)());
    first_draws.insert(stream({1, 0}, counter_phase::incidents, 1, 0)());
    first_draws.insert(stream({1, 0}, counter_phase::incidents, 0, 1)());
    CHECK(first_draws.size() == 6);
}

TEST_CASE("uniform draws lie in the unit interval and have mean one half", "[random]") {
    stream s({7, 0}, counter_phase::initialise, 0, 0);
    const int n = 100000;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        const double u = s.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
    }
    // Standard error of the mean of U(0,1) is sqrt(1/12/n); allow 5 standard errors.
    CHECK(sum / n == Approx(0.5).margin(5.0 * std::sqrt(1.0 / 12.0 / n)));
}

TEST_CASE("below(n) stays below n and covers every value", "[random]") {
    stream s({7, 0}, counter_phase::initialise, 0, 1);
    std::array<int, 5> counts{};
    for (int i = 0; i < 5000; ++i) {
        const auto v = s.below(5);
        REQUIRE(v < 5);
        ++counts[v];
    }
    for (int c : counts) CHECK(c > 800);
}
