// civicsim bench: what it measures and prints, on a generated city, a scenario file and a sweep.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/sim/cli/run_cli.hpp"

using civicsim::test::run_cli;
using civicsim::test::scratch;
using civicsim::test::source;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The words of the first line of `text` that starts with `label`, after the label.
std::vector<std::string> row(const std::string& text, const std::string& label) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(label, 0) != 0) continue;
        std::istringstream words(line.substr(label.size()));
        std::vector<std::string> values;
        for (std::string w; words >> w;) values.push_back(w);
        return values;
    }
    return {};
}

using words = std::vector<std::string>;

}  // namespace

TEST_CASE("bench on a generated city prints times, rates, memory and phases at 1 and T threads",
          "[cli]") {
    const auto r = run_cli("bench --residents 5000 --days 3 --threads 2 --scaling");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.output, "5000 in 1 neighbourhoods"));
    for (const char* line :
         {"world construction", "stepping", "resident-days/s stepping", "resident-days/s overall",
          "speedup stepping", "speedup overall", "peak RSS", "B of agent state", "B of peak RSS",
          "time per phase of the day", "attitudes"})
        CHECK(contains(r.output, line));
    // One column per thread count.
    CHECK(row(r.output, "threads") == words{"1", "2"});
    CHECK(row(r.output, "days") == words{"3"});
    CHECK(row(r.output, "stepping").size() == 4);  // "0.012 s" twice
}

TEST_CASE("bench --repeat measures each thread count several times and shows the median run",
          "[cli]") {
    const auto r = run_cli("bench --residents 3000 --days 2 --threads 2 --scaling --repeat 3");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(row(r.output, "threads") == words{"1", "2"});
    CHECK(row(r.output, "repeats").front() == "3");
    // One "low M-high M" range per thread count, low first.
    const auto range = row(r.output, "range, stepping");
    REQUIRE(range.size() == 6);  // "12.34", "M-56.78", "M" twice
    const double low = std::stod(range[0]), high = std::stod(range[1].substr(2));
    CHECK(low <= high);
}

TEST_CASE("bench runs a scenario file for its own days unless --days is given", "[cli]") {
    const auto r =
        run_cli("bench " + source("scenarios/workshop_town.toml") + " --days 4 --threads 1");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.output, "Workshop Town"));
    CHECK(contains(r.output, "20000 in 4 neighbourhoods"));
    CHECK(row(r.output, "days") == words{"4"});
    CHECK(row(r.output, "threads") == words{"1"});
    CHECK_FALSE(contains(r.output, "speedup"));
}

TEST_CASE("bench --runs measures a sweep of replications", "[cli]") {
    const auto r = run_cli("bench " + source("scenarios/workshop_town.toml") +
                           " --runs 3 --days 5 --threads 2");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(row(r.output, "runs ") == words{"3"});
    for (const char* line : {"wall time", "runs per minute", "resident-days/s", "peak RSS"})
        CHECK(contains(r.output, line));
    CHECK_FALSE(contains(r.output, "time per phase"));
}

TEST_CASE("bench reports bad input like run does and exits with 2", "[cli]") {
    const auto missing = run_cli("bench " + scratch("no_such.toml").string());
    const auto missing_run = run_cli("run " + scratch("no_such.toml").string());
    INFO(missing.output);
    CHECK(missing.exit_code == 2);
    CHECK(missing_run.exit_code == 2);
    // The same problem line, after the command's own prefix.
    CHECK(missing.output.substr(0, missing.output.find('\n')) ==
          missing_run.output.substr(0, missing_run.output.find('\n')));
    CHECK(contains(missing.output, "nothing was run or written"));

    const auto bad = scratch("bad_bench.toml");
    std::ofstream(bad) << "[scenario]\nname = \"bad\"\n\n[[neighbourhood]]\nname = \"a\"\n"
                          "population = 100\ndensity = 50\ndeprivation = 1.5\n";
    const auto invalid = run_cli("bench " + bad.string());
    CHECK(invalid.exit_code == 2);
    CHECK(contains(invalid.output, "neighbourhood.0.deprivation"));

    const auto days = run_cli("bench --residents 1000 --days 0");
    CHECK(days.exit_code == 2);
    CHECK(contains(days.output, "scenario.days"));
    const auto runs = run_cli("bench " + source("scenarios/workshop_town.toml") + " --runs 0");
    CHECK(runs.exit_code == 2);
    CHECK(contains(runs.output, "scenario.replications"));
    const auto both =
        run_cli("bench " + source("scenarios/workshop_town.toml") + " --residents 10");
    CHECK(both.exit_code == 2);
    CHECK(contains(both.output, "--residents"));
    const auto no_repeat = run_cli("bench --residents 1000 --days 1 --repeat 0");
    CHECK(no_repeat.exit_code == 2);
    CHECK(contains(no_repeat.output, "--repeat"));
}

TEST_CASE("scenarios/bench_city.toml is valid: 1,000,000 residents in 100 neighbourhoods",
          "[cli]") {
    const auto r = run_cli("validate " + source("scenarios/bench_city.toml"));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.output, "100 neighbourhoods, 1000000 residents, 365 days"));
}

TEST_CASE("bench runs scenarios/bench_city.toml", "[cli]") {
    const auto r =
        run_cli("bench " + source("scenarios/bench_city.toml") + " --days 2 --threads 2");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.output, "1000000 in 100 neighbourhoods"));
    CHECK(contains(r.output, "resident-days/s stepping"));
}
