#include "models/attitudes.hpp"
#include "models/victimisation.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace civicsim::models;

namespace {

trust_params contact_params(double positive_contact, double negative_weight) {
    trust_params p;
    p.positive_contact = positive_contact;
    p.negative_weight = negative_weight;
    return p;
}

residents with_fear(std::size_t n, float fear) {
    residents people;
    people.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        people.fear[i] = fear;
        people.resting_fear[i] = fear;
        people.victimised_on[i] = never;
    }
    return people;
}

void add_incident(incident_batch& batch, incident_category c, std::uint32_t victim,
                  const std::vector<std::uint32_t>& witnesses) {
    if (batch.witness_begin.empty()) batch.witness_begin.push_back(0);
    batch.category.push_back(c);
    batch.victim.push_back(victim);
    batch.witnesses.insert(batch.witnesses.end(), witnesses.begin(), witnesses.end());
    batch.witness_begin.push_back(static_cast<std::uint32_t>(batch.witnesses.size()));
}

}  // namespace

TEST_CASE("a good contact raises trust by positive_contact", "[attitudes]") {
    const auto p = contact_params(0.05, 4.0);
    CHECK(after_contact(0.4F, contact_kind::good, p) == Approx(0.45).margin(1e-6));
    CHECK(after_contact(0.0F, contact_kind::good, p) == Approx(0.05).margin(1e-6));
    CHECK(after_contact(0.98F, contact_kind::good, p) == 1.0F);  // clamped
    CHECK(after_contact(1.0F, contact_kind::good, p) == 1.0F);
}

TEST_CASE("a bad contact lowers trust by negative_weight times positive_contact", "[attitudes]") {
    const auto p = contact_params(0.05, 4.0);
    CHECK(after_contact(0.4F, contact_kind::bad, p) == Approx(0.2).margin(1e-6));
    CHECK(after_contact(0.15F, contact_kind::bad, p) == 0.0F);  // clamped
    CHECK(after_contact(0.0F, contact_kind::bad, p) == 0.0F);
    CHECK(after_contact(1.0F, contact_kind::bad, p) == Approx(0.8).margin(1e-6));
}

TEST_CASE("a bad contact weighs negative_weight times a good one", "[attitudes]") {
    const auto p = contact_params(0.02, 4.0);
    for (const float t : {0.3F, 0.5F, 0.7F}) {
        INFO("trust " << t);
        const double gain = after_contact(t, contact_kind::good, p) - static_cast<double>(t);
        const double loss = static_cast<double>(t) - after_contact(t, contact_kind::bad, p);
        CHECK(gain == Approx(0.02).margin(1e-6));
        CHECK(loss == Approx(4.0 * gain).margin(1e-6));
    }
}

TEST_CASE("trust stays in the unit interval after any contact", "[attitudes]") {
    const auto strong = contact_params(0.6, 5.0);
    for (int i = 0; i <= 20; ++i) {
        const float t = static_cast<float>(i) / 20.0F;
        for (const auto kind :
             {contact_kind::good, contact_kind::late, contact_kind::bad, contact_kind::none}) {
            const float next = after_contact(t, kind, strong);
            CHECK(next >= 0.0F);
            CHECK(next <= 1.0F);
        }
    }
}

TEST_CASE("after_shock closes a share of the distance to 1", "[attitudes]") {
    CHECK(after_shock(0.2F, 0.5) == Approx(0.6).margin(1e-6));
    CHECK(after_shock(0.2F, 0.3) == Approx(0.44).margin(1e-6));
    CHECK(after_shock(0.2F, 0.0) == 0.2F);
    CHECK(after_shock(0.2F, 1.0) == 1.0F);
    CHECK(after_shock(1.0F, 0.3) == 1.0F);
}

TEST_CASE("after_day decays fear towards its resting level", "[attitudes]") {
    CHECK(after_day(0.5F, 0.2F, 0.1, 0.0) == Approx(0.47).margin(1e-6));
    CHECK(after_day(0.1F, 0.3F, 0.1, 0.0) == Approx(0.12).margin(1e-6));
    CHECK(after_day(0.3F, 0.3F, 0.1, 0.0) == 0.3F);
    CHECK(after_day(0.9F, 0.2F, 0.0, 0.0) == 0.9F);  // no decay: no change

    float fear = 0.9F;
    for (int day = 0; day < 1000; ++day) fear = after_day(fear, 0.25F, 0.02, 0.0);
    CHECK(fear == Approx(0.25).margin(1e-6));
}

