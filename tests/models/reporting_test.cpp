#include "models/reporting.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace civicsim::models;

namespace {

constexpr std::uint8_t literate = resident_flag::literate;
constexpr std::uint8_t adopter = resident_flag::aware | resident_flag::adopter;
constexpr std::uint8_t social_user = resident_flag::social_media;
constexpr std::uint8_t reported = incident_outcome::reported;
constexpr std::uint8_t by_complainant =
    incident_outcome::reported | incident_outcome::complainant_reported;

// Neighbourhoods at the reference cohesion and deprivation, and residents at the reference trust.
parameters reference_parameters(std::size_t neighbourhoods) {
    parameters params;
    params.neighbourhoods.resize(neighbourhoods);
    for (auto& n : params.neighbourhoods) {
        n.cohesion = params.reporting.reference_cohesion;
        n.deprivation = params.reporting.reference_deprivation;
    }
    return params;
}

// Residents outside any group, without digital skills or social media.
residents people_with_trust(std::size_t n, float trust) {
    residents people;
    people.resize(n);
    for (auto& t : people.trust) t = trust;
    for (auto& g : people.group) g = no_index;
    return people;
}

// Appends one incident with the given victim (or no_index) and witnesses.
void add_incident(incident_batch& batch, incident_category c, std::uint32_t victim,
                  const std::vector<std::uint32_t>& witnesses) {
    if (batch.witness_begin.empty()) batch.witness_begin.push_back(0);
    batch.category.push_back(c);
    batch.victim.push_back(victim);
    batch.witnesses.insert(batch.witnesses.end(), witnesses.begin(), witnesses.end());
    batch.witness_begin.push_back(static_cast<std::uint32_t>(batch.witnesses.size()));
}

constexpr per_category<double> every_category(double rate) {
    return {rate, rate, rate, rate, rate};
}

std::vector<std::uint32_t> reporters(const std::vector<report>& reports) {
    std::vector<std::uint32_t> who;
    for (const auto& r : reports) who.push_back(index(r.reporter));
    return who;
}

std::vector<std::uint32_t> incidents(const std::vector<report>& reports) {
    std::vector<std::uint32_t> numbers;
    for (const auto& r : reports) numbers.push_back(r.incident);
    return numbers;
}

// A fresh stream, `skip` draws in: what a stream left after `skip` draws returns next.
std::uint64_t draw_after(std::uint64_t entity, int skip) {
    stream s({11, 0}, counter_phase::reporting, 0, entity);
    for (int i = 0; i < skip; ++i) s();
    return s();
}

const double reference_cohesion = reporting_params{}.reference_cohesion;
const double reference_deprivation = reporting_params{}.reference_deprivation;

}  // namespace

// ---------------------------------------------------------------------------------------------
// reporting_probability

TEST_CASE("reporting_probability is the base rate at the reference point by phone", "[reporting]") {
    const reporting_params params;
    for (std::size_t c = 0; c < category_count; ++c) {
        INFO(category_names[c]);
        // logistic(logit(b)) round-trips to within an ulp or two.
        CHECK(reporting_probability(static_cast<incident_category>(c), params.reference_trust,
                                    params.reference_cohesion, params.reference_deprivation,
                                    channel::phone_desk,
                                    params) == Approx(params.base_rate[c]).margin(1e-15));
    }
}

TEST_CASE("reporting rises with trust cohesion and the app and falls with deprivation",
          "[reporting]") {
    const reporting_params params;
    const auto c = incident_category::minor_offence;
    const double t0 = params.reference_trust;
    const double c0 = params.reference_cohesion;
    const double d0 = params.reference_deprivation;
    const double at_reference = reporting_probability(c, t0, c0, d0, channel::phone_desk, params);

    CHECK(reporting_probability(c, 0.9, c0, d0, channel::phone_desk, params) > at_reference);
    CHECK(reporting_probability(c, 0.2, c0, d0, channel::phone_desk, params) < at_reference);
    CHECK(reporting_probability(c, t0, c0, d0, channel::app, params) > at_reference);
    CHECK(reporting_probability(c, t0, 0.9, d0, channel::phone_desk, params) > at_reference);
    CHECK(reporting_probability(c, t0, 0.1, d0, channel::phone_desk, params) < at_reference);
    CHECK(reporting_probability(c, t0, c0, 0.8, channel::phone_desk, params) < at_reference);
    CHECK(reporting_probability(c, t0, c0, 0.0, channel::phone_desk, params) > at_reference);
}

