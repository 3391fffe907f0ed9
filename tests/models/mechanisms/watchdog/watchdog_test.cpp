#include "models/mechanisms/watchdog/watchdog.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "models/population.hpp"

using namespace civicsim::models;

namespace {

/// Four residents with trust 0.5; all but the last use social media.
residents four_residents() {
    residents people;
    people.resize(4);
    for (std::size_t i = 0; i < 4; ++i) {
        people.trust[i] = 0.5F;
        people.flags[i] = i < 3 ? resident_flag::social_media : 0;
    }
    return people;
}

struct day_fixture {
    residents people = four_residents();
    day_events events;
    day_effects effects;
    std::vector<float> metrics = std::vector<float>(watchdog::daily.size(), 0.0F);
    neighbourhood_day today() {
        return {7,      neighbourhood_id{0}, 0, 4, people, stream_key{5, 0}, 0, events, effects,
                metrics};
    }
};

}  // namespace

TEST_CASE("watchdog: the chance to record an event grows with its members", "[watchdog]") {
    watchdog_params p;
    p.members_per_1000 = 2.0;
    p.record_rate = 0.5;
    CHECK(watchdog_record_probability(p) == Approx(1.0 - std::exp(-1.0)).epsilon(1e-15));
    p.members_per_1000 = 0.0;
    CHECK(watchdog_record_probability(p) == 0.0);
}

TEST_CASE("watchdog: corrective actions cut the stop rate, down to a floor, and it recovers",
          "[watchdog]") {
    watchdog_params p;
    p.corrective_effect = 0.1;
    p.min_stop_factor = 0.5;
    p.recovery_days = 180.0;
    CHECK(watchdog_next_stop_factor(1.0, 0, p) == 1.0);
    CHECK(watchdog_next_stop_factor(1.0, 2, p) == Approx(0.81).epsilon(1e-12));
    CHECK(watchdog_next_stop_factor(1.0, 20, p) == 0.5);
    // Half the removed rate comes back in one half-life.
    double factor = 0.5;
    for (int day = 0; day < 180; ++day) factor = watchdog_next_stop_factor(factor, 0, p);
    CHECK(factor == Approx(0.75).epsilon(1e-9));
}

TEST_CASE("watchdog: published cases cost the trust of those who see them, actions win some back",
          "[watchdog]") {
    watchdog_params p;
    p.enabled = true;
    p.record_rate = 1e6;  // every event is recorded
    p.corrective_share = 1.0;
    p.corrective_effect = 0.1;
    p.min_stop_factor = 0.5;
    p.visibility = 1.0;  // every social-media user sees everything
    p.trust_loss = 0.02;
    p.action_trust_gain = 0.01;
    day_fixture f;
    f.events.innocent_stops = 2;
    f.events.dropped_reports = 1;
    watchdog_state s;
    auto today = f.today();
    watchdog::step(p, s, today);

    const float seen = static_cast<float>(0.49 + 0.01 * (1.0 - 0.49));
    for (std::size_t i = 0; i < 3; ++i) CHECK(f.people.trust[i] == seen);
    CHECK(f.people.trust[3] == 0.5F);  // not on social media
    CHECK(s.stop_factor == Approx(0.729).epsilon(1e-12));
    CHECK(f.effects.innocent_stop_factor == Approx(0.729).epsilon(1e-12));
    CHECK(f.metrics[watchdog::events] == 3.0F);
    CHECK(f.metrics[watchdog::published] == 3.0F);
    CHECK(f.metrics[watchdog::actions] == 3.0F);
    CHECK(f.metrics[watchdog::viewers] == 3.0F);
    CHECK(f.metrics[watchdog::stop_factor] == static_cast<float>(s.stop_factor));
}

TEST_CASE("watchdog: a day without misconduct changes no resident", "[watchdog]") {
    watchdog_params p;
    p.enabled = true;
    p.visibility = 1.0;
    day_fixture f;
    watchdog_state s;
    s.stop_factor = 0.6;
    auto today = f.today();
    watchdog::step(p, s, today);
    for (std::size_t i = 0; i < 4; ++i) CHECK(f.people.trust[i] == 0.5F);
    CHECK(f.metrics[watchdog::published] == 0.0F);
    CHECK(s.stop_factor > 0.6);  // recovering
    CHECK(f.effects.innocent_stop_factor == s.stop_factor);
}

TEST_CASE("watchdog: its keys and outcomes are declared once, with sources", "[watchdog]") {
    for (const auto& f : watchdog::fields) {
        INFO(f.key);
        CHECK(!f.description.empty());
        if (f.key != "enabled") CHECK(!f.source.empty());
    }
    CHECK_FALSE(watchdog_params{}.enabled);  // off by default
    for (const auto& m : watchdog::summary) CHECK(m.family == outcome_family::accountability);
}
