// Reading scenario files: one test per kind of problem, then overrides and strategies.

#include <catch2/catch.hpp>

#include <algorithm>
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
                        "strategy"));
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
