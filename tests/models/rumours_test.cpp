#include "models/rumours.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

using namespace civicsim::models;

namespace {

constexpr auto ignorant = rumour_state::ignorant;
constexpr auto spreader = rumour_state::spreader;
constexpr auto stifler = rumour_state::stifler;

stream test_stream(std::uint32_t day, std::uint64_t entity) {
    return stream({7, 0}, counter_phase::trust_fear, day, entity);
}

rumour active_rumour(bool is_false = false) {
    rumour r;
    r.active = true;
    r.is_false = is_false;
    return r;
}

// So many contacts a day that a small audience always plays the rumour out in one day.
rumour_params eager() {
    rumour_params p;
    p.contact_rate = 1000.0;
    p.debunk_per_online_hour = 0.0;
    return p;
}

std::vector<std::uint32_t> iota_audience(std::uint32_t n) {
    std::vector<std::uint32_t> a(n);
    std::iota(a.begin(), a.end(), 0U);
    return a;
}

double mean(const std::vector<double>& xs) {
    return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

double sample_sd(const std::vector<double>& xs) {
    const double m = mean(xs);
    double ss = 0.0;
    for (const double x : xs) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

}  // namespace

TEST_CASE("meet applies the Maki-Thompson rules", "[rumours]") {
    struct row {
        rumour_state initiator, partner;
        contact_result result;
        rumour_state initiator_after, partner_after;
    };
    const std::vector<row> rows{
        {spreader, ignorant, contact_result::converted, spreader, spreader},
        {spreader, spreader, contact_result::stifled, stifler, spreader},
        {spreader, stifler, contact_result::stifled, stifler, stifler},
        {ignorant, ignorant, contact_result::none, ignorant, ignorant},
        {ignorant, spreader, contact_result::none, ignorant, spreader},
        {stifler, ignorant, contact_result::none, stifler, ignorant},
        {stifler, spreader, contact_result::none, stifler, spreader},
    };
    for (const auto& x : rows) {
        auto a = x.initiator;
        auto b = x.partner;
        CHECK(meet(a, b) == x.result);
        CHECK(a == x.initiator_after);
        CHECK(b == x.partner_after);
    }
}

TEST_CASE("maybe_start_rumour starts only when none is active and sets the kind", "[rumours]") {
    rumour_params p;
    p.start_rate = 1e9;  // certain start
    p.false_share = 1.0;
    p.outgroup_share = 1.0;
    rumour r;
    r.heard = 12;
    auto s = test_stream(4, 0);
    REQUIRE(maybe_start_rumour(r, 1000, 4, p, s));
    CHECK(r.active);
    CHECK(r.is_false);
    CHECK(r.about_outgroup);
    CHECK(r.started_day == 4);
    CHECK(r.heard == 0);
    CHECK(r.spreaders == 0);

    const auto before = r;
    CHECK_FALSE(maybe_start_rumour(r, 1000, 5, p, s));  // one is already active
    CHECK(r.started_day == before.started_day);

    p.false_share = 0.0;  // true rumours never blame the out-group
    rumour t;
    REQUIRE(maybe_start_rumour(t, 1000, 6, p, s));
    CHECK_FALSE(t.is_false);
    CHECK_FALSE(t.about_outgroup);

    rumour none;
    CHECK_FALSE(maybe_start_rumour(none, 0, 6, p, s));  // nobody to start it
    p.enabled = false;
    CHECK_FALSE(maybe_start_rumour(none, 1000, 6, p, s));
    CHECK_FALSE(none.active);
}

TEST_CASE("maybe_start_rumour starts at start_rate per 10,000 residents per 30 days", "[rumours]") {
    rumour_params p;
    p.start_rate = 1.0;
    const std::uint32_t population = 30'000;  // daily probability 0.1
    const int trials = 20'000;
    int started = 0;
    for (int t = 0; t < trials; ++t) {
        rumour r;
        auto s = test_stream(0, static_cast<std::uint64_t>(t));
        if (maybe_start_rumour(r, population, 0, p, s)) ++started;
    }
    const double share = static_cast<double>(started) / trials;
    const double se = std::sqrt(0.1 * 0.9 / trials);
    CHECK(std::abs(share - 0.1) < 4.0 * se);
}

TEST_CASE("collect_audience keeps group members and social-media users of the range", "[rumours]") {
    residents people;
    people.resize(6);
    people.group = {no_index, 3, no_index, no_index, 0, 2};
    people.flags = {
        0, 0, resident_flag::social_media, resident_flag::literate, resident_flag::social_media, 0};
    std::vector<std::uint32_t> audience{99};
    collect_audience(people, {1, 5}, audience);
    CHECK(audience == std::vector<std::uint32_t>{1, 2, 4});
    CHECK(in_rumour_audience(resident_flag::social_media, no_index));
    CHECK(in_rumour_audience(0, 0));
    CHECK_FALSE(in_rumour_audience(resident_flag::literate | resident_flag::adopter, no_index));
}

TEST_CASE("seed_rumour resets the neighbourhood and makes one audience member a spreader",
          "[rumours]") {
    std::vector<rumour_state> states{stifler, spreader, stifler, spreader, stifler, spreader};
    const std::vector<std::uint32_t> audience{2, 3, 4};
    auto r = active_rumour();
    auto s = test_stream(0, 1);
    const auto seed = seed_rumour(r, states, {1, 5}, audience, s);
    REQUIRE(seed);
    CHECK(std::find(audience.begin(), audience.end(), *seed) != audience.end());
    for (std::uint32_t i = 1; i < 5; ++i) CHECK(states[i] == (i == *seed ? spreader : ignorant));
    CHECK(states[0] == stifler);  // other neighbourhoods untouched
    CHECK(states[5] == spreader);
    CHECK(r.heard == 1);
    CHECK(r.spreaders == 1);
    CHECK(r.active);

    auto empty = active_rumour();
    CHECK_FALSE(seed_rumour(empty, states, {1, 5}, {}, s));
    CHECK_FALSE(empty.active);
    CHECK(empty.spreaders == 0);
}

TEST_CASE("seed_rumour picks the seed uniformly", "[rumours]") {
    const std::vector<std::uint32_t> audience{0, 1, 2, 3};
    std::vector<int> picked(4, 0);
    const int trials = 8000;
    for (int t = 0; t < trials; ++t) {
        std::vector<rumour_state> states(4, ignorant);
        rumour r = active_rumour();
        auto s = test_stream(0, static_cast<std::uint64_t>(t));
        ++picked[*seed_rumour(r, states, {0, 4}, audience, s)];
    }
    const double se = std::sqrt(trials * 0.25 * 0.75);
    for (const int count : picked) CHECK(std::abs(count - trials * 0.25) < 4.0 * se);
}

TEST_CASE("two residents: the spreader tells the other, then both stop", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant};
    const auto audience = iota_audience(2);
    auto r = active_rumour();
    r.started_day = 3;
    r.heard = 1;
    std::vector<std::uint32_t> heard;
    auto s = test_stream(5, 0);
    const auto day = spread_rumour(r, states, audience, 5, 0.0, eager(), s, {}, heard);
    // Contact 1 converts resident 1; contact 2 stifles one spreader by meeting the other;
    // contact 3 stifles the last one by meeting a stifler.
    CHECK(day.contacts == 3);
    CHECK(day.newly_heard == 1);
    CHECK(heard == std::vector<std::uint32_t>{1});
    CHECK(states == std::vector<rumour_state>{stifler, stifler});
    CHECK(day.ended);
    CHECK(day.ended_day == 5);
    CHECK(day.debunked == 0);
    CHECK(day.stopped_by_moderation == 0);
    CHECK_FALSE(r.active);
    CHECK(r.heard == 2);
    CHECK(r.spreaders == 0);
}

TEST_CASE("a spreader among stiflers stops at the first contact; others are untouched",
          "[rumours]") {
    std::vector<rumour_state> states{ignorant, spreader, ignorant, stifler, ignorant, stifler};
    const std::vector<std::uint32_t> audience{1, 3, 5};
    auto r = active_rumour();
    std::vector<std::uint32_t> heard{42};
    auto s = test_stream(0, 0);
    const auto day = spread_rumour(r, states, audience, 0, 0.0, eager(), s, {}, heard);
    CHECK(day.contacts == 1);
    CHECK(day.newly_heard == 0);
    CHECK(heard.empty());
    CHECK(states ==
          std::vector<rumour_state>{ignorant, stifler, ignorant, stifler, ignorant, stifler});
    CHECK(day.ended);
    CHECK_FALSE(r.active);
}

TEST_CASE("four residents: whoever hears is reported once and everyone ends a stifler",
          "[rumours]") {
    for (std::uint64_t e = 0; e < 50; ++e) {
        std::vector<rumour_state> states{ignorant, spreader, ignorant, ignorant};
        const auto audience = iota_audience(4);
        auto r = active_rumour();
        r.heard = 1;
        std::vector<std::uint32_t> heard;
        auto s = test_stream(0, e);
        const auto day = spread_rumour(r, states, audience, 0, 0.0, eager(), s, {}, heard);
        REQUIRE(day.ended);
        CHECK(day.newly_heard == heard.size());
        CHECK(r.heard == 1 + heard.size());
        CHECK(heard.size() >= 1);  // the first contact always finds an ignorant
        for (std::uint32_t i = 0; i < 4; ++i) {
            const bool heard_today = std::find(heard.begin(), heard.end(), i) != heard.end();
            CHECK(states[i] == (i == 1 || heard_today ? stifler : ignorant));
        }
        // Each contact either converts an ignorant or stifles a spreader.
        CHECK(day.contacts == 2 * heard.size() + 1);
    }
}

TEST_CASE("a blocked contact makes the initiator a stifler and tells nobody", "[rumours]") {
    std::vector<rumour_state> states{ignorant, ignorant, spreader, ignorant};
    const auto audience = iota_audience(4);
    auto r = active_rumour();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> calls;
    const contact_filter block_all = [&](std::uint32_t a, std::uint32_t b) {
        calls.emplace_back(a, b);
        return true;
    };
    std::vector<std::uint32_t> heard;
    auto s = test_stream(0, 0);
    const auto day = spread_rumour(r, states, audience, 0, 0.0, eager(), s, block_all, heard);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].first == 2);
    CHECK(calls[0].second != 2);
    CHECK(calls[0].second < 4);
    CHECK(day.stopped_by_moderation == 1);
    CHECK(day.contacts == 1);
    CHECK(day.newly_heard == 0);
    CHECK(states == std::vector<rumour_state>{ignorant, ignorant, stifler, ignorant});
    CHECK(day.ended);
}

