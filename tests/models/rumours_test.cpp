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

// Well mixed, with so many contacts a day that every spreader makes contacts until it stops.
rumour_params eager() {
    rumour_params p;
    p.structure = rumour_structure::well_mixed;
    p.contact_rate = 1000.0;
    p.debunk_per_online_hour = 0.0;
    return p;
}

const contact_structure unused{};  // the well-mixed structure reads none of it

/// One well-mixed day, the spreaders taken from the states (in audience order).
spread_day mixed_day(rumour& r, std::vector<rumour_state>& states,
                     std::vector<std::uint32_t> audience, std::uint32_t day, double online,
                     const rumour_params& p, stream& s, std::vector<std::uint32_t>& heard,
                     const contact_filter& filter = {}) {
    auto spread = spreaders_among(states, audience);
    return spread_rumour(r, spread, states, audience, unused, day, online, p, s, {filter, {}},
                         heard);
}

/// A neighbourhood of `n` residents [0, n), every one a social-media user unless `offline` says
/// otherwise, in no group.
struct town {
    std::uint32_t n;
    std::vector<std::uint8_t> flags;
    std::vector<std::uint32_t> group;
    std::vector<std::vector<std::uint32_t>> members;
    std::vector<rumour_state> states;

    explicit town(std::uint32_t size, std::uint32_t offline = 0)
        : n(size),
          flags(size, resident_flag::social_media),
          group(size, no_index),
          states(size, rumour_state::ignorant) {
        for (std::uint32_t i = 0; i < offline; ++i) flags[size - 1 - i] = 0;
    }
    contact_structure structure(stream_key key = {7, 0}) const {
        std::uint32_t users = 0;
        for (const auto f : flags) users += (f & resident_flag::social_media) != 0 ? 1U : 0U;
        return {{0, n}, flags, users, group, members, key};
    }
};

/// Network parameters with nothing going on: no contacts, no forgetting, nobody passes it on.
rumour_params quiet_network() {
    rumour_params p;
    p.structure = rumour_structure::network;
    p.contact_rate = 0.0;
    p.forget_rate = 0.0;
    p.share_probability = 0.0;
    p.detection_per_online_hour = 0.0;
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
    rumour_spread spread;
    spread.spreaders = {{9, true}};
    auto s = test_stream(0, 1);
    const auto seed = seed_rumour(r, spread, states, {1, 5}, audience, s);
    REQUIRE(seed);
    CHECK(std::find(audience.begin(), audience.end(), *seed) != audience.end());
    for (std::uint32_t i = 1; i < 5; ++i) CHECK(states[i] == (i == *seed ? spreader : ignorant));
    CHECK(states[0] == stifler);  // other neighbourhoods untouched
    CHECK(states[5] == spreader);
    CHECK(spread.spreaders == std::vector<spreader_entry>{{*seed, false}});
    CHECK(r.heard == 1);
    CHECK(r.spreaders == 1);
    CHECK(r.active);

    auto empty = active_rumour();
    CHECK_FALSE(seed_rumour(empty, spread, states, {1, 5}, {}, s));
    CHECK_FALSE(empty.active);
    CHECK(empty.spreaders == 0);
    CHECK(spread.spreaders.empty());
}

TEST_CASE("seed_rumour picks the seed uniformly", "[rumours]") {
    const std::vector<std::uint32_t> audience{0, 1, 2, 3};
    std::vector<int> picked(4, 0);
    const int trials = 8000;
    for (int t = 0; t < trials; ++t) {
        std::vector<rumour_state> states(4, ignorant);
        rumour r = active_rumour();
        rumour_spread spread;
        auto s = test_stream(0, static_cast<std::uint64_t>(t));
        ++picked[*seed_rumour(r, spread, states, {0, 4}, audience, s)];
    }
    const double se = std::sqrt(trials * 0.25 * 0.75);
    for (const int count : picked) CHECK(std::abs(count - trials * 0.25) < 4.0 * se);
}