TEST_CASE("reporting_probability matches a hand-computed case", "[reporting]") {
    reporting_params params;
    params.base_rate[to_index(incident_category::serious_crime)] = 0.25;
    params.trust_effect = 2.0;
    params.cohesion_effect = 1.0;
    params.deprivation_effect = 1.0;
    params.reference_trust = 0.62;
    params.reference_cohesion = 0.5;
    params.reference_deprivation = 0.3;
    params.app_uplift = 0.4;
    // logit = ln(1/3) + 2 (0.82 - 0.62) + (0.7 - 0.5) - (0.4 - 0.3) + 0.4 = ln(1/3) + 0.9,
    // so the odds are e^0.9 / 3 and P = e^0.9 / (3 + e^0.9) = 0.4505095...
    const double p = reporting_probability(incident_category::serious_crime, 0.82, 0.7, 0.4,
                                           channel::app, params);
    CHECK(p == Approx(std::exp(0.9) / (3.0 + std::exp(0.9))).epsilon(1e-12));
    CHECK(p == Approx(0.4505095079).epsilon(1e-9));
}

TEST_CASE("app_uplift applies to the app and groups but not to social media or phone",
          "[reporting]") {
    reporting_params params;
    params.base_rate = every_category(0.35);
    params.app_uplift = 0.4;
    const auto c = incident_category::minor_offence;
    const auto p = [&](channel via) {
        return reporting_probability(c, params.reference_trust, params.reference_cohesion,
                                     params.reference_deprivation, via, params);
    };
    const double uplifted = 1.0 / (1.0 + std::exp(-(std::log(0.35 / 0.65) + 0.4)));
    CHECK(p(channel::app) == Approx(uplifted).epsilon(1e-12));
    CHECK(p(channel::group) == p(channel::app));
    CHECK(p(channel::phone_desk) == Approx(0.35).epsilon(1e-12));
    CHECK(p(channel::social_media) == p(channel::phone_desk));

    params.app_uplift = 0.0;
    CHECK(p(channel::app) == p(channel::phone_desk));
    CHECK(p(channel::group) == p(channel::phone_desk));
}

// ---------------------------------------------------------------------------------------------
// choose_channel

TEST_CASE("choose_channel gives the group to a member where groups run", "[reporting]") {
    const parameters params;
    local_policy local;
    local.groups = true;
    local.app = true;
    // A group member who could also use the app and post takes the group, without a draw.
    stream s({11, 0}, counter_phase::reporting, 0, 1);
    const auto choice = choose_channel(literate | adopter | social_user, 0, true, local, params, s);
    CHECK(choice.via == channel::group);
    CHECK(choice.access == 1.0);
    CHECK(s() == draw_after(1, 0));

    // A speaker of a language neither the app nor the desk has still reports in the group.
    stream t({11, 0}, counter_phase::reporting, 0, 2);
    const auto other = choose_channel(0, 7, true, local, params, t);
    CHECK(other.via == channel::group);
    CHECK(other.access == 1.0);
}

TEST_CASE("choose_channel passes over groups where they do not run or for non-members",
          "[reporting]") {
    const parameters params;
    local_policy local;
    local.app = true;
    local.groups = false;
    stream s({11, 0}, counter_phase::reporting, 0, 1);
    CHECK(choose_channel(literate | adopter, 0, true, local, params, s).via == channel::app);
    CHECK(choose_channel(0, 0, true, local, params, s).via == channel::phone_desk);
    local.groups = true;
    CHECK(choose_channel(literate | adopter, 0, false, local, params, s).via == channel::app);
    CHECK(choose_channel(0, 0, false, local, params, s).via == channel::phone_desk);
}

