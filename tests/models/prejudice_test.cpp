#include "models/prejudice.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "models/clocks.hpp"

using namespace civicsim::models;

namespace {

std::vector<std::uint32_t> everyone(std::size_t n) {
    std::vector<std::uint32_t> members(n);
    std::iota(members.begin(), members.end(), 0U);
    return members;
}

// n opinions evenly spread over [0, 1], as Deffuant et al. start from a uniform population.
std::vector<float> evenly_spread(std::size_t n) {
    std::vector<float> x(n);
    for (std::size_t k = 0; k < n; ++k)
        x[k] = static_cast<float>((static_cast<double>(k) + 0.5) / static_cast<double>(n));
    return x;
}

double spread(const std::vector<float>& x) {
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    return static_cast<double>(*hi) - static_cast<double>(*lo);
}

// Clusters holding at least `min_share` of the population, after sorting: a gap of at least
// epsilon separates clusters, since closer ones would still interact.
std::size_t major_clusters(std::vector<float> x, double epsilon, double min_share) {
    std::sort(x.begin(), x.end());
    std::size_t clusters = 0;
    std::size_t start = 0;
    for (std::size_t k = 1; k <= x.size(); ++k) {
        if (k < x.size() && static_cast<double>(x[k]) - static_cast<double>(x[k - 1]) < epsilon)
            continue;
        if (static_cast<double>(k - start) >= min_share * static_cast<double>(x.size())) ++clusters;
        start = k;
    }
    return clusters;
}

std::vector<float> run_deffuant(double epsilon, std::uint64_t seed, std::uint32_t days) {
    prejudice_params p;
    p.epsilon = epsilon;
    p.mu = 0.5;
    p.interactions_per_member = 1.0;
    auto x = evenly_spread(1000);
    const auto members = everyone(x.size());
    for (std::uint32_t day = 0; day < days; ++day) {
        stream s({seed, 0}, counter_phase::trust_fear, day, 7);
        deffuant_day(members, x, p, s);
    }
    return x;
}

}  // namespace

TEST_CASE("initial_prejudice draws a Beta with the configured mean", "[prejudice]") {
    prejudice_params p;
    p.initial_mean = 0.2;
    p.initial_concentration = 5.0;
    constexpr std::uint32_t n = 20000;
    double sum = 0.0;
    double sum_sq = 0.0;
    for (std::uint32_t i = 0; i < n; ++i) {
        stream s({5, 0}, counter_phase::initialise, 0, i);
        const double x = initial_prejudice(s, p);
        REQUIRE(x >= 0.0);
        REQUIRE(x <= 1.0);
        sum += x;
        sum_sq += x * x;
    }
    const double mean = sum / n;
    // Beta(1, 4): variance m (1 - m) / (k + 1).
    const double variance = 0.2 * 0.8 / 6.0;
    CHECK(mean == Approx(0.2).margin(4.0 * std::sqrt(variance / n)));
    CHECK(sum_sq / n - mean * mean == Approx(variance).epsilon(0.05));

    stream a({5, 0}, counter_phase::initialise, 0, 3);
    stream b({5, 0}, counter_phase::initialise, 0, 3);
    CHECK(initial_prejudice(a, p) == initial_prejudice(b, p));
}

TEST_CASE("a Deffuant encounter moves both by mu times the gap and keeps their sum",
          "[prejudice]") {
    prejudice_params p;
    p.epsilon = 1.0;
    p.mu = 0.25;
    p.interactions_per_member = 0.5;  // one encounter expected for a pair
    const std::vector<std::uint32_t> pair{0, 1};

    // Find a day with exactly one encounter, then check the update to the last bit: the values
    // are dyadic, so the arithmetic is exact.
    bool seen_one = false;
    for (std::uint32_t day = 0; day < 50 && !seen_one; ++day) {
        std::vector<float> x{0.25F, 0.75F};
        stream s({1, 0}, counter_phase::trust_fear, day, 0);
        deffuant_day(pair, x, p, s);
        if (x[0] == 0.25F) continue;   // no encounter
        if (x[0] != 0.375F) continue;  // more than one encounter
        seen_one = true;
        CHECK(x[1] == 0.625F);
        CHECK(x[0] + x[1] == 1.0F);
    }
    CHECK(seen_one);
}

TEST_CASE("two agents who meet often converge to their mean", "[prejudice]") {
    prejudice_params p;
    p.epsilon = 1.0;
    p.mu = 0.3;
    p.interactions_per_member = 5.0;
    const std::vector<std::uint32_t> pair{2, 0};  // members index into the column
    std::vector<float> x{0.1F, 0.5F, 0.7F};
    for (std::uint32_t day = 0; day < 10; ++day) {
        stream s({2, 0}, counter_phase::trust_fear, day, 0);
        deffuant_day(pair, x, p, s);
    }
    CHECK(x[0] == Approx(0.4).margin(1e-5));
    CHECK(x[2] == Approx(0.4).margin(1e-5));
    CHECK(x[1] == 0.5F);  // not a member
}