TEST_CASE("seed_network_rumour resets only those the last rumour reached", "[rumours]") {
    std::vector<rumour_state> states{stifler, spreader, stifler, stifler, ignorant, spreader};
    std::vector<std::uint32_t> reached{1, 2};
    auto r = active_rumour();
    rumour_spread spread;
    std::vector<int> picked(6, 0);
    for (std::uint64_t t = 0; t < 4000; ++t) {
        auto copy = states;
        auto list = reached;
        auto s = test_stream(0, t);
        const auto seed = seed_network_rumour(r, spread, copy, {1, 5}, list, s);
        REQUIRE(seed);
        ++picked[*seed];
        CHECK(list == std::vector<std::uint32_t>{*seed});
        CHECK(spread.spreaders == std::vector<spreader_entry>{{*seed, false}});
        for (std::uint32_t i = 1; i < 3; ++i)  // reached before: reset
            CHECK(copy[i] == (i == *seed ? spreader : ignorant));
        CHECK(copy[3] == (*seed == 3 ? spreader : stifler));  // not in the list: left alone
        CHECK(copy[0] == stifler);
        CHECK(copy[5] == spreader);
        CHECK(r.heard == 1);
        CHECK(r.spreaders == 1);
    }
    // Any resident of the range, online or not, uniformly.
    CHECK(picked[0] == 0);
    CHECK(picked[5] == 0);
    for (std::uint32_t i = 1; i < 5; ++i)
        CHECK(std::abs(picked[i] - 1000) < 4.0 * std::sqrt(750.0));

    auto none = active_rumour();
    auto s = test_stream(1, 0);
    CHECK_FALSE(seed_network_rumour(none, spread, states, {2, 2}, reached, s));
    CHECK_FALSE(none.active);
}

// --- Well mixed -------------------------------------------------------------------------------

TEST_CASE("well mixed, two residents: the spreader tells the other, then both stop", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant};
    const auto audience = iota_audience(2);
    auto r = active_rumour();
    r.started_day = 3;
    r.heard = 1;
    auto spread = spreaders_among(states, audience);
    std::vector<std::uint32_t> heard;
    auto aud = audience;
    auto s = test_stream(5, 0);
    // Day 5: the first contact tells resident 1, the second finds them knowing: 0 stops.
    auto day = spread_rumour(r, spread, states, aud, unused, 5, 0.0, eager(), s, {}, heard);
    CHECK(day.contacts == 2);
    CHECK(day.newly_heard == 1);
    CHECK(heard == std::vector<std::uint32_t>{1});
    CHECK(states == std::vector<rumour_state>{stifler, spreader});
    CHECK_FALSE(day.ended);
    CHECK(r.spreaders == 1);
    CHECK(spread.spreaders == std::vector<spreader_entry>{{1, false}});
    // Day 6: resident 1 meets 0, who knows, and stops.
    auto s6 = test_stream(6, 0);
    day = spread_rumour(r, spread, states, aud, unused, 6, 0.0, eager(), s6, {}, heard);
    CHECK(day.contacts == 1);
    CHECK(heard.empty());
    CHECK(states == std::vector<rumour_state>{stifler, stifler});
    CHECK(day.ended);
    CHECK(day.ended_day == 6);
    CHECK(day.debunked == 0);
    CHECK(day.stopped_by_moderation == 0);
    CHECK_FALSE(r.active);
    CHECK(r.heard == 2);
    CHECK(r.spreaders == 0);
}

TEST_CASE("well mixed: a spreader among stiflers stops at the first contact; others untouched",
          "[rumours]") {
    std::vector<rumour_state> states{ignorant, spreader, ignorant, stifler, ignorant, stifler};
    auto r = active_rumour();
    std::vector<std::uint32_t> heard{42};
    auto s = test_stream(0, 0);
    const auto day = mixed_day(r, states, {1, 3, 5}, 0, 0.0, eager(), s, heard);
    CHECK(day.contacts == 1);
    CHECK(day.newly_heard == 0);
    CHECK(heard.empty());
    CHECK(states ==
          std::vector<rumour_state>{ignorant, stifler, ignorant, stifler, ignorant, stifler});
    CHECK(day.ended);
    CHECK_FALSE(r.active);
}

