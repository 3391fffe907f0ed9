// Hostile scenario input: what a strategy may not change, files that are not scenario files,
// and sizes past what the tool accepts. Each is refused with a located problem.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/text.hpp"
#include "tests/sim/scratch_files.hpp"

using Catch::Matchers::Contains;
using civicsim::sim::load_scenario;
using civicsim::sim::parse_scenario;
using civicsim::sim::scenario_error;
using civicsim::sim::scenario_problem;
namespace fs = std::filesystem;

namespace {

const std::string minimal = R"([scenario]
name = "test"

[[neighbourhood]]
name = "A"
population = 1000
density = 100
)";

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

std::vector<scenario_problem> load_problems(const fs::path& file) {
    try {
        load_scenario(file);
    } catch (const scenario_error& e) {
        return e.problems();
    }
    FAIL("the file was accepted");
    return {};
}

}  // namespace

TEST_CASE("A strategy may not change the seed, the days or the replications", "[scenario]") {
    for (const std::string key : {"scenario.seed", "scenario.days", "scenario.replications"}) {
        const auto problems =
            problems_of(minimal + "\n[[strategy]]\nname = \"s\"\nset = { \"" + key + "\" = 7 }\n");
        REQUIRE(problems.size() == 1);
        INFO(problems[0].to_string());
        CHECK(problems[0].location == "t.toml:11:" + std::to_string(14 + key.size()));
        CHECK(problems[0].key == key);
        CHECK(problems[0].value == "7");
        CHECK_THAT(problems[0].message, Contains("a strategy cannot change " + key));
        CHECK_THAT(problems[0].message, Contains("(in strategy \"s\")"));
    }
    // Other scenario keys stay open to strategies, and the same keys to --set.
    CHECK_NOTHROW(parse_scenario(minimal + "\n[[strategy]]\nname = \"s\"\nset = { "
                                           "\"police.report_share\" = 0.08 }\n",
                                 "t.toml", {"scenario.days=9"}));
}

TEST_CASE("A FIFO, a device or a directory is not read as a scenario", "[scenario]") {
    const auto directory = civicsim::test::fresh_directory("scenario", "special");
    const auto fifo = directory / "fifo.toml";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    for (const fs::path& path : {fifo, fs::path("/dev/zero"), fs::path("/dev/null")}) {
        const auto problems = load_problems(path);  // returns at once: a FIFO would block
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].location == path.string());
        CHECK_THAT(problems[0].message, Contains("not a regular file"));
    }
    const auto in_directory = load_problems(directory);
    REQUIRE(in_directory.size() == 1);
    CHECK_THAT(in_directory[0].message, Contains("is a directory"));
}

TEST_CASE("A scenario file above the size limit is refused without parsing it", "[scenario]") {
    const auto directory = civicsim::test::fresh_directory("scenario", "huge");
    const auto huge = directory / "huge.toml";
    {
        std::ofstream out(huge, std::ios::binary);
        out << minimal << "description = \"";
        out << std::string(civicsim::sim::max_scenario_bytes, 'x') << "\"\n";
    }
    const auto problems = load_problems(huge);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == huge.string());
    CHECK_THAT(problems[0].message,
               Contains("a scenario file may have at most " +
                        std::to_string(civicsim::sim::max_scenario_bytes) + " bytes"));
    fs::remove(huge);
}

TEST_CASE("The total population must fit a resident id", "[scenario]") {
    std::string text = "[scenario]\nname = \"big\"\n";
    for (int i = 0; i < 43; ++i)
        text += "[[neighbourhood]]\nname = \"n" + std::to_string(i) +
                "\"\npopulation = 100000000\ndensity = 100\n";
    const auto problems = problems_of(text);
    REQUIRE(problems.size() == 1);
    INFO(problems[0].to_string());
    CHECK(problems[0].key == "neighbourhood.42.population");
    CHECK(problems[0].location == "t.toml:" + std::to_string(3 + 42 * 4 + 2) + ":14");
    CHECK_THAT(problems[0].message, Contains("add up to 4300000000"));
    CHECK_THAT(problems[0].message, Contains("at most 4294967294"));
    // One neighbourhood fewer fits.
    CHECK_NOTHROW(parse_scenario(text.substr(0, text.rfind("[[neighbourhood]]")), "t.toml"));
}

TEST_CASE("More than 10,000 tables of a kind are refused at once", "[scenario]") {
    std::string text = "[scenario]\nname = \"many\"\n";
    for (int i = 0; i < 10'001; ++i)
        text += "[[neighbourhood]]\nname = \"n" + std::to_string(i) +
                "\"\npopulation = 1\ndensity = 100\n";
    const auto problems = problems_of(text);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].location == "t.toml:" + std::to_string(3 + 10'000 * 4) + ":1");
    CHECK_THAT(problems[0].message, Contains("has 10001 [[neighbourhood]] tables; at most 10000"));
}

TEST_CASE("An incident rate that would overflow a day's draw is out of range", "[scenario]") {
    for (const std::string rate : {"1e9", "1e12", "100001"}) {
        const auto problems =
            problems_of(minimal, {"neighbourhood.0.incident_rate.serious_crime=" + rate});
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].key == "neighbourhood.0.incident_rate.serious_crime");
        CHECK_THAT(problems[0].message, Contains("must be between 0 and 100000"));
    }
    CHECK_NOTHROW(
        parse_scenario(minimal, "t.toml", {"neighbourhood.0.incident_rate.serious_crime=100000"}));
}

TEST_CASE("A huge value or key is quoted shortened, with its length and location", "[scenario]") {
    const std::string huge(5'000'000, 'x');
    const auto value = problems_of(minimal, {"scenario.days=\"" + huge + "\""});
    REQUIRE(value.size() == 1);
    const auto line = value[0].to_string();
    CHECK(line.size() < 400);
    CHECK_THAT(line, Contains("--set #1: scenario.days = \"xxx"));
    CHECK_THAT(line, Contains("... (5000002 bytes)"));
    CHECK_THAT(line, Contains("expected an integer"));

    // An unknown key 5 MB long: no suggestion search over it, and a short message.
    const auto key = problems_of(minimal + "[police]\n" + huge + " = 1\n");
    REQUIRE(key.size() == 1);
    CHECK(key[0].location == "t.toml:9:1");
    CHECK(key[0].to_string().size() < 2'000);
    CHECK_THAT(key[0].message, Contains("(5000000 bytes)"));
    CHECK_THAT(key[0].message, Contains("allowed: "));  // what is allowed, since no suggestion
}

TEST_CASE("Suggestions stay bounded and still find typos", "[scenario]") {
    using civicsim::sim::detail::closest;
    const std::vector<std::string> keys{"days", "seed", "replications"};
    CHECK(closest("replicatoins", keys) == "replications");
    CHECK(closest(std::string(300, 'd'), keys) == std::nullopt);
    CHECK(closest("dayz", keys) == "days");
}
