#include "models/outreach.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "models/clocks.hpp"

using namespace civicsim::models;

namespace {

constexpr std::uint8_t literate = resident_flag::literate;
constexpr std::uint8_t aware = resident_flag::aware;
constexpr std::uint8_t adopter = resident_flag::adopter;

parameters one_neighbourhood(std::uint32_t n) {
    parameters params;
    params.neighbourhoods.resize(1);
    params.neighbourhoods[0].population = n;
    params.adoption.p = 0.0;
    params.adoption.q = 0.0;
    return params;
}

// n literate residents of language 0, aged 30-49, in neighbourhood 0, with the thresholds of
// their clocks drawn from `seed`.
residents literate_residents(std::size_t n, std::uint64_t seed = 1) {
    residents people;
    people.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        people.age[i] = age_band::y30_49;
        people.flags[i] = literate;
        stream s({seed, 0}, counter_phase::initialise, 0, i);
        people.awareness_clock[i] = exponential_threshold(s);
        people.adoption_clock[i] = exponential_threshold(s);
    }
    return people;
}

campaign_params campaign_everywhere(std::size_t neighbourhoods) {
    campaign_params c;
    c.neighbourhood_targeted.assign(neighbourhoods, 1);
    c.start_day = 0;
    c.end_day = 30;
    return c;
}

resident_range whole(const residents& people) {
    return {0, static_cast<std::uint32_t>(people.size())};
}

std::size_t count_with(const residents& people, std::uint8_t flag) {
    std::size_t n = 0;
    for (const auto f : people.flags)
        if ((f & flag) != 0) ++n;
    return n;
}

}  // namespace

TEST_CASE("has_app_access needs digital literacy and a supported language", "[outreach]") {
    app_params app;
    app.languages = {0, 2};
    CHECK(has_app_access(literate, 0, app));
    CHECK(has_app_access(literate, 2, app));
    CHECK(has_app_access(literate | aware | adopter, 0, app));
    CHECK_FALSE(has_app_access(literate, 1, app));
    CHECK_FALSE(has_app_access(0, 0, app));
    CHECK_FALSE(has_app_access(aware | adopter, 0, app));
}

TEST_CASE("app_live needs the app enabled and the launch day reached", "[outreach]") {
    app_params app;
    app.launch_day = 10;
    CHECK_FALSE(app_live(app, 0));
    CHECK_FALSE(app_live(app, 9));
    CHECK(app_live(app, 10));
    CHECK(app_live(app, 400));
    app.enabled = false;
    CHECK_FALSE(app_live(app, 10));
}

TEST_CASE("campaign_active checks enabled the half-open day window and the neighbourhood flag",
          "[outreach]") {
    campaign_params c;
    c.neighbourhood_targeted = {1, 0};
    c.start_day = 5;
    c.end_day = 8;
    const neighbourhood_id targeted{0};
    CHECK_FALSE(campaign_active(c, targeted, 4));
    CHECK(campaign_active(c, targeted, 5));
    CHECK(campaign_active(c, targeted, 7));
    CHECK_FALSE(campaign_active(c, targeted, 8));
    CHECK_FALSE(campaign_active(c, neighbourhood_id{1}, 6));
    CHECK_FALSE(campaign_active(c, neighbourhood_id{2}, 6));  // beyond the flag list
    c.enabled = false;
    CHECK_FALSE(campaign_active(c, targeted, 6));
}

TEST_CASE("update_adoption changes nothing without a live app or a running campaign",
          "[outreach]") {
    auto params = one_neighbourhood(50);
    params.adoption.p = 1e9;
    auto c = campaign_everywhere(1);
    c.daily_reach = 1.0;
    c.start_day = 10;  // not running yet
    params.policy.outreach.campaigns.push_back(c);
    auto people = literate_residents(50);
    const auto before = people.flags;

    update_adoption(people, whole(people), neighbourhood_id{0}, {3, false, 0.0}, params);
    CHECK(people.flags == before);
}

TEST_CASE("residents without literacy or a supported language never adopt", "[outreach]") {
    auto params = one_neighbourhood(4);
    params.adoption.p = 1e9;
    params.channels.app.languages = {0};
    auto people = literate_residents(4);
    people.flags = {literate, 0, literate, 0};
    people.language = {0, 0, 1, 1};

    for (std::uint32_t day = 0; day < 5; ++day)
        update_adoption(people, whole(people), neighbourhood_id{0}, {day, true, 0.0}, params);
    CHECK(people.flags == std::vector<std::uint8_t>{literate | aware | adopter, 0, literate, 0});
}