TEST_CASE("well mixed, four residents: whoever hears is reported once and all end stiflers",
          "[rumours]") {
    for (std::uint64_t e = 0; e < 50; ++e) {
        std::vector<rumour_state> states{ignorant, spreader, ignorant, ignorant};
        auto audience = iota_audience(4);
        auto r = active_rumour();
        r.heard = 1;
        auto spread = spreaders_among(states, audience);
        std::vector<std::uint32_t> heard, all_heard;
        std::uint32_t contacts = 0;
        for (std::uint32_t d = 0; r.active; ++d) {
            REQUIRE(d < 10);
            auto s = test_stream(d, e);
            const auto day =
                spread_rumour(r, spread, states, audience, unused, d, 0.0, eager(), s, {}, heard);
            CHECK(day.newly_heard == heard.size());
            contacts += day.contacts;
            all_heard.insert(all_heard.end(), heard.begin(), heard.end());
        }
        CHECK(r.heard == 1 + all_heard.size());
        CHECK(all_heard.size() >= 1);  // the first contact always finds an ignorant
        for (std::uint32_t i = 0; i < 4; ++i) {
            const auto times = std::count(all_heard.begin(), all_heard.end(), i);
            CHECK(times <= 1);
            CHECK(states[i] == (i == 1 || times == 1 ? stifler : ignorant));
        }
        // Each contact either converts an ignorant or stifles a spreader.
        CHECK(contacts == 2 * all_heard.size() + 1);
    }
}

TEST_CASE("well mixed: a blocked contact makes the initiator a stifler and tells nobody",
          "[rumours]") {
    std::vector<rumour_state> states{ignorant, ignorant, spreader, ignorant};
    auto r = active_rumour();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> calls;
    const contact_filter block_all = [&](std::uint32_t a, std::uint32_t b) {
        calls.emplace_back(a, b);
        return true;
    };
    std::vector<std::uint32_t> heard;
    auto s = test_stream(0, 0);
    const auto day = mixed_day(r, states, iota_audience(4), 0, 0.0, eager(), s, heard, block_all);
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

TEST_CASE("well mixed: contacts with a protected resident are blocked, so they never hear",
          "[rumours]") {
    for (std::uint64_t e = 0; e < 20; ++e) {
        std::vector<rumour_state> states{spreader, ignorant, ignorant, ignorant, ignorant};
        auto audience = iota_audience(5);
        auto spread = spreaders_among(states, audience);
        auto r = active_rumour();
        std::uint32_t blocked_calls = 0, stopped = 0;
        const contact_filter protect_3 = [&](std::uint32_t, std::uint32_t b) {
            return b == 3 && ++blocked_calls > 0;
        };
        std::vector<std::uint32_t> heard;
        for (std::uint32_t d = 0; r.active; ++d) {
            REQUIRE(d < 20);
            auto s = test_stream(d, e);
            stopped += spread_rumour(r, spread, states, audience, unused, d, 0.0, eager(), s,
                                     {protect_3, {}}, heard)
                           .stopped_by_moderation;
        }
        CHECK(states[3] == ignorant);
        CHECK(stopped == blocked_calls);
    }
}

TEST_CASE("well mixed: debunking with probability 1 stops every spreader", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant, spreader, spreader, stifler, spreader};
    auto r = active_rumour();
    r.started_day = 2;
    auto p = eager();
    p.contact_rate = 0.0;
    p.debunk_per_online_hour = 0.02;
    std::vector<std::uint32_t> heard;
    auto s = test_stream(9, 0);
    const auto day = mixed_day(r, states, iota_audience(6), 9, 50.0, p, s, heard);
    CHECK(day.contacts == 0);
    CHECK(day.debunked == 4);
    CHECK(day.ended);
    CHECK(day.ended_day - r.started_day == 7);
    CHECK(states ==
          std::vector<rumour_state>{stifler, ignorant, stifler, stifler, stifler, stifler});
    CHECK_FALSE(r.active);
}

