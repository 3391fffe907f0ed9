#include "models/groups.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <tuple>
#include <vector>

#include "models/clocks.hpp"
#include "models/streams.hpp"

using namespace civicsim::models;

namespace {

constexpr std::uint8_t literate = resident_flag::literate;
constexpr std::uint8_t volunteer = resident_flag::volunteer;
constexpr std::uint8_t facilitator = resident_flag::facilitator;
constexpr neighbourhood_id home{0};
constexpr stream_key key{7, 0};

// So many training hours that exp(-hours / scale) underflows: L is exactly 1.
constexpr double full_training = 1e6;

// n literate residents of neighbourhood 0, in no group, with join clocks drawn from `k`.
residents literate_residents(std::size_t n, stream_key k = key) {
    residents people;
    people.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        people.flags[i] = literate;
        people.group[i] = no_index;
        stream s(k, counter_phase::initialise, 0, i);
        people.join_clock[i] = exponential_threshold(s);
    }
    return people;
}

resident_range whole(const residents& people) {
    return {0, static_cast<std::uint32_t>(people.size())};
}

// A channel where every literate resident joins on the first day.
group_channel_params everyone_joins(std::uint32_t target_size) {
    group_channel_params channel;
    channel.enabled = true;
    channel.join_rate = 1e9;
    channel.target_size = target_size;
    return channel;
}

group facilitated_group(double training_hours, double load = 0.0, double burnout = 0.0) {
    group g;
    g.facilitated = true;
    g.training_hours = training_hours;
    g.load = load;
    g.burnout = burnout;
    return g;
}

std::vector<std::uint32_t> groups_of(const residents& people) { return people.group; }

std::size_t count_with(const residents& people, std::uint8_t flag) {
    std::size_t n = 0;
    for (const auto f : people.flags)
        if ((f & flag) != 0) ++n;
    return n;
}

}  // namespace

TEST_CASE("training_level is 1 - exp(-hours / scale)", "[groups]") {
    moderation_params p;
    p.training_scale = 20.0;
    CHECK(training_level(0.0, p) == 0.0);
    CHECK(training_level(20.0, p) == Approx(1.0 - std::exp(-1.0)).epsilon(1e-12));
    CHECK(training_level(40.0, p) == Approx(1.0 - std::exp(-2.0)).epsilon(1e-12));
    CHECK(training_level(5.0, p) == Approx(1.0 - std::exp(-0.25)).epsilon(1e-12));
    CHECK(training_level(full_training, p) == 1.0);
    p.training_scale = 10.0;
    CHECK(training_level(20.0, p) == Approx(1.0 - std::exp(-2.0)).epsilon(1e-12));
}

TEST_CASE("overload_penalty is 0 up to capacity and 1 from twice the capacity", "[groups]") {
    CHECK(overload_penalty(0.0, 40.0) == 0.0);
    CHECK(overload_penalty(40.0, 40.0) == 0.0);
    CHECK(overload_penalty(50.0, 40.0) == Approx(0.25));
    CHECK(overload_penalty(60.0, 40.0) == Approx(0.5));
    CHECK(overload_penalty(80.0, 40.0) == 1.0);
    CHECK(overload_penalty(500.0, 40.0) == 1.0);
}

TEST_CASE("facilitator_quality rises with training and falls with overload and burnout",
          "[groups]") {
    moderation_params p;
    p.base_quality = 0.6;
    p.max_quality = 0.95;
    p.training_scale = 20.0;
    p.capacity = 40.0;
    const double l20 = 1.0 - std::exp(-1.0);

    CHECK(facilitator_quality(facilitated_group(0.0), p) == Approx(0.6));
    CHECK(facilitator_quality(facilitated_group(full_training), p) == Approx(0.95));
    CHECK(facilitator_quality(facilitated_group(20.0), p) == Approx(0.6 + 0.35 * l20));
    // Overload: half the gain at 1.5 times capacity, none from twice the capacity.
    CHECK(facilitator_quality(facilitated_group(20.0, 60.0), p) == Approx(0.6 + 0.35 * l20 * 0.5));
    CHECK(facilitator_quality(facilitated_group(full_training, 80.0), p) == Approx(0.6));
    CHECK(facilitator_quality(facilitated_group(full_training, 40.0), p) == Approx(0.95));
    // Burnout scales the gain further.
    CHECK(facilitator_quality(facilitated_group(full_training, 0.0, 0.5), p) ==
          Approx(0.6 + 0.35 * 0.5));
    CHECK(facilitator_quality(facilitated_group(20.0, 60.0, 0.5), p) ==
          Approx(0.6 + 0.35 * l20 * 0.5 * 0.5));
    CHECK(facilitator_quality(facilitated_group(full_training, 0.0, 1.0), p) == Approx(0.6));

    group open_chat = facilitated_group(full_training);
    open_chat.facilitated = false;
    CHECK(facilitator_quality(open_chat, p) == 0.0);
}

