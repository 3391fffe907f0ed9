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