TEST_CASE("choose_channel gives the app only to usable adopters where the app runs",
          "[reporting]") {
    parameters params;
    params.channels.app.languages = {0, 2};
    params.channels.social_media.enabled = false;
    local_policy local;
    local.app = true;
    stream s({11, 0}, counter_phase::reporting, 0, 1);
    const auto via = [&](std::uint8_t flags, std::uint8_t language) {
        return choose_channel(flags, language, false, local, params, s).via;
    };
    CHECK(via(literate | adopter, 0) == channel::app);
    CHECK(via(literate | adopter, 2) == channel::app);
    CHECK(via(literate | resident_flag::aware, 0) == channel::phone_desk);  // not an adopter
    CHECK(via(adopter, 0) == channel::phone_desk);                          // lost literacy
    CHECK(via(literate | adopter, 1) == channel::phone_desk);               // language
    local.app = false;  // not (yet) rolled out here
    CHECK(via(literate | adopter, 0) == channel::phone_desk);

    // The local policy, not the scenario-wide switch, says whether the app runs here.
    local.app = true;
    params.channels.app.enabled = false;
    params.channels.app.launch_day = 1000;
    CHECK(via(literate | adopter, 0) == channel::app);
    CHECK(choose_channel(literate | adopter, 0, false, local, params, s).access == 1.0);
}

TEST_CASE("choose_channel sends a social-media user to a post with probability report_share",
          "[reporting]") {
    parameters params;
    params.channels.phone_desk.languages = {0};
    params.channels.phone_desk.unsupported_factor = 0.25;
    const local_policy local;

    params.channels.social_media.report_share = 1.0;
    for (std::uint64_t e = 0; e < 200; ++e) {
        stream s({11, 0}, counter_phase::reporting, 0, e);
        const auto choice = choose_channel(social_user, 3, false, local, params, s);
        REQUIRE(choice.via == channel::social_media);
        REQUIRE(choice.access == 1.0);  // a post needs no interpreter
    }
    // Non-users, and users where social media is off, go to the phone or desk.
    {
        stream s({11, 0}, counter_phase::reporting, 0, 0);
        CHECK(choose_channel(literate, 0, false, local, params, s).via == channel::phone_desk);
        params.channels.social_media.enabled = false;
        CHECK(choose_channel(social_user, 0, false, local, params, s).via == channel::phone_desk);
        params.channels.social_media.enabled = true;
    }

    params.channels.social_media.report_share = 0.0;
    for (std::uint64_t e = 0; e < 200; ++e) {
        stream s({11, 0}, counter_phase::reporting, 0, e);
        const auto supported = choose_channel(social_user, 0, false, local, params, s);
        REQUIRE(supported.via == channel::phone_desk);
        REQUIRE(supported.access == 1.0);
        const auto unsupported = choose_channel(social_user, 3, false, local, params, s);
        REQUIRE(unsupported.via == channel::phone_desk);
        REQUIRE(unsupported.access == 0.25);
    }

    params.channels.social_media.report_share = 0.3;
    constexpr int n = 20000;
    int posts = 0;
    for (std::uint64_t e = 0; e < n; ++e) {
        stream s({11, 0}, counter_phase::reporting, 0, e);
        const auto choice = choose_channel(social_user, 0, false, local, params, s);
        REQUIRE((choice.via == channel::social_media || choice.via == channel::phone_desk));
        if (choice.via == channel::social_media) ++posts;
    }
    const double share = static_cast<double>(posts) / n;
    CHECK(share == Approx(0.3).margin(4.0 * std::sqrt(0.3 * 0.7 / n)));
}

