#include "models/vigilantism.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace civicsim::models;

namespace {

stream test_stream(std::uint64_t entity) {
    return stream({11, 0}, counter_phase::trust_fear, 0, entity);
}

vigilantism_params switched_on() {
    vigilantism_params p;
    p.enabled = true;
    return p;
}

}  // namespace

TEST_CASE("grievance is fear times distrust", "[vigilantism]") {
    CHECK(grievance(0.8f, 0.5f) == Approx(0.4).epsilon(1e-6));
    CHECK(grievance(1.0f, 0.0f) == 1.0);
    CHECK(grievance(0.0f, 0.0f) == 0.0);
    CHECK(grievance(1.0f, 1.0f) == 0.0);
    CHECK(grievance(0.5f, 0.25f) == 0.375);
}

TEST_CASE("vigilantism is off by default: its act rate is not calibrated", "[vigilantism]") {
    CHECK_FALSE(vigilantism_params{}.enabled);
}

TEST_CASE("officers present: a day's patrol hours over 24 hours", "[vigilantism]") {
    CHECK(officers_present(48.0) == 2.0);
    CHECK(officers_present(0.0) == 0.0);
    CHECK(officers_present(-1.0) == 0.0);
}

TEST_CASE("arrest_probability counts officers and actors within sight, as Epstein",
          "[vigilantism]") {
    auto p = switched_on();  // k = 2.3, 100 residents within sight
    // One officer in sight and nobody else acting: A = 1, P = 1 - exp(-2.3), about 0.9.
    CHECK(arrest_probability(0.01, 0.0, p) == Approx(1.0 - std::exp(-2.3)).epsilon(1e-12));
    CHECK(arrest_probability(0.01, 0.0, p) == Approx(0.9).margin(0.001));
    // Three others acting in sight: A = 4.
    CHECK(arrest_probability(0.01, 0.03, p) == Approx(1.0 - std::exp(-2.3 / 4)).epsilon(1e-12));
    CHECK(arrest_probability(0.0, 0.05, p) == 0.0);
    // Only the ratio per resident matters, not the size of the neighbourhood: the same densities
    // give the same probability (consistent units).
    CHECK(arrest_probability(20.0 / 50'000, 0.0, p) == arrest_probability(4.0 / 10'000, 0.0, p));
    // A wider sight sees more officers.
    auto wide = p;
    wide.vision_residents = 500.0;
    CHECK(arrest_probability(0.001, 0.0, wide) > arrest_probability(0.001, 0.0, p));
    CHECK(arrest_probability(0.02, 0.0, p) > arrest_probability(0.01, 0.0, p));
    CHECK(arrest_probability(0.01, 0.08, p) < arrest_probability(0.01, 0.02, p));
}

TEST_CASE("risk aversion is uniform on [0, 2 x mean], a fixed trait", "[vigilantism]") {
    const auto p = switched_on();  // mean 0.5: Epstein's U(0, 1)
    double sum = 0.0, low = 1.0, high = 0.0;
    const int n = 100'000;
    for (int i = 0; i < n; ++i) {
        auto s = test_stream(static_cast<std::uint64_t>(i));
        const double r = risk_aversion_of(p, s);
        sum += r;
        low = std::min(low, r);
        high = std::max(high, r);
    }
    CHECK(sum / n == Approx(0.5).margin(4.0 * std::sqrt(1.0 / 12.0 / n)));
    CHECK(low >= 0.0);
    CHECK(low < 0.001);
    CHECK(high < 1.0);
    CHECK(high > 0.999);
    auto a = test_stream(7), b = test_stream(7);
    CHECK(risk_aversion_of(p, a) == risk_aversion_of(p, b));
}

TEST_CASE("over_threshold: grievance minus own risk times P above the threshold", "[vigilantism]") {
    auto p = switched_on();                                  // threshold 0.1
    CHECK(over_threshold(0.8f, 0.5f, 1.0, 0.0, p));          // 0.4 > 0.1
    CHECK(over_threshold(0.8f, 0.5f, 1.0, 0.25, p));         // 0.15 > 0.1
    CHECK_FALSE(over_threshold(0.8f, 0.5f, 1.0, 0.35, p));   // 0.05
    CHECK(over_threshold(0.8f, 0.5f, 0.5, 0.35, p));         // 0.4 - 0.175 = 0.225
    CHECK_FALSE(over_threshold(0.25f, 0.75f, 0.0, 0.0, p));  // G = 0.0625
    CHECK(over_threshold(0.5f, 0.75f, 0.0, 0.9, p));         // G = 0.125, fearless of arrest
    p.threshold = 0.125;  // exactly G (binary fractions): not above
    CHECK_FALSE(over_threshold(0.5f, 0.75f, 0.0, 0.0, p));
}

