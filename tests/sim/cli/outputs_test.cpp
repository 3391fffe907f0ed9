// Where commands write: a default name confined to results/, and outputs that are regular files
// or new paths, never the same file as another output or an input, checked before any work.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/sim/cli/run_cli.hpp"
#include "tests/sim/scratch_files.hpp"

namespace fs = std::filesystem;
using civicsim::test::entries;
using civicsim::test::fresh_directory;
using civicsim::test::run_cli;
using civicsim::test::run_cli_in;
using civicsim::test::source;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

void write_scenario(const fs::path& path, const std::string& name) {
    std::ofstream(path) << "[scenario]\nname = " << name
                        << "\ndays = 3\nreplications = 1\n[[neighbourhood]]\nname = \"A\"\n"
                           "population = 200\ndensity = 100\n";
}

}  // namespace

TEST_CASE("a default output name from the scenario name stays in results/", "[cli][outputs]") {
    const auto work = fresh_directory("outputs", "escape/a/b");
    write_scenario(work / "s.toml", "\"../../escaped/outside\"");
    const auto r = run_cli_in(work, "run s.toml");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::is_regular_file(work / "results" / "escaped_outside.h5"));
    CHECK(entries(work / "results") == std::vector<std::string>{"escaped_outside.h5"});
    CHECK_FALSE(fs::exists(work.parent_path().parent_path() / "escaped"));

    write_scenario(work / "empty.toml", "\"\"");
    const auto empty = run_cli_in(work, "run empty.toml");
    INFO(empty.output);
    CHECK(empty.exit_code == 0);
    CHECK(fs::is_regular_file(work / "results" / "scenario.h5"));
    CHECK(entries(work / "results") ==
          std::vector<std::string>{"escaped_outside.h5", "scenario.h5"});
}

TEST_CASE("an output that is a device, a FIFO or a directory is refused with 2, before any work",
          "[cli][outputs]") {
    const auto work = fresh_directory("outputs", "special");
    REQUIRE(mkfifo((work / "fifo").c_str(), 0600) == 0);
    fs::create_directory(work / "dir");
    const std::string scenario = source("scenarios/workshop_town.toml");
    for (const std::string out : {"/dev/null", "fifo", "dir", "dir/", "/dev/full"}) {
        for (const std::string command : {"run", "compare"}) {
            const auto r = run_cli_in(work, command + " " + scenario +
                                                " --days 2 --replications 1 --force "
                                                "--out " +
                                                out);
            INFO(command << " --out " << out << ": " << r.output);
            CHECK(r.exit_code == 2);
            CHECK((contains(r.output, "not a regular file") || contains(r.output, "directory")));
            CHECK(contains(r.output, "Nothing was run or written"));
            CHECK_FALSE(contains(r.output, "trust_mean"));  // nothing was run
        }
        const auto report = run_cli_in(work, "compare " + scenario +
                                                 " --days 2 --replications 1 --force --out r.h5 "
                                                 "--report " +
                                                 out);
        INFO(report.output);
        CHECK(report.exit_code == 2);
        CHECK_FALSE(fs::exists(work / "r.h5"));
    }
    CHECK(fs::is_character_file("/dev/null"));
    CHECK(fs::is_fifo(work / "fifo"));
    CHECK(entries(work) == std::vector<std::string>{"dir", "fifo"});
    CHECK(entries(work / "dir").empty());
}

TEST_CASE("an output that is the scenario file is refused with 2", "[cli][outputs]") {
    const auto work = fresh_directory("outputs", "input");
    write_scenario(work / "s.toml", "\"s\"");
    const std::string before = civicsim::test::contents(work / "s.toml");
    for (const std::string args :
         {"run s.toml --force --out s.toml", "run s.toml --force --out ./s.toml",
          "compare s.toml --force --out o.h5 --report s.toml"}) {
        const auto r = run_cli_in(work, args);
        INFO(args << ": " << r.output);
        CHECK(r.exit_code == 2);
        CHECK(civicsim::test::contents(work / "s.toml") == before);
    }
    const auto r = run_cli_in(work, "run s.toml --force --out s.toml");
    CHECK(contains(r.output, "is the scenario file"));
    CHECK(entries(work) == std::vector<std::string>{"s.toml"});
}