TEST_CASE("choose_channel draws once for a social-media user and never otherwise", "[reporting]") {
    parameters params;
    params.channels.social_media.report_share = 0.5;
    local_policy local;
    local.app = true;
    const auto next_after = [&](std::uint8_t flags, bool in_group, local_policy where) {
        stream s({11, 0}, counter_phase::reporting, 0, 5);
        choose_channel(flags, 0, in_group, where, params, s);
        return s();
    };
    CHECK(next_after(social_user, false, local) == draw_after(5, 1));
    CHECK(next_after(literate | adopter | social_user, false, local) == draw_after(5, 0));
    CHECK(next_after(0, false, local) == draw_after(5, 0));
    local.groups = true;
    CHECK(next_after(social_user, true, local) == draw_after(5, 0));
}

TEST_CASE("choose_channel falls back to phone or desk at the unsupported factor", "[reporting]") {
    parameters params;
    params.channels.phone_desk.languages = {0, 2};
    params.channels.phone_desk.unsupported_factor = 0.25;
    params.channels.app.languages = {0, 1, 2};
    const local_policy local;  // neither app nor groups here
    stream s({11, 0}, counter_phase::reporting, 0, 1);
    for (const std::uint8_t language : {std::uint8_t{0}, std::uint8_t{2}}) {
        const auto choice = choose_channel(literate | adopter, language, true, local, params, s);
        CHECK(choice.via == channel::phone_desk);
        CHECK(choice.access == 1.0);
    }
    const auto choice = choose_channel(literate | adopter, 1, true, local, params, s);
    CHECK(choice.via == channel::phone_desk);
    CHECK(choice.access == 0.25);

    params.channels.phone_desk.languages.clear();  // no desk language at all
    CHECK(choose_channel(0, 0, false, local, params, s).access == 0.25);
}

// ---------------------------------------------------------------------------------------------
// decide_reports

TEST_CASE("an incident nobody noticed is never reported", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(1.0);
    const auto people = people_with_trust(3, 0.9F);
    incident_batch batch;
    add_incident(batch, incident_category::incivility, no_index, {});
    add_incident(batch, incident_category::public_service, no_index, {});
    add_incident(batch, incident_category::public_service, no_index, {2});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    CHECK(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                         {1, 0}, 40, out, outcomes) == 1);
    REQUIRE(out.size() == 1);
    CHECK(index(out[0].reporter) == 2);
    CHECK(out[0].incident == 42);  // numbered by position in the batch, reported or not
    CHECK(outcomes == std::vector<std::uint8_t>{0, 0, by_complainant});
}

TEST_CASE("when everyone reports the complainant and every witness file in order", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(1.0);
    params.reporting.witness_factor = 1.0;
    const auto people = people_with_trust(10, 0.6F);
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 0, {1, 2});
    add_incident(batch, incident_category::incivility, no_index, {3, 4});
    add_incident(batch, incident_category::hate_crime, 5, {});
    add_incident(batch, incident_category::public_service, no_index, {6});
    add_incident(batch, incident_category::minor_offence, 7, {8, 9});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    REQUIRE(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                           {2, 0}, 100, out, outcomes) == 10);
    CHECK(reporters(out) == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    // Duplicates of one incident share its number, first_incident + k.
    CHECK(incidents(out) ==
          std::vector<std::uint32_t>{100, 100, 100, 101, 101, 102, 103, 104, 104, 104});
    CHECK(outcomes == std::vector<std::uint8_t>(5, by_complainant));
    for (const auto& r : out) CHECK(r.category == batch.category[r.incident - 100]);
}

TEST_CASE("with a zero witness factor only complainants report", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(1.0);
    params.reporting.witness_factor = 0.0;
    const auto people = people_with_trust(10, 0.6F);
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 0, {1, 2});
    add_incident(batch, incident_category::incivility, no_index, {3, 4});
    add_incident(batch, incident_category::minor_offence, 7, {8, 9});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    REQUIRE(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                           {2, 0}, 0, out, outcomes) == 3);
    CHECK(reporters(out) == std::vector<std::uint32_t>{0, 3, 7});
    CHECK(incidents(out) == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(outcomes == std::vector<std::uint8_t>(3, by_complainant));
}

