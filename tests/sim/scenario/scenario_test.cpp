// Reading scenario files: one test per kind of problem, then overrides and strategies.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

using Catch::Matchers::Contains;
using civicsim::sim::load_scenario;
using civicsim::sim::parse_scenario;
using civicsim::sim::scenario_error;
using civicsim::sim::scenario_problem;

namespace {

// The smallest valid scenario; line numbers in the tests below count from here.
const std::string minimal = R"([scenario]
name = "test"

[[neighbourhood]]
name = "A"
population = 1000
density = 100
)";

/// The problems parse_scenario reports; fails the test when it accepts the text.
std::vector<scenario_problem> problems_of(const std::string& text,
                                          const std::vector<std::string>& sets = {}) {
    try {
        parse_scenario(text, "t.toml", sets);
    } catch (const scenario_error& e) {
        return e.problems();
    }
    FAIL("the scenario was accepted");
    return {};
}

/// The one problem about `key`; fails unless there is exactly one.
scenario_problem problem_at(const std::vector<scenario_problem>& problems, const std::string& key) {
    const auto count = std::count_if(problems.begin(), problems.end(),
                                     [&](const auto& p) { return p.key == key; });
    std::string all;
    for (const auto& p : problems) all += "\n" + p.to_string();
    INFO("looking for " << key << " among:" << all);
    REQUIRE(count == 1);
    return *std::find_if(problems.begin(), problems.end(),
                         [&](const auto& p) { return p.key == key; });
}

}  // namespace

TEST_CASE("A minimal scenario takes every other value from the defaults", "[scenario]") {
    const auto s = parse_scenario(minimal, "t.toml");
    CHECK(s.source == "t.toml");
    CHECK(s.params.scenario.name == "test");
    CHECK(s.params.scenario.days == 365);
    REQUIRE(s.params.neighbourhoods.size() == 1);
    CHECK(s.params.neighbourhoods[0].population == 1000);
    CHECK(s.params.neighbourhoods[0].density == 100.0);  // an integer where a float is expected
    CHECK(s.params.neighbourhoods[0].age_shares[3] == 0.20);
    CHECK(s.params.police.residents_per_officer == 445.0);
    CHECK(s.params.reporting.base_rate[4] == 0.48);
    CHECK(s.params.channels.app.languages == std::vector<std::uint8_t>{0});
    CHECK(s.params.policy.outreach.campaigns.empty());
    CHECK(s.params.police.patrol.allocation == civicsim::models::patrol_allocation::uniform);
    CHECK(s.params.channels.phone_desk.languages == std::vector<std::uint8_t>{0});
    CHECK_FALSE(s.params.channels.groups.enabled);
    CHECK(s.params.policy.moderation.enabled);
    CHECK(s.params.policy.filtering.mode == civicsim::models::triage_mode::none);
    CHECK_FALSE(s.params.policy.participation.enabled);
    CHECK(s.params.policy.participation.outreach_age_band_mask == 0);
    CHECK(s.params.rollout.phases.empty());
    CHECK(s.strategies.empty());
}

TEST_CASE("A TOML syntax error is reported with its position", "[scenario]") {
    const auto problems = problems_of("[scenario]\nname = \"x\"\ndays = = 3\n");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "t.toml:3:8");
    CHECK_THAT(problems[0].message, Contains("TOML syntax error"));
}

TEST_CASE("An unknown key is reported with a suggestion", "[scenario]") {
    const auto problems = problems_of(minimal + "populaton = 5\n");
    REQUIRE(problems.size() == 1);
    const auto p = problem_at(problems, "neighbourhood.0.populaton");
    CHECK(p.location == "t.toml:8:1");
    CHECK(p.value == "5");
    CHECK_THAT(p.message, Contains("unknown key \"populaton\" in [[neighbourhood]]") &&
                              Contains("did you mean \"population\"?"));
}

TEST_CASE("Unknown sections and keys without a near match list what is allowed", "[scenario]") {
    const auto problems = problems_of(minimal + "\n[polce]\nreport_share = 0.1\n[fear]\n");
    CHECK_THAT(problem_at(problems, "polce").message,
               Contains("unknown section \"polce\"; did you mean \"police\"?"));
    CHECK_THAT(problem_at(problems, "fear").message,
               Contains("allowed: scenario, neighbourhood, police, channels, behaviour, policy, "
                        "rollout, report, uncertain, strategy"));
    const auto nested = problems_of(minimal + "incident_rate.burglary = 3\n");
    CHECK_THAT(problem_at(nested, "neighbourhood.0.incident_rate.burglary").message,
               Contains("allowed: serious_crime, minor_offence"));
}

TEST_CASE("A value of the wrong type names the expected and the given type", "[scenario]") {
    const auto problems = problems_of(
        "[scenario]\nname = \"x\"\ndays = \"abc\"\nlanguages = [\"a\", 2]\n"
        "[[neighbourhood]]\nname = \"A\"\npopulation = 10.5\ndensity = \"dense\"\n");
    const auto days = problem_at(problems, "scenario.days");
    CHECK(days.location == "t.toml:3:8");
    CHECK(days.value == "\"abc\"");
    CHECK(days.message == "expected an integer, got string \"abc\"");
    CHECK(problem_at(problems, "scenario.languages").message ==
          "expected a list of strings; entry 2 is integer 2");
    CHECK(problem_at(problems, "neighbourhood.0.population").message ==
          "expected an integer, got float 10.5");
    CHECK(problem_at(problems, "neighbourhood.0.density").message ==
          "expected a number, got string \"dense\"");
    CHECK(problems.size() == 4);  // a rejected required key is not also "missing"
}