TEST_CASE("join_groups fills groups to target_size in resident order then opens new ones",
          "[groups]") {
    auto people = literate_residents(8);
    group_registry registry;
    moderation_params moderation;
    moderation.facilitated_share = 1.0;
    moderation.training_hours = 20.0;

    const double hours = join_groups(people, whole(people), home, registry, 0, true, true,
                                     everyone_joins(3), moderation, key);
    CHECK(groups_of(people) == std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1, 2, 2});
    REQUIRE(registry.groups.size() == 3);
    REQUIRE(registry.by_neighbourhood.size() == 1);
    CHECK(registry.by_neighbourhood[0] == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(registry.groups[0].members == 3);
    CHECK(registry.groups[1].members == 3);
    CHECK(registry.groups[2].members == 2);
    // Each opener became its group's facilitator, trained for 20 hours.
    for (std::uint32_t g = 0; g < 3; ++g) {
        INFO("group " << g);
        CHECK(registry.groups[g].home == home);
        CHECK(registry.groups[g].facilitated);
        CHECK(registry.groups[g].facilitator == 3 * g);
        CHECK(registry.groups[g].training_hours == 20.0);
        CHECK(registry.groups[g].burnout == 0.0);
    }
    CHECK(hours == 60.0);
    CHECK(people.flags == std::vector<std::uint8_t>{literate | facilitator, literate, literate,
                                                    literate | facilitator, literate, literate,
                                                    literate | facilitator, literate});

    // Later joiners fill the last group before a fourth opens; members never rejoin.
    people.group.resize(12, no_index);
    people.flags.resize(12, literate);
    people.join_clock.resize(12, 1.0F);
    const double later = join_groups(people, {8, 12}, home, registry, 1, true, true,
                                     everyone_joins(3), moderation, key);
    CHECK(groups_of(people) == std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3});
    CHECK(registry.groups[2].members == 3);
    CHECK(registry.groups[3].members == 3);
    CHECK(registry.groups[3].facilitator == 9);
    CHECK(later == 20.0);
}

TEST_CASE("join_groups never exceeds size_cap", "[groups]") {
    auto people = literate_residents(10);
    group_registry registry;
    auto channel = everyone_joins(10);
    channel.size_cap = 4;

    join_groups(people, whole(people), home, registry, 0, true, false, channel, {}, key);
    CHECK(groups_of(people) == std::vector<std::uint32_t>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2});
    REQUIRE(registry.groups.size() == 3);
    CHECK(registry.groups[0].members == 4);
    CHECK(registry.groups[1].members == 4);
    CHECK(registry.groups[2].members == 2);

    channel.size_cap = 0;
    auto nobody = literate_residents(3);
    group_registry empty;
    join_groups(nobody, whole(nobody), home, empty, 0, true, false, channel, {}, key);
    CHECK(groups_of(nobody) == std::vector<std::uint32_t>{no_index, no_index, no_index});
    CHECK(empty.groups.empty());
}

TEST_CASE("illiterate residents never join a group", "[groups]") {
    auto people = literate_residents(6);
    people.flags = {literate, 0, literate, 0, 0, literate};
    group_registry registry;

    for (std::uint32_t day = 0; day < 5; ++day)
        join_groups(people, whole(people), home, registry, day, true, false, everyone_joins(2), {},
                    key);
    CHECK(groups_of(people) == std::vector<std::uint32_t>{0, no_index, 0, no_index, no_index, 1});
    REQUIRE(registry.groups.size() == 2);
    CHECK(registry.groups[0].members == 2);
    CHECK(registry.groups[1].members == 1);
}

