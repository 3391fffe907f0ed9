#include "models/links.hpp"

#include <catch2/catch.hpp>

#include <vector>

#include "models/attitudes.hpp"

using namespace civicsim::models;

namespace {

report with(incident_category c, report_status s, channel via = channel::phone_desk) {
    report r;
    r.category = c;
    r.status = s;
    r.via = via;
    return r;
}

incident_batch batch_of(std::vector<std::uint32_t> victims,
                        std::vector<std::vector<std::uint32_t>> witnesses) {
    incident_batch b;
    b.witness_begin.push_back(0);
    for (std::size_t k = 0; k < victims.size(); ++k) {
        b.category.push_back(incident_category::minor_offence);
        b.victim.push_back(victims[k]);
        b.witnesses.insert(b.witnesses.end(), witnesses[k].begin(), witnesses[k].end());
        b.witness_begin.push_back(static_cast<std::uint32_t>(b.witnesses.size()));
    }
    return b;
}

stream some_stream(std::uint64_t entity) {
    return stream({3, 1}, counter_phase::police, 2, entity);
}

}  // namespace

TEST_CASE("links: the complainant is the victim, else the first witness, else no one", "[links]") {
    const auto b = batch_of({7, no_index, no_index}, {{4, 5}, {9, 4}, {}});
    CHECK(complainant(b, 0) == 7);
    CHECK(complainant(b, 1) == 9);
    CHECK(complainant(b, 2) == no_index);
}

TEST_CASE("links: which closed report is a good, a bad or no contact", "[links]") {
    using c = incident_category;
    using s = report_status;
    CHECK(contact_of(with(c::minor_offence, s::handled), police_params{}) == contact_kind::good);
    CHECK(contact_of(with(c::public_service, s::handled), police_params{}) == contact_kind::good);
    CHECK(contact_of(with(c::minor_offence, s::expired), police_params{}) == contact_kind::bad);
    CHECK(contact_of(with(c::suspicious_person, s::expired), police_params{}) == contact_kind::bad);
    for (const auto dropped : {s::moderated, s::filtered, s::ignored}) {
        CHECK(contact_of(with(c::serious_crime, dropped), police_params{}) == contact_kind::bad);
        CHECK(contact_of(with(c::public_service, dropped), police_params{}) == contact_kind::none);
        CHECK(contact_of(with(c::suspicious_person, dropped), police_params{}) ==
              contact_kind::none);
    }
    CHECK(contact_of(with(c::public_service, s::routed_municipal), police_params{}) ==
          contact_kind::none);
    CHECK(contact_of(with(c::minor_offence, s::merged), police_params{}) == contact_kind::none);
}

TEST_CASE("links: police failures are genuine matters filtered or expired", "[links]") {
    using c = incident_category;
    using s = report_status;
    CHECK(dropped_by_police(with(c::hate_crime, s::filtered)));
    CHECK(dropped_by_police(with(c::incivility, s::expired)));
    CHECK_FALSE(dropped_by_police(with(c::incivility, s::moderated)));  // a facilitator's call
    CHECK_FALSE(dropped_by_police(with(c::incivility, s::ignored)));
    CHECK_FALSE(dropped_by_police(with(c::public_service, s::expired)));
    CHECK_FALSE(dropped_by_police(with(c::suspicious_person, s::filtered)));
    CHECK_FALSE(dropped_by_police(with(c::serious_crime, s::handled)));
}

TEST_CASE("links: a contact moves trust and its group feels a share", "[links]") {
    trust_params p;
    p.positive_contact = 0.02;
    p.negative_weight = 4.0;
    p.vicarious_weight = 0.1;
    const auto good = apply_contact(0.5F, contact_kind::good, p);
    CHECK(good.trust == 0.52F);
    CHECK(good.vicarious == 0.1 * static_cast<double>(0.52F - 0.5F));
    const auto bad = apply_contact(0.5F, contact_kind::bad, p);
    CHECK(bad.trust == 0.42F);
    CHECK(bad.vicarious == 0.1 * static_cast<double>(0.42F - 0.5F));
    CHECK(apply_contact(0.05F, contact_kind::bad, p).trust ==
          0.0F);  // clamped, and only the change is felt
    CHECK(apply_contact(0.05F, contact_kind::bad, p).vicarious ==
          0.1 * static_cast<double>(0.0F - 0.05F));
}

