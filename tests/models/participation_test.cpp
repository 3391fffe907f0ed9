#include "models/participation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace civicsim::models;

namespace {

constexpr std::uint8_t literate = resident_flag::literate;
constexpr std::uint8_t adopter = resident_flag::adopter;

// Factors chosen so that every product is exact in binary floating point.
participation_params exact_params() {
    participation_params p;
    p.enabled = true;
    p.base_rate = 0.25;
    p.age_factor = {0.5, 1.0, 2.0, 0.75};
    p.offline_factor = 0.5;
    p.outreach_boost = 2.0;
    return p;
}

// n app users (literate adopters, language 0) of one age band, in neighbourhood 0.
residents app_users(std::size_t n, age_band band) {
    residents people;
    people.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        people.age[i] = band;
        people.flags[i] = literate | adopter;
        people.trust[i] = 0.5F;
        people.fear[i] = 0.25F;
    }
    return people;
}

resident_range whole(const residents& people) {
    return {0, static_cast<std::uint32_t>(people.size())};
}

}  // namespace

TEST_CASE("a consultation is held every period_days days after day 0", "[participation]") {
    participation_params p;
    p.enabled = true;
    p.period_days = 30;
    CHECK_FALSE(consultation_day(0, p));
    CHECK_FALSE(consultation_day(1, p));
    CHECK_FALSE(consultation_day(29, p));
    CHECK(consultation_day(30, p));
    CHECK_FALSE(consultation_day(31, p));
    CHECK(consultation_day(60, p));
    CHECK(consultation_day(90, p));
    std::uint32_t held = 0;
    for (std::uint32_t day = 0; day < 365; ++day)
        if (consultation_day(day, p)) ++held;
    CHECK(held == 12);
    p.period_days = 0;
    CHECK_FALSE(consultation_day(30, p));
    // The calendar does not depend on the switch: a rollout phase may hold consultations in
    // some neighbourhoods while policy.participation.enabled is false elsewhere.
    p.period_days = 30;
    p.enabled = false;
    CHECK(consultation_day(30, p));
}

TEST_CASE("participation_probability multiplies base rate and age factor for app users",
          "[participation]") {
    const auto p = exact_params();
    CHECK(participation_probability(age_band::y16_29, true, true, true, p) == 0.125);
    CHECK(participation_probability(age_band::y30_49, true, true, true, p) == 0.25);
    CHECK(participation_probability(age_band::y50_64, true, true, true, p) == 0.5);
    CHECK(participation_probability(age_band::y65_plus, true, true, true, p) == 0.1875);
}

TEST_CASE("residents without skills app or language take part at the offline factor",
          "[participation]") {
    const auto p = exact_params();
    const auto band = age_band::y30_49;
    CHECK(participation_probability(band, false, true, true, p) == 0.125);
    CHECK(participation_probability(band, true, false, true, p) == 0.125);
    CHECK(participation_probability(band, true, true, false, p) == 0.125);
    CHECK(participation_probability(band, false, false, false, p) == 0.125);
}

TEST_CASE("outreach raises participation of the targeted age band only", "[participation]") {
    auto p = exact_params();
    p.outreach_age_band_mask = 1U << to_index(age_band::y65_plus);
    CHECK(participation_probability(age_band::y65_plus, true, true, true, p) == 0.375);
    CHECK(participation_probability(age_band::y65_plus, false, false, true, p) == 0.1875);
    CHECK(participation_probability(age_band::y16_29, true, true, true, p) == 0.125);
    CHECK(participation_probability(age_band::y30_49, true, true, true, p) == 0.25);
    CHECK(participation_probability(age_band::y50_64, true, true, true, p) == 0.5);
    CHECK(participation_probability(age_band::y30_49, false, false, true, p) == 0.125);
    CHECK(reached_by_outreach(age_band::y65_plus, true, p));
    CHECK_FALSE(reached_by_outreach(age_band::y50_64, false, p));
}