TEST_CASE("contacts with a protected resident are blocked, so they never hear", "[rumours]") {
    for (std::uint64_t e = 0; e < 20; ++e) {
        std::vector<rumour_state> states{spreader, ignorant, ignorant, ignorant, ignorant};
        const auto audience = iota_audience(5);
        auto r = active_rumour();
        std::uint32_t blocked_calls = 0;
        const contact_filter protect_3 = [&](std::uint32_t, std::uint32_t b) {
            return b == 3 && ++blocked_calls > 0;
        };
        std::vector<std::uint32_t> heard;
        auto s = test_stream(0, e);
        const auto day = spread_rumour(r, states, audience, 0, 0.0, eager(), s, protect_3, heard);
        CHECK(states[3] == ignorant);
        CHECK(day.stopped_by_moderation == blocked_calls);
        CHECK(day.ended);
    }
}

TEST_CASE("debunking with probability 1 stops every spreader", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant, spreader, spreader, stifler, spreader};
    const auto audience = iota_audience(6);
    auto r = active_rumour();
    r.started_day = 2;
    auto p = eager();
    p.contact_rate = 0.0;
    p.debunk_per_online_hour = 0.02;
    std::vector<std::uint32_t> heard;
    auto s = test_stream(9, 0);
    const auto day = spread_rumour(r, states, audience, 9, 50.0, p, s, {}, heard);
    CHECK(day.contacts == 0);
    CHECK(day.debunked == 4);
    CHECK(day.ended);
    CHECK(day.ended_day - r.started_day == 7);
    CHECK(states ==
          std::vector<rumour_state>{stifler, ignorant, stifler, stifler, stifler, stifler});
    CHECK_FALSE(r.active);
}