TEST_CASE("a witness reports when the complainant does not", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.5);
    params.reporting.trust_effect = 100.0;  // trust 0 silences, trust 1 compels
    params.reporting.witness_factor = 1.0;
    auto people = people_with_trust(6, 1.0F);
    people.trust[0] = 0.0F;
    people.trust[1] = 0.0F;
    people.trust[3] = 0.0F;
    incident_batch batch;
    add_incident(batch, incident_category::minor_offence, 0, {1, 2});
    add_incident(batch, incident_category::incivility, no_index, {3, 4, 5});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    REQUIRE(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                           {3, 0}, 7, out, outcomes) == 3);
    CHECK(reporters(out) == std::vector<std::uint32_t>{2, 4, 5});
    CHECK(incidents(out) == std::vector<std::uint32_t>{7, 8, 8});
    // Reported, but not by the complainant (the victim, or the first to notice).
    CHECK(outcomes == std::vector<std::uint8_t>{reported, reported});
}

TEST_CASE("a complainant who reports alone sets both outcome bits", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.5);
    params.reporting.trust_effect = 100.0;
    params.reporting.witness_factor = 1.0;
    auto people = people_with_trust(3, 0.0F);
    people.trust[0] = 1.0F;
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 0, {1, 2});
    add_incident(batch, incident_category::serious_crime, 1, {2});  // nobody reports

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    REQUIRE(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                           {3, 0}, 0, out, outcomes) == 1);
    CHECK(index(out[0].reporter) == 0);
    CHECK(outcomes == std::vector<std::uint8_t>{by_complainant, 0});
}

TEST_CASE("complainant and witnesses decide independently", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.5);
    params.reporting.witness_factor = 0.5;
    params.channels.social_media.enabled = false;
    constexpr std::uint32_t n = 4000;  // incidents, each with a victim and three witnesses
    constexpr std::uint32_t per_incident = 4;
    const auto people = people_with_trust(n * per_incident, 0.6F);
    incident_batch batch;
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t v = k * per_incident;
        add_incident(batch, incident_category::minor_offence, v, {v + 1, v + 2, v + 3});
    }
    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    const auto filed = decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion,
                                      params, 0, {9, 0}, 0, out, outcomes);
    REQUIRE(outcomes.size() == n);
    REQUIRE(filed == out.size());

    // p is computed from the stored float trust, which is not exactly the reference.
    const double p =
        reporting_probability(incident_category::minor_offence, people.trust[0], reference_cohesion,
                              reference_deprivation, channel::phone_desk, params.reporting);
    const double pw = 0.5 * p;
    std::uint32_t complainants = 0;
    std::uint32_t witnesses = 0;
    std::uint32_t reported_incidents = 0;
    for (std::uint32_t k = 0; k < n; ++k) {
        if ((outcomes[k] & incident_outcome::reported) != 0) ++reported_incidents;
        if ((outcomes[k] & incident_outcome::complainant_reported) != 0) ++complainants;
    }
    for (const auto& r : out) {
        REQUIRE(r.incident == index(r.reporter) / per_incident);
        if (index(r.reporter) % per_incident != 0) ++witnesses;
    }
    const auto within = [](double trials, double q) {
        return Approx(q * trials).margin(4.0 * std::sqrt(trials * q * (1.0 - q)));
    };
    CHECK(complainants == within(n, p));
    CHECK(witnesses == within(3.0 * n, pw));
    // Reported unless all four stay silent.
    const double p_reported = 1.0 - (1.0 - p) * std::pow(1.0 - pw, 3);
    CHECK(reported_incidents == within(n, p_reported));
    // More reports than reported incidents: duplicates are kept, not dropped.
    CHECK(filed > reported_incidents);
}

