#include "models/vigilantism.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace civicsim::models;

namespace {

stream test_stream(std::uint64_t entity) {
    return stream({11, 0}, counter_phase::trust_fear, 0, entity);
}

}  // namespace

TEST_CASE("grievance is fear times distrust", "[vigilantism]") {
    CHECK(grievance(0.8f, 0.5f) == Approx(0.4).epsilon(1e-6));
    CHECK(grievance(1.0f, 0.0f) == 1.0);
    CHECK(grievance(0.0f, 0.0f) == 0.0);
    CHECK(grievance(1.0f, 1.0f) == 0.0);
    CHECK(grievance(0.5f, 0.25f) == 0.375);
}

TEST_CASE("arrest_probability follows Epstein's 1 - exp(-k C / A)", "[vigilantism]") {
    const vigilantism_params p;  // k = 2.3
    CHECK(arrest_probability(0.0, 5.0, p) == 0.0);
    CHECK(arrest_probability(1.0, 0.0, p) == Approx(1.0 - std::exp(-2.3)).epsilon(1e-12));
    CHECK(arrest_probability(1.0, 0.5, p) == Approx(0.899741).epsilon(1e-5));  // A at least 1
    CHECK(arrest_probability(1.0, 4.0, p) == Approx(1.0 - std::exp(-0.575)).epsilon(1e-12));
    CHECK(arrest_probability(0.2, 2.0, p) == Approx(1.0 - std::exp(-0.23)).epsilon(1e-12));
    CHECK(arrest_probability(2.0, 2.0, p) > arrest_probability(1.0, 2.0, p));
    CHECK(arrest_probability(1.0, 8.0, p) < arrest_probability(1.0, 2.0, p));
}

TEST_CASE("over_threshold: grievance minus risk times P above the threshold", "[vigilantism]") {
    vigilantism_params p;                               // threshold 0.1, risk aversion 1
    CHECK(over_threshold(0.8f, 0.5f, 0.0, p));          // 0.4 > 0.1
    CHECK(over_threshold(0.8f, 0.5f, 0.25, p));         // 0.15 > 0.1
    CHECK_FALSE(over_threshold(0.8f, 0.5f, 0.35, p));   // 0.05
    CHECK_FALSE(over_threshold(0.25f, 0.75f, 0.0, p));  // G = 0.0625
    CHECK(over_threshold(0.5f, 0.75f, 0.0, p));         // G = 0.125
    CHECK_FALSE(over_threshold(0.8f, 0.5f, arrest_probability(1.0, 1.0, p), p));
    p.risk_aversion = 0.5;
    CHECK(over_threshold(0.8f, 0.5f, 0.35, p));  // 0.4 - 0.175 = 0.225
    p.threshold = 0.3;
    CHECK_FALSE(over_threshold(0.8f, 0.5f, 0.35, p));
    p.threshold = 0.125;  // exactly G (binary fractions): not above
    CHECK_FALSE(over_threshold(0.5f, 0.75f, 0.0, p));
}

TEST_CASE("maybe_act never acts under the threshold or when disabled", "[vigilantism]") {
    vigilantism_params p;
    p.act_probability = 1.0;
    auto s = test_stream(0);
    CHECK_FALSE(maybe_act(0.3f, 0.9f, 0.0, true, p, s));
    CHECK_FALSE(maybe_act(0.8f, 0.5f, 0.9, true, p, s));
    p.enabled = false;
    CHECK_FALSE(maybe_act(1.0f, 0.0f, 0.0, true, p, s));
    p.enabled = true;
    p.act_probability = 0.0;
    CHECK_FALSE(maybe_act(1.0f, 0.0f, 0.0, true, p, s));
}

TEST_CASE("maybe_act branches: post or physical act, innocents on false rumours", "[vigilantism]") {
    vigilantism_params p;
    p.act_probability = 1.0;
    auto s = test_stream(1);

    p.shaming_share = 1.0;
    p.innocent_share = 0.0;
    auto a = maybe_act(1.0f, 0.0f, 0.0, false, p, s);
    REQUIRE(a);
    CHECK(a->shaming_post);
    CHECK_FALSE(a->on_innocent);

    a = maybe_act(1.0f, 0.0f, 0.0, true, p, s);  // false rumour: always an innocent
    REQUIRE(a);
    CHECK(a->on_innocent);

    p.shaming_share = 0.0;
    p.innocent_share = 1.0;
    a = maybe_act(1.0f, 0.0f, 0.0, false, p, s);
    REQUIRE(a);
    CHECK_FALSE(a->shaming_post);
    CHECK(a->on_innocent);
}

TEST_CASE("maybe_act frequencies match act, shaming and innocent shares", "[vigilantism]") {
    vigilantism_params p;
    p.act_probability = 0.05;
    p.shaming_share = 0.8;
    p.innocent_share = 0.3;
    const int trials = 200'000;
    int acts = 0, posts = 0, innocents = 0, innocents_false = 0;
    for (int t = 0; t < trials; ++t) {
        auto s = test_stream(static_cast<std::uint64_t>(t));
        auto s_false = s;  // the same draws with a false rumour
        const auto a = maybe_act(0.9f, 0.1f, 0.1, false, p, s);
        const auto b = maybe_act(0.9f, 0.1f, 0.1, true, p, s_false);
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
