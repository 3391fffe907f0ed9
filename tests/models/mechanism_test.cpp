#include "models/mechanism.hpp"

#include <catch2/catch.hpp>

#include "models/mechanisms.hpp"

using namespace civicsim::models;

namespace {

/// Lacks a step: not a mechanism.
struct no_step {
    static constexpr std::string_view name = "x", section = "behaviour.x", description = "x";
    struct params {
        bool enabled = false;
    };
    struct state {};
    enum class stream_purpose : std::uint64_t { only };
    static constexpr std::array<param_field<params>, 1> fields{
        {{"enabled", &params::enabled, "", 0, 1, false, false, "x", ""}}};
    static constexpr std::array<daily_metric_def, 1> daily{{{"x", "x", "x"}}};
    static constexpr std::array<summary_metric_def, 1> summary{
        {{"x", "x", "x", reduction::total, 0, 0, better::none, outcome_family::none}}};
};

/// The same with a step.
struct with_step : no_step {
    static void step(const params&, state&, neighbourhood_day&) {}
};

}  // namespace

TEST_CASE("the mechanism concept names what a list entry must have", "[mechanism]") {
    STATIC_REQUIRE(mechanism_unit<watchdog>);
    STATIC_REQUIRE(mechanism_unit<with_step>);
    STATIC_REQUIRE_FALSE(mechanism_unit<no_step>);
    STATIC_REQUIRE_FALSE(mechanism_unit<int>);
}

TEST_CASE("for_each_mechanism visits the list in order with positions", "[mechanism]") {
    std::string seen;
    for_each_mechanism(mechanism_list<watchdog, with_step>{}, [&]<class M, std::size_t I>() {
        seen += std::string(M::name) + "@" + std::to_string(I) + " ";
    });
    CHECK(seen == "watchdog@0 x@1 ");
}