TEST_CASE("A value out of range says what is allowed", "[scenario]") {
    const auto problems =
        problems_of(minimal +
                    "deprivation = 1.5\n"
                    "digital_literacy = [0.8, 0.7, -0.1, 0.3]\n"
                    "[behaviour.reporting]\nbase_rate.incivility = 1\n"
                    "[police]\nofficer_hours_per_day = 0\npriority.hate_crime = 300\n");
    const auto deprivation = problem_at(problems, "neighbourhood.0.deprivation");
    CHECK(deprivation.location == "t.toml:8:15");
    CHECK(deprivation.value == "1.5");
    CHECK(deprivation.message == "must be between 0 and 1");
    CHECK(problem_at(problems, "neighbourhood.0.digital_literacy").message ==
          "entry 3 (-0.1) must be between 0 and 1");
    CHECK(problem_at(problems, "behaviour.reporting.base_rate.incivility").message ==
          "must be greater than 0 and less than 1");
    CHECK(problem_at(problems, "police.officer_hours_per_day").message ==
          "must be greater than 0 and at most 24");
    CHECK(problem_at(problems, "police.priority.hate_crime").message ==
          "must be between 0 and 255");
}

TEST_CASE("A missing required key is reported at its table", "[scenario]") {
    const auto problems = problems_of(
        "[scenario]\nname = \"x\"\n\n[[neighbourhood]]\nname = \"A\"\ndensity = 1\n\n"
        "[[neighbourhood]]\npopulation = 5\ndensity = 1\n");
    const auto population = problem_at(problems, "neighbourhood.0.population");
    CHECK(population.location == "t.toml:4:1");
    CHECK(population.message == "is missing; every [[neighbourhood]] table must give it");
    CHECK(problem_at(problems, "neighbourhood.1.name").location == "t.toml:8:1");

    const auto empty = problems_of("");
    CHECK(problem_at(empty, "scenario.name").location == "t.toml:1:1");
    CHECK(problem_at(empty, "neighbourhood").message ==
          "at least 1 [[neighbourhood]] table is required");
}

TEST_CASE("Shares must sum to 1", "[scenario]") {
    const auto problems = problems_of(minimal + "age_shares = [0.5, 0.2, 0.2, 0.2]\n");
    CHECK(problem_at(problems, "neighbourhood.0.age_shares").message ==
          "must sum to 1, but they sum to 1.1");
    const auto length = problems_of(minimal + "age_shares = [0.5, 0.5]\n");
    CHECK(problem_at(length, "neighbourhood.0.age_shares").message ==
          "must have exactly 4 entries, not 2");
    // Within the tolerance of 1e-3.
    CHECK_NOTHROW(parse_scenario(minimal + "age_shares = [0.2, 0.3, 0.3, 0.2005]\n", "t.toml"));
}

TEST_CASE("Language and community shares need one entry per scenario entry", "[scenario]") {
    const std::string two_languages =
        "[scenario]\nname = \"x\"\nlanguages = [\"english\", \"polish\"]\n"
        "communities = [\"majority\", \"polish\"]\n"
        "[[neighbourhood]]\nname = \"A\"\npopulation = 1\ndensity = 1\n";
    const auto problems = problems_of(two_languages + "language_shares = [1.0]\n");
    const auto languages = problem_at(problems, "neighbourhood.0.language_shares");
    CHECK(languages.location == "t.toml:9:19");
    CHECK(languages.message ==
          "has 1 entry but scenario.languages has 2 (\"english\", \"polish\"); give one share per "
          "entry, in that order");
    const auto communities = problem_at(problems, "neighbourhood.0.community_shares");
    CHECK(communities.location == "t.toml:5:1");
    CHECK_THAT(communities.message,
               Contains("is required because scenario.communities has 2 entries"));
    CHECK_NOTHROW(parse_scenario(
        two_languages + "language_shares = [0.9, 0.1]\ncommunity_shares = [0.8, 0.2]\n", "t.toml"));
}