TEST_CASE("nobody joins when the group channel is not live", "[groups]") {
    auto people = literate_residents(5);
    const auto before = people;
    group_registry registry;

    const double hours = join_groups(people, whole(people), home, registry, 0, false, true,
                                     everyone_joins(3), {}, key);
    CHECK(hours == 0.0);
    CHECK(people.group == before.group);
    CHECK(people.flags == before.flags);
    CHECK(registry.groups.empty());

    CHECK_FALSE(group_channel_live(group_channel_params{}, 0));  // off by default
    group_channel_params channel;
    channel.enabled = true;
    channel.launch_day = 30;
    CHECK_FALSE(group_channel_live(channel, 29));
    CHECK(group_channel_live(channel, 30));
}

TEST_CASE("joiners go into the groups of their own neighbourhood", "[groups]") {
    auto people = literate_residents(6);
    group_registry registry;
    registry.by_neighbourhood.resize(2);
    // Neighbourhood 1 already has a group with room, neighbourhood 0 has none.
    registry.groups.push_back({neighbourhood_id{1}, 1, false, 0, 0.0, 0.0, 0.0});
    registry.by_neighbourhood[1].push_back(0);

    join_groups(people, {0, 3}, home, registry, 0, true, false, everyone_joins(5), {}, key);
    join_groups(people, {3, 6}, neighbourhood_id{1}, registry, 0, true, false, everyone_joins(5),
                {}, key);
    CHECK(groups_of(people) == std::vector<std::uint32_t>{1, 1, 1, 0, 0, 0});
    CHECK(registry.by_neighbourhood[0] == std::vector<std::uint32_t>{1});
    CHECK(registry.by_neighbourhood[1] == std::vector<std::uint32_t>{0});
    CHECK(registry.groups[0].members == 4);
    CHECK(registry.groups[1].members == 3);
    CHECK(registry.groups[1].home == home);
}

TEST_CASE("facilitators are assigned by facilitated_share and only when facilitators are live",
          "[groups]") {
    moderation_params moderation;
    moderation.training_hours = 12.0;

    SECTION("share 0: open chats only") {
        moderation.facilitated_share = 0.0;
        auto people = literate_residents(6);
        group_registry registry;
        const double hours = join_groups(people, whole(people), home, registry, 0, true, true,
                                         everyone_joins(2), moderation, key);
        REQUIRE(registry.groups.size() == 3);
        for (const auto& g : registry.groups) CHECK_FALSE(g.facilitated);
        CHECK(hours == 0.0);
        CHECK(count_with(people, facilitator) == 0);
    }
    SECTION("share 1 but facilitators not live: open chats only") {
        moderation.facilitated_share = 1.0;
        auto people = literate_residents(6);
        group_registry registry;
        const double hours = join_groups(people, whole(people), home, registry, 0, true, false,
                                         everyone_joins(2), moderation, key);
        REQUIRE(registry.groups.size() == 3);
        for (const auto& g : registry.groups) CHECK_FALSE(g.facilitated);
        CHECK(hours == 0.0);
        CHECK(count_with(people, facilitator) == 0);
    }
    SECTION("share 1: every group has its opener as facilitator") {
        moderation.facilitated_share = 1.0;
        auto people = literate_residents(6);
        group_registry registry;
        const double hours = join_groups(people, whole(people), home, registry, 0, true, true,
                                         everyone_joins(2), moderation, key);
        REQUIRE(registry.groups.size() == 3);
        for (std::uint32_t g = 0; g < 3; ++g) {
            CHECK(registry.groups[g].facilitated);
            CHECK(registry.groups[g].facilitator == 2 * g);
            CHECK(registry.groups[g].training_hours == 12.0);
        }
        CHECK(hours == 36.0);
        CHECK(count_with(people, facilitator) == 3);
    }
    SECTION("share 0.5: about half the groups are facilitated") {
        constexpr std::uint32_t n = 20000;
        moderation.facilitated_share = 0.5;
        auto people = literate_residents(n);
        group_registry registry;
        const double hours = join_groups(people, whole(people), home, registry, 0, true, true,
                                         everyone_joins(1), moderation, key);
        REQUIRE(registry.groups.size() == n);
        const auto facilitated = count_with(people, facilitator);
        CHECK(hours == 12.0 * static_cast<double>(facilitated));
        const double se = std::sqrt(0.25 / n);
        CHECK(static_cast<double>(facilitated) / n == Approx(0.5).margin(4.0 * se));
    }
}

