// The workshop's comparisons without HTTP: presets, levers from the schema, the checks of a
// request, common random numbers, and the exported TOML reproducing the comparison.

#include <catch2/catch.hpp>

#include <algorithm>

#include "models/metrics.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/results/statistics.hpp"
#include "sim/workshop/workshop.hpp"

using namespace civicsim;
using namespace civicsim::sim::workshop;
using nlohmann::json;

namespace {

// The field an invalid request is refused for.
std::string refused_field(const json& body) {
    try {
        parse_request(body);
    } catch (const api_error& e) {
        return e.field();
    }
    return "(accepted)";
}

const json* outcome(const json& result, std::string_view name) {
    for (const auto& o : result["outcomes"])
        if (o["name"] == name) return &o;
    return nullptr;
}

}  // namespace

TEST_CASE("workshop presets: the workshop town first, then every seed case", "[workshop]") {
    const auto& all = presets();
    REQUIRE_FALSE(all.empty());
    CHECK(all.front().name == "workshop_town");
    for (const auto* name : {"romagna_faentina", "terrassa", "london_hate_crime",
                             "nuremberg_integreat", "participatory_city", "rural_vs_urban"})
        CHECK(find_preset(name) != nullptr);
    CHECK(find_preset("bench_city") == nullptr);
}

TEST_CASE("workshop levers carry the schema's ranges, units and the preset's values",
          "[workshop]") {
    const auto all = levers(*find_preset("workshop_town"));
    const auto share = std::find_if(all.begin(), all.end(),
                                    [](const lever& l) { return l.key == "police.report_share"; });
    REQUIRE(share != all.end());
    CHECK(share->kind == "number");
    CHECK(share->min == 0.0);
    CHECK(share->max == 1.0);
    CHECK(share->unit == "share");
    CHECK(share->value.get<double>() == Approx(0.05));
    const auto mode = std::find_if(all.begin(), all.end(),
                                   [](const lever& l) { return l.key == "policy.filtering.mode"; });
    REQUIRE(mode != all.end());
    CHECK(mode->choices == std::vector<std::string>{"none", "rules", "classifier"});
    // Each campaign of the rural preset is a switch, named after the campaign.
    const auto rural = levers(*find_preset("rural_vs_urban"));
    CHECK(std::any_of(rural.begin(), rural.end(), [](const lever& l) {
        return l.key == "policy.outreach.campaign.rural seniors.enabled" && l.kind == "boolean";
    }));
    CHECK(std::any_of(rural.begin(), rural.end(), [](const lever& l) {
        return l.key == "policy.outreach.campaign.rural seniors.daily_reach" && l.kind == "number";
    }));
    // The app's languages are chosen among the scenario's.
    const auto london = levers(*find_preset("london_hate_crime"));
    const auto languages = std::find_if(london.begin(), london.end(), [](const lever& l) {
        return l.key == "channels.app.languages";
    });
    REQUIRE(languages != london.end());
    CHECK(languages->kind == "languages");
    CHECK(languages->choices.size() == 4);
    CHECK(languages->value == json::array({"english"}));
}

TEST_CASE("workshop: the app's languages are checked against the scenario's", "[workshop]") {
    const json base = {{"preset", "london_hate_crime"}, {"residents", 2000}};
    auto with = [&](const json& languages) {
        auto body = base;
        body["b"] = {{"channels.app.languages", languages}};
        return refused_field(body);
    };
    CHECK(with(json::array({"english", "bengali"})) == "(accepted)");
    CHECK(with(json::array()) == "b.channels.app.languages");
    CHECK(with(json::array({"klingon"})) == "b.channels.app.languages");
    CHECK(with("english") == "b.channels.app.languages");
    CHECK(with(json::array({"english", "english"})).starts_with("b."));
}