TEST_CASE("language_by_community gives each community its languages", "[scenario]") {
    const std::string head =
        "[scenario]\nname = \"x\"\nlanguages = [\"german\", \"arabic\"]\n"
        "communities = [\"majority\", \"refugees\"]\n";
    const std::string hood =
        "[[neighbourhood]]\nname = \"A\"\npopulation = 1\ndensity = 1\n"
        "community_shares = [0.8, 0.2]\n";
    const auto s = parse_scenario(
        head + "language_by_community = [[1.0, 0.0], [0.2, 0.8]]\n" + hood, "t.toml");
    CHECK(s.params.scenario.language_by_community ==
          std::vector<std::vector<double>>{{1.0, 0.0}, {0.2, 0.8}});

    SECTION("one row per community") {
        const auto problems = problems_of(head + "language_by_community = [[1.0, 0.0]]\n" + hood);
        const auto rows = problem_at(problems, "scenario.language_by_community");
        CHECK(rows.location == "t.toml:5:25");
        CHECK(rows.message ==
              "has 1 row but scenario.communities has 2 entries (\"majority\", \"refugees\"); "
              "give one row per community, in that order");
    }
    SECTION("one share per language in each row") {
        const auto problems =
            problems_of(head + "language_by_community = [[1.0, 0.0], [1.0]]\n" + hood);
        CHECK(problem_at(problems, "scenario.language_by_community").message ==
              "row 2 (\"refugees\") has 1 entry but scenario.languages has 2 (\"german\", "
              "\"arabic\"); give one share per language, in that order");
    }
    SECTION("each row sums to 1, each share in [0, 1]") {
        const auto sums =
            problems_of(head + "language_by_community = [[1.0, 0.0], [0.2, 0.7]]\n" + hood);
        CHECK(problem_at(sums, "scenario.language_by_community").message ==
              "row 2 must sum to 1, but they sum to 0.9");
        const auto range =
            problems_of(head + "language_by_community = [[1.5, -0.5], [0.2, 0.8]]\n" + hood);
        CHECK(problem_at(range, "scenario.language_by_community").message ==
              "row 1, entry 1 (1.5) must be between 0 and 1");
    }
    SECTION("a list of lists of numbers") {
        const auto flat = problems_of(head + "language_by_community = [1.0, 0.0]\n" + hood);
        CHECK(problem_at(flat, "scenario.language_by_community").message ==
              "expected a list of lists of numbers; row 1 is float 1.0");
        const auto text =
            problems_of(head + "language_by_community = [[1.0, 0.0], [\"all\"]]\n" + hood);
        CHECK(problem_at(text, "scenario.language_by_community").message ==
              "expected a list of lists of numbers; row 2, entry 1 is string \"all\"");
    }
    SECTION("not together with a neighbourhood's language_shares") {
        const auto problems =
            problems_of(head + "language_by_community = [[1.0, 0.0], [0.2, 0.8]]\n" + hood +
                        "language_shares = [0.9, 0.1]\n");
        const auto both = problem_at(problems, "neighbourhood.0.language_shares");
        CHECK(both.location == "t.toml:11:19");
        CHECK(both.message ==
              "cannot be given with scenario.language_by_community, which draws each resident's "
              "language from their community's row; remove one of them");
    }
    SECTION("without it, language_shares are required and say so") {
        const auto problems = problems_of(head + hood);
        CHECK_THAT(problem_at(problems, "neighbourhood.0.language_shares").message,
                   Contains("give one share per entry, or give scenario.language_by_community"));
    }
    SECTION("set from --set and from a strategy like any key") {
        const auto params = civicsim::sim::with_overrides(
            s, {{"scenario.language_by_community", "[[0.5, 0.5], [0.0, 1.0]]"}});
        CHECK(params.scenario.language_by_community ==
              std::vector<std::vector<double>>{{0.5, 0.5}, {0.0, 1.0}});
        const auto problems =
            problems_of(head + hood + "language_shares = [0.9, 0.1]\n",
                        {"scenario.language_by_community=[[1.0, 0.0], [0.2, 0.8]]"});
        CHECK_THAT(problem_at(problems, "neighbourhood.0.language_shares").message,
                   Contains("cannot be given with scenario.language_by_community"));
    }
}

TEST_CASE("Names must be unique", "[scenario]") {
    const auto problems =
        problems_of(minimal +
                    "[[neighbourhood]]\nname = \"A\"\npopulation = 1\ndensity = 1\n"
                    "[[neighbourhood]]\nname = \"7\"\npopulation = 1\ndensity = 1\n"
                    "[[policy.outreach.campaign]]\nname = \"c\"\n"
                    "[[policy.outreach.campaign]]\nname = \"c\"\n"
                    "[[strategy]]\nname = \"s\"\n[[strategy]]\nname = \"s\"\n"
                    "[[strategy]]\nname = \"baseline\"\n");
    const auto duplicate = problem_at(problems, "neighbourhood.1.name");
    CHECK(duplicate.location == "t.toml:9:8");
    CHECK(duplicate.message ==
          "duplicate name: neighbourhood 0 is also called \"A\"; names must be unique");
    CHECK_THAT(problem_at(problems, "neighbourhood.2.name").message,
               Contains("must not be a number"));
    CHECK_THAT(problem_at(problems, "policy.outreach.campaign.1.name").message,
               Contains("campaign 0 is also called \"c\""));
    CHECK_THAT(problem_at(problems, "strategy.1.name").message,
               Contains("strategy names must be unique"));
    CHECK_THAT(problem_at(problems, "strategy.2.name").message,
               Contains("\"baseline\" is reserved"));
}

TEST_CASE("References to neighbourhoods, languages and age bands are checked", "[scenario]") {
    const std::string base =
        "[scenario]\nname = \"x\"\nlanguages = [\"english\", \"polish\"]\n"
        "[[neighbourhood]]\nname = \"Old Town\"\npopulation = 1\ndensity = 1\n"
        "language_shares = [0.5, 0.5]\n";
    const auto problems = problems_of(base +
                                      "[channels.app]\nlanguages = [\"english\", \"polsh\"]\n"
                                      "[[policy.outreach.campaign]]\nname = \"c\"\n"
                                      "neighbourhoods = [\"Old Twn\"]\nage_bands = [\"65 +\"]\n"
                                      "languages = [\"german\"]\n");
    CHECK(
        problem_at(problems, "channels.app.languages").message ==
        "unknown language \"polsh\"; did you mean \"polish\"? (allowed: \"english\", \"polish\")");
    const auto neighbourhood = problem_at(problems, "policy.outreach.campaign.0.neighbourhoods");
    CHECK(neighbourhood.location == "t.toml:13:18");
    CHECK(neighbourhood.value == "[\"Old Twn\"]");
    CHECK_THAT(neighbourhood.message, Contains("did you mean \"Old Town\"?"));
    CHECK_THAT(problem_at(problems, "policy.outreach.campaign.0.age_bands").message,
               Contains("did you mean \"65+\"?"));
    CHECK_THAT(problem_at(problems, "policy.outreach.campaign.0.languages").message,
               Contains("unknown language \"german\" (allowed: \"english\", \"polish\")"));
}