TEST_CASE("maybe_act never acts under the threshold or when disabled", "[vigilantism]") {
    auto p = switched_on();
    p.act_probability = 1.0;
    auto s = test_stream(0);
    CHECK_FALSE(maybe_act(0.3f, 0.9f, 0.5, 0.0, true, p, s));
    CHECK_FALSE(maybe_act(0.8f, 0.5f, 1.0, 0.9, true, p, s));
    CHECK(maybe_act(0.8f, 0.5f, 0.0, 0.9, true, p, s));  // the fearless act even so
    p.enabled = false;
    CHECK_FALSE(maybe_act(1.0f, 0.0f, 0.0, 0.0, true, p, s));
    p.enabled = true;
    p.act_probability = 0.0;
    CHECK_FALSE(maybe_act(1.0f, 0.0f, 0.0, 0.0, true, p, s));
}

TEST_CASE("maybe_act branches: post or physical act, innocents on false rumours", "[vigilantism]") {
    auto p = switched_on();
    p.act_probability = 1.0;
    auto s = test_stream(1);

    p.shaming_share = 1.0;
    p.innocent_share = 0.0;
    auto a = maybe_act(1.0f, 0.0f, 0.5, 0.0, false, p, s);
    REQUIRE(a);
    CHECK(a->shaming_post);
    CHECK_FALSE(a->on_innocent);

    a = maybe_act(1.0f, 0.0f, 0.5, 0.0, true, p, s);  // false rumour: always an innocent
    REQUIRE(a);
    CHECK(a->on_innocent);

    p.shaming_share = 0.0;
    p.innocent_share = 1.0;
    a = maybe_act(1.0f, 0.0f, 0.5, 0.0, false, p, s);
    REQUIRE(a);
    CHECK_FALSE(a->shaming_post);
    CHECK(a->on_innocent);
}

TEST_CASE("maybe_act frequencies match act, shaming and innocent shares", "[vigilantism]") {
    auto p = switched_on();
    p.act_probability = 0.05;
    p.shaming_share = 0.8;
    p.innocent_share = 0.3;
    const int trials = 200'000;
    int acts = 0, posts = 0, innocents = 0, innocents_false = 0;
    for (int t = 0; t < trials; ++t) {
        auto s = test_stream(static_cast<std::uint64_t>(t));
        auto s_false = s;  // the same draws with a false rumour
        const auto a = maybe_act(0.9f, 0.1f, 1.0, 0.1, false, p, s);
        const auto b = maybe_act(0.9f, 0.1f, 1.0, 0.1, true, p, s_false);
        REQUIRE(a.has_value() == b.has_value());
        if (!a) continue;
        ++acts;
        posts += a->shaming_post ? 1 : 0;
        innocents += a->on_innocent ? 1 : 0;
        innocents_false += b->on_innocent ? 1 : 0;
        CHECK(a->shaming_post == b->shaming_post);
    }
    const auto within = [](int count, int n, double share) {
        const double se = std::sqrt(share * (1.0 - share) / n);
        return std::abs(static_cast<double>(count) / n - share) < 4.0 * se;
    };
    CHECK(within(acts, trials, 0.05));
    CHECK(within(posts, acts, 0.8));
    CHECK(within(innocents, acts, 0.3));
    CHECK(innocents_false == acts);
}

TEST_CASE("an act targets a minority member for an out-group rumour, else anyone else",
          "[vigilantism]") {
    const resident_range range{100, 110};
    const std::vector<resident_id> minority{resident_id{103}, resident_id{107}};
    for (std::uint64_t t = 0; t < 200; ++t) {
        auto s = test_stream(t);
        const auto out = act_target(105, true, range, minority, s);
        CHECK((out == 103 || out == 107));
        const auto anyone = act_target(105, false, range, minority, s);
        CHECK(anyone >= 100);
        CHECK(anyone < 110);
        CHECK(anyone != 105);
    }
    auto s = test_stream(0);
    CHECK(act_target(100, false, {100, 101}, {}, s) == no_index);  // nobody else
    CHECK(act_target(104, true, range, {}, s) != 104);             // no minority: anyone else
}

TEST_CASE("physical acts on out-group rumours are hate crimes", "[vigilantism]") {
    CHECK(incident_of_act(true) == incident_category::hate_crime);
    CHECK(incident_of_act(false) == incident_category::minor_offence);
}
