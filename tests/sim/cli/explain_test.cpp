// civicsim explain: works on every scenario of scenarios/ that has a strategy (briefly, with small
// neighbourhoods), writes attributions whose parts add up to the total, and refuses bad input
// with a located message, exit 2 and nothing written.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/sim/cli/run_cli.hpp"

namespace fs = std::filesystem;
using civicsim::test::read_text;
using civicsim::test::run_cli;
using civicsim::test::scratch;
using civicsim::test::source;

namespace {

struct csv_row {
    std::string outcome, part;
    double mean = 0.0;
};

std::vector<csv_row> read_rows(const fs::path& csv) {
    std::istringstream in(read_text(csv));
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "outcome,part,mean,low,high,replications");
    std::vector<csv_row> rows;
    while (std::getline(in, line)) {
        csv_row row;
        const auto first = line.find(',');
        const auto open = line.find('"', first);
        const auto close = line.find('"', open + 1);
        REQUIRE(first != std::string::npos);
        REQUIRE(close != std::string::npos);
        row.outcome = line.substr(0, first);
        row.part = line.substr(open + 1, close - open - 1);
        row.mean = std::stod(line.substr(close + 2));
        rows.push_back(row);
    }
    return rows;
}

/// --set overrides giving every neighbourhood of a scenario file 2,000 residents: building the
/// worlds of a city of 450,000 for every arm would take most of a minute, and the machinery is
/// the same at any size.
std::string small_neighbourhoods(const fs::path& file) {
    std::istringstream in(read_text(file));
    std::string line, sets;
    std::size_t n = 0;
    while (std::getline(in, line))
        if (line.rfind("[[neighbourhood]]", 0) == 0)
            sets += " --set neighbourhood." + std::to_string(n++) + ".population=2000";
    return sets;
}

/// The first [[strategy]] name of a scenario file.
std::string first_strategy(const fs::path& file) {
    std::istringstream in(read_text(file));
    std::string line;
    bool in_strategy = false;
    while (std::getline(in, line)) {
        if (line.rfind("[[strategy]]", 0) == 0) in_strategy = true;
        if (in_strategy && line.rfind("name = \"", 0) == 0)
            return line.substr(8, line.find('"', 8) - 8);
    }
    return "";
}

}  // namespace

TEST_CASE("explain runs on every scenario with a strategy, and its parts add up", "[explain]") {
    for (const auto& entry : fs::directory_iterator(source("scenarios"))) {
        const auto name = first_strategy(entry.path());
        if (name.empty()) continue;
        const auto csv = scratch(entry.path().stem().string() + "-explain.csv", "explain");
        const auto r = run_cli("explain " + entry.path().string() + " --strategy '" + name +
                               "' --days 20 --replications 2 --threads 2" +
                               small_neighbourhoods(entry.path()) + " --out " + csv.string());
        INFO(entry.path().filename().string() << ": " << r.output.substr(0, 1500));
        REQUIRE(r.exit_code == 0);
        CHECK(r.output.find("total (strategy - baseline)") != std::string::npos);
        std::map<std::string, double> total, parts;
        for (const auto& row : read_rows(csv)) {
            if (row.part == "total")
                total[row.outcome] = row.mean;
            else
                parts[row.outcome] += row.mean;
        }
        REQUIRE_FALSE(total.empty());
        for (const auto& [outcome, value] : total) {
            INFO(outcome);
            if (std::isfinite(value))
                CHECK(parts[outcome] == Approx(value).margin(1e-6 * (1.0 + std::fabs(value))));
        }
    }
}

TEST_CASE("explain refuses bad input with a located message and writes nothing", "[explain]") {
    const auto csv = scratch("bad-explain.csv", "explain");
    const std::string town = source("scenarios/workshop_town.toml");
    const std::string brief = " --days 5 --replications 1 --threads 1 --out " + csv.string();

    auto r = run_cli("explain " + town + " --strategy 'rule triag'" + brief);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--strategy 'rule triag'") != std::string::npos);
    CHECK(r.output.find("did you mean \"rule triage\"") != std::string::npos);

    r = run_cli("explain " + town + " --strategy 'rule triage' --outcome trust_men" + brief);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--outcome 'trust_men'") != std::string::npos);
    CHECK(r.output.find("did you mean \"trust_mean\"") != std::string::npos);

    r = run_cli("explain " + town + " --strategy 'rule triage' --mechanism vigilantism" + brief);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--mechanism 'vigilantism' is off") != std::string::npos);

    r = run_cli("explain " + source("scenarios/bench_city.toml") + " --strategy x" + brief);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("has no [[strategy]] tables") != std::string::npos);
    CHECK_FALSE(fs::exists(csv));

    // An existing output is kept without --force.
    civicsim::test::run_cli("explain " + town + " --strategy 'rule triage' --mechanism triage" +
                            brief);
    REQUIRE(fs::exists(csv));
    const auto before = read_text(csv);
    r = run_cli("explain " + town + " --strategy 'rule triage' --mechanism triage" + brief);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(read_text(csv) == before);
}
