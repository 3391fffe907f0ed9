#include "models/attitudes.hpp"

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
    CHECK(after_contact(0.4F, true, p) == Approx(0.45).margin(1e-6));
    CHECK(after_contact(0.0F, true, p) == Approx(0.05).margin(1e-6));
    CHECK(after_contact(0.98F, true, p) == 1.0F);  // clamped
    CHECK(after_contact(1.0F, true, p) == 1.0F);
}

TEST_CASE("a bad contact lowers trust by negative_weight times positive_contact", "[attitudes]") {
    const auto p = contact_params(0.05, 4.0);
    CHECK(after_contact(0.4F, false, p) == Approx(0.2).margin(1e-6));
    CHECK(after_contact(0.15F, false, p) == 0.0F);  // clamped
    CHECK(after_contact(0.0F, false, p) == 0.0F);
    CHECK(after_contact(1.0F, false, p) == Approx(0.8).margin(1e-6));
}

TEST_CASE("a bad contact weighs negative_weight times a good one", "[attitudes]") {
    const auto p = contact_params(0.02, 4.0);
    for (const float t : {0.3F, 0.5F, 0.7F}) {
        INFO("trust " << t);
        const double gain = after_contact(t, true, p) - static_cast<double>(t);
        const double loss = static_cast<double>(t) - after_contact(t, false, p);
        CHECK(gain == Approx(0.02).margin(1e-6));
        CHECK(loss == Approx(4.0 * gain).margin(1e-6));
    }
}

TEST_CASE("trust stays in the unit interval after any contact", "[attitudes]") {
    const auto strong = contact_params(0.6, 5.0);
    for (int i = 0; i <= 20; ++i) {
        const float t = static_cast<float>(i) / 20.0F;
        for (const bool positive : {true, false}) {
            const float next = after_contact(t, positive, strong);
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
    CHECK(neighbourhood_exposure(today, 1000, p) == Approx(0.006));
    CHECK(neighbourhood_exposure(today, 2000, p) == Approx(0.003));
    CHECK(neighbourhood_exposure({0, 50, 70, 90, 0}, 1000, p) == 0.0);
}

TEST_CASE("neighbourhood_exposure is zero without residents and at most 1", "[attitudes]") {
    fear_params p;
    p.exposure_shock = 0.5;
    CHECK(neighbourhood_exposure({5, 0, 0, 0, 5}, 0, p) == 0.0);
    CHECK(neighbourhood_exposure({10, 0, 0, 0, 0}, 1000, p) == 1.0);
    CHECK(neighbourhood_exposure({1, 0, 0, 0, 0}, 1000, p) == Approx(0.5));
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
    CHECK(people.victimised_on == std::vector<std::uint16_t>{never, 10, never, never, 10, never});
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