TEST_CASE("a victim who also appears as a witness decides only once", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.5);
    params.reporting.witness_factor = 1.0;
    constexpr std::uint32_t n = 4000;
    const auto people = people_with_trust(n, static_cast<float>(params.reporting.reference_trust));
    incident_batch batch;
    for (std::uint32_t k = 0; k < n; ++k)
        add_incident(batch, incident_category::minor_offence, k, {k});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    const auto filed = decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion,
                                      params, 0, {7, 0}, 0, out, outcomes);
    // One decision at p of about 1/2 (a second chance would make it about 3/4).
    const double p =
        reporting_probability(incident_category::minor_offence, people.trust[0], reference_cohesion,
                              reference_deprivation, channel::phone_desk, params.reporting);
    CHECK(static_cast<double>(filed) / n == Approx(p).margin(4.0 * std::sqrt(p * (1.0 - p) / n)));
    for (std::uint32_t k = 0; k < n; ++k) {
        const bool complained = (outcomes[k] & incident_outcome::complainant_reported) != 0;
        REQUIRE(outcomes[k] == (complained ? by_complainant : 0));
    }

    // Certain reporting: exactly one report from the victim, one from the other witness.
    params.reporting.base_rate = every_category(1.0);
    incident_batch listed_twice;
    add_incident(listed_twice, incident_category::serious_crime, 0, {0, 1});
    add_incident(listed_twice, incident_category::incivility, no_index, {2, 2, 3});
    out.clear();
    outcomes.clear();
    CHECK(decide_reports(listed_twice, people, neighbourhood_id{0}, {}, reference_cohesion, params,
                         0, {7, 0}, 0, out, outcomes) == 4);
    CHECK(reporters(out) == std::vector<std::uint32_t>{0, 1, 2, 3});
}

// Witnesses are drawn with replacement (incidents.cpp), so one resident can be listed twice
// among an incident's witnesses; decide_reports only skips the complainant and so lets such a
// witness decide, and file, twice.
TEST_CASE("a witness listed twice decides only once", "[reporting][!mayfail]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(1.0);
    params.reporting.witness_factor = 1.0;
    const auto people = people_with_trust(3, 0.6F);
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 0, {1, 1});
    add_incident(batch, incident_category::incivility, no_index, {2, 1, 1});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0, {7, 0}, 0,
                   out, outcomes);
    CHECK(reporters(out) == std::vector<std::uint32_t>{0, 1, 2, 1});
}

TEST_CASE("a filed report carries reporter neighbourhood category channel day and incident",
          "[reporting]") {
    auto params = reference_parameters(2);
    params.reporting.base_rate = every_category(1.0);
    params.reporting.witness_factor = 1.0;
    params.channels.social_media.report_share = 1.0;
    auto people = people_with_trust(8, 0.6F);
    people.flags[4] = literate | adopter;  // reports by app
    people.flags[5] = adopter;             // adopted, but cannot use the app: phone
    people.flags[6] = social_user;         // posts
    people.group[7] = 3;                   // reports in the group
    local_policy local;
    local.app = true;
    local.groups = true;
    incident_batch batch;
    add_incident(batch, incident_category::hate_crime, 4, {});
    add_incident(batch, incident_category::public_service, no_index, {5, 4, 6, 7});

    std::vector<report> out(1);  // an earlier report stays untouched
    out[0].reporter = resident_id{99};
    std::vector<std::uint8_t> outcomes{0xAB};  // and so does an earlier outcome
    const auto filed = decide_reports(batch, people, neighbourhood_id{1}, local, reference_cohesion,
                                      params, 17, {4, 0}, 500, out, outcomes);

    REQUIRE(filed == 5);
    REQUIRE(out.size() == 6);
    CHECK(index(out[0].reporter) == 99);
    CHECK(outcomes == std::vector<std::uint8_t>{0xAB, by_complainant, by_complainant});

    CHECK(index(out[1].reporter) == 4);
    CHECK(index(out[1].neighbourhood) == 1);
    CHECK(out[1].category == incident_category::hate_crime);
    CHECK(out[1].via == channel::app);
    CHECK(out[1].day_filed == 17);
    CHECK(out[1].status == report_status::filed);
    CHECK(out[1].day_closed == 0);
    CHECK(out[1].response_hours == 0.0F);
    CHECK(out[1].incident == 500);
    CHECK(out[1].target_community == 0);

    CHECK(reporters(out) == std::vector<std::uint32_t>{99, 4, 5, 4, 6, 7});
    const std::vector<channel> vias{channel::phone_desk, channel::app, channel::social_media,
                                    channel::group};
    for (std::size_t i = 2; i < out.size(); ++i) {
        INFO("report " << i);
        CHECK(index(out[i].neighbourhood) == 1);
        CHECK(out[i].category == incident_category::public_service);
        CHECK(out[i].via == vias[i - 2]);
        CHECK(out[i].day_filed == 17);
        CHECK(out[i].status == report_status::filed);
        CHECK(out[i].incident == 501);
    }
}