TEST_CASE("after_day adds exposure after the decay", "[attitudes]") {
    // 0.5 + 0.1 (0.2 - 0.5) = 0.47, then 0.47 + 0.1 (1 - 0.47) = 0.523.
    CHECK(after_day(0.5F, 0.2F, 0.1, 0.1) == Approx(0.523).margin(1e-6));
    CHECK(after_day(0.5F, 0.2F, 0.1, 1.0) == 1.0F);
    CHECK(after_day(0.5F, 0.5F, 0.0, 0.2) == Approx(0.6).margin(1e-6));
}

TEST_CASE("neighbourhood_exposure counts serious and hate incidents per thousand residents",
          "[attitudes]") {
    fear_params p;
    p.exposure_shock = 0.002;
    const per_category<int> today{2, 50, 70, 90, 1};
    // 3 alarming incidents per 1,000 residents at 0.002 each.
    CHECK(neighbourhood_exposure(today, 1000, 0.0, p) == Approx(0.006));
    CHECK(neighbourhood_exposure(today, 2000, 0.0, p) == Approx(0.003));
    CHECK(neighbourhood_exposure({0, 50, 70, 90, 0}, 1000, 0.0, p) == 0.0);
}

TEST_CASE("neighbourhood_exposure is zero without residents and at most 1", "[attitudes]") {
    fear_params p;
    p.exposure_shock = 0.5;
    CHECK(neighbourhood_exposure({5, 0, 0, 0, 5}, 0, 0.0, p) == 0.0);
    CHECK(neighbourhood_exposure({10, 0, 0, 0, 0}, 1000, 0.0, p) == 1.0);
    CHECK(neighbourhood_exposure({1, 0, 0, 0, 0}, 1000, 0.0, p) == Approx(0.5));
}

TEST_CASE("apply_incidents shocks victims and witnesses and stamps victims", "[attitudes]") {
    fear_params p;
    p.victim_shock = 0.5;
    p.witness_shock = 0.1;
    auto people = with_fear(6, 0.2F);
    incident_batch batch;
    add_incident(batch, incident_category::serious_crime, 1, {2, 3});
    add_incident(batch, incident_category::incivility, no_index, {3});
    add_incident(batch, incident_category::hate_crime, 4, {});

    apply_incidents(batch, people, 9, p);

    CHECK(people.fear[0] == 0.2F);                        // not involved
    CHECK(people.fear[1] == Approx(0.6).margin(1e-6));    // victim
    CHECK(people.fear[2] == Approx(0.28).margin(1e-6));   // witness once
    CHECK(people.fear[3] == Approx(0.352).margin(1e-6));  // witness twice: 0.28 + 0.1 * 0.72
    CHECK(people.fear[4] == Approx(0.6).margin(1e-6));
    CHECK(people.fear[5] == 0.2F);
    CHECK(people.victimised_on == std::vector<std::uint16_t>{never, victimisation_stamp(9), never,
                                                             never, victimisation_stamp(9), never});
    CHECK(people.resting_fear == std::vector<float>(6, 0.2F));  // resting levels untouched
}

TEST_CASE("apply_incidents of an empty batch changes nothing", "[attitudes]") {
    auto people = with_fear(3, 0.4F);
    incident_batch batch;
    batch.clear();
    apply_incidents(batch, people, 0, fear_params{});
    CHECK(people.fear == std::vector<float>(3, 0.4F));
    CHECK(people.victimised_on == std::vector<std::uint16_t>(3, never));
}

TEST_CASE("a late answer costs late_weight of a bad contact; none changes nothing", "[attitudes]") {
    auto p = contact_params(0.02, 4.0);
    p.late_weight = 0.5;
    CHECK(contact_step(contact_kind::late, p) == Approx(-0.04));
    CHECK(contact_step(contact_kind::none, p) == 0.0);
    CHECK(after_contact(0.5F, contact_kind::late, p) == Approx(0.46).margin(1e-6));
    CHECK(after_contact(0.5F, contact_kind::none, p) == 0.5F);
}

TEST_CASE("an answer is experienced as fair with probability procedural_quality", "[attitudes]") {
    trust_params p;
    p.procedural_quality = 0.7;
    int fair = 0;
    constexpr int n = 20000;
    for (int i = 0; i < n; ++i) {
        stream s({3, 0}, counter_phase::trust_fear, 0, static_cast<std::uint64_t>(i));
        fair += as_experienced(contact_kind::good, p, s) == contact_kind::good ? 1 : 0;
    }
    CHECK(static_cast<double>(fair) / n == Approx(0.7).margin(0.015));
    stream s({3, 0}, counter_phase::trust_fear, 0, 0);
    CHECK(as_experienced(contact_kind::bad, p, s) == contact_kind::bad);  // no answer: bad
    CHECK(as_experienced(contact_kind::none, p, s) == contact_kind::none);
}

