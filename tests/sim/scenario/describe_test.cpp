// The generated texts: the complete scenario (to_toml), the reference documentation, and the
// default scenario file that ships with the project.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"
#include "tests/sim/generated_doc.hpp"

using Catch::Matchers::Contains;
using civicsim::sim::describe_markdown;
using civicsim::sim::load_scenario;
using civicsim::sim::parse_scenario;
using civicsim::sim::to_toml;

namespace {

const std::string workshop_town =
    std::string(CIVICSIM_SOURCE_DIR) + "/scenarios/workshop_town.toml";

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("The workshop town scenario loads", "[scenario]") {
    const auto s = load_scenario(workshop_town);
    const auto& p = s.params;
    CHECK(p.scenario.days == 365);
    CHECK(p.scenario.replications == 4);
    CHECK(p.scenario.languages.size() == 2);
    CHECK(p.scenario.communities.size() == 2);
    REQUIRE(p.neighbourhoods.size() == 4);
    const auto residents =
        std::accumulate(p.neighbourhoods.begin(), p.neighbourhoods.end(), 0U,
                        [](unsigned sum, const auto& n) { return sum + n.population; });
    CHECK(residents >= 18000);
    CHECK(residents <= 22000);
    // Urban, suburban and rural neighbourhoods all occur.
    int kinds = 0;
    for (const auto kind :
         {civicsim::models::settlement::urban, civicsim::models::settlement::suburban,
          civicsim::models::settlement::rural}) {
        for (const auto& n : p.neighbourhoods) {
            if (civicsim::models::settlement_of(n.density) == kind) {
                ++kinds;
                break;
            }
        }
    }
    CHECK(kinds == 3);
    CHECK(p.channels.app.languages == std::vector<std::uint8_t>{0});
    CHECK(p.channels.phone_desk.languages == std::vector<std::uint8_t>{0});
    CHECK_FALSE(p.policy.outreach.campaigns.empty());
    // Facilitated neighbourhood groups from day 60; no triage and no consultations.
    CHECK(p.channels.groups.enabled);
    CHECK(p.channels.groups.launch_day == 60);
    CHECK(p.policy.moderation.enabled);
    CHECK(p.policy.moderation.training_hours ==
          civicsim::models::moderation_params{}.training_hours);
    CHECK(p.policy.filtering.mode == civicsim::models::triage_mode::none);
    CHECK_FALSE(p.policy.participation.enabled);
    REQUIRE(s.strategies.size() >= 5);
    for (const auto& strategy : s.strategies) {
        INFO(strategy.name);
        CHECK_NOTHROW(civicsim::sim::with_overrides(s, strategy.overrides));
    }
    const auto strategy_named = [&s](const std::string& name) {
        const auto it = std::find_if(s.strategies.begin(), s.strategies.end(),
                                     [&](const auto& strategy) { return strategy.name == name; });
        REQUIRE(it != s.strategies.end());
        return civicsim::sim::with_overrides(s, it->overrides);
    };
    CHECK(strategy_named("rule triage").policy.filtering.mode ==
          civicsim::models::triage_mode::rules);
    CHECK_FALSE(strategy_named("no facilitators").policy.moderation.enabled);
    for (const auto* name : {"no campaigns", "multilingual app", "more officer time"}) {
        INFO(name);
        CHECK_NOTHROW(strategy_named(name));
    }
}

TEST_CASE("to_toml gives every key, and reads back to the same parameters", "[scenario]") {
    // The workshop town, plus what it does not use: rollout phases, enumerations other than
    // their defaults, and participation outreach.
    const std::string rollout =
        "\n[[rollout.phase]]\nname = \"pilot\"\nstart_day = 30\n"
        "neighbourhoods = [\"Millbrook Estate\", \"Old Village\"]\ngroups = true\n"
        "facilitators = false\n"
        "[[rollout.phase]]\nname = \"consult\"\nstart_day = 180\nparticipation = true\n";
    const auto original =
        parse_scenario(read_file(workshop_town) + rollout, "workshop_town.toml",
                       {"police.patrol.allocation=predictive", "policy.filtering.mode=classifier",
                        "policy.participation.outreach_age_bands=[\"65+\"]",
                        "channels.phone_desk.languages=[\"polish\", \"english\"]"});
    const std::string text = to_toml(original.params);
    CHECK_THAT(text, Contains("residents_per_officer = 445.0"));
    CHECK_THAT(text, Contains("incident_rate.hate_crime = 4.0"));
    CHECK_THAT(text, Contains("handling_hours.suspicious_person = 1.5"));
    CHECK_THAT(text, Contains("[[policy.outreach.campaign]]"));
    CHECK_THAT(text, Contains("[police.patrol]\nallocation = \"predictive\""));
    CHECK_THAT(text, Contains("[policy.filtering]\nmode = \"classifier\""));
    CHECK_THAT(text, Contains("outreach_age_bands = [\"65+\"]"));
    // Only the switches a phase sets are written.
    CHECK_THAT(text, Contains("[[rollout.phase]]\nname = \"pilot\"\nstart_day = 30\n"
                              "neighbourhoods = [\"Millbrook Estate\", \"Old Village\"]\n"
                              "groups = true\nfacilitators = false\n\n"));
    CHECK_THAT(text, Contains("[[rollout.phase]]\nname = \"consult\"\nstart_day = 180\n"
                              "neighbourhoods = [\"Market Centre\", \"Millbrook Estate\", "
                              "\"Old Village\", \"Brook Farms\"]\nparticipation = true\n"));
    const auto again = parse_scenario(text, "resolved.toml");
    CHECK(to_toml(again.params) == text);

    // Field by field where the written form differs from the stored one.
    const auto& a = original.params;
    const auto& b = again.params;
    CHECK(b.scenario.seed == a.scenario.seed);
    CHECK(b.channels.app.languages == a.channels.app.languages);
    REQUIRE(b.policy.outreach.campaigns.size() == a.policy.outreach.campaigns.size());
    for (std::size_t i = 0; i < a.policy.outreach.campaigns.size(); ++i) {
        const auto& ca = a.policy.outreach.campaigns[i];
        const auto& cb = b.policy.outreach.campaigns[i];
        CHECK(cb.neighbourhood_targeted == ca.neighbourhood_targeted);
        CHECK(cb.age_band_mask == ca.age_band_mask);
        CHECK(cb.language_mask == ca.language_mask);
    }
    CHECK(b.channels.phone_desk.languages == std::vector<std::uint8_t>{1, 0});
    CHECK(b.police.patrol.allocation == a.police.patrol.allocation);
    CHECK(b.policy.filtering.mode == a.policy.filtering.mode);
    CHECK(b.policy.participation.outreach_age_band_mask == 0b1000);
    REQUIRE(b.rollout.phases.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& pa = a.rollout.phases[i];
        const auto& pb = b.rollout.phases[i];
        CHECK(pb.name == pa.name);
        CHECK(pb.start_day == pa.start_day);
        CHECK(pb.neighbourhood_targeted == pa.neighbourhood_targeted);
        CHECK(pb.app == pa.app);
        CHECK(pb.groups == pa.groups);
        CHECK(pb.facilitators == pa.facilitators);
        CHECK(pb.participation == pa.participation);
    }
    using toggle = civicsim::models::rollout_phase::toggle;
    CHECK(b.rollout.phases[0].neighbourhood_targeted == std::vector<std::uint8_t>{0, 1, 1, 0});
    CHECK(b.rollout.phases[0].app == toggle::unset);
    CHECK(b.rollout.phases[0].facilitators == toggle::off);
    CHECK(b.rollout.phases[1].participation == toggle::on);
    CHECK(b.rollout.phases[1].groups == toggle::unset);
    for (std::size_t i = 0; i < a.neighbourhoods.size(); ++i) {
        CHECK(b.neighbourhoods[i].incident_rate == a.neighbourhoods[i].incident_rate);
        CHECK(b.neighbourhoods[i].language_shares == a.neighbourhoods[i].language_shares);
    }
}

TEST_CASE("to_toml round-trips awkward numbers and strings exactly", "[scenario]") {
    const auto s = parse_scenario(
        "[scenario]\nname = \"quote \\\" and \\\\ and tab\\t\"\nseed = 9007199254740993\n"
        "[[neighbourhood]]\nname = \"Ünïcode Street\"\npopulation = 1\ndensity = 0.1\n"
        "fear_baseline = 0.30000000000000004\ndeprivation = 1e-9\n",
        "t.toml");
    const auto again = parse_scenario(to_toml(s.params), "resolved.toml");
    CHECK(again.params.scenario.name == s.params.scenario.name);
    CHECK(again.params.scenario.seed == 9007199254740993ULL);
    CHECK(again.params.neighbourhoods[0].name == "Ünïcode Street");
    CHECK(again.params.neighbourhoods[0].fear_baseline == s.params.neighbourhoods[0].fear_baseline);
    CHECK(again.params.neighbourhoods[0].deprivation == 1e-9);
    CHECK(to_toml(again.params) == to_toml(s.params));
}

TEST_CASE("to_toml writes language_by_community in place of the neighbourhoods' language_shares",
          "[scenario]") {
    const auto s = parse_scenario(
        "[scenario]\nname = \"x\"\nlanguages = [\"german\", \"arabic\"]\n"
        "communities = [\"majority\", \"refugees\"]\n"
        "language_by_community = [[1.0, 0.0], [0.25, 0.75]]\n"
        "[[neighbourhood]]\nname = \"A\"\npopulation = 1\ndensity = 1\n"
        "community_shares = [0.8, 0.2]\n",
        "t.toml");
    const std::string text = to_toml(s.params);
    CHECK_THAT(text, Contains("language_by_community = [[1.0, 0.0], [0.25, 0.75]]\n"));
    CHECK_THAT(text, !Contains("language_shares"));
    const auto again = parse_scenario(text, "resolved.toml");
    CHECK(again.params.scenario.language_by_community == s.params.scenario.language_by_community);
    CHECK(to_toml(again.params) == text);
    // Absent, it is left out.
    CHECK_THAT(to_toml(parse_scenario("[scenario]\nname = \"y\"\n[[neighbourhood]]\nname = "
                                      "\"A\"\npopulation = 1\ndensity = 1\n",
                                      "t.toml")
                           .params),
               !Contains("language_by_community"));
}

TEST_CASE("The scenario reference in docs/ matches the schema", "[scenario]") {
    civicsim::test::check_generated_doc("scenario-reference.md", describe_markdown(),
                                        "sim/scenario/schema.cpp");
}

TEST_CASE("The scenario reference documents every section and key", "[scenario]") {
    const std::string doc = describe_markdown();
    CHECK(doc.rfind("> Generated by `civicsim describe --markdown`", 0) == 0);
    CHECK_THAT(doc, Contains("## `[[neighbourhood]]`"));
    CHECK_THAT(doc, Contains("## `[behaviour.fear]`"));
    for (const auto* section :
         {"## `[police.patrol]`", "## `[channels]`", "## `[channels.phone_desk]`",
          "## `[channels.groups]`", "## `[channels.social_media]`", "## `[behaviour.information]`",
          "## `[behaviour.rumours]`", "## `[behaviour.prejudice]`", "## `[behaviour.vigilantism]`",
          "## `[policy.moderation]`", "## `[policy.filtering]`", "## `[policy.participation]`",
          "## `[[rollout.phase]]`"}) {
        CHECK_THAT(doc, Contains(section));
    }
    CHECK_THAT(doc, Contains("| `allocation` | string |  | `\"uniform\"` | \"uniform\", "
                             "\"predictive\", \"corrected\" |"));
    CHECK_THAT(doc, Contains("| `groups` | bool |  | unset |"));
    CHECK_THAT(doc, Contains("`priority.suspicious_person`"));
    CHECK_THAT(doc, Contains("Ensign et al. 2018"));
    CHECK_THAT(doc, Contains("each ≥ 0; 4 entries"));
    CHECK_THAT(doc, Contains("## `[[strategy]]`"));
    CHECK_THAT(doc, Contains("| `density` | float | inhabitants/km² | required | > 0 |"));
    CHECK_THAT(doc, Contains("| `residents_per_officer` | float | residents | `445.0` | ≥ 1 |"));
    CHECK_THAT(doc, Contains("| `hourly_cost` | float | euros per officer hour | `45.0` | "
                             "[0, 1000000000] |"));
    CHECK_THAT(doc, Contains("| `days` | integer | days | `365` | [1, 36500] |"));
    CHECK_THAT(doc, Contains("| `name` | string |  | required |"));
    CHECK_THAT(doc, Contains("`incident_rate.public_service`"));
    CHECK_THAT(doc, Contains("MOPAC 2015"));
}

TEST_CASE("The reference shows plausible ranges, and why a key has none", "[scenario]") {
    const std::string doc = describe_markdown();
    CHECK_THAT(doc,
               Contains("| key | type | unit | default | allowed | plausible | description |"));
    CHECK_THAT(doc, Contains("| `capacity` | float | messages per day | `40.0` | > 0 | 20–80 |"));
    CHECK_THAT(doc, Contains("| `suspicious_rate` | float | probability per day | `1e-04` | "
                             "[0, 1] | 0.00002–0.0005 |"));
    CHECK_THAT(doc, Contains("| `days` | integer | days | `365` | [1, 36500] | case input |"));
    CHECK_THAT(doc, Contains("| `reference_trust` | float |  | `0.6` | [0, 1] | convention |"));
}

TEST_CASE("describe --json gives every key with its plausible range and role", "[scenario]") {
    const auto doc = nlohmann::json::parse(civicsim::sim::describe_json());
    const auto& keys = doc.at("keys");
    const auto key = [&](const std::string& name) -> const nlohmann::json& {
        for (const auto& k : keys) {
            if (k.at("key") == name) return k;
        }
        FAIL("no key " << name);
        throw;
    };
    const auto& share = key("police.report_share");
    CHECK(share.at("type") == "float");
    CHECK(share.at("default") == 0.05);
    CHECK(share.at("plausible") == nlohmann::json::parse("[[0.03, 0.1]]"));
    CHECK(share.at("role") == "model");
    CHECK(share.at("needs_plausible") == true);
    CHECK(share.at("min") == nlohmann::json::parse(R"({"limit": 0, "inclusive": true})"));
    const auto& ages = key("policy.participation.age_factor");
    CHECK(ages.at("plausible").size() == 4);
    CHECK(ages.at("default").size() == 4);
    const auto& population = key("neighbourhood.population");
    CHECK(population.at("repeated") == true);
    CHECK(population.at("role") == "case_input");
    CHECK(population.at("default").is_null());
    CHECK(population.at("default_note") == "required");
    CHECK(key("behaviour.prejudice.epsilon").at("assumption") == false);
    CHECK(key("behaviour.watchdog.recovery_days").at("plausible") ==
          nlohmann::json::parse("[[30, 730]]"));
    CHECK(keys.size() == civicsim::sim::schema::table().fields.size());
}