TEST_CASE("Campaign targets are resolved to flags and masks", "[scenario]") {
    const auto s = parse_scenario(
        "[scenario]\nname = \"x\"\nlanguages = [\"english\", \"polish\", \"urdu\"]\n"
        "[[neighbourhood]]\nname = \"A\"\npopulation = 1\ndensity = 1\nlanguage_shares = [0.5, "
        "0.3, 0.2]\n"
        "[[neighbourhood]]\nname = \"B\"\npopulation = 1\ndensity = 1\nlanguage_shares = [0.5, "
        "0.3, 0.2]\n"
        "[channels.app]\nlanguages = [\"urdu\", \"english\"]\n"
        "[[policy.outreach.campaign]]\nname = \"all\"\n"
        "[[policy.outreach.campaign]]\nname = \"some\"\nneighbourhoods = [\"B\"]\n"
        "age_bands = [\"16-29\", \"65+\"]\nlanguages = [\"polish\", \"urdu\"]\n",
        "t.toml");
    CHECK(s.params.channels.app.languages == std::vector<std::uint8_t>{2, 0});
    const auto& all = s.params.policy.outreach.campaigns[0];
    CHECK(all.neighbourhood_targeted == std::vector<std::uint8_t>{1, 1});
    CHECK(all.age_band_mask == 0xF);
    CHECK(all.language_mask == 0xFFFFFFFF);
    const auto& some = s.params.policy.outreach.campaigns[1];
    CHECK(some.neighbourhood_targeted == std::vector<std::uint8_t>{0, 1});
    CHECK(some.age_band_mask == 0b1001);
    CHECK(some.language_mask == 0b110);
}

TEST_CASE("A campaign must end after it starts", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[[policy.outreach.campaign]]\nname = \"c\"\n"
                                      "start_day = 40\nend_day = 40\n");
    const auto p = problem_at(problems, "policy.outreach.campaign.0.end_day");
    CHECK(p.location == "t.toml:11:11");
    CHECK(p.value == "40");
    CHECK(p.message == "must be greater than start_day (40); end_day is exclusive");
}

TEST_CASE("Every problem in a file is reported at once, in file order", "[scenario]") {
    const std::string text = R"([scenario]
name = "x"
dayz = 3
seed = -1

[[neighbourhood]]
name = "A"
population = "many"
density = 100
cohesion = 2

[police]
report_share = 0.5
handling_hours.serious_crime = 0

[[policy.outreach.campaign]]
name = "c"
neighbourhoods = ["B"]
start_day = 10
end_day = 5
)";
    const auto problems = problems_of(text);
    std::vector<std::string> keys;
    for (const auto& p : problems) keys.push_back(p.key);
    CHECK(keys == std::vector<std::string>{"scenario.dayz", "scenario.seed",
                                           "neighbourhood.0.population", "neighbourhood.0.cohesion",
                                           "police.handling_hours.serious_crime",
                                           "policy.outreach.campaign.0.neighbourhoods",
                                           "policy.outreach.campaign.0.end_day"});
    try {
        parse_scenario(text, "t.toml");
    } catch (const scenario_error& e) {
        const std::string what = e.what();
        CHECK(std::count(what.begin(), what.end(), '\n') == 6);
        CHECK_THAT(what, Contains("t.toml:4:8: scenario.seed = -1: must be at least 0"));
    }
}

TEST_CASE("A problem reads as location, key, value and message", "[scenario]") {
    const scenario_problem p{"f.toml:3:7", "police.report_share", "1.5", "must be between 0 and 1"};
    CHECK(p.to_string() == "f.toml:3:7: police.report_share = 1.5: must be between 0 and 1");
    const scenario_problem bare{"f.toml", "", "", "no such file"};
    CHECK(bare.to_string() == "f.toml: no such file");
}

TEST_CASE("Overrides from --set are applied in order after the file", "[scenario]") {
    const auto s =
        parse_scenario(minimal, "t.toml",
                       {"scenario.days=30", "scenario.name=plain text",
                        "neighbourhood.A.population = 2500", "neighbourhood.0.density=3000",
                        "scenario.days=31", "neighbourhood.0.age_shares=[0.25,0.25,0.25,0.25]"});
    CHECK(s.params.scenario.days == 31);
    CHECK(s.params.scenario.name == "plain text");
    CHECK(s.params.neighbourhoods[0].population == 2500);
    CHECK(s.params.neighbourhoods[0].density == 3000.0);
    CHECK(s.params.neighbourhoods[0].age_shares[0] == 0.25);
}

TEST_CASE("Overrides from --set address campaigns by name", "[scenario]") {
    const auto s =
        parse_scenario(minimal + "[[policy.outreach.campaign]]\nname = \"seniors\"\n", "t.toml",
                       {"policy.outreach.campaign.seniors.daily_reach=0.5",
                        "policy.outreach.campaign.seniors.enabled=false"});
    CHECK(s.params.policy.outreach.campaigns[0].daily_reach == 0.5);
    CHECK_FALSE(s.params.policy.outreach.campaigns[0].enabled);
}

TEST_CASE("Bad --set overrides are reported with their position", "[scenario]") {
    const auto problems = problems_of(
        minimal, {"scenario.days", "police.report_shar=0.1", "police.report_share=2",
                  "neighbourhood.B.density=5", "neighbourhood.3.density=5", "scenario.days=abc"});
    REQUIRE(problems.size() == 6);
    CHECK(problems[0].location == "--set #1");
    CHECK_THAT(problems[0].message, Contains("expected key=value"));
    CHECK(problems[1].location == "--set #2");
    CHECK(problems[1].message == "unknown key; did you mean \"police.report_share\"?");
    CHECK(problems[2].location == "--set #3");
    CHECK(problems[2].key == "police.report_share");
    CHECK(problems[2].value == "2");
    CHECK(problems[2].message == "must be between 0 and 1");
    CHECK_THAT(problems[3].message, Contains("no [[neighbourhood]] is named \"B\" (names: \"A\")"));
    CHECK_THAT(problems[4].message,
               Contains("there is no [[neighbourhood]] number 3; there are 1, numbered 0 to 0"));
    CHECK(problems[5].message == "expected an integer, got string \"abc\"");
}