TEST_CASE("well mixed: without contacts or debunking the spreaders carry on", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant, spreader};
    auto r = active_rumour();
    auto p = eager();
    p.contact_rate = 0.0;
    p.forget_rate = 1.0;  // network only
    std::vector<std::uint32_t> heard;
    auto s = test_stream(0, 0);
    const auto day = mixed_day(r, states, iota_audience(3), 0, 100.0, p, s, heard);
    CHECK_FALSE(day.ended);
    CHECK(r.active);
    CHECK(r.spreaders == 2);
    CHECK(states == std::vector<rumour_state>{spreader, ignorant, spreader});
}

TEST_CASE("an inactive rumour spreads nowhere; a lone spreader has nobody to tell", "[rumours]") {
    std::vector<rumour_state> states{spreader, ignorant};
    rumour idle;
    std::vector<std::uint32_t> heard;
    auto s = test_stream(0, 0);
    const auto none = mixed_day(idle, states, iota_audience(2), 0, 0.0, eager(), s, heard);
    CHECK(none.contacts == 0);
    CHECK_FALSE(none.ended);
    CHECK(states == std::vector<rumour_state>{spreader, ignorant});

    auto r = active_rumour();
    const auto day = mixed_day(r, states, {0}, 0, 0.0, eager(), s, heard);
    CHECK(day.ended);
    CHECK(day.contacts == 0);
    CHECK(states[0] == stifler);

    // A network of one resident: likewise.
    town one(1);
    one.states[0] = spreader;
    auto lone = active_rumour();
    rumour_spread spread{{{0, false}}};
    std::vector<std::uint32_t> reached{0};
    auto p = quiet_network();
    p.contact_rate = 5.0;
    const auto alone =
        spread_rumour(lone, spread, one.states, reached, one.structure(), 0, 0.0, p, s, {}, heard);
    CHECK(alone.ended);
    CHECK(one.states[0] == stifler);
}

TEST_CASE("well mixed: false rumours make false_multiplier times more contacts", "[rumours]") {
    // Few spreaders in a large audience, so that hardly a contact finds someone who knows (which
    // would stop its initiator and cancel the rest of their contacts).
    const std::uint32_t n = 100'000;
    const std::uint32_t initial_spreaders = 10;
    rumour_params p;
    p.structure = rumour_structure::well_mixed;
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
                mixed_day(r, states, iota_audience(n), 0, 0.0, p, s, heard).contacts);
        }
        const double expected = initial_spreaders * (is_false ? p.false_multiplier : 1.0);
        const double se = sample_sd(contacts) / std::sqrt(static_cast<double>(days));
        INFO("false: " << is_false << " mean " << mean(contacts) << " se " << se);
        CHECK(std::abs(mean(contacts) - expected) < 4.0 * se);
    }
}

// --- The network ------------------------------------------------------------------------------