TEST_CASE("one day of joining matches the daily probability of join_rate", "[groups]") {
    constexpr std::uint32_t n = 50000;
    auto people = literate_residents(n);
    group_registry registry;
    auto channel = everyone_joins(55);
    channel.join_rate = 36.5;  // a daily probability of about 0.095, measurable in one day

    join_groups(people, whole(people), home, registry, 0, true, false, channel, {}, key);
    std::uint32_t joined = 0;
    for (const auto g : people.group)
        if (g != no_index) ++joined;
    const double expected = 1.0 - std::exp(-0.1);
    const double se = std::sqrt(expected * (1.0 - expected) / n);
    CHECK(static_cast<double>(joined) / n == Approx(expected).margin(4.0 * se));
    // All groups but the last are full.
    REQUIRE(!registry.groups.empty());
    CHECK(registry.groups.size() == (joined + 54) / 55);
    for (std::size_t g = 0; g + 1 < registry.groups.size(); ++g)
        CHECK(registry.groups[g].members == 55);
}

TEST_CASE("join_groups is deterministic for a seed and does not depend on how the range is split",
          "[groups]") {
    constexpr std::uint32_t n = 600;
    auto channel = everyone_joins(7);
    channel.join_rate = 365.0 * 0.3;
    moderation_params moderation;
    moderation.facilitated_share = 0.5;

    const auto run = [&](stream_key k, const std::vector<resident_range>& parts) {
        auto people = literate_residents(n, k);
        for (std::uint32_t i = 0; i < n; i += 5) people.flags[i] = 0;
        group_registry registry;
        double hours = 0.0;
        for (std::uint32_t day = 0; day < 3; ++day)
            for (const auto& part : parts)
                hours += join_groups(people, part, home, registry, day, true, true, channel,
                                     moderation, k);
        return std::make_tuple(people.group, people.flags, registry, hours);
    };

    const auto a = run({5, 2}, {{0, n}});
    const auto b = run({5, 2}, {{0, n}});
    CHECK(a == b);
    CHECK(std::get<0>(a) != std::get<0>(run({6, 2}, {{0, n}})));
    CHECK(std::get<0>(a) != std::get<0>(run({5, 3}, {{0, n}})));
    CHECK(std::get<3>(a) > 0.0);

    // Two calls over consecutive parts, in order, are the same as one call.
    CHECK(a == run({5, 2}, {{0, 250}, {250, n}}));

    // In reverse order the groups are filled differently, but who joins does not change.
    const auto reversed = run({5, 2}, {{250, n}, {0, 250}});
    const auto& groups_a = std::get<0>(a);
    const auto& groups_r = std::get<0>(reversed);
    for (std::uint32_t i = 0; i < n; ++i) {
        INFO("resident " << i);
        CHECK((groups_a[i] == no_index) == (groups_r[i] == no_index));
    }
    CHECK(std::get<2>(reversed).groups.size() == std::get<2>(a).groups.size());
}

TEST_CASE("moderate forwards police matters, routes municipal issues and drops suspicion with q 1",
          "[groups]") {
    moderation_params p;
    p.base_quality = 1.0;
    p.max_quality = 1.0;
    const auto g = facilitated_group(20.0);
    REQUIRE(facilitator_quality(g, p) == 1.0);
    for (std::uint64_t e = 0; e < 200; ++e) {
        INFO("stream " << e);
        stream s(key, counter_phase::reporting, 3, e);
        CHECK(moderate(incident_category::serious_crime, g, p, s) == report_status::filed);
        CHECK(moderate(incident_category::minor_offence, g, p, s) == report_status::filed);
        CHECK(moderate(incident_category::incivility, g, p, s) == report_status::filed);
        CHECK(moderate(incident_category::hate_crime, g, p, s) == report_status::filed);
        CHECK(moderate(incident_category::public_service, g, p, s) ==
              report_status::routed_municipal);
        CHECK(moderate(incident_category::suspicious_person, g, p, s) == report_status::moderated);
    }
}

TEST_CASE("moderate with q 0 drops police matters and forwards the rest", "[groups]") {
    moderation_params p;
    p.base_quality = 0.0;
    p.max_quality = 0.0;
    const auto g = facilitated_group(20.0);
    for (std::uint64_t e = 0; e < 200; ++e) {
        INFO("stream " << e);
        stream s(key, counter_phase::reporting, 3, e);
        CHECK(moderate(incident_category::serious_crime, g, p, s) == report_status::moderated);
        CHECK(moderate(incident_category::hate_crime, g, p, s) == report_status::moderated);
        CHECK(moderate(incident_category::incivility, g, p, s) == report_status::moderated);
        CHECK(moderate(incident_category::public_service, g, p, s) == report_status::filed);
        CHECK(moderate(incident_category::suspicious_person, g, p, s) == report_status::filed);
    }
}