TEST_CASE("without contacts or debunking the spreaders carry on", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant, spreader};
    const auto audience = iota_audience(3);
    auto r = active_rumour();
    auto p = eager();
    p.contact_rate = 0.0;
    std::vector<std::uint32_t> heard;
    auto s = test_stream(0, 0);
    const auto day = spread_rumour(r, states, audience, 0, 100.0, p, s, {}, heard);
    CHECK_FALSE(day.ended);
    CHECK(r.active);
    CHECK(r.spreaders == 2);
    CHECK(states == std::vector<rumour_state>{spreader, ignorant, spreader});
}

TEST_CASE("an inactive rumour spreads nowhere; a lone spreader has nobody to tell", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant};
    const auto audience = iota_audience(2);
    rumour idle;
    std::vector<std::uint32_t> heard;
    auto s = test_stream(0, 0);
    const auto none = spread_rumour(idle, states, audience, 0, 0.0, eager(), s, {}, heard);
    CHECK(none.contacts == 0);
    CHECK_FALSE(none.ended);
    CHECK(states == std::vector<rumour_state>{spreader, ignorant});

    auto r = active_rumour();
    const std::vector<std::uint32_t> alone{0};
    const auto day = spread_rumour(r, states, alone, 0, 0.0, eager(), s, {}, heard);
    CHECK(day.ended);
    CHECK(day.contacts == 0);
    CHECK(states[0] == stifler);
}