TEST_CASE("links: minority involvement for triage", "[links]") {
    CHECK(minority_involved(1, incident_category::minor_offence));
    CHECK(minority_involved(0, incident_category::suspicious_person));
    CHECK(minority_involved(0, incident_category::hate_crime));
    CHECK_FALSE(minority_involved(0, incident_category::serious_crime));
}

TEST_CASE("links: intake ignores unseen posts and triages the rest", "[links]") {
    filtering_params rules;
    rules.mode = triage_mode::rules;
    rules.rules_minutes = 3.0;
    const recent_incidents recent(1);
    auto s = some_stream(1);
    // A post nobody sees: ignored, no triage minutes.
    auto post = with(incident_category::minor_offence, report_status::filed, channel::social_media);
    const auto unseen = intake(post, false, 0.0, rules, recent, s);
    CHECK(unseen.status == report_status::ignored);
    CHECK(unseen.triage_minutes == 0.0);
    // A post surely seen, and a phone report, go through triage: a pothole is routed away.
    const auto seen = intake(post, false, 1.0, rules, recent, s);
    CHECK(seen.status == report_status::filed);
    CHECK(seen.triage_minutes == 3.0);
    const auto pothole = intake(with(incident_category::public_service, report_status::filed),
                                false, 0.0, rules, recent, s);
    CHECK(pothole.status == report_status::routed_municipal);
    CHECK(pothole.triage_minutes == 3.0);
    // A phone report draws nothing for pickup: the stream is where it was.
    auto a = some_stream(2), b = some_stream(2);
    (void)intake(with(incident_category::minor_offence, report_status::filed), false, 0.0, rules,
                 recent, a);
    CHECK(a() == b());
}

TEST_CASE("links: a suspicious-person report names its reporter, target and day", "[links]") {
    const auto r = suspicious_person_report(12, neighbourhood_id{3}, channel::app, 40, 2);
    CHECK(index(r.reporter) == 12);
    CHECK(index(r.neighbourhood) == 3);
    CHECK(r.category == incident_category::suspicious_person);
    CHECK(r.via == channel::app);
    CHECK(r.day_filed == 40);
    CHECK(r.target_community == 2);
    CHECK(r.incident == no_index);
    CHECK(r.status == report_status::filed);
}

TEST_CASE("links: who is stopped after a suspicious-person report", "[links]") {
    // Residents 0..5; minority members 1 (community 1), 3 (community 2), 4 (community 1).
    const std::vector<std::uint8_t> community{0, 1, 0, 2, 1, 0};
    const std::vector<resident_id> minority{resident_id{1}, resident_id{3}, resident_id{4}};
    auto s = some_stream(5);
    auto copy = some_stream(5);
    const auto start = copy.below(3);
    const std::uint32_t expected_community_1 = start == 1 ? 4U : (start == 2 ? 4U : 1U);
    CHECK(stopped_resident(minority, community, 1, 1.0, s) == expected_community_1);
    auto t = some_stream(5);
    CHECK(stopped_resident(minority, community, 2, 1.0, t) == 3);
    auto u = some_stream(5);
    CHECK(stopped_resident(minority, community, 3, 1.0, u) ==
          no_index);  // nobody of that community
    auto v = some_stream(5);
    CHECK(stopped_resident({}, community, 1, 1.0, v) == no_index);
    // At a stop factor of 0 nobody is stopped; the person drawn is the same as at full rate.
    auto w = some_stream(5);
    CHECK(stopped_resident(minority, community, 2, 0.0, w) == no_index);
}

TEST_CASE("links: the fate of a vigilante act", "[links]") {
    moderation_params p;
    p.shaming_removal = 1.0;
    p.base_quality = 1.0;
    p.max_quality = 1.0;
    group facilitated;
    facilitated.facilitated = true;
    facilitated.training_hours = 1e6;
    group open_chat;
    auto s = some_stream(6);
    CHECK(fate_of(act{false, true}, &facilitated, p, s) == act_fate::physical);
    CHECK(fate_of(act{true, false}, nullptr, p, s) == act_fate::posted);
    CHECK(fate_of(act{true, false}, &open_chat, p, s) == act_fate::posted);
    CHECK(fate_of(act{true, false}, &facilitated, p, s) == act_fate::removed);
}