TEST_CASE("with a zero base rate nobody reports", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.0);
    const auto people = people_with_trust(4, 1.0F);
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 0, {1, 2, 3});
    add_incident(batch, incident_category::incivility, no_index, {1, 2, 3});
    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    CHECK(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                         {5, 0}, 0, out, outcomes) == 0);
    CHECK(out.empty());
    CHECK(outcomes == std::vector<std::uint8_t>{0, 0});
}

TEST_CASE("decide_reports takes cohesion as given and deprivation from the neighbourhood",
          "[reporting]") {
    auto params = reference_parameters(2);
    params.reporting.base_rate = every_category(0.5);
    params.reporting.cohesion_effect = 100.0;
    params.reporting.deprivation_effect = 100.0;
    params.neighbourhoods[0].cohesion = 1.0;  // ignored: the cohesion argument counts
    params.neighbourhoods[1].deprivation = 1.0;
    const auto people = people_with_trust(20, 0.6F);
    incident_batch batch;
    for (std::uint32_t k = 0; k < 10; ++k)
        add_incident(batch, incident_category::minor_offence, 2 * k, {});

    const auto filed = [&](neighbourhood_id home, double cohesion) {
        std::vector<report> out;
        std::vector<std::uint8_t> outcomes;
        return decide_reports(batch, people, home, {}, cohesion, params, 0, {5, 0}, 0, out,
                              outcomes);
    };
    CHECK(filed(neighbourhood_id{0}, 0.0) == 0);
    CHECK(filed(neighbourhood_id{0}, 1.0) == 10);
    CHECK(filed(neighbourhood_id{1}, 1.0) == 0);  // deprivation 1 outweighs it
}

TEST_CASE("decide_reports applies the language access of the desk", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(1.0);
    params.reporting.witness_factor = 1.0;
    params.channels.phone_desk.languages = {0};
    params.channels.phone_desk.unsupported_factor = 0.0;
    auto people = people_with_trust(4, 0.6F);
    people.language[1] = 1;
    people.language[3] = 1;
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 1, {0, 2, 3});

    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    REQUIRE(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                           {5, 0}, 0, out, outcomes) == 2);
    CHECK(reporters(out) == std::vector<std::uint32_t>{0, 2});
    CHECK(outcomes == std::vector<std::uint8_t>{reported});

    params.channels.phone_desk.unsupported_factor = 1.0;
    out.clear();
    outcomes.clear();
    CHECK(decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0,
                         {5, 0}, 0, out, outcomes) == 4);
}