TEST_CASE("false rumours make false_multiplier times more contacts", "[rumours]") {
    const std::uint32_t n = 10'000;
    const std::uint32_t initial_spreaders = 100;
    const auto audience = iota_audience(n);
    rumour_params p;
    p.contact_rate = 1.0;
    p.debunk_per_online_hour = 0.0;
    const int days = 1000;
    std::vector<std::uint32_t> heard;
    for (const bool is_false : {false, true}) {
        std::vector<double> contacts;
        for (int d = 0; d < days; ++d) {
            std::vector<rumour_state> states(n, ignorant);
            std::fill_n(states.begin(), initial_spreaders, spreader);
            auto r = active_rumour(is_false);
            auto s = test_stream(static_cast<std::uint32_t>(d), is_false ? 1 : 0);
            contacts.push_back(
                spread_rumour(r, states, audience, 0, 0.0, p, s, {}, heard).contacts);
        }
        const double expected = initial_spreaders * (is_false ? p.false_multiplier : 1.0);
        const double se = sample_sd(contacts) / std::sqrt(static_cast<double>(days));
        INFO("false: " << is_false << " mean " << mean(contacts) << " se " << se);
        CHECK(std::abs(mean(contacts) - expected) < 4.0 * se);
    }
}

TEST_CASE("spread_rumour is a pure function of the stream", "[rumours]") {
    const std::uint32_t n = 500;
    const auto audience = iota_audience(n);
    rumour_params p;
    p.contact_rate = 1.0;
    p.debunk_per_online_hour = 0.01;
    const auto run = [&](std::uint64_t entity) {
        std::vector<rumour_state> states(n, ignorant);
        auto r = active_rumour(true);
        auto s0 = test_stream(0, entity);
        seed_rumour(r, states, {0, n}, audience, s0);
        std::vector<std::uint32_t> heard;
        std::vector<std::uint32_t> all_heard;
        for (std::uint32_t d = 0; d < 60 && r.active; ++d) {
            auto s = test_stream(d, entity);
            spread_rumour(r, states, audience, d, 10.0, p, s, {}, heard);
            all_heard.insert(all_heard.end(), heard.begin(), heard.end());
        }
        return std::make_pair(states, all_heard);
    };
    const auto a = run(3);
    const auto b = run(3);
    CHECK(a.first == b.first);
    CHECK(a.second == b.second);
    CHECK_FALSE(a.second.empty());
    CHECK(run(4).second != a.second);
}