TEST_CASE("trust relaxation closes half the gap in a half-life", "[attitudes]") {
    trust_params p;
    p.half_life_days = 70.0;
    CHECK(trust_relaxation(70.0, p) == Approx(0.5));
    CHECK(trust_relaxation(140.0, p) == Approx(0.75));
    CHECK(trust_relaxation(0.0, p) == 0.0);
    CHECK(relaxed(0.2F, 0.6F, 0.5F) == Approx(0.4F));
    CHECK(relaxed(0.9F, 0.6F, 0.5F) == Approx(0.75F));
}

TEST_CASE("contagion adds the neighbourhood's mean fear; patrols speed the decay", "[attitudes]") {
    fear_params p;
    p.exposure_shock = 0.0;
    p.contagion = 0.02;
    CHECK(neighbourhood_exposure({0, 0, 0, 0, 0}, 1000, 0.5, p) == Approx(0.01));
    p.decay = 0.02;
    p.patrol_reassurance = 0.001;
    CHECK(neighbourhood_decay(4.0, p) == Approx(0.024));
    CHECK(neighbourhood_decay(0.0, p) == Approx(0.02));
}

TEST_CASE("apply_incidents counts victims already victimised within the year", "[attitudes]") {
    auto people = with_fear(4, 0.2F);
    people.victimised_on[1] = victimisation_stamp(100 - 364);  // a year ago, to the day: within
    people.victimised_on[2] = victimisation_stamp(100 - 365);  // a day more: not
    incident_batch batch;
    add_incident(batch, incident_category::minor_offence, 1, {});
    add_incident(batch, incident_category::minor_offence, 2, {});
    add_incident(batch, incident_category::minor_offence, 3, {});
    add_incident(batch, incident_category::minor_offence, 3, {});  // twice today: a repeat
    const auto count = apply_incidents(batch, people, 100, fear_params{});
    CHECK(count.victims == 4);
    CHECK(count.repeats == 2);
}

TEST_CASE("settled_fear is the fixed point of a day's decay and shocks", "[attitudes]") {
    for (const double resting : {0.0, 0.2, 0.6})
        for (const double pull : {0.0, 0.01, 0.3})
            for (const double decay : {0.005, 0.02, 0.5}) {
                const double f = settled_fear(resting, pull, decay);
                // One day: decay towards rest, then the shocks close `pull` of the gap to 1.
                const double decayed = f + decay * (resting - f);
                const double next = decayed + pull * (1.0 - decayed);
                CHECK(next == Approx(f).margin(1e-12));
                CHECK(f >= resting - 1e-12);
            }
    CHECK(settled_fear(0.3, 0.0, 0.02) == Approx(0.3));
    CHECK(settled_fear(0.3, 1.0, 0.02) == Approx(1.0));
    CHECK(settled_fear(0.3, 0.0, 0.0) == 0.3);  // nothing moves it
}

TEST_CASE("settled_field's contagion is the contagion of the mean fear it settles at",
          "[attitudes]") {
    parameters params;
    params.neighbourhoods.resize(1);
    const auto& home = params.neighbourhoods[0];
    const auto field = settled_field(home, 3.7, params);
    double mean = 0.0;
    for (std::size_t b = 0; b < age_band_count; ++b)
        mean += home.age_shares[b] *
                starting_fear(static_cast<float>(home.fear_baseline * params.fear.age_fear[b]),
                              params.victimisation.age_risk[b], field);
    CHECK(field.contagion == Approx(params.fear.contagion * mean).epsilon(1e-6));
    CHECK(mean > home.fear_baseline);
    // More patrols, faster decay: a lower settled fear.
    const auto patrolled = settled_field(home, 50.0, params);
    CHECK(patrolled.decay > field.decay);
    CHECK(starting_fear(0.25F, 1.0, patrolled) < starting_fear(0.25F, 1.0, field));
    // Without contagion or shocks fear settles at rest.
    params.fear.contagion = params.fear.exposure_shock = params.fear.victim_shock =
        params.fear.witness_shock = 0.0;
    const auto quiet = settled_field(home, 3.7, params);
    CHECK(starting_fear(0.25F, 1.0, quiet) == Approx(0.25));
}