TEST_CASE("Overrides from --set are checked together with the file", "[scenario]") {
    const auto problems = problems_of(minimal, {"scenario.languages=[\"a\", \"b\"]"});
    CHECK_THAT(problem_at(problems, "neighbourhood.0.language_shares").message,
               Contains("is required because scenario.languages has 2 entries"));
    const auto s = parse_scenario(
        minimal, "t.toml",
        {"scenario.languages=[\"a\", \"b\"]", "neighbourhood.A.language_shares=[0.5, 0.5]"});
    CHECK(s.params.scenario.languages == std::vector<std::string>{"a", "b"});
}

TEST_CASE("Strategies keep their overrides as dotted keys and TOML values", "[scenario]") {
    const auto s = parse_scenario(minimal +
                                      "[[policy.outreach.campaign]]\nname = \"seniors\"\n"
                                      "[[strategy]]\nname = \"s1\"\ndescription = \"more time\"\n"
                                      "set = { \"police.report_share\" = 0.08, "
                                      "policy.outreach.campaign.seniors = { enabled = false } }\n",
                                  "t.toml");
    REQUIRE(s.strategies.size() == 1);
    CHECK(s.strategies[0].name == "s1");
    CHECK(s.strategies[0].description == "more time");
    using override_list = std::vector<std::pair<std::string, std::string>>;
    CHECK(s.strategies[0].overrides ==
          override_list{{"police.report_share", "0.08"},
                        {"policy.outreach.campaign.seniors.enabled", "false"}});
    const auto params = civicsim::sim::with_overrides(s, s.strategies[0].overrides);
    CHECK(params.police.report_share == 0.08);
    CHECK_FALSE(params.policy.outreach.campaigns[0].enabled);
    CHECK(s.params.police.report_share == 0.05);  // the scenario itself is untouched
}

TEST_CASE("Strategy overrides are checked at the strategy's lines", "[scenario]") {
    const auto problems =
        problems_of(minimal +
                    "[[strategy]]\nname = \"bad\"\n"
                    "set = { \"police.report_share\" = 3, \"police.repot_share\" = 0.1 }\n"
                    "[[strategy]]\nname = \"worse\"\n"
                    "set = { \"scenario.languages\" = [\"a\", \"b\"] }\n"
                    "sett = 1\n");
    const auto range = problem_at(problems, "police.report_share");
    CHECK(range.location == "t.toml:10:33");
    CHECK(range.message == "must be between 0 and 1 (in strategy \"bad\")");
    CHECK(problem_at(problems, "police.repot_share").message ==
          "unknown key; did you mean \"police.report_share\"? (in strategy \"bad\")");
    const auto cross = problem_at(problems, "neighbourhood.0.language_shares");
    CHECK_THAT(cross.message, Contains("(in strategy \"worse\")"));
    CHECK_THAT(problem_at(problems, "strategy.1.sett").message, Contains("did you mean \"set\"?"));
}

TEST_CASE("with_overrides checks like a file and leaves the scenario alone", "[scenario]") {
    const auto s = parse_scenario(minimal, "t.toml");
    const auto params = civicsim::sim::with_overrides(
        s, {{"neighbourhood.A.cohesion", "0.9"}, {"scenario.name", "renamed"}});
    CHECK(params.neighbourhoods[0].cohesion == 0.9);
    CHECK(params.scenario.name == "renamed");
    try {
        civicsim::sim::with_overrides(
            s, {{"police.report_share", "0.1"}, {"neighbourhood.A.cohesion", "1.9"}});
        FAIL("accepted");
    } catch (const scenario_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].location == "override #2");
        CHECK(e.problems()[0].key == "neighbourhood.0.cohesion");
        CHECK(e.problems()[0].message == "must be between 0 and 1");
    }
}

TEST_CASE("A missing file is one clear problem", "[scenario]") {
    const std::string path = std::string(CIVICSIM_TEST_TMP) + "/no_such_scenario.toml";
    try {
        load_scenario(path);
        FAIL("accepted");
    } catch (const scenario_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].location == path);
        CHECK_THAT(e.problems()[0].message, Contains("no such file"));
    }
    CHECK_THROWS_AS(load_scenario(CIVICSIM_TEST_TMP), scenario_error);
}

TEST_CASE("load_scenario names the file in locations", "[scenario]") {
    const std::string path = std::string(CIVICSIM_TEST_TMP) + "/scenario_load_test.toml";
    std::ofstream(path) << minimal << "cohesion = 3\n";
    try {
        load_scenario(path, {"scenario.days=0"});
        FAIL("accepted");
    } catch (const scenario_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].location == path + ":8:12");
        CHECK(e.problems()[1].location == "--set #1");
    }
}

TEST_CASE("Sections written as the wrong kind of table are reported", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[[police]]\nreport_share = 0.1\n"
                                      "[behaviour]\nfear = 3\n"
                                      "[policy.outreach.campaign]\nname = \"c\"\n");
    CHECK(problem_at(problems, "police").message == "expected the table [police], got a list");
    CHECK(problem_at(problems, "behaviour.fear").message ==
          "expected the table [behaviour.fear], got the value 3");
    CHECK(problem_at(problems, "policy.outreach.campaign").message ==
          "expected [[policy.outreach.campaign]] tables (an array of tables), got a table");
}

TEST_CASE("The channels table holds its own keys next to one table per channel", "[scenario]") {
    const auto s = parse_scenario(minimal +
                                      "[channels]\ntranslation_cost_per_report = 20\n"
                                      "[channels.groups]\nenabled = true\nlaunch_day = 60\n"
                                      "[channels.social_media]\nuse_share = [0.9, 0.8, 0.6, 0.4]\n",
                                  "t.toml");
    CHECK(s.params.channels.translation_cost_per_report == 20.0);
    CHECK(s.params.channels.groups.enabled);
    CHECK(s.params.channels.groups.launch_day == 60);
    CHECK(s.params.channels.social_media.use_share[3] == 0.4);
    const auto problems = problems_of(minimal + "[channels]\nphone_dsk = 1\n");
    CHECK_THAT(problem_at(problems, "channels.phone_dsk").message,
               Contains("unknown key \"phone_dsk\" in [channels]; did you mean \"phone_desk\"?"));
}