TEST_CASE("with mu one half a single encounter brings a pair to its mean", "[prejudice]") {
    prejudice_params p;
    p.epsilon = 0.6;
    p.mu = 0.5;
    p.interactions_per_member = 3.0;
    const std::vector<std::uint32_t> pair{0, 1};
    std::vector<float> x{0.125F, 0.625F};
    stream s({3, 0}, counter_phase::trust_fear, 0, 0);
    deffuant_day(pair, x, p, s);
    CHECK(x[0] == 0.375F);
    CHECK(x[1] == 0.375F);
}

TEST_CASE("with a tiny epsilon nobody moves", "[prejudice]") {
    prejudice_params p;
    p.epsilon = 1e-4;
    p.interactions_per_member = 5.0;
    auto x = evenly_spread(200);
    const auto before = x;
    const auto members = everyone(x.size());
    for (std::uint32_t day = 0; day < 20; ++day) {
        stream s({4, 0}, counter_phase::trust_fear, day, 0);
        deffuant_day(members, x, p, s);
    }
    CHECK(x == before);
}

TEST_CASE("groups of fewer than two or with no interactions stay as they are", "[prejudice]") {
    prejudice_params p;
    p.epsilon = 1.0;
    p.interactions_per_member = 10.0;
    std::vector<float> x{0.1F, 0.9F};
    stream s({1, 0}, counter_phase::trust_fear, 0, 0);
    deffuant_day(std::vector<std::uint32_t>{1}, x, p, s);
    deffuant_day(std::vector<std::uint32_t>{}, x, p, s);
    p.interactions_per_member = 0.0;
    deffuant_day(std::vector<std::uint32_t>{0, 1}, x, p, s);
    CHECK(x == std::vector<float>{0.1F, 0.9F});
}

TEST_CASE("deffuant_day keeps the group mean and stays in the unit interval", "[prejudice]") {
    prejudice_params p;
    p.epsilon = 0.3;
    p.mu = 0.5;
    p.interactions_per_member = 2.0;
    auto x = evenly_spread(500);
    const auto members = everyone(x.size());
    const auto mean = [](const std::vector<float>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    };
    const double before = mean(x);
    for (std::uint32_t day = 0; day < 30; ++day) {
        stream s({6, 0}, counter_phase::trust_fear, day, 0);
        deffuant_day(members, x, p, s);
    }
    CHECK(mean(x) == Approx(before).margin(1e-5));
    CHECK(*std::min_element(x.begin(), x.end()) >= 0.0F);
    CHECK(*std::max_element(x.begin(), x.end()) <= 1.0F);
}

TEST_CASE("deffuant_day is a pure function of its stream", "[prejudice]") {
    prejudice_params p;
    p.interactions_per_member = 1.0;
    auto a = evenly_spread(100);
    auto b = a;
    auto c = a;
    const auto members = everyone(a.size());
    stream sa({8, 0}, counter_phase::trust_fear, 3, 11);
    stream sb({8, 0}, counter_phase::trust_fear, 3, 11);
    stream sc({8, 0}, counter_phase::trust_fear, 3, 12);
    deffuant_day(members, a, p, sa);
    deffuant_day(members, b, p, sb);
    deffuant_day(members, c, p, sc);
    CHECK(a == b);
    CHECK(a != c);
}

// Deffuant et al. 2000 (Fig. 1, 2), Fortunato 2004: on a fully mixed population uniform in
// [0, 1], epsilon = 0.5 gives consensus, smaller epsilon about 1 / (2 epsilon) clusters.
TEST_CASE("Deffuant validation: epsilon 0.5 reaches consensus", "[prejudice]") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        INFO("seed " << seed);
        const auto x = run_deffuant(0.5, seed, 100);
        CHECK(spread(x) < 0.05);
        const double mean =
            std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
        CHECK(mean == Approx(0.5).margin(1e-4));
    }
}

TEST_CASE("Deffuant validation: epsilon 0.15 leaves several clusters", "[prejudice]") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        INFO("seed " << seed);
        const auto x = run_deffuant(0.15, seed, 100);
        CHECK(spread(x) > 0.3);
        const auto clusters = major_clusters(x, 0.15, 0.05);
        CHECK(clusters >= 2);
        CHECK(clusters <= 4);
    }
}

TEST_CASE("after_fear raises prejudice by fear_effect times fear times the room left",
          "[prejudice]") {
    prejudice_params p;
    p.decay = 0.0;
    p.fear_effect = 0.5;
    CHECK(after_fear(0.5F, 1.0F, p) == 0.75F);
    CHECK(after_fear(0.25F, 0.5F, p) == 0.4375F);
    CHECK(after_fear(0.25F, 0.0F, p) == 0.25F);
    CHECK(after_fear(1.0F, 1.0F, p) == 1.0F);
    p.fear_effect = 0.002;
    CHECK(after_fear(0.2F, 0.4F, p) == Approx(0.2 + 0.002 * 0.4 * 0.8).epsilon(1e-6));
}