TEST_CASE("an unfacilitated group forwards every report", "[groups]") {
    moderation_params p;
    p.base_quality = 1.0;
    p.max_quality = 1.0;
    group open_chat;
    open_chat.members = 40;
    for (std::uint64_t e = 0; e < 50; ++e) {
        stream s(key, counter_phase::reporting, 3, e);
        for (std::size_t c = 0; c < report_category_count; ++c) {
            INFO("stream " << e << " category " << c);
            CHECK(moderate(static_cast<incident_category>(c), open_chat, p, s) ==
                  report_status::filed);
        }
    }
}

TEST_CASE("moderate draws once and forwards police matters with probability q", "[groups]") {
    moderation_params p;
    p.base_quality = 0.7;
    p.max_quality = 0.7;
    const auto g = facilitated_group(20.0);
    group open_chat;

    for (const group* which : std::vector<const group*>{&g, &open_chat}) {
        stream s(key, counter_phase::reporting, 1, 42);
        stream reference(key, counter_phase::reporting, 1, 42);
        moderate(incident_category::minor_offence, *which, p, s);
        reference();
        CHECK(s() == reference());
    }

    constexpr std::uint64_t n = 20000;
    std::uint64_t forwarded = 0;
    for (std::uint64_t e = 0; e < n; ++e) {
        stream s(key, counter_phase::reporting, 1, e);
        if (moderate(incident_category::minor_offence, g, p, s) == report_status::filed)
            ++forwarded;
    }
    const double se = std::sqrt(0.7 * 0.3 / n);
    CHECK(static_cast<double>(forwarded) / n == Approx(0.7).margin(4.0 * se));
}

TEST_CASE("stops_rumour and removes_shaming follow training and overload", "[groups]") {
    moderation_params p;
    p.rumour_stop = 1.0;
    p.shaming_removal = 1.0;
    p.capacity = 40.0;
    const auto trained = facilitated_group(full_training);
    const auto overloaded = facilitated_group(full_training, 80.0);
    const auto untrained = facilitated_group(0.0);
    group open_chat = trained;
    open_chat.facilitated = false;

    for (std::uint64_t e = 0; e < 200; ++e) {
        INFO("stream " << e);
        stream s(key, counter_phase::trust_fear, 2, e);
        CHECK(stops_rumour(trained, p, s));
        CHECK(removes_shaming(trained, p, s));
        CHECK_FALSE(stops_rumour(overloaded, p, s));
        CHECK_FALSE(removes_shaming(overloaded, p, s));
        CHECK_FALSE(stops_rumour(untrained, p, s));
        CHECK_FALSE(removes_shaming(untrained, p, s));
        CHECK_FALSE(stops_rumour(open_chat, p, s));
        CHECK_FALSE(removes_shaming(open_chat, p, s));
    }

    // Rates: 0.8 L (1 - O) for rumours and 0.9 L (1 - O) for shaming posts.
    p.rumour_stop = 0.8;
    p.shaming_removal = 0.9;
    const auto g = facilitated_group(20.0, 50.0);  // L = 1 - e^-1, O = 0.25
    const double effect = (1.0 - std::exp(-1.0)) * 0.75;
    constexpr std::uint64_t n = 20000;
    std::uint64_t stopped = 0;
    std::uint64_t removed = 0;
    for (std::uint64_t e = 0; e < n; ++e) {
        stream s(key, counter_phase::trust_fear, 2, e);
        if (stops_rumour(g, p, s)) ++stopped;
        if (removes_shaming(g, p, s)) ++removed;
    }
    const auto within = [&](std::uint64_t count, double expected) {
        const double se = std::sqrt(expected * (1.0 - expected) / n);
        return std::abs(static_cast<double>(count) / n - expected) < 4.0 * se;
    };
    CHECK(within(stopped, 0.8 * effect));
    CHECK(within(removed, 0.9 * effect));
}