TEST_CASE("An enumeration value with a typo gets a suggestion", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[police.patrol]\nallocation = \"predictve\"\n"
                                      "[policy.filtering]\nmode = \"rule\"\n");
    const auto allocation = problem_at(problems, "police.patrol.allocation");
    CHECK(allocation.location == "t.toml:9:14");
    CHECK(allocation.value == "\"predictve\"");
    CHECK(allocation.message ==
          "unknown patrol allocation \"predictve\"; did you mean \"predictive\"? (allowed: "
          "\"uniform\", \"predictive\", \"corrected\")");
    CHECK_THAT(problem_at(problems, "policy.filtering.mode").message,
               Contains("unknown triage mode \"rule\"; did you mean \"rules\"?"));
    // A --set override is checked the same way.
    const auto set = problems_of(minimal, {"police.patrol.allocation=uniformly"});
    const auto from_set = problem_at(set, "police.patrol.allocation");
    CHECK(from_set.location == "--set #1");
    CHECK_THAT(from_set.message, Contains("did you mean \"uniform\"?"));

    const auto s = parse_scenario(minimal + "[policy.filtering]\nmode = \"classifier\"\n", "t.toml",
                                  {"police.patrol.allocation=corrected"});
    CHECK(s.params.policy.filtering.mode == civicsim::models::triage_mode::classifier);
    CHECK(s.params.police.patrol.allocation == civicsim::models::patrol_allocation::corrected);
}

TEST_CASE("Police shares of officer hours may not exceed 1 together", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[police]\nreport_share = 0.5\nonline_share = 0.1\n"
                                      "patrol_share = 0.45\n");
    REQUIRE(problems.size() == 1);
    const auto p = problem_at(problems, "police.patrol_share");
    CHECK(p.location == "t.toml:11:16");
    CHECK(p.value == "0.45");
    CHECK(p.message ==
          "report_share (0.5) + online_share (0.1) + patrol_share (0.45) = 1.05, more than 1; "
          "they are shares of the same officer hours");
    // Monitoring public posts takes officer hours too, when it is on.
    const std::string full = minimal +
                             "[police]\nreport_share = 0.4\nonline_share = 0.1\n"
                             "patrol_share = 0.45\n";
    CHECK_NOTHROW(
        parse_scenario(full + "[police.intelligence]\nmonitoring_share = 0.1\n", "t.toml"));
    const auto monitored =
        problems_of(full + "[police.intelligence]\nenabled = true\nmonitoring_share = 0.1\n");
    REQUIRE(monitored.size() == 1);
    CHECK(problem_at(monitored, "police.patrol_share").message ==
          "report_share (0.4) + online_share (0.1) + patrol_share (0.45) + "
          "police.intelligence.monitoring_share (0.1) = 1.05, more than 1; they are shares of "
          "the same officer hours");
    // Without patrol_share in the file, the problem is reported at the table.
    const auto unassigned = problems_of(minimal + "[police]\nreport_share = 0.8\n");
    CHECK(problem_at(unassigned, "police.patrol_share").location == "t.toml:8:1");
    // Exactly 1 is allowed, whatever the rounding of the sum.
    CHECK_NOTHROW(parse_scenario(
        minimal + "[police]\nreport_share = 0.2\nonline_share = 0.1\npatrol_share = 0.7\n",
        "t.toml"));
    // A strategy that breaks the sum is reported at its line.
    const auto strategy = problems_of(minimal +
                                      "[[strategy]]\nname = \"patrols\"\n"
                                      "set = { \"police.patrol_share\" = 0.99 }\n");
    CHECK_THAT(problem_at(strategy, "police.patrol_share").message,
               Contains("more than 1") && Contains("(in strategy \"patrols\")"));
}

TEST_CASE("A group size cap below the target size is reported", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[channels.groups]\nenabled = true\ntarget_size = 60\n"
                                      "size_cap = 50\n");
    REQUIRE(problems.size() == 1);
    const auto p = problem_at(problems, "channels.groups.size_cap");
    CHECK(p.location == "t.toml:11:12");
    CHECK(p.value == "50");
    CHECK(p.message ==
          "must be at least target_size (60): a group must be able to reach the size at which "
          "the next one opens");
    CHECK_THAT(problem_at(problems_of(minimal + "[channels.groups]\ntarget_size = 1\n"),
                          "channels.groups.target_size")
                   .message,
               Contains("must be at least 2"));
    CHECK_NOTHROW(
        parse_scenario(minimal + "[channels.groups]\ntarget_size = 40\nsize_cap = 40\n", "t.toml"));
}

TEST_CASE("Facilitator quality may not fall with training", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[policy.moderation]\nbase_quality = 0.7\n"
                                      "max_quality = 0.6\ncapacity = 0\n");
    CHECK(problem_at(problems, "policy.moderation.max_quality").message ==
          "must be at least base_quality (0.7): training cannot make a facilitator worse");
    CHECK(problem_at(problems, "policy.moderation.capacity").message == "must be greater than 0");
}

TEST_CASE("Participation outreach names age bands, none by default", "[scenario]") {
    const auto s = parse_scenario(minimal +
                                      "[policy.participation]\nenabled = true\n"
                                      "outreach_age_bands = [\"65+\", \"50-64\"]\n",
                                  "t.toml");
    CHECK(s.params.policy.participation.enabled);
    CHECK(s.params.policy.participation.outreach_age_band_mask == 0b1100);
    const auto problems =
        problems_of(minimal + "[policy.participation]\noutreach_age_bands = [\"65 plus\"]\n");
    CHECK_THAT(problem_at(problems, "policy.participation.outreach_age_bands").message,
               Contains("unknown age band \"65 plus\""));
}