TEST_CASE("follower_count is Lomax, rounded down and capped", "[rumours]") {
    rumour_params p;
    p.followers_scale = 2.0;
    p.followers_exponent = 2.5;
    // P(X >= k) = (1 + k / scale)^-(exponent - 1): check at a few k over many draws.
    const int draws = 200'000;
    std::vector<int> at_least(4, 0);
    const std::vector<std::uint32_t> ks{1, 5, 20, 100};
    double sum = 0.0;
    auto s = test_stream(0, 0);
    for (int t = 0; t < draws; ++t) {
        const auto k = follower_count(s.uniform(), 1'000'000, p);
        sum += k;
        for (std::size_t j = 0; j < ks.size(); ++j) at_least[j] += k >= ks[j] ? 1 : 0;
    }
    for (std::size_t j = 0; j < ks.size(); ++j) {
        const double expected = std::pow(1.0 + ks[j] / p.followers_scale, -1.5);
        const double se = std::sqrt(expected * (1.0 - expected) / draws);
        INFO("k " << ks[j] << ": " << at_least[j] / static_cast<double>(draws) << " expected "
                  << expected);
        CHECK(std::abs(at_least[j] / static_cast<double>(draws) - expected) < 4.0 * se);
    }
    CHECK(follower_count(0.0, 1'000'000, p) == 0);
    CHECK(follower_count(0.999999999, 50, p) == 49);  // at most everyone else
    CHECK(follower_count(0.5, 1, p) == 0);            // nobody else to follow
    CHECK(follower_count(0.5, 0, p) == 0);
}

TEST_CASE("a user's followers are other social-media users, the same every time", "[rumours]") {
    town t(2000, 500);  // the last 500 are offline
    const auto c = t.structure();
    rumour_params p;
    p.followers_scale = 50.0;  // many followers, to see them
    std::uint32_t seen = 0;
    for (std::uint32_t user = 0; user < 100; ++user) {
        std::vector<std::uint32_t> a, b;
        for_each_follower(user, c, p, [&](std::uint32_t j) { a.push_back(j); });
        for_each_follower(user, c, p, [&](std::uint32_t j) { b.push_back(j); });
        CHECK(a == b);
        auto s = streams::followers.open(c.key, 0, user);
        CHECK(a.size() == follower_count(s.uniform(), c.social_media_users, p));
        for (const auto j : a) {
            CHECK(j != user);
            CHECK(j < 1500);  // a user, never an offline resident
        }
        seen += static_cast<std::uint32_t>(a.size());
    }
    CHECK(seen > 1000);
    // Another run has another network.
    std::vector<std::uint32_t> a, b;
    for_each_follower(0, c, p, [&](std::uint32_t j) { a.push_back(j); });
    for_each_follower(0, t.structure({7, 1}), p, [&](std::uint32_t j) { b.push_back(j); });
    CHECK(a != b);
}

