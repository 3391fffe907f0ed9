#include "models/rollout.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace civicsim::models;

namespace {

using toggle = rollout_phase::toggle;

// Everything off scenario-wide, so that what a phase switches on is plain to see.
parameters all_off(std::size_t neighbourhoods) {
    parameters params;
    params.neighbourhoods.resize(neighbourhoods);
    params.channels.app.enabled = false;
    params.channels.groups.enabled = false;
    params.policy.moderation.enabled = false;
    params.policy.participation.enabled = false;
    return params;
}

rollout_phase phase_from(std::uint32_t start_day, std::vector<std::uint8_t> targeted) {
    rollout_phase p;
    p.name = "phase from day " + std::to_string(start_day);
    p.start_day = start_day;
    p.neighbourhood_targeted = std::move(targeted);
    return p;
}

struct switches {
    bool app;
    bool groups;
    bool facilitators;
    bool participation;
    bool operator==(const switches&) const = default;
};

switches of(const local_policy& p) { return {p.app, p.groups, p.facilitators, p.participation}; }

switches on(const parameters& params, std::uint16_t n, std::uint32_t day) {
    return of(policy_on(params, neighbourhood_id{n}, day));
}

}  // namespace

template <>
struct Catch::StringMaker<switches> {
    static std::string convert(const switches& s) {
        const auto word = [](bool b) { return b ? "on" : "off"; };
        return std::string("{app ") + word(s.app) + ", groups " + word(s.groups) +
               ", facilitators " + word(s.facilitators) + ", participation " +
               word(s.participation) + "}";
    }
};

TEST_CASE("without phases the policy is the scenario's channels and policies", "[rollout]") {
    const parameters defaults;
    // App on from day 0, groups off, facilitators on, consultations off.
    CHECK(of(policy_on(defaults, neighbourhood_id{0}, 0)) == switches{true, false, true, false});

    auto params = all_off(2);
    CHECK(on(params, 0, 0) == switches{false, false, false, false});
    CHECK(on(params, 1, 400) == switches{false, false, false, false});

    params.channels.app.enabled = true;
    params.channels.app.launch_day = 10;
    params.channels.groups.enabled = true;
    params.channels.groups.launch_day = 20;
    params.policy.moderation.enabled = true;
    params.policy.participation.enabled = true;
    // Channels open on their launch days; facilitators and consultations hold from day 0.
    CHECK(on(params, 1, 0) == switches{false, false, true, true});
    CHECK(on(params, 1, 9) == switches{false, false, true, true});
    CHECK(on(params, 1, 10) == switches{true, false, true, true});
    CHECK(on(params, 1, 19) == switches{true, false, true, true});
    CHECK(on(params, 1, 20) == switches{true, true, true, true});
    CHECK(on(params, 0, 20) == on(params, 1, 20));

    // A launch day means nothing for a channel that is not enabled.
    params.channels.app.enabled = false;
    params.channels.groups.enabled = false;
    CHECK(on(params, 1, 400) == switches{false, false, true, true});
}

TEST_CASE("a phase switches only the neighbourhoods it names from its start day", "[rollout]") {
    auto params = all_off(4);
    auto phase = phase_from(30, {0, 1, 1});  // no flag for neighbourhood 3: not targeted
    phase.app = toggle::on;
    phase.groups = toggle::on;
    phase.facilitators = toggle::on;
    phase.participation = toggle::on;
    params.rollout.phases.push_back(phase);

    const switches none{false, false, false, false};
    const switches all{true, true, true, true};
    for (const auto n : {std::uint16_t{1}, std::uint16_t{2}}) {
        INFO("neighbourhood " << n);
        CHECK(on(params, n, 0) == none);
        CHECK(on(params, n, 29) == none);
        CHECK(on(params, n, 30) == all);
        CHECK(on(params, n, 365) == all);
    }
    for (const auto n : {std::uint16_t{0}, std::uint16_t{3}}) {
        INFO("neighbourhood " << n);
        CHECK(on(params, n, 30) == none);
        CHECK(on(params, n, 365) == none);
    }
}

TEST_CASE("a phase can switch a scenario-wide channel off", "[rollout]") {
    auto params = all_off(2);
    params.channels.app.enabled = true;
    params.channels.groups.enabled = true;
    params.policy.moderation.enabled = true;
    params.policy.participation.enabled = true;
    auto phase = phase_from(5, {1, 0});
    phase.app = toggle::off;
    phase.groups = toggle::off;
    phase.facilitators = toggle::off;
    phase.participation = toggle::off;
    params.rollout.phases.push_back(phase);

    CHECK(on(params, 0, 4) == switches{true, true, true, true});
    CHECK(on(params, 0, 5) == switches{false, false, false, false});
    CHECK(on(params, 1, 5) == switches{true, true, true, true});
}

TEST_CASE("later phases override earlier ones in file order", "[rollout]") {
    auto params = all_off(2);
    auto first = phase_from(10, {1, 1});
    first.app = toggle::on;
    first.groups = toggle::on;
    auto second = phase_from(20, {0, 1});
    second.app = toggle::off;
    params.rollout.phases = {first, second};

    CHECK(on(params, 1, 9) == switches{false, false, false, false});
    CHECK(on(params, 1, 10) == switches{true, true, false, false});
    CHECK(on(params, 1, 19) == switches{true, true, false, false});
    CHECK(on(params, 1, 20) == switches{false, true, false, false});
    CHECK(on(params, 0, 20) == switches{true, true, false, false});  // not named by the second

    // Order in the file, not the start day, settles a conflict once both have started.
    auto late = phase_from(30, {1, 1});
    late.groups = toggle::on;
    auto early = phase_from(15, {1, 1});
    early.groups = toggle::off;
    params.rollout.phases = {late, early};
    CHECK(on(params, 0, 14) == switches{false, false, false, false});
    CHECK(on(params, 0, 15) == switches{false, false, false, false});
    CHECK(on(params, 0, 30) == switches{false, false, false, false});
    params.rollout.phases = {early, late};
    CHECK(on(params, 0, 29) == switches{false, false, false, false});
    CHECK(on(params, 0, 30) == switches{false, true, false, false});
}

TEST_CASE("unset toggles leave the state as it was", "[rollout]") {
    auto params = all_off(1);
    params.channels.app.enabled = true;
    params.policy.moderation.enabled = true;
    auto only_groups = phase_from(0, {1});
    only_groups.groups = toggle::on;
    params.rollout.phases.push_back(only_groups);
    // App and facilitators stay on from the scenario, participation stays off.
    CHECK(on(params, 0, 0) == switches{true, true, true, false});

    // A phase that sets nothing changes nothing, whatever came before it.
    params.rollout.phases.push_back(phase_from(1, {1}));
    CHECK(on(params, 0, 1) == switches{true, true, true, false});

    auto only_app = phase_from(2, {1});
    only_app.app = toggle::off;
    params.rollout.phases.push_back(only_app);
    CHECK(on(params, 0, 2) == switches{false, true, true, false});
}

TEST_CASE("a phase does not bring a channel forward of the scenario launch elsewhere",
          "[rollout]") {
    auto params = all_off(2);
    params.channels.groups.enabled = true;
    params.channels.groups.launch_day = 100;
    auto pilot = phase_from(10, {1, 0});
    pilot.groups = toggle::on;
    params.rollout.phases.push_back(pilot);

    CHECK(on(params, 0, 10).groups);  // the pilot neighbourhood, before the city-wide launch
    CHECK_FALSE(on(params, 1, 10).groups);
    CHECK(on(params, 1, 100).groups);  // everywhere from the launch
}