TEST_CASE("low-literacy outreach reaches residents without skills in every band",
          "[participation]") {
    auto p = exact_params();
    p.outreach_low_literacy = true;
    CHECK(participation_probability(age_band::y30_49, false, false, true, p) == 0.25);
    CHECK(participation_probability(age_band::y50_64, false, true, true, p) == 0.5);
    CHECK(participation_probability(age_band::y30_49, true, false, true, p) == 0.125);
    CHECK(participation_probability(age_band::y30_49, true, true, true, p) == 0.25);
    // Both kinds of outreach reach a resident only once.
    p.outreach_age_band_mask = 1U << to_index(age_band::y30_49);
    CHECK(participation_probability(age_band::y30_49, false, false, true, p) == 0.25);
}

TEST_CASE("participation_probability is clamped to the unit interval", "[participation]") {
    auto p = exact_params();
    p.base_rate = 0.8;
    p.outreach_boost = 10.0;
    p.outreach_age_band_mask = 0xF;
    CHECK(participation_probability(age_band::y50_64, true, true, true, p) == 1.0);
    p.base_rate = -0.1;
    CHECK(participation_probability(age_band::y50_64, true, true, true, p) == 0.0);
}

TEST_CASE("take_part with certain participation counts fear and raises trust", "[participation]") {
    parameters params;
    params.neighbourhoods.resize(2);
    auto& p = params.policy.participation;
    p = exact_params();
    p.base_rate = 1.0;
    p.age_factor = {1.0, 1.0, 1.0, 1.0};
    p.trust_gain = 0.125;
    auto people = app_users(4, age_band::y30_49);
    people.fear = {0.25F, 0.5F, 0.75F, 0.0F};
    people.trust = {0.5F, 0.25F, 0.9375F, 0.0F};

    auto out = empty_vote(2);
    take_part(people, whole(people), neighbourhood_id{1}, 30, {0}, params, {1, 0}, out);
    CHECK(out.weight == std::vector<double>{0.0, 1.5});
    CHECK(out.participants == std::vector<std::uint32_t>{0, 4});
    CHECK(people.trust == std::vector<float>{0.625F, 0.375F, 1.0F, 0.125F});
}

TEST_CASE("take_part with zero probability changes nothing", "[participation]") {
    parameters params;
    params.neighbourhoods.resize(1);
    params.policy.participation = exact_params();
    params.policy.participation.base_rate = 0.0;
    auto people = app_users(50, age_band::y50_64);
    const auto trust_before = people.trust;
    auto out = empty_vote(1);
    take_part(people, whole(people), neighbourhood_id{0}, 30, {0}, params, {1, 0}, out);
    CHECK(out.weight == std::vector<double>{0.0});
    CHECK(out.participants == std::vector<std::uint32_t>{0});
    CHECK(people.trust == trust_before);
}

TEST_CASE("take_part needs a vote sized for the neighbourhood", "[participation]") {
    parameters params;
    params.neighbourhoods.resize(2);
    auto people = app_users(3, age_band::y30_49);
    vote out = empty_vote(1);
    CHECK_THROWS_AS(
        take_part(people, whole(people), neighbourhood_id{1}, 30, {0}, params, {1, 0}, out),
        std::out_of_range);
}

TEST_CASE("take_part rates match participation_probability within 4 standard errors",
          "[participation]") {
    parameters params;
    params.neighbourhoods.resize(1);
    params.policy.participation = exact_params();
    constexpr std::uint32_t n = 40000;
    // Half app users, half residents who speak an unsupported language.
    auto people = app_users(n, age_band::y50_64);
    for (std::uint32_t i = n / 2; i < n; ++i) people.language[i] = 3;
    auto out = empty_vote(1);
    take_part(people, whole(people), neighbourhood_id{0}, 90, {0, 1}, params, {4, 0}, out);

    std::uint32_t online = 0;
    std::uint32_t offline = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        if (people.trust[i] == 0.5F) continue;
        ++(i < n / 2 ? online : offline);
    }
    CHECK(online + offline == out.participants[0]);
    CHECK(out.weight[0] == Approx(0.25 * out.participants[0]));
    const auto check_rate = [](std::uint32_t count, double expected) {
        const double half = n / 2.0;
        const double se = std::sqrt(expected * (1.0 - expected) / half);
        CHECK(count / half == Approx(expected).margin(4.0 * se));
    };
    check_rate(online, 0.5);
    check_rate(offline, 0.25);
}