TEST_CASE("follows_police: a share of users, never someone offline or without the channel",
          "[rumours]") {
    town t(20'000, 10'000);
    auto c = t.structure();
    rumour_params p;
    p.police_follower_share = 0.2;
    int followers = 0;
    for (std::uint32_t i = 0; i < 10'000; ++i) followers += follows_police(i, c, p) ? 1 : 0;
    CHECK(std::abs(followers - 2000) < 4.0 * std::sqrt(10'000 * 0.2 * 0.8));
    for (std::uint32_t i = 10'000; i < 20'000; ++i) CHECK_FALSE(follows_police(i, c, p));
    c.social_media_users = 0;  // the channel is off
    for (std::uint32_t i = 0; i < 100; ++i) CHECK_FALSE(follows_police(i, c, p));
}

TEST_CASE(
    "network: a spreader posts once, to followers and group; hearers pass it on with the "
    "share probability",
    "[rumours]") {
    town t(3000);
    t.group.assign(3000, no_index);
    t.members = {{5, 6, 7, 0}};
    for (const auto i : t.members[0]) t.group[i] = 0;
    t.states[0] = spreader;
    const auto c = t.structure();
    auto p = quiet_network();
    p.followers_scale = 30.0;
    p.share_probability = 1.0;  // every hearer spreads
    auto r = active_rumour();
    r.heard = 1;
    rumour_spread spread{{{0, false}}};
    std::vector<std::uint32_t> reached{0}, heard;
    std::vector<std::uint32_t> followers;
    for_each_follower(0, c, p, [&](std::uint32_t j) { followers.push_back(j); });
    REQUIRE(!followers.empty());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> posts;
    const group_post_filter watch = [&](std::uint32_t who, std::uint32_t g) {
        posts.emplace_back(who, g);
        return false;
    };
    auto s = test_stream(0, 0);
    const auto day =
        spread_rumour(r, spread, t.states, reached, c, 0, 0.0, p, s, {{}, watch}, heard);
    CHECK(day.public_posts == 1);
    CHECK(day.group_posts == 1);
    CHECK(posts == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 0}});
    // Heard: the followers (once each, in order), then the other members.
    std::vector<std::uint32_t> expected;
    for (const auto j : followers)
        if (std::find(expected.begin(), expected.end(), j) == expected.end() && j != 0)
            expected.push_back(j);
    for (const auto j : {5U, 6U, 7U})
        if (std::find(expected.begin(), expected.end(), j) == expected.end()) expected.push_back(j);
    CHECK(heard == expected);
    CHECK(r.heard == 1 + expected.size());
    CHECK(reached.size() == 1 + expected.size());
    for (const auto j : expected) CHECK(t.states[j] == spreader);
    // The seed carries on (no contacts, no forgetting) but does not post again; the new
    // spreaders come after it, not yet posted.
    REQUIRE(spread.spreaders.size() == 1 + expected.size());
    CHECK(spread.spreaders[0] == spreader_entry{0, true});
    CHECK(spread.spreaders[1] == spreader_entry{expected[0], false});
    CHECK(r.spreaders == spread.spreaders.size());

    // With nobody passing it on, hearers keep it to themselves.
    town u(3000);
    u.states[0] = spreader;
    p.share_probability = 0.0;
    auto r2 = active_rumour();
    rumour_spread spread2{{{0, false}}};
    std::vector<std::uint32_t> reached2{0};
    auto s2 = test_stream(0, 0);
    const auto day2 =
        spread_rumour(r2, spread2, u.states, reached2, u.structure(), 0, 0.0, p, s2, {}, heard);
    CHECK(day2.newly_heard == heard.size());
    CHECK(!heard.empty());
    for (const auto j : heard) CHECK(u.states[j] == stifler);
    CHECK(spread2.spreaders.size() == 1);
}

TEST_CASE("network: a facilitator who stops the group post stops the spreader", "[rumours]") {
    town t(100);
    t.flags.assign(100, 0);  // nobody on social media
    t.members = {{1, 2, 3}};
    for (const auto i : t.members[0]) t.group[i] = 0;
    t.states[2] = spreader;
    auto p = quiet_network();
    p.share_probability = 1.0;
    p.contact_rate = 10.0;
    auto r = active_rumour();
    rumour_spread spread{{{2, false}}};
    std::vector<std::uint32_t> reached{2}, heard;
    auto s = test_stream(0, 0);
    const auto day = spread_rumour(r, spread, t.states, reached, t.structure(), 0, 0.0, p, s,
                                   {{}, [](std::uint32_t, std::uint32_t) { return true; }}, heard);
    CHECK(day.public_posts == 0);
    CHECK(day.group_posts == 1);
    CHECK(day.stopped_by_moderation == 1);
    CHECK(day.contacts == 0);  // stopped before talking
    CHECK(heard.empty());
    CHECK(t.states[2] == stifler);
    CHECK(day.ended);
}

TEST_CASE(
    "network: word of mouth reaches anyone in the range, and a partner who knows stops "
    "the teller",
    "[rumours]") {
    auto p = quiet_network();  // nobody online below: word of mouth only
    p.contact_rate = 3.0;
    p.share_probability = 1.0;
    std::vector<std::uint32_t> all_heard, heard;
    for (std::uint64_t e = 0; e < 200; ++e) {
        town u(1000, 1000);
        u.states[500] = spreader;
        auto r = active_rumour();
        rumour_spread spread{{{500, false}}};
        std::vector<std::uint32_t> reached{500};
        auto s = test_stream(0, e);
        const auto c = u.structure();
        CHECK(c.social_media_users == 0);
        const auto day = spread_rumour(r, spread, u.states, reached, c, 0, 0.0, p, s, {}, heard);
        CHECK(day.public_posts == 0);
        // A thousand ignorants: every contact converts, unless it finds today's hearer again.
        CHECK(day.newly_heard <= day.contacts);
        CHECK(day.newly_heard + 1 >= day.contacts);
        for (const auto j : heard) CHECK(j != 500);
        all_heard.insert(all_heard.end(), heard.begin(), heard.end());
    }
    CHECK(std::abs(static_cast<double>(all_heard.size()) - 600.0) < 4.0 * std::sqrt(600.0));
    const auto low =
        std::count_if(all_heard.begin(), all_heard.end(), [](std::uint32_t j) { return j < 500; });
    CHECK(std::abs(static_cast<double>(low) / static_cast<double>(all_heard.size()) - 0.5) < 0.1);

    // Everyone else already knows: the first contact stops the spreader.
    town k(10, 10);
    k.states.assign(10, stifler);
    k.states[4] = spreader;
    auto r = active_rumour();
    rumour_spread spread{{{4, false}}};
    std::vector<std::uint32_t> reached{4};
    p.contact_rate = 100.0;
    auto s = test_stream(1, 0);
    const auto day =
        spread_rumour(r, spread, k.states, reached, k.structure(), 1, 0.0, p, s, {}, heard);
    CHECK(day.contacts == 1);
    CHECK(day.ended);
}

TEST_CASE("network: spreaders forget at forget_rate a day", "[rumours]") {
    auto p = quiet_network();
    p.forget_rate = 0.3;
    const std::uint32_t n = 2000;
    town t(n, n);  // offline: no posts
    for (std::uint32_t i = 0; i < n; ++i) t.states[i] = spreader;
    rumour_spread spread;
    for (std::uint32_t i = 0; i < n; ++i) spread.spreaders.push_back({i, true});
    auto r = active_rumour();
    std::vector<std::uint32_t> reached, heard;
    auto s = test_stream(0, 0);
    const auto day =
        spread_rumour(r, spread, t.states, reached, t.structure(), 0, 0.0, p, s, {}, heard);
    CHECK(std::abs(day.forgot - 600.0) < 4.0 * std::sqrt(n * 0.3 * 0.7));
    CHECK(r.spreaders == n - day.forgot);
}

TEST_CASE("network: false rumours are passed on false_multiplier times as often", "[rumours]") {
    auto p = quiet_network();
    p.followers_scale = 200.0;
    p.share_probability = 0.2;
    for (const bool is_false : {false, true}) {
        std::uint32_t heard_total = 0, spreading = 0;
        std::vector<std::uint32_t> heard;
        for (std::uint32_t user = 0; user < 200; ++user) {
            town t(5000);
            t.states[user] = spreader;
            auto r = active_rumour(is_false);
            rumour_spread spread{{{user, false}}};
            std::vector<std::uint32_t> reached{user};
            auto s = test_stream(0, user);
            spread_rumour(r, spread, t.states, reached, t.structure(), 0, 0.0, p, s, {}, heard);
            heard_total += static_cast<std::uint32_t>(heard.size());
            spreading += static_cast<std::uint32_t>(spread.spreaders.size() - 1);
        }
        const double q = 0.2 * (is_false ? p.false_multiplier : 1.0);
        const double share = static_cast<double>(spreading) / heard_total;
        INFO("false " << is_false << ": " << share << " of " << heard_total << " pass it on");
        CHECK(std::abs(share - q) < 4.0 * std::sqrt(q * (1.0 - q) / heard_total));
    }
}

TEST_CASE("network: the police correct a false rumour they see; followers stop or disbelieve",
          "[rumours]") {
    const std::uint32_t n = 5000;
    auto p = quiet_network();
    p.followers_scale = 50.0;
    p.share_probability = 1.0;
    p.police_follower_share = 0.5;
    p.detection_per_online_hour = 1e6;  // every post is seen
    for (const bool is_false : {true, false}) {
        town t(n);
        const auto c = t.structure();
        t.states[0] = spreader;
        auto r = active_rumour(is_false);
        r.heard = 1;
        rumour_spread spread{{{0, false}}};
        std::vector<std::uint32_t> reached{0}, heard;
        auto s = test_stream(0, 0);
        auto day = spread_rumour(r, spread, t.states, reached, c, 0, 1.0, p, s, {}, heard);
        CHECK(day.public_posts == 1);
        if (!is_false) {  // a true rumour is never corrected
            CHECK_FALSE(day.detected);
            CHECK_FALSE(r.detected);
            CHECK(day.debunked == 0);
            continue;
        }
        REQUIRE(day.detected);
        CHECK(r.detected);
        CHECK(r.detected_day == 0);
        // Every spreader who follows the police stopped; the others carry on.
        std::uint32_t following = 0;
        for (const auto j : heard) following += follows_police(j, c, p) ? 1U : 0U;
        following += follows_police(0, c, p) ? 1U : 0U;
        CHECK(day.debunked == following);
        CHECK(following > 0);
        for (const auto& e : spread.spreaders) CHECK_FALSE(follows_police(e.resident, c, p));
        // Tomorrow the followers of today's hearers are told: those who follow the police do not
        // believe it and are not reached.
        const auto heard_before = r.heard;
        auto s1 = test_stream(1, 0);
        day = spread_rumour(r, spread, t.states, reached, c, 1, 1.0, p, s1, {}, heard);
        CHECK_FALSE(day.detected);  // once
        CHECK(day.immunised > 0);
        CHECK(r.heard == heard_before + heard.size());
        for (const auto j : heard) CHECK_FALSE(follows_police(j, c, p));
        CHECK(reached.size() == r.heard + day.immunised);
    }
}

TEST_CASE("network: without online hours the police never see a rumour", "[rumours]") {
    town t(3000);
    t.states[0] = spreader;
    auto p = quiet_network();
    p.followers_scale = 50.0;
    p.detection_per_online_hour = 5.0;
    auto r = active_rumour(true);
    rumour_spread spread{{{0, false}}};
    std::vector<std::uint32_t> reached{0}, heard;
    auto s = test_stream(0, 0);
    const auto day =
        spread_rumour(r, spread, t.states, reached, t.structure(), 0, 0.0, p, s, {}, heard);
    CHECK(day.public_posts == 1);
    CHECK_FALSE(day.detected);
}

TEST_CASE("spread_rumour is a pure function of the stream", "[rumours]") {
    const std::uint32_t n = 3000;
    for (const auto structure : {rumour_structure::network, rumour_structure::well_mixed}) {
        rumour_params p;
        p.structure = structure;
        p.debunk_per_online_hour = 0.01;
        p.share_probability = 0.3;
        const auto run = [&](std::uint64_t entity) {
            town t(n, 1000);
            const auto c = t.structure();
            auto r = active_rumour(true);
            rumour_spread spread;
            std::vector<std::uint32_t> audience = iota_audience(n);
            auto s0 = test_stream(0, entity);
            if (structure == rumour_structure::network)
                seed_network_rumour(r, spread, t.states, {0, n}, audience, s0);
            else
                seed_rumour(r, spread, t.states, {0, n}, audience, s0);
            std::vector<std::uint32_t> heard, all_heard;
            for (std::uint32_t d = 0; d < 60 && r.active; ++d) {
                auto s = test_stream(d, entity);
                spread_rumour(r, spread, t.states, audience, c, d, 10.0, p, s, {}, heard);
                all_heard.insert(all_heard.end(), heard.begin(), heard.end());
            }
            return std::make_pair(t.states, all_heard);
        };
        const auto a = run(3);
        const auto b = run(3);
        CHECK(a.first == b.first);
        CHECK(a.second == b.second);
        std::uint64_t e = 4;
        while (run(e).second.empty() && e < 40) ++e;  // a network rumour may die at once
        CHECK(run(e).second != a.second);
    }
}