TEST_CASE("links: patrols count police matters and their discoveries, one draw per incident",
          "[links]") {
    incident_batch b = batch_of({1, 2, 3}, {{}, {}, {}});
    b.category = {incident_category::serious_crime, incident_category::public_service,
                  incident_category::hate_crime};
    auto s = some_stream(7);
    const auto all = tally_incidents(b, 1.0, s);
    CHECK(all.by_category[to_index(incident_category::serious_crime)] == 1);
    CHECK(all.by_category[to_index(incident_category::public_service)] == 1);
    CHECK(all.police_matters == 2);
    CHECK(all.discovered == 2);  // the pothole found on patrol is not the police's
    auto t = some_stream(7), u = some_stream(7);
    CHECK(tally_incidents(b, 0.0, t).discovered == 0);
    for (int k = 0; k < 3; ++k) (void)u();
    CHECK(t() == u());  // three incidents, three draws
}

TEST_CASE("links: a report posts to its reporter's group and, by public post, to social media",
          "[links]") {
    std::vector<double> posts(2, 0.0);
    double social = 0.0;
    post_report(with(incident_category::minor_offence, report_status::filed, channel::app), 1,
                posts, social);
    post_report(with(incident_category::minor_offence, report_status::filed, channel::social_media),
                no_index, posts, social);
    CHECK(posts == std::vector<double>{0.0, 1.0});
    CHECK(social == 1.0);
    group g;
    g.members = 50;
    group_channel_params channel;
    channel.messages_per_member = 0.2;
    CHECK(facilitator_messages(g, 3.0, channel) == 50 * 0.2 + 3.0);
}

TEST_CASE("links: a facilitator blocks a rumour in their group, or answers it in another",
          "[links]") {
    moderation_params p;
    p.rumour_stop = 1.0;
    p.base_quality = 1.0;
    p.max_quality = 1.0;
    group stopping;
    stopping.facilitated = true;
    stopping.training_hours = 1e6;
    const std::vector<group> groups{stopping, group{}};
    // Residents 0, 1 in group 0 (facilitated); 2 in group 1 (an open chat); 3 in none.
    const std::vector<std::uint32_t> group_of{0, 0, 1, no_index};
    auto s = some_stream(8);
    CHECK(rumour_blocked(0, 3, group_of, groups, p, s));  // posted in a facilitated group
    CHECK(rumour_blocked(3, 1, group_of, groups, p, s));  // answered where it arrives
    CHECK_FALSE(rumour_blocked(2, 3, group_of, groups, p, s));
    CHECK_FALSE(rumour_blocked(3, 3, group_of, groups, p, s));  // nobody in a group: no draw
    auto a = some_stream(9), b = some_stream(9);
    (void)rumour_blocked(3, 3, group_of, groups, p, a);
    CHECK(a() == b());
}

TEST_CASE("links: hearing a rumour raises fear, and out-group prejudice among the majority",
          "[links]") {
    residents people;
    people.resize(2);
    people.community = {0, 1};
    people.fear = {0.2F, 0.2F};
    people.prejudice = {0.4F, 0.4F};
    rumour_params r;
    r.fear_shock = 0.5;
    r.prejudice_shock = 0.5;
    hear_rumour(people, 0, true, r, true);
    hear_rumour(people, 1, true, r, true);
    CHECK(people.fear[0] == after_shock(0.2F, 0.5));
    CHECK(people.prejudice[0] == after_shock(0.4F, 0.5));
    CHECK(people.prejudice[1] == 0.4F);  // a minority member
    hear_rumour(people, 0, false, r, true);
    CHECK(people.prejudice[0] == after_shock(0.4F, 0.5));  // not about the out-group: unchanged
}

TEST_CASE("links: a report answered after its grade's target is a late contact", "[links]") {
    police_params police;
    police.target_hours[to_index(incident_category::minor_offence)] = 48.0;
    report r;
    r.category = incident_category::minor_offence;
    r.status = report_status::handled;
    r.response_hours = 47.0F;
    CHECK(contact_of(r, police) == contact_kind::good);
    r.response_hours = 49.0F;
    CHECK(contact_of(r, police) == contact_kind::late);
    CHECK(answered(r));
    r.status = report_status::routed_municipal;
    CHECK(answered(r));
    r.status = report_status::expired;
    CHECK_FALSE(answered(r));
}