TEST_CASE("incident k decides from its own stream of the home neighbourhood", "[reporting]") {
    auto params = reference_parameters(2);
    params.reporting.base_rate = every_category(0.5);
    const auto people = people_with_trust(200, 0.6F);
    incident_batch batch;
    for (std::uint32_t k = 0; k < 200; ++k)
        add_incident(batch, incident_category::minor_offence, k, {});
    std::vector<report> out;
    std::vector<std::uint8_t> outcomes;
    const stream_key key{12, 3};
    decide_reports(batch, people, neighbourhood_id{1}, {}, reference_cohesion, params, 9, key, 0,
                   out, outcomes);

    const double p =
        reporting_probability(incident_category::minor_offence, people.trust[0], reference_cohesion,
                              reference_deprivation, channel::phone_desk, params.reporting);
    std::vector<std::uint8_t> expected;
    for (std::uint64_t k = 0; k < 200; ++k) {
        stream s(key, counter_phase::reporting, 9, (std::uint64_t{1} << 32) | k);
        expected.push_back(s.bernoulli(p) ? by_complainant : 0);
    }
    CHECK(outcomes == expected);
}

TEST_CASE("decide_reports is deterministic for a stream key and day", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.5);
    const auto people = people_with_trust(300, 0.6F);
    incident_batch batch;
    for (std::uint32_t k = 0; k < 100; ++k)
        add_incident(batch, incident_category::minor_offence, 3 * k, {3 * k + 1, 3 * k + 2});

    std::vector<report> a;
    std::vector<report> b;
    std::vector<report> other_day;
    std::vector<std::uint8_t> outcomes_a;
    std::vector<std::uint8_t> outcomes_b;
    std::vector<std::uint8_t> outcomes_other;
    const auto decide = [&](std::uint32_t day, std::vector<report>& out,
                            std::vector<std::uint8_t>& outcomes) {
        decide_reports(batch, people, neighbourhood_id{0}, {}, reference_cohesion, params, day,
                       {8, 0}, 0, out, outcomes);
    };
    decide(4, a, outcomes_a);
    decide(4, b, outcomes_b);
    decide(5, other_day, outcomes_other);
    CHECK(reporters(a) == reporters(b));
    CHECK(outcomes_a == outcomes_b);
    CHECK(reporters(a) != reporters(other_day));
}

TEST_CASE("each incident's decision does not depend on the incidents before it", "[reporting]") {
    auto params = reference_parameters(1);
    params.reporting.base_rate = every_category(0.5);
    params.reporting.witness_factor = 1.0;
    const auto people = people_with_trust(400, 0.6F);
    // Two batches that differ only in incident 0: with and without three witnesses, so that
    // incident 0 uses a different number of draws.
    incident_batch quiet;
    incident_batch crowded;
    add_incident(quiet, incident_category::minor_offence, 0, {});
    add_incident(crowded, incident_category::minor_offence, 0, {1, 2, 3});
    for (std::uint32_t k = 1; k < 100; ++k) {
        add_incident(quiet, incident_category::minor_offence, 4 * k, {4 * k + 1});
        add_incident(crowded, incident_category::minor_offence, 4 * k, {4 * k + 1});
    }
    std::vector<report> from_quiet;
    std::vector<report> from_crowded;
    std::vector<std::uint8_t> outcomes_quiet;
    std::vector<std::uint8_t> outcomes_crowded;
    decide_reports(quiet, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0, {6, 0}, 0,
                   from_quiet, outcomes_quiet);
    decide_reports(crowded, people, neighbourhood_id{0}, {}, reference_cohesion, params, 0, {6, 0},
                   0, from_crowded, outcomes_crowded);
    const auto later = [](const std::vector<report>& reports) {
        std::vector<std::uint32_t> who;
        for (const auto& r : reports)
            if (r.incident >= 1) who.push_back(index(r.reporter));
        return who;
    };
    CHECK(later(from_quiet).size() > 50);
    CHECK(later(from_quiet) == later(from_crowded));
    REQUIRE(outcomes_quiet.size() == 100);
    REQUIRE(outcomes_crowded.size() == 100);
    CHECK(std::vector<std::uint8_t>(outcomes_quiet.begin() + 1, outcomes_quiet.end()) ==
          std::vector<std::uint8_t>(outcomes_crowded.begin() + 1, outcomes_crowded.end()));
}