TEST_CASE("A rollout phase naming an unknown neighbourhood is reported", "[scenario]") {
    const auto problems = problems_of(minimal +
                                      "[[rollout.phase]]\nname = \"pilot\"\n"
                                      "neighbourhoods = [\"Centre\"]\ngroups = true\n"
                                      "[[rollout.phase]]\nname = \"pilot\"\n"
                                      "[[rollout.phase]]\nstart_day = 3\n");
    const auto p = problem_at(problems, "rollout.phase.0.neighbourhoods");
    CHECK(p.location == "t.toml:10:18");
    CHECK(p.value == "[\"Centre\"]");
    CHECK(p.message == "unknown neighbourhood \"Centre\" (allowed: \"A\")");
    CHECK_THAT(problem_at(problems, "rollout.phase.1.name").message,
               Contains("rollout phase 0 is also called \"pilot\""));
    CHECK(problem_at(problems, "rollout.phase.2.name").message ==
          "is missing; every [[rollout.phase]] table must give it");
    CHECK(problem_at(problems_of(minimal + "[rollout.phase]\nname = \"x\"\n"), "rollout.phase")
              .message == "expected [[rollout.phase]] tables (an array of tables), got a table");
}

TEST_CASE("A rollout phase after the last day is accepted with a warning", "[scenario]") {
    const std::string text = minimal +
                             "[[rollout.phase]]\nname = \"early\"\nstart_day = 29\n"
                             "[[rollout.phase]]\nname = \"late\"\nstart_day = 30\n"
                             "[[rollout.phase]]\nname = \"later\"\nstart_day = 400\n";
    const auto s = parse_scenario(text, "t.toml", {"scenario.days=30"});
    REQUIRE(s.warnings.size() == 2);  // day 29 is the last day: "early" applies on it
    CHECK(s.warnings[0].location == "t.toml:13:13");
    CHECK(s.warnings[0].key == "rollout.phase.1.start_day");
    CHECK(s.warnings[0].message ==
          "rollout phase 'late' starts on day 30, after the scenario's last day (day 29 of "
          "scenario.days = 30, counted from 0), so it never applies");
    CHECK_THAT(s.warnings[1].to_string(), Contains("'later' starts on day 400"));
    CHECK(parse_scenario(text, "t.toml", {"scenario.days=401"}).warnings.empty());
}

TEST_CASE("A strategy that moves a rollout phase past the last day is warned about", "[scenario]") {
    const std::string text = minimal +
                             "[[rollout.phase]]\nname = \"pilot\"\nstart_day = 10\n"
                             "[[rollout.phase]]\nname = \"late\"\nstart_day = 50\n"
                             "[[strategy]]\nname = \"postponed\"\n"
                             "set = { \"rollout.phase.pilot.start_day\" = 45 }\n"
                             "[[strategy]]\nname = \"earlier\"\n"
                             "set = { \"rollout.phase.pilot.start_day\" = 5 }\n";
    const auto s = parse_scenario(text, "t.toml", {"scenario.days=40"});
    // The baseline's late phase once, not again for each strategy; the postponed pilot once.
    REQUIRE(s.warnings.size() == 2);
    CHECK(s.warnings[0].key == "rollout.phase.1.start_day");
    CHECK(s.warnings[1].key == "rollout.phase.0.start_day");
    CHECK(s.warnings[1].location == "t.toml:16:43");
    CHECK_THAT(s.warnings[1].message,
               Contains("rollout phase 'pilot' starts on day 45") &&
                   Contains("so it never applies (in strategy \"postponed\")"));

    // A derived scenario has the warnings of its new baseline.
    const auto longer = civicsim::sim::derive_scenario(s, {{"scenario.days", "60"}});
    CHECK(longer.warnings.empty());
    CHECK(longer.strategies.size() == 2);
    const auto shorter = civicsim::sim::derive_scenario(s, {{"scenario.days", "8"}});
    REQUIRE(shorter.warnings.size() == 2);
    CHECK(shorter.warnings[0].key == "rollout.phase.0.start_day");
}

TEST_CASE("An omitted rollout switch stays unset and false switches off", "[scenario]") {
    using toggle = civicsim::models::rollout_phase::toggle;
    const std::string text = minimal +
                             "[[neighbourhood]]\nname = \"B\"\npopulation = 1\ndensity = 1\n"
                             "[[rollout.phase]]\nname = \"pilot\"\nstart_day = 30\n"
                             "neighbourhoods = [\"B\"]\ngroups = false\n"
                             "[[rollout.phase]]\nname = \"everywhere\"\nstart_day = 90\n"
                             "app = true\nfacilitators = true\n";
    const auto s = parse_scenario(text, "t.toml");
    REQUIRE(s.params.rollout.phases.size() == 2);
    const auto& pilot = s.params.rollout.phases[0];
    CHECK(pilot.name == "pilot");
    CHECK(pilot.start_day == 30);
    CHECK(pilot.neighbourhood_targeted == std::vector<std::uint8_t>{0, 1});
    CHECK(pilot.groups == toggle::off);
    CHECK(pilot.app == toggle::unset);
    CHECK(pilot.facilitators == toggle::unset);
    CHECK(pilot.participation == toggle::unset);
    const auto& everywhere = s.params.rollout.phases[1];
    CHECK(everywhere.neighbourhood_targeted == std::vector<std::uint8_t>{1, 1});
    CHECK(everywhere.app == toggle::on);
    CHECK(everywhere.facilitators == toggle::on);
    CHECK(everywhere.groups == toggle::unset);
    CHECK(everywhere.participation == toggle::unset);

    // An override sets a switch by the phase's name; others keep their state.
    const auto params = civicsim::sim::with_overrides(
        s,
        {{"rollout.phase.pilot.participation", "true"}, {"rollout.phase.pilot.start_day", "40"}});
    CHECK(params.rollout.phases[0].participation == toggle::on);
    CHECK(params.rollout.phases[0].start_day == 40);
    CHECK(params.rollout.phases[0].app == toggle::unset);
    CHECK(params.rollout.phases[0].groups == toggle::off);
    CHECK(params.rollout.phases[1].groups == toggle::unset);
}

