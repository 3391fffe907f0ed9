// Maki–Thompson rumour on a well-mixed population (DESIGN.md §4): the share that never hears the
// rumour tends to 0.203 for large N (Sudbury 1985), the root of x = exp(-2 (1 - x)). Run through
// the model's own spreading (models::spread_rumour) with behaviour.rumours.structure =
// "well_mixed", the reduction of the contact structure to Maki–Thompson's process: contacts are
// processed spreader by spreader and day by day, but each is still made by a current spreader
// with a uniform other member, so the sequence of conversions and stops is Maki–Thompson's chain.
// Negative control: the network structure (word of mouth, followers, forgetting) on the same
// residents, all online, leaves most of them ignorant.

#include "models/rumours.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

using namespace civicsim::models;

namespace {

// One run to extinction from a single spreader, with no debunking and no moderation; returns the
// final share of ignorants.
double final_ignorant_share(std::uint32_t n, std::uint64_t replication,
                            rumour_structure structure = rumour_structure::well_mixed) {
    constexpr std::uint64_t validation_tag = 3ULL << 40;
    const stream_key key{20240601, 0};
    const std::uint64_t entity = validation_tag | replication;

    std::vector<std::uint32_t> audience(n);
    std::iota(audience.begin(), audience.end(), 0U);
    std::vector<rumour_state> states(n, rumour_state::stifler);
    rumour_params p;
    p.structure = structure;
    p.contact_rate = 1.0;
    p.debunk_per_online_hour = 0.0;

    // Everyone is online, in no group; the follower network is keyed by the replication.
    const std::vector<std::uint8_t> flags(n, resident_flag::social_media);
    const std::vector<std::uint32_t> no_group(n, no_index);
    const contact_structure everyone{{0, n}, flags, n, no_group, {}, {key.seed, replication}};

    rumour r;
    r.active = true;
    rumour_spread spread;
    auto seed_stream = stream(key, counter_phase::trust_fear, 0, entity);
    if (structure == rumour_structure::well_mixed)
        REQUIRE(seed_rumour(r, spread, states, {0, n}, audience, seed_stream));
    else
        REQUIRE(seed_network_rumour(r, spread, states, {0, n}, audience, seed_stream));
    std::vector<std::uint32_t> heard;
    std::uint32_t day = 0;
    while (r.active) {
        REQUIRE(day < 10'000);
        auto s = stream(key, counter_phase::trust_fear, day, entity);
        spread_rumour(r, spread, states, audience, everyone, day, 0.0, p, s, {}, heard);
        ++day;
    }
    std::uint32_t ignorants = 0;
    for (const auto state : states)
        if (state == rumour_state::ignorant) ++ignorants;
    CHECK(ignorants + r.heard == n);
    return static_cast<double>(ignorants) / n;
}

}  // namespace

TEST_CASE("maki_thompson_final_ignorant_share", "[validation][rumours]") {
    const std::uint32_t n = 10'000;
    const int replications = 30;
    std::vector<double> shares;
    for (int k = 0; k < replications; ++k)
        shares.push_back(final_ignorant_share(n, static_cast<std::uint64_t>(k)));

    const double mean = std::accumulate(shares.begin(), shares.end(), 0.0) / replications;
    double ss = 0.0;
    for (const double x : shares) ss += (x - mean) * (x - mean);
    const double sd = std::sqrt(ss / (replications - 1));
    const double se = sd / std::sqrt(static_cast<double>(replications));
    const double limit = 0.203;  // Sudbury 1985
    INFO("mean " << mean << " sd " << sd << " se " << se);
    CHECK(std::abs(mean - limit) < 3.0 * se);
    CHECK(sd < 0.02);
}

TEST_CASE("negative control: over the network structure the Maki-Thompson share is not reached",
          "[validation][rumours]") {
    const std::uint32_t n = 10'000;
    const int replications = 30;
    double mean = 0.0;
    for (int k = 0; k < replications; ++k)
        mean += final_ignorant_share(n, static_cast<std::uint64_t>(k), rumour_structure::network) /
                replications;
    INFO("mean final ignorant share over the network: " << mean);
    CHECK_FALSE(std::abs(mean - 0.203) < 0.05);
}
