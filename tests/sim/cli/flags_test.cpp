// Counts on the command line are checked like scenario keys: a negative or absurd count is
// refused with the flag, the value and the range, exit 2, and nothing run.

#include <catch2/catch.hpp>

#include <string>

#include "tests/sim/cli/run_cli.hpp"

using civicsim::test::run_cli;
using civicsim::test::source;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("negative and absurd counts are refused with the flag and its range", "[cli]") {
    const std::string town = source("scenarios/workshop_town.toml");
    struct bad_flag {
        std::string args;
        std::string message;
    };
    const bad_flag cases[] = {
        {"run " + town + " --threads -1", "--threads -1: must be a whole number from 1 to 1024"},
        {"run " + town + " --threads 0", "--threads 0: must be a whole number from 1 to 1024"},
        {"compare " + town + " --threads 4294967297", "--threads 4294967297: must be"},
        {"run " + town + " --threads 2.5", "--threads 2.5: must be a whole number"},
        {"bench --residents -5", "--residents -5: must be a whole number from 1 to 100000000"},
        {"bench --residents 100 --repeat -1", "--repeat -1: must be a whole number from 1 to 1000"},
        {"bench " + town + " --runs -1", "--runs -1: must be a whole number from 0 to 10000"},
        {"bench --residents 100 --threads -3", "--threads -3: must be"},
    };
    for (const auto& c : cases) {
        const auto r = run_cli(c.args);
        INFO(c.args << ": " << r.output);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.output, c.message));
        CHECK(contains(r.output, "Nothing was run or written"));
        CHECK_FALSE(contains(r.output, "resident-days"));  // nothing was run
    }
}

TEST_CASE("a huge flag value is quoted shortened, with its length", "[cli]") {
    const std::string value(5000, '9');
    const auto r = run_cli("bench --residents " + value);
    INFO(r.output.substr(0, 400));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.output, "... (5000 bytes)"));
    CHECK(r.output.size() < 400);
}

TEST_CASE("work past the machine's memory or a sane time is refused with the estimate", "[cli]") {
    const std::string town = source("scenarios/workshop_town.toml");
    const auto memory = run_cli("run " + town + " --days 36500 --replications 10000 --out none.h5");
    INFO(memory.output);
    CHECK(memory.exit_code == 2);
    CHECK(contains(memory.output, "GB of memory (20000 residents, 10000 runs"));
    CHECK(contains(memory.output, "allowed (80% of this machine's memory)"));
    CHECK(contains(memory.output, "--allow-large"));
    const auto time = run_cli("compare " + town +
                              " --days 3650 --replications 10 --threads 1 "
                              "--set neighbourhood.0.population=10000000 --out none.h5");
    INFO(time.output);
    CHECK(time.exit_code == 2);
    CHECK(contains(time.output, "resident-days"));
    CHECK(contains(time.output, "Nothing was run or written"));
    CHECK_FALSE(std::filesystem::exists("none.h5"));
}