TEST_CASE("end_facilitator_day accumulates burnout under overload and the facilitator quits at 1",
          "[groups]") {
    moderation_params p;
    p.capacity = 40.0;
    p.burnout_rate = 0.25;
    p.recovery_rate = 0.125;
    auto g = facilitated_group(20.0);
    g.facilitator = 17;
    g.members = 50;

    // Twice the capacity is one unit of overload: +0.25 a day.
    CHECK_FALSE(end_facilitator_day(g, 80.0, p));
    CHECK(g.load == 80.0);
    CHECK(g.burnout == 0.25);
    // At or under capacity, recovery.
    CHECK_FALSE(end_facilitator_day(g, 40.0, p));
    CHECK(g.burnout == 0.125);
    CHECK_FALSE(end_facilitator_day(g, 10.0, p));
    CHECK_FALSE(end_facilitator_day(g, 10.0, p));
    CHECK(g.burnout == 0.0);  // clamped at 0
    CHECK(g.load == 10.0);
    // 1.5 times capacity: half a unit, +0.125.
    CHECK_FALSE(end_facilitator_day(g, 60.0, p));
    CHECK(g.burnout == 0.125);
    CHECK_FALSE(end_facilitator_day(g, 120.0, p));  // two units: +0.5
    CHECK(g.burnout == 0.625);
    CHECK(g.facilitated);
    CHECK_FALSE(end_facilitator_day(g, 80.0, p));
    CHECK(g.burnout == 0.875);
    CHECK(end_facilitator_day(g, 80.0, p));  // reaches 1: quits
    CHECK_FALSE(g.facilitated);
    CHECK(g.facilitator == 17);  // still names who quit
    CHECK(g.burnout == 0.0);
    CHECK(g.training_hours == 0.0);
    CHECK(g.members == 50);
    CHECK(facilitator_quality(g, p) == 0.0);

    // An open chat records its load but never burns out or quits.
    CHECK_FALSE(end_facilitator_day(g, 1000.0, p));
    CHECK(g.load == 1000.0);
    CHECK(g.burnout == 0.0);
}

TEST_CASE("group_activities builds cohesion and recruits volunteers only in facilitated groups",
          "[groups]") {
    moderation_params p;
    p.training_scale = 20.0;
    p.cohesion_gain = 0.1;
    group_registry registry;
    registry.groups = {facilitated_group(20.0), group{}, facilitated_group(40.0)};
    registry.groups[0].members = 4;
    registry.groups[1].members = 3;
    registry.groups[2].members = 2;
    registry.by_neighbourhood = {{0, 1, 2}};
    auto people = literate_residents(12);
    people.group = {0, 0, 0, 0, 1, 1, 1, 2, 2, no_index, no_index, no_index};
    people.flags[1] |= volunteer;
    const double l20 = 1.0 - std::exp(-1.0);
    const double l40 = 1.0 - std::exp(-2.0);

    SECTION("cohesion gain: cohesion_gain * member-weighted training / population") {
        p.volunteer_rate = 0.0;
        const auto before = people.flags;
        const double gain = group_activities(people, whole(people), registry, 12, 0, p, key);
        CHECK(gain == Approx(0.1 * (4.0 * l20 + 2.0 * l40) / 12.0).epsilon(1e-12));
        CHECK(people.flags == before);
        // With equal training this is cohesion_gain * member share * L.
        registry.groups[2].training_hours = 20.0;
        CHECK(group_activities(people, whole(people), registry, 12, 0, p, key) ==
              Approx(0.1 * (6.0 / 12.0) * l20).epsilon(1e-12));
        CHECK(group_activities(people, whole(people), registry, 0, 0, p, key) == 0.0);
    }
    SECTION("volunteers come only from facilitated groups") {
        p.volunteer_rate = 1.0;
        registry.groups[0].training_hours = full_training;
        registry.groups[2].training_hours = full_training;
        group_activities(people, whole(people), registry, 12, 0, p, key);
        for (std::size_t i = 0; i < people.size(); ++i) {
            INFO("resident " << i);
            const bool facilitated_member = people.group[i] == 0 || people.group[i] == 2;
            CHECK(((people.flags[i] & volunteer) != 0) == facilitated_member);
        }
    }
    SECTION("no facilitated group: no cohesion and no volunteers") {
        p.volunteer_rate = 1.0;
        registry.groups[0].facilitated = false;
        registry.groups[2].facilitated = false;
        CHECK(group_activities(people, whole(people), registry, 12, 0, p, key) == 0.0);
        CHECK(count_with(people, volunteer) == 1);
    }
}