TEST_CASE("The [report] table: outcomes by name, smallest differences per outcome, a budget",
          "[scenario]") {
    const auto sc = parse_scenario(minimal +
                                       "\n[report]\noutcomes = [\"non_police_hours_share\", "
                                       "\"trust_mean\"]\nbudget = 5000.0\n"
                                       "smallest_difference.trust_mean = 0.02\n",
                                   "t.toml");
    CHECK(sc.params.report.outcomes ==
          std::vector<std::string>{"non_police_hours_share", "trust_mean"});
    CHECK(sc.params.report.budget == 5000.0);
    const auto trust = static_cast<std::size_t>(civicsim::models::summary_metric::trust_mean);
    CHECK(sc.params.report.smallest_difference.at(trust) == 0.02);
    // Left out, an outcome's smallest difference is its default (NaN here: not overridden).
    const auto expired = static_cast<std::size_t>(civicsim::models::summary_metric::expired);
    CHECK(std::isnan(sc.params.report.smallest_difference.at(expired)));

    // A misspelt outcome, a misspelt threshold key and a negative budget: each located, with what
    // is allowed.
    const auto problems = problems_of(minimal +
                                      "\n[report]\noutcomes = [\"trust_men\"]\nbudget = -1.0\n"
                                      "smallest_difference.expird = 3.0\n");
    REQUIRE(problems.size() == 3);
    const auto outcome = problem_at(problems, "report.outcomes");
    CHECK(outcome.location == "t.toml:10:12");
    CHECK_THAT(outcome.message, Contains("unknown outcome \"trust_men\"; did you mean "
                                         "\"trust_mean\"?"));
    CHECK_THAT(problem_at(problems, "report.budget").message, Contains("at least 0"));
    CHECK_THAT(problem_at(problems, "report.smallest_difference.expird").message,
               Contains("did you mean \"expired\"?"));
}

TEST_CASE("An [[uncertain]] table without a range takes its key's plausible range", "[scenario]") {
    const auto sc = parse_scenario(minimal + R"(
[[uncertain]]
key = "police.report_share"

[[uncertain]]
key = "neighbourhood.A.deprivation"
range = [0.1, 0.4]
)",
                                   "t.toml");
    const auto& u = sc.params.uncertain;
    REQUIRE(u.size() == 2);
    CHECK(u[0].key == "police.report_share");
    CHECK(u[0].low == 0.03);
    CHECK(u[0].high == 0.1);
    CHECK(u[1].low == 0.1);
    CHECK(u[1].high == 0.4);
    // The resolved ranges survive the round trip through to_toml.
    const auto again = parse_scenario(civicsim::sim::to_toml(sc.params), "again.toml");
    REQUIRE(again.params.uncertain.size() == 2);
    CHECK(again.params.uncertain[0].low == 0.03);
    CHECK(again.params.uncertain[1].key == "neighbourhood.A.deprivation");
}

TEST_CASE("A wrong [[uncertain]] table is reported where it is written", "[scenario]") {
    const auto problems = problems_of(minimal + R"(
[[uncertain]]
key = "police.report_shar"

[[uncertain]]
key = "scenario.days"
range = [10, 20]

[[uncertain]]
key = "channels.app.enabled"
range = [0, 1]

[[uncertain]]
key = "police.report_share"

[[uncertain]]
key = "police.report_share"

[[uncertain]]
key = "police.online_share"
range = [0.01, 1.5]

[[uncertain]]
key = "police.residents_per_officer"
)");
    REQUIRE(problems.size() == 6);
    CHECK(problems[0].location == "t.toml:10:7");
    CHECK_THAT(problems[0].message, Contains("names no key") && Contains("police.report_share"));
    CHECK(problems[1].location == "t.toml:13:7");
    CHECK_THAT(problems[1].message, Contains("cannot be uncertain"));
    CHECK_THAT(problems[2].message, Contains("true or false") && Contains("single number"));
    CHECK(problems[3].location == "t.toml:24:7");
    CHECK_THAT(problems[3].message, Contains("twice") && Contains("number 3"));
    CHECK(problems[4].key == "uncertain.5.range");
    CHECK_THAT(problems[4].message, Contains("between 0 and 1"));
    CHECK(problems[5].location == "t.toml:31:7");
    CHECK_THAT(problems[5].message, Contains("no plausible range") && Contains("give range"));

    const auto reversed = problems_of(minimal + R"(
[[uncertain]]
key = "police.patrol_share"
range = [0.4, 0.2]
)");
    REQUIRE(reversed.size() == 1);
    CHECK(reversed[0].location == "t.toml:11:9");
    CHECK_THAT(reversed[0].message, Contains("low below high"));
}

TEST_CASE("A strategy cannot change the [[uncertain]] tables", "[scenario]") {
    const auto problems = problems_of(minimal + R"(
[[uncertain]]
key = "police.report_share"

[[strategy]]
name = "narrower"
set = { "uncertain.0.range" = [0.05, 0.06] }
)");
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].location, Catch::Matchers::StartsWith("t.toml:14:"));
    CHECK_THAT(problems[0].message, Contains("cannot change the [[uncertain]] tables"));
}