TEST_CASE("a campaign with full reach targeting 65 plus makes exactly the 65 plus residents aware",
          "[outreach]") {
    auto params = one_neighbourhood(8);
    auto c = campaign_everywhere(1);
    c.daily_reach = 1.0;
    c.age_band_mask = 1U << to_index(age_band::y65_plus);
    params.policy.outreach.campaigns.push_back(c);
    auto people = literate_residents(8);
    people.age = {age_band::y16_29,   age_band::y30_49, age_band::y50_64, age_band::y65_plus,
                  age_band::y65_plus, age_band::y50_64, age_band::y30_49, age_band::y16_29};
    people.flags[4] = 0;  // reach does not depend on literacy

    // App not live and no hazard: only the campaign's reach acts.
    update_adoption(people, whole(people), neighbourhood_id{0}, {0, false, 0.0}, params);
    for (std::size_t i = 0; i < people.size(); ++i) {
        INFO("resident " << i);
        const bool senior = people.age[i] == age_band::y65_plus;
        CHECK(((people.flags[i] & aware) != 0) == senior);
        CHECK((people.flags[i] & adopter) == 0);
    }
}

TEST_CASE("a campaign reaches only the languages in its mask", "[outreach]") {
    auto params = one_neighbourhood(4);
    auto c = campaign_everywhere(1);
    c.daily_reach = 1.0;
    c.language_mask = 1U << 1;
    params.policy.outreach.campaigns.push_back(c);
    auto people = literate_residents(4);
    people.language = {0, 1, 2, 1};

    update_adoption(people, whole(people), neighbourhood_id{0}, {0, false, 0.0}, params);
    CHECK(people.flags ==
          std::vector<std::uint8_t>{literate, literate | aware, literate, literate | aware});
}

TEST_CASE("the campaign boost makes reached residents with access adopt", "[outreach]") {
    auto params = one_neighbourhood(4);
    auto c = campaign_everywhere(1);
    c.daily_reach = 1.0;
    c.adoption_boost = 1e9;
    c.age_band_mask = 1U << to_index(age_band::y65_plus);
    params.policy.outreach.campaigns.push_back(c);
    auto people = literate_residents(4);
    people.age = {age_band::y65_plus, age_band::y30_49, age_band::y65_plus, age_band::y30_49};
    people.flags = {literate, literate, 0, literate};

    update_adoption(people, whole(people), neighbourhood_id{0}, {0, true, 0.0}, params);
    CHECK(people.flags ==
          std::vector<std::uint8_t>{literate | aware | adopter, literate, aware, literate});
}

TEST_CASE("with a huge hazard everyone with access adopts in one day", "[outreach]") {
    auto params = one_neighbourhood(200);
    params.adoption.p = 1e9;
    auto people = literate_residents(200);

    update_adoption(people, whole(people), neighbourhood_id{0}, {0, true, 0.0}, params);
    CHECK(count_with(people, adopter) == 200);
    CHECK(count_with(people, aware) == 200);
}

TEST_CASE("imitation through adopter_share raises adoption", "[outreach]") {
    auto params = one_neighbourhood(100);
    params.adoption.p = 0.0;
    params.adoption.q = 1e9;
    auto nobody_yet = literate_residents(100);
    auto some_adopted = literate_residents(100);

    update_adoption(nobody_yet, whole(nobody_yet), neighbourhood_id{0}, {0, true, 0.0}, params);
    update_adoption(some_adopted, whole(some_adopted), neighbourhood_id{0}, {0, true, 0.1}, params);
    CHECK(count_with(nobody_yet, adopter) == 0);
    CHECK(count_with(some_adopted, adopter) == 100);
}