TEST_CASE("group_activities over member lists equals the scan of the whole range", "[groups]") {
    moderation_params p;
    p.training_scale = 20.0;
    p.cohesion_gain = 0.1;
    p.volunteer_rate = 0.5;
    group_registry registry;
    registry.groups = {facilitated_group(20.0), group{}, facilitated_group(40.0)};
    registry.by_neighbourhood = {{0, 1, 2}};
    constexpr std::uint32_t n = 3000;
    auto people = literate_residents(n);
    std::vector<std::vector<std::uint32_t>> members(3);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (i % 5 == 4) continue;  // not in a group
        const auto g = (i * 7U) % 3U;
        people.group[i] = g;
        members[g].push_back(i);
        ++registry.groups[g].members;
    }
    auto listed = people;

    const double scanned_gain = group_activities(people, whole(people), registry, n, 2, p, key);
    const double listed_gain = group_activities(listed, members, registry, n, 2, p, key);
    CHECK(listed_gain == Approx(scanned_gain).epsilon(1e-12));
    CHECK(listed.flags == people.flags);
    CHECK(count_with(listed, volunteer) > 100);  // the draws did recruit
}

TEST_CASE("group_activities recruits at volunteer_rate * L and splits cleanly", "[groups]") {
    constexpr std::uint32_t n = 40000;
    moderation_params p;
    p.volunteer_rate = 0.5;
    p.training_scale = 20.0;
    group_registry registry;
    registry.groups = {facilitated_group(20.0)};
    registry.groups[0].members = n;
    registry.by_neighbourhood = {{0}};
    auto people = literate_residents(n);
    people.group.assign(n, 0);
    auto split = people;

    const double gain = group_activities(people, whole(people), registry, n, 3, p, key);
    const double part = group_activities(split, {0, 1000}, registry, n, 3, p, key) +
                        group_activities(split, {1000, n}, registry, n, 3, p, key);
    CHECK(people.flags == split.flags);
    CHECK(part == Approx(gain).epsilon(1e-12));

    const double expected = 0.5 * (1.0 - std::exp(-1.0));
    const double se = std::sqrt(expected * (1.0 - expected) / n);
    CHECK(static_cast<double>(count_with(people, volunteer)) / n ==
          Approx(expected).margin(4.0 * se));
}

TEST_CASE("answered_trust_gain follows training and overload and is 0 for open chats", "[groups]") {
    moderation_params p;
    p.answer_trust_gain = 0.001;
    p.training_scale = 20.0;
    p.capacity = 40.0;
    CHECK(answered_trust_gain(facilitated_group(full_training), p) == Approx(0.001));
    CHECK(answered_trust_gain(facilitated_group(20.0), p) ==
          Approx(0.001 * (1.0 - std::exp(-1.0))));
    CHECK(answered_trust_gain(facilitated_group(full_training, 60.0), p) == Approx(0.0005));
    CHECK(answered_trust_gain(facilitated_group(full_training, 80.0), p) == 0.0);
    CHECK(answered_trust_gain(facilitated_group(0.0), p) == 0.0);
    group open_chat = facilitated_group(full_training);
    open_chat.facilitated = false;
    CHECK(answered_trust_gain(open_chat, p) == 0.0);
}

TEST_CASE("joining follows the join clock and recruiting draws from its own stream", "[groups]") {
    constexpr std::uint32_t n = 300;
    constexpr std::uint32_t day = 4;
    auto channel = everyone_joins(1000);
    channel.join_rate = 365.0 * 0.5;
    auto people = literate_residents(n);
    const auto thresholds = people.join_clock;
    group_registry registry;
    join_groups(people, whole(people), home, registry, day, true, false, channel, {}, key);

    moderation_params p;
    p.volunteer_rate = 0.5;
    p.training_scale = 20.0;
    registry.groups[0].facilitated = true;
    registry.groups[0].training_hours = full_training;
    group_activities(people, whole(people), registry, n, day, p, key);

    std::uint32_t joined = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        INFO("resident " << i);
        // One day spends a hazard of 0.5: those whose threshold was at most 0.5 join.
        const bool joins = thresholds[i] <= 0.5F;
        joined += joins;
        CHECK((people.group[i] != no_index) == joins);
        CHECK(people.join_clock[i] == (joins ? retired_clock : thresholds[i] - 0.5F));
        const bool volunteers = joins && streams::volunteering.open(key, day, i).bernoulli(0.5);
        CHECK(((people.flags[i] & volunteer) != 0) == volunteers);
    }
    CHECK(joined > 0);
    CHECK(joined < n);
}
