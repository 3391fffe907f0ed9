#include "models/mechanisms/intelligence/intelligence.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "models/links.hpp"
#include "models/mechanisms.hpp"
#include "models/parameters.hpp"
#include "models/police.hpp"
#include "models/population.hpp"
#include "models/reporting.hpp"

using namespace civicsim::models;

namespace {

/// Four residents of one neighbourhood, none monitored yet.
residents four_residents() {
    residents people;
    people.resize(4);
    for (std::size_t i = 0; i < 4; ++i) people.flags[i] = resident_flag::social_media;
    return people;
}

/// A city of one neighbourhood of 44,500 residents: 100 officers of 5.5 hours a day.
parameters one_city(bool enabled, double share) {
    parameters p;
    p.neighbourhoods.resize(1);
    p.neighbourhoods[0].population = 44500;
    auto& intel = params_of<intelligence>(p);
    intel.enabled = enabled;
    intel.monitoring_share = share;
    return p;
}

report social_media_report(incident_category category) {
    report r;
    r.reporter = resident_id{2};
    r.category = category;
    r.via = channel::social_media;
    r.incident = category == incident_category::suspicious_person ? no_index : 7U;
    return r;
}

}  // namespace

TEST_CASE("intelligence: monitoring hours are a share of officer hours, none when off",
          "[intelligence]") {
    const auto on = one_city(true, 0.02);
    CHECK(officer_hours_per_day(on) == Approx(550.0).epsilon(1e-12));
    CHECK(monitoring_hours_per_day(on) == Approx(11.0).epsilon(1e-12));
    CHECK(monitoring_hours_per_1000(on) == Approx(11.0 / 44.5).epsilon(1e-12));
    const auto off = one_city(false, 0.02);
    CHECK(monitoring_hours_per_day(off) == 0.0);
    CHECK(monitoring_hours_per_1000(off) == 0.0);
}

TEST_CASE("intelligence: monitoring reads what its hours allow, at most every post",
          "[intelligence]") {
    CHECK(monitoring_coverage(2.0, 300.0, 30.0) == Approx(0.2).epsilon(1e-15));
    CHECK(monitoring_coverage(20.0, 300.0, 30.0) == 1.0);
    CHECK(monitoring_coverage(2.0, 0.0, 30.0) == 0.0);
    CHECK(monitoring_coverage(0.0, 300.0, 30.0) == 0.0);
}

TEST_CASE("intelligence: a missed post about a police matter that monitoring reads is a lead",
          "[intelligence]") {
    const filtering_params none{};  // no triage: everything filed is queued
    const recent_incidents recent(7);
    const auto crime = social_media_report(incident_category::minor_offence);
    SECTION("not seen by the ordinary watching and not read: ignored") {
        stream s(stream_key{1, 0}, 0, 0, 0);
        const auto out = intake(crime, false, 0.0, none, recent, s, false);
        CHECK(out.status == report_status::ignored);
        CHECK_FALSE(out.lead);
    }
    SECTION("not seen but read: a lead, queued") {
        stream s(stream_key{1, 0}, 0, 0, 0);
        const auto out = intake(crime, false, 0.0, none, recent, s, true);
        CHECK(out.status == report_status::filed);
        CHECK(out.lead);
    }
    SECTION("seen anyway: read or not, no lead") {
        stream s(stream_key{1, 0}, 0, 0, 0);
        const auto out = intake(crime, false, 1.0, none, recent, s, true);
        CHECK(out.status == report_status::filed);
        CHECK_FALSE(out.lead);
    }
    SECTION("a municipal issue or a suspicious person read: no lead, ignored") {
        for (const auto c :
             {incident_category::public_service, incident_category::suspicious_person}) {
            stream s(stream_key{1, 0}, 0, 0, 0);
            const auto out = intake(social_media_report(c), false, 0.0, none, recent, s, true);
            CHECK(out.status == report_status::ignored);
            CHECK_FALSE(out.lead);
        }
    }
}

