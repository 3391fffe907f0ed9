#include "sim/engine/synthetic.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"

using namespace civicsim;

TEST_CASE("the generated city has neighbourhoods of 10,000 and every resident asked for",
          "[engine]") {
    const auto p = sim::synthetic_city(1'000'003, 7);
    CHECK(p.neighbourhoods.size() == 100);
    CHECK(models::total_population(p) == 1'000'003);
    CHECK(p.scenario.days == 7);
    // A city smaller than one neighbourhood is one neighbourhood.
    CHECK(sim::synthetic_city(500, 1).neighbourhoods.size() == 1);
    // It is a valid scenario: the scenario reader takes it back unchanged.
    const auto toml = sim::to_toml(p);
    CHECK(sim::to_toml(sim::parse_scenario(toml, "generated city").params) == toml);
}

TEST_CASE("scenarios/bench_city.toml is the generated city of 1,000,000 residents as a file",
          "[engine]") {
    const auto file =
        sim::load_scenario(std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/bench_city.toml").params;
    REQUIRE(file.neighbourhoods.size() == 100);
    CHECK(models::total_population(file) == 1'000'000);
    CHECK(file.scenario.days == 365);
    // Every optional mechanism is on.
    CHECK(file.channels.app.enabled);
    CHECK(file.channels.groups.enabled);
    CHECK(file.channels.social_media.enabled);
    CHECK(file.information.enabled);
    CHECK(file.rumours.enabled);
    CHECK(file.prejudice.enabled);
    CHECK(file.vigilantism.enabled);
    CHECK(file.policy.moderation.enabled);
    CHECK(file.policy.participation.enabled);
    CHECK(file.policy.filtering.mode != models::triage_mode::none);
    CHECK(file.police.patrol.allocation == models::patrol_allocation::predictive);
    REQUIRE(file.policy.outreach.campaigns.size() == 1);
    CHECK(file.policy.outreach.campaigns[0].enabled);

    // Apart from the names, the same parameters as the city `civicsim bench` generates.
    auto generated = sim::synthetic_city(1'000'000, 365);
    generated.scenario.name = file.scenario.name;
    generated.scenario.description = file.scenario.description;
    for (std::size_t h = 0; h < file.neighbourhoods.size(); ++h)
        generated.neighbourhoods[h].name = file.neighbourhoods[h].name;
    CHECK(sim::to_toml(file) == sim::to_toml(generated));
}