TEST_CASE("without fear prejudice relaxes towards its initial mean", "[prejudice]") {
    prejudice_params p;
    p.initial_mean = 0.2;
    p.decay = 0.5;
    p.fear_effect = 0.0;
    CHECK(after_fear(0.6F, 0.9F, p) == Approx(0.4).epsilon(1e-6));
    CHECK(after_fear(0.2F, 0.9F, p) == Approx(0.2).epsilon(1e-6));
    // With fear, the balance lies above the initial mean: x* = (d m + f F) / (d + f F).
    p.decay = 0.01;
    p.fear_effect = 0.002;
    const double balance = (0.01 * 0.2 + 0.002 * 0.5) / (0.01 + 0.002 * 0.5);
    CHECK(after_fear(static_cast<float>(balance), 0.5F, p) == Approx(balance).epsilon(1e-5));
}

TEST_CASE("only majority members have a suspicion hazard", "[prejudice]") {
    prejudice_params p;
    p.suspicious_rate = 0.5;
    for (std::uint8_t community = 0; community < 4; ++community) {
        INFO("community " << int{community});
        CHECK(suspicion_hazard(1.0F, 0.8F, community, p) == (community == 0 ? 0.4F : 0.0F));
    }
    CHECK(suspicion_hazard(0.0F, 1.0F, 0, p) == 0.0F);
    CHECK(suspicion_hazard(1.0F, 0.0F, 0, p) == 0.0F);
    p.enabled = false;
    CHECK(suspicion_hazard(1.0F, 1.0F, 0, p) == 0.0F);
}

TEST_CASE(
    "suspicious-person reports on a suspicion clock come at 1 - exp(-rate fear prejudice) a day",
    "[prejudice]") {
    // Residents with a constant hazard file on a clock: over many resident-days the daily
    // share filing is 1 - exp(-h), and the gaps between one resident's reports are geometric.
    prejudice_params p;
    p.suspicious_rate = 0.2;
    const float fear = 0.5F;
    const float prejudice = 0.6F;
    const float hazard = suspicion_hazard(fear, prejudice, 0, p);
    constexpr std::uint32_t residents = 2000;
    constexpr std::uint32_t days = 100;
    std::vector<float> clock(residents);
    for (std::uint32_t i = 0; i < residents; ++i) {
        stream s({2, 0}, counter_phase::initialise, 0, i);
        clock[i] = exponential_threshold(s);
    }
    int filed = 0;
    for (std::uint32_t day = 0; day < days; ++day)
        for (std::uint32_t i = 0; i < residents; ++i) {
            if (!spend(clock[i], hazard)) continue;
            ++filed;
            stream s({2, 0}, counter_phase::reporting, day, i);
            clock[i] = exponential_threshold(s);
        }
    const double n = double{residents} * days;
    const double expected = -std::expm1(-0.2 * 0.5 * static_cast<double>(prejudice));
    const double se = std::sqrt(expected * (1.0 - expected) / n);
    CHECK(static_cast<double>(filed) / n == Approx(expected).margin(4.0 * se));
}

TEST_CASE("the target of suspicion is a minority in proportion to minority shares", "[prejudice]") {
    const std::vector<double> shares{0.7, 0.1, 0.0, 0.2};
    constexpr std::uint32_t n = 60000;
    std::vector<int> counts(shares.size(), 0);
    for (std::uint32_t i = 0; i < n; ++i) {
        stream s({3, 0}, counter_phase::reporting, 0, i);
        ++counts[target_of_suspicion(shares, s)];
    }
    CHECK(counts[0] == 0);
    CHECK(counts[2] == 0);
    const double expected = 1.0 / 3.0;
    const double se = std::sqrt(expected * (1.0 - expected) / n);
    CHECK(counts[1] / static_cast<double>(n) == Approx(expected).margin(4.0 * se));
    CHECK(counts[3] / static_cast<double>(n) == Approx(1.0 - expected).margin(4.0 * se));
}

TEST_CASE("with no minority the target of suspicion is 0 and nothing is filed", "[prejudice]") {
    stream s({1, 0}, counter_phase::reporting, 0, 0);
    CHECK(target_of_suspicion(std::vector<double>{1.0}, s) == 0);
    CHECK(target_of_suspicion(std::vector<double>{1.0, 0.0, 0.0}, s) == 0);
    CHECK(target_of_suspicion(std::vector<double>{}, s) == 0);
    CHECK(target_of_suspicion(std::vector<double>{0.0, 1.0}, s) == 1);
    CHECK(target_of_suspicion(std::vector<double>{0.5, 0.0, 0.5}, s) == 2);
}

TEST_CASE("prejudice starts where fear and decay hold it", "[prejudice]") {
    prejudice_params p;
    p.fear_effect = 0.002;
    p.decay = 0.01;
    p.initial_mean = 0.2;
    // At the population mean draw, the start is the fixed point of after_fear: a day changes
    // nothing.
    const float start = settled_prejudice(0.2F, 0.4F, p);
    CHECK(after_fear(start, 0.4F, p) == Approx(start).margin(1e-6));
    CHECK(start > 0.2F);
    p.fear_effect = 0.0;
    CHECK(settled_prejudice(0.3F, 0.4F, p) == Approx(0.3F));
}