TEST_CASE("take_part is deterministic and independent of how the range is split",
          "[participation]") {
    parameters params;
    params.neighbourhoods.resize(1);
    params.policy.participation = exact_params();
    auto a = app_users(1000, age_band::y30_49);
    auto split = a;
    auto other_day = a;
    auto vote_a = empty_vote(1);
    auto vote_split = empty_vote(1);
    auto vote_other = empty_vote(1);
    take_part(a, whole(a), neighbourhood_id{0}, 90, {0}, params, {7, 2}, vote_a);
    take_part(split, {600, 1000}, neighbourhood_id{0}, 90, {0}, params, {7, 2}, vote_split);
    take_part(split, {0, 600}, neighbourhood_id{0}, 90, {0}, params, {7, 2}, vote_split);
    take_part(other_day, whole(other_day), neighbourhood_id{0}, 180, {0}, params, {7, 2},
              vote_other);
    CHECK(a.trust == split.trust);
    CHECK(vote_a.participants == vote_split.participants);
    CHECK(vote_a.weight == vote_split.weight);
    CHECK(a.trust != other_day.trust);
}

TEST_CASE("participation draws do not reuse the adoption streams of the same day",
          "[participation]") {
    // Adoption draws from stream(key, outreach, day, i); participation tags its entity.
    stream adoption({1, 0}, counter_phase::outreach, 30, 5);
    stream participation({1, 0}, counter_phase::outreach, 30, (4ULL << 40) | 5U);
    CHECK(adoption() != participation());
}

TEST_CASE("blend_patrol_shares mixes the allocation with the vote", "[participation]") {
    const std::vector<double> allocation{0.5, 0.25, 0.25};
    vote last;
    last.weight = {0.0, 3.0, 1.0};
    last.participants = {0, 6, 2};
    const auto shares = blend_patrol_shares(allocation, last, 0.5);
    CHECK(shares == std::vector<double>{0.25, 0.5, 0.25});
    CHECK(std::accumulate(shares.begin(), shares.end(), 0.0) == 1.0);

    CHECK(blend_patrol_shares(allocation, last, 0.0) == allocation);
    CHECK(blend_patrol_shares(allocation, last, 1.0) == std::vector<double>{0.0, 0.75, 0.25});
    CHECK(blend_patrol_shares(allocation, last, 2.0) == std::vector<double>{0.0, 0.75, 0.25});
}

TEST_CASE("blend_patrol_shares sums to one for uneven shares and votes", "[participation]") {
    const std::vector<double> allocation{0.1, 0.2, 0.3, 0.4};
    vote last;
    last.weight = {1.7, 0.3, 12.9, 4.4};
    const auto shares = blend_patrol_shares(allocation, last, 0.2);
    REQUIRE(shares.size() == 4);
    CHECK(std::accumulate(shares.begin(), shares.end(), 0.0) == Approx(1.0).epsilon(1e-12));
    CHECK(shares[2] == Approx(0.8 * 0.3 + 0.2 * 12.9 / 19.3).epsilon(1e-12));
}

TEST_CASE("without a vote or with zero weights the allocation is unchanged", "[participation]") {
    const std::vector<double> allocation{0.6, 0.4};
    CHECK(blend_patrol_shares(allocation, vote{}, 0.2) == allocation);
    CHECK(blend_patrol_shares(allocation, empty_vote(2), 0.2) == allocation);
    vote mismatched;
    mismatched.weight = {1.0, 1.0, 1.0};
    CHECK_THROWS_AS(blend_patrol_shares(allocation, mismatched, 0.2), std::invalid_argument);
}