TEST_CASE("intelligence: a lead takes the same draws as a post that was seen", "[intelligence]") {
    // Classifier triage draws after the pickup draw: a lead must meet the same triage draws a
    // seen post would, so that monitoring changes no other report's fate.
    filtering_params classifier{};
    classifier.mode = triage_mode::classifier;
    const recent_incidents recent(7);
    const auto crime = social_media_report(incident_category::minor_offence);
    for (std::uint64_t seed = 0; seed < 50; ++seed) {
        stream seen(stream_key{seed, 0}, 0, 0, 0), lead(stream_key{seed, 0}, 0, 0, 0);
        const auto a = intake(crime, false, 1.0, classifier, recent, seen, false);
        const auto b = intake(crime, false, 0.0, classifier, recent, lead, true);
        CHECK(a.status == b.status);
        CHECK(a.triage_minutes == b.triage_minutes);
        CHECK(b.lead);
        CHECK(seen() == lead());
    }
}

TEST_CASE("intelligence: each author read is counted once, however often read", "[intelligence]") {
    residents people = four_residents();
    const std::vector<std::uint32_t> read{2, 0, 2};
    const day_events events{
        .monitoring_hours = 1.5, .posts_read = 3, .leads = 1, .authors_read = read};
    day_effects effects;
    std::vector<float> metrics(intelligence::daily.size(), 0.0F);
    neighbourhood_day today{
        3, neighbourhood_id{0}, 0, 4, people, stream_key{5, 0}, 1, events, effects, metrics};
    intelligence_params p;
    p.enabled = true;
    intelligence_state s;
    intelligence::step(p, s, today);
    CHECK(s.monitored == 2);
    CHECK((people.flags[0] & resident_flag::monitored) != 0);
    CHECK((people.flags[1] & resident_flag::monitored) == 0);
    CHECK((people.flags[2] & resident_flag::monitored) != 0);
    CHECK(metrics[intelligence::hours] == 1.5F);
    CHECK(metrics[intelligence::posts_read] == 3.0F);
    CHECK(metrics[intelligence::leads] == 1.0F);
    CHECK(metrics[intelligence::newly_monitored] == 2.0F);
    CHECK(metrics[intelligence::monitored_share] == 0.5F);

    // The next day the same authors are read again: nobody new.
    const std::vector<std::uint32_t> again{0, 2};
    const day_events next{.posts_read = 2, .authors_read = again};
    neighbourhood_day tomorrow{
        4, neighbourhood_id{0}, 0, 4, people, stream_key{5, 0}, 1, next, effects, metrics};
    std::fill(metrics.begin(), metrics.end(), 0.0F);
    intelligence::step(p, s, tomorrow);
    CHECK(s.monitored == 2);
    CHECK(metrics[intelligence::newly_monitored] == 0.0F);
    CHECK(metrics[intelligence::monitored_share] == 0.5F);
}

TEST_CASE("intelligence: a monitored resident reports by a public post less often",
          "[intelligence]") {
    auto p = one_city(true, 0.02);
    params_of<intelligence>(p).chilling_effect = 0.25;
    p.channels.social_media.report_share = 1.0;  // every social-media user would post
    const local_policy local{};
    stream a(stream_key{1, 0}, 0, 0, 0), b(stream_key{1, 0}, 0, 0, 0);
    const auto free = choose_channel(resident_flag::social_media, 0, false, local, p, a);
    const auto watched = choose_channel(resident_flag::social_media | resident_flag::monitored, 0,
                                        false, local, p, b);
    CHECK(free.via == channel::social_media);
    CHECK(free.access == 1.0);
    CHECK(watched.via == channel::social_media);
    CHECK(watched.access == Approx(0.75).epsilon(1e-15));
}

TEST_CASE("intelligence: its keys and outcomes are declared once, with sources", "[intelligence]") {
    for (const auto& f : intelligence::fields) {
        INFO(f.key);
        CHECK(!f.description.empty());
        if (f.key != "enabled") CHECK(!f.source.empty());
    }
    CHECK_FALSE(intelligence_params{}.enabled);  // off by default
    STATIC_REQUIRE(position_in<intelligence>(all_mechanisms{}) == 1);
    STATIC_REQUIRE(position_in<watchdog>(all_mechanisms{}) == 0);
}
