#include "models/exposure.hpp"

#include <catch2/catch.hpp>

using namespace civicsim::models;

namespace {

campaign_params campaign(std::vector<std::uint8_t> neighbourhoods, std::uint8_t bands,
                         std::uint32_t languages) {
    campaign_params c;
    c.neighbourhood_targeted = std::move(neighbourhoods);
    c.age_band_mask = bands;
    c.language_mask = languages;
    return c;
}

constexpr neighbourhood_id hood(std::uint16_t n) { return neighbourhood_id{n}; }

}  // namespace

TEST_CASE("a campaign targets its neighbourhoods, age bands and languages only", "[exposure]") {
    const auto c = campaign({1, 0}, 1U << to_index(age_band::y65_plus), 1U << 2);
    CHECK(campaign_targets(c, hood(0), age_band::y65_plus, 2));
    CHECK_FALSE(campaign_targets(c, hood(1), age_band::y65_plus, 2));   // not its neighbourhood
    CHECK_FALSE(campaign_targets(c, hood(7), age_band::y65_plus, 2));   // no flag: not targeted
    CHECK_FALSE(campaign_targets(c, hood(0), age_band::y50_64, 2));     // not its age band
    CHECK_FALSE(campaign_targets(c, hood(0), age_band::y65_plus, 0));   // not its language
    CHECK_FALSE(campaign_targets(c, hood(0), age_band::y65_plus, 40));  // beyond the mask
}

TEST_CASE("a resident is a target if any campaign of the scenario targets them, on or off",
          "[exposure]") {
    parameters p;
    CHECK_FALSE(campaign_target(p, hood(0), age_band::y16_29, 0));  // no campaign: nobody
    auto young = campaign({1}, 1U << to_index(age_band::y16_29), 0xFFFFFFFF);
    young.enabled = false;  // switched off: its targets are still its targets
    p.policy.outreach.campaigns.push_back(young);
    p.policy.outreach.campaigns.push_back(
        campaign({1}, 1U << to_index(age_band::y65_plus), 1U << 1));
    CHECK(campaign_target(p, hood(0), age_band::y16_29, 0));
    CHECK(campaign_target(p, hood(0), age_band::y65_plus, 1));
    CHECK_FALSE(campaign_target(p, hood(0), age_band::y65_plus, 0));
    CHECK_FALSE(campaign_target(p, hood(0), age_band::y30_49, 1));
}

TEST_CASE("exposure follows group membership, the adopter flag and campaign targeting",
          "[exposure]") {
    parameters p;
    p.policy.outreach.campaigns.push_back(
        campaign({0, 1}, 1U << to_index(age_band::y30_49), 0xFFFFFFFF));
    residents people;
    people.resize(3);
    people.neighbourhood = {0, 1, 1};
    people.age = {age_band::y30_49, age_band::y30_49, age_band::y65_plus};
    people.language = {0, 0, 0};
    people.flags = {resident_flag::adopter, resident_flag::aware, 0};
    people.group = {no_index, 4, no_index};
    CHECK_FALSE(exposed(p, people, 0, exposure::group_membership));
    CHECK(exposed(p, people, 1, exposure::group_membership));
    CHECK(exposed(p, people, 0, exposure::app_use));
    CHECK_FALSE(exposed(p, people, 1, exposure::app_use));          // aware is not using
    CHECK_FALSE(exposed(p, people, 0, exposure::campaign_target));  // neighbourhood 0 not flagged
    CHECK(exposed(p, people, 1, exposure::campaign_target));
    CHECK_FALSE(exposed(p, people, 2, exposure::campaign_target));  // 65+ not targeted
}

TEST_CASE("every exposure names its results group, its axis and its two groups", "[exposure]") {
    CHECK(exposures[to_index(exposure::group_membership)].name == "by_group_membership");
    CHECK(exposures[to_index(exposure::app_use)].axis == "app_use");
    CHECK(exposures[to_index(exposure::campaign_target)].labels[0] == "targets");
    for (const auto& e : exposures) CHECK(e.labels[1] == "others");
}