TEST_CASE("workshop requests are refused naming the field", "[workshop]") {
    const json ok = {{"preset", "workshop_town"}};
    CHECK(refused_field(ok) == "(accepted)");
    CHECK(refused_field(json::array()) == "");
    CHECK(refused_field({{"preset", "workshop_town"}, {"speed", 3}}) == "speed");
    CHECK(refused_field({{"preset", "atlantis"}}) == "preset");
    CHECK(refused_field({{"preset", 7}}) == "preset");
    CHECK(refused_field({{"preset", "workshop_town"}, {"days", 5}}) == "days");
    CHECK(refused_field({{"preset", "workshop_town"}, {"days", 365.5}}) == "days");
    CHECK(refused_field({{"preset", "workshop_town"}, {"replications", 1000}}) == "replications");
    CHECK(refused_field({{"preset", "workshop_town"}, {"residents", -4}}) == "residents");
    CHECK(refused_field({{"preset", "workshop_town"}, {"a", 3}}) == "a");
    CHECK(refused_field({{"preset", "workshop_town"}, {"a", {{"scenario.seed", 4}}}}) ==
          "a.scenario.seed");
    CHECK(refused_field({{"preset", "workshop_town"}, {"b", {{"police.report_share", "lots"}}}}) ==
          "b.police.report_share");
    CHECK(refused_field({{"preset", "workshop_town"}, {"b", {{"police.report_share", 1.5}}}}) ==
          "b.police.report_share");
    CHECK(refused_field({{"preset", "workshop_town"}, {"b", {{"policy.filtering.mode", "ai"}}}}) ==
          "b.policy.filtering.mode");
    CHECK(refused_field({{"preset", "workshop_town"}, {"b", {{"channels.app.enabled", 1}}}}) ==
          "b.channels.app.enabled");
    // In range for the lever, refused by the whole scenario: report, patrol and online shares
    // cannot exceed the officers' time together.
    const json too_much = {{"preset", "workshop_town"},
                           {"b", {{"police.report_share", 0.9}, {"police.patrol_share", 0.9}}}};
    CHECK(refused_field(too_much).starts_with("b."));
}

TEST_CASE("workshop comparison: the same levers on both sides differ by exactly nothing",
          "[workshop]") {
    auto request = parse_request({{"preset", "workshop_town"},
                                  {"days", 60},
                                  {"replications", 2},
                                  {"residents", 4000},
                                  {"a", {{"police.report_share", 0.08}}},
                                  {"b", {{"police.report_share", 0.08}}}});
    const auto result = compare(request, 2);
    CHECK(result["residents"].get<int>() == Approx(4000).margin(5));
    for (const auto& o : result["outcomes"])
        if (!o["difference"]["mean"].is_null()) CHECK(o["difference"]["mean"].get<double>() == 0.0);
}

TEST_CASE(
    "workshop comparison: more officer time for reports lets fewer expire, and the "
    "exported TOML reproduces the numbers with civicsim compare",
    "[workshop]") {
    const auto request = parse_request({{"preset", "workshop_town"},
                                        {"days", 120},
                                        {"replications", 2},
                                        {"residents", 6000},
                                        {"a", {{"police.report_share", 0.02}}},
                                        {"b", {{"channels.app.enabled", false}}}});
    const auto result = compare(request, 2);
    const auto* expired = outcome(result, "expired");
    REQUIRE(expired != nullptr);
    // B has the preset's report share (0.05), more than A's 0.02, so fewer reports expire.
    CHECK((*expired)["difference"]["mean"].get<double>() < 0.0);

    const auto exported = sim::parse_scenario(result["toml"].get<std::string>(), "exported");
    REQUIRE(exported.strategies.size() == 1);
    const auto runs = sim::run_comparison(exported, 2).runs;
    for (const auto& name : shown_outcomes()) {
        const auto m = models::index_of(models::summary_metrics(), name).value();
        const auto a = sim::estimate_summary(sim::runs_of(runs, "baseline"), m);
        const auto b = sim::estimate_summary(sim::runs_of(runs, "B"), m);
        const auto* o = outcome(result, name);
        INFO(name);
        if (!(*o)["a"]["mean"].is_null()) CHECK((*o)["a"]["mean"].get<double>() == a.mean);
        if (!(*o)["b"]["mean"].is_null()) CHECK((*o)["b"]["mean"].get<double>() == b.mean);
    }
}

TEST_CASE("workshop export: side B does not inherit a lever only A moved", "[workshop]") {
    const auto request = parse_request({{"preset", "workshop_town"},
                                        {"a", {{"police.report_share", 0.2}}},
                                        {"b", json::object()}});
    const auto text = comparison_toml(request);
    const auto exported = sim::parse_scenario(text, "exported");
    CHECK(exported.params.police.report_share == 0.2);
    const auto b = sim::with_overrides(exported, exported.strategies.at(0).overrides);
    CHECK(b.police.report_share == Approx(0.05));
}