TEST_CASE("update_adoption is deterministic for the residents' clocks and splits cleanly",
          "[outreach]") {
    auto params = one_neighbourhood(1000);
    params.adoption.p = 36.5;
    auto c = campaign_everywhere(1);
    c.daily_reach = 0.3;
    params.policy.outreach.campaigns.push_back(c);
    auto a = literate_residents(1000, 9);
    auto b = literate_residents(1000, 9);
    auto other_seed = literate_residents(1000, 10);

    update_adoption(a, whole(a), neighbourhood_id{0}, {4, true, 0.0}, params);
    update_adoption(b, whole(b), neighbourhood_id{0}, {4, true, 0.0}, params);
    update_adoption(other_seed, whole(other_seed), neighbourhood_id{0}, {4, true, 0.0}, params);
    CHECK(a.flags == b.flags);
    CHECK(a.adoption_clock == b.adoption_clock);
    CHECK(a.flags != other_seed.flags);

    // A range split in two gives the same flags and clocks as the whole range.
    auto split = literate_residents(1000, 9);
    update_adoption(split, {400, 1000}, neighbourhood_id{0}, {4, true, 0.0}, params);
    update_adoption(split, {0, 400}, neighbourhood_id{0}, {4, true, 0.0}, params);
    CHECK(a.flags == split.flags);
    CHECK(a.awareness_clock == split.awareness_clock);
}

TEST_CASE("awareness from a campaign comes at its daily reach, day after day", "[outreach]") {
    // Reach 0.2 a day: on day d (from 0) the unaware share is 0.8^(d+1), within 4 s.e.
    constexpr std::uint32_t n = 20000;
    auto params = one_neighbourhood(n);
    auto c = campaign_everywhere(1);
    c.daily_reach = 0.2;
    params.policy.outreach.campaigns.push_back(c);
    auto people = literate_residents(n, 5);
    for (std::uint32_t day = 0; day < 5; ++day) {
        update_adoption(people, whole(people), neighbourhood_id{0}, {day, false, 0.0}, params);
        const double expected = 1.0 - std::pow(0.8, day + 1);
        const double se = std::sqrt(expected * (1.0 - expected) / n);
        INFO("day " << day);
        CHECK(static_cast<double>(count_with(people, aware)) / n ==
              Approx(expected).margin(4.0 * se));
    }
}

TEST_CASE("one day of innovation-only adoption comes at 1 - exp(-p / 365)", "[outreach]") {
    constexpr std::uint32_t n = 50000;
    auto params = one_neighbourhood(n);
    params.adoption.p = 36.5;  // a daily probability of about 0.095, measurable in one day
    auto people = literate_residents(n);

    update_adoption(people, whole(people), neighbourhood_id{0}, {0, true, 0.0}, params);
    const double expected = -std::expm1(-params.adoption.p / 365.0);
    const double se = std::sqrt(expected * (1.0 - expected) / n);
    CHECK(static_cast<double>(count_with(people, adopter)) / n ==
          Approx(expected).margin(4.0 * se));
}

TEST_CASE("campaign cost is split by population between targeted neighbourhoods on active days",
          "[outreach]") {
    parameters params;
    params.neighbourhoods.resize(3);
    params.neighbourhoods[0].population = 1000;
    params.neighbourhoods[1].population = 3000;
    params.neighbourhoods[2].population = 6000;
    campaign_params c;
    c.neighbourhood_targeted = {1, 1, 0};
    c.start_day = 2;
    c.end_day = 5;
    c.cost_per_day = 400.0;
    params.policy.outreach.campaigns.push_back(c);
    campaign_params off = c;
    off.enabled = false;
    params.policy.outreach.campaigns.push_back(off);

    const auto active = campaign_cost_by_neighbourhood(params, 2);
    REQUIRE(active.size() == 3);
    CHECK(active[0] == Approx(100.0));
    CHECK(active[1] == Approx(300.0));
    CHECK(active[2] == 0.0);
    CHECK(std::accumulate(active.begin(), active.end(), 0.0) == Approx(c.cost_per_day));
    CHECK(campaign_cost_by_neighbourhood(params, 4)[1] == Approx(300.0));

    for (const std::uint32_t day : {0U, 1U, 5U, 100U}) {
        INFO("day " << day);
        CHECK(campaign_cost_by_neighbourhood(params, day) == std::vector<double>{0.0, 0.0, 0.0});
    }
}

TEST_CASE("costs of campaigns running on the same day add up", "[outreach]") {
    parameters params;
    params.neighbourhoods.resize(2);
    params.neighbourhoods[0].population = 1000;
    params.neighbourhoods[1].population = 1000;
    campaign_params both;
    both.neighbourhood_targeted = {1, 1};
    both.cost_per_day = 100.0;
    campaign_params second_only;
    second_only.neighbourhood_targeted = {0, 1};
    second_only.cost_per_day = 30.0;
    params.policy.outreach.campaigns = {both, second_only};

    const auto cost = campaign_cost_by_neighbourhood(params, 0);
    CHECK(cost[0] == Approx(50.0));
    CHECK(cost[1] == Approx(80.0));
}
