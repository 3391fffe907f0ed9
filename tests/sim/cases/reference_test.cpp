// Regression test of the seed-case scenarios: a short fixed configuration of every scenario of
// issue 4 (all strategies, 60 days, 2 replications, the file's seed) must reproduce the committed
// means of every summary outcome in results/reference/<case>.csv: exactly for counts, to a
// relative 1e-9 for the rest (the engine is deterministic). On a mismatch, regenerate the files
// as results/reference/README.md says, after checking that the change is intended.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_support.hpp"

using namespace civicsim;

namespace {

constexpr std::array<std::string_view, 6> reference_cases{
    "romagna_faentina",    "terrassa",           "london_hate_crime",
    "nuremberg_integreat", "participatory_city", "rural_vs_urban"};

const std::vector<std::string> reference_overrides{"scenario.days=60", "scenario.replications=2"};

constexpr std::string_view regenerate_hint =
    "If the change in the model is intended, regenerate the reference summaries with\n"
    "  build/tests/civicsim_sim_tests \"regenerate the case reference summaries\"\n"
    "(see results/reference/README.md) and commit results/reference/*.csv.";

std::string reference_path(std::string_view name) {
    return std::string(CIVICSIM_SOURCE_DIR) + "/results/reference/" + std::string(name) + ".csv";
}

/// Units of summary outcomes that count things: compared exactly.
bool is_count(std::string_view unit) {
    static constexpr std::array<std::string_view, 8> counts{
        "incidents", "reports", "interventions", "rumours", "posts", "acts", "groups", "residents"};
    return std::find(counts.begin(), counts.end(), unit) != counts.end();
}

/// (strategy, metric) -> mean over replications, in file order.
using table = std::vector<std::pair<std::pair<std::string, std::string>, double>>;

table compute(std::string_view name) {
    const auto sc = cases::load_case(std::string(name) + ".toml", reference_overrides);
    const auto results = sim::run_comparison(sc, cases::threads);
    const auto metrics = models::summary_metrics();
    table out;
    for (const auto& [strategy, description] : results.strategies) {
        const auto runs = sim::runs_of(results.runs, strategy);
        for (std::size_t m = 0; m < metrics.size(); ++m)
            out.push_back(
                {{strategy, std::string(metrics[m].name)}, sim::estimate_summary(runs, m).mean});
    }
    return out;
}

std::string format(double v) {
    if (std::isnan(v)) return "nan";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

/// Strategy names may hold commas or quotes: quote them, CSV style.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool in_quotes = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                fields.back() += line[++i];
            else if (c == '"')
                in_quotes = false;
            else
                fields.back() += c;
        } else if (c == '"') {
            in_quotes = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::map<std::pair<std::string, std::string>, double> read_reference(std::string_view name) {
    std::ifstream in(reference_path(name));
    std::map<std::pair<std::string, std::string>, double> values;
    if (!in) return values;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') continue;
        const auto f = split_csv(line);
        if (f.size() != 3) continue;
        values[{f[0], f[1]}] = f[2] == "nan" ? std::nan("") : std::stod(f[2]);
    }
    return values;
}

void check_against_reference(std::string_view name) {
    const auto reference = read_reference(name);
    INFO("reference file " << reference_path(name));
    INFO(regenerate_hint);
    REQUIRE_FALSE(reference.empty());
    const auto computed = compute(name);
    const auto metrics = models::summary_metrics();
    std::size_t mismatches = 0, compared = 0;
    for (const auto& [key, value] : computed) {
        const auto& [strategy, metric] = key;
        const auto at = reference.find(key);
        if (at == reference.end()) {
            // An outcome of a mechanism added since the reference was written: the cases leave
            // it off, so it must be 0 and everything else must be as it was.
            if (cases::summary_index(metric) >= models::core_summary_metric_count && value == 0.0)
                continue;
            FAIL_CHECK("no reference value for strategy '" << strategy << "', outcome " << metric);
            ++mismatches;
            continue;
        }
        ++compared;
        const double expected = at->second;
        const auto unit = metrics[cases::summary_index(metric)].unit;
        bool same = false;
        if (std::isnan(expected) || std::isnan(value))
            same = std::isnan(expected) && std::isnan(value);
        else if (is_count(unit))
            same = value == expected;
        else
            same =
                std::abs(value - expected) <= 1e-9 * std::max(std::abs(value), std::abs(expected));
        if (!same) {
            ++mismatches;
            FAIL_CHECK("strategy '" << strategy << "', outcome " << metric << ": computed "
                                    << format(value) << ", reference " << format(expected));
        }
    }
    CHECK(compared == reference.size());
    CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("reference summaries: Romagna Faentina", "[cases][reference]") {
    check_against_reference("romagna_faentina");
}
TEST_CASE("reference summaries: Terrassa", "[cases][reference]") {
    check_against_reference("terrassa");
}
TEST_CASE("reference summaries: London hate-crime app", "[cases][reference]") {
    check_against_reference("london_hate_crime");
}
TEST_CASE("reference summaries: Nuremberg Integreat", "[cases][reference]") {
    check_against_reference("nuremberg_integreat");
}
TEST_CASE("reference summaries: participatory city", "[cases][reference]") {
    check_against_reference("participatory_city");
}
TEST_CASE("reference summaries: rural versus urban", "[cases][reference]") {
    check_against_reference("rural_vs_urban");
}

// Hidden (tag "[.]"), so neither ctest nor a plain run of the binary runs it: it rewrites
// results/reference/*.csv in the source tree. Run it by name.
TEST_CASE("regenerate the case reference summaries", "[.][regenerate]") {
    for (const auto name : reference_cases) {
        const auto values = compute(name);
        std::ofstream out(reference_path(name));
        REQUIRE(out);
        out << "strategy,metric,value\n";
        out << "# scenarios/" << name << ".toml with";
        for (const auto& o : reference_overrides) out << " --set " << o;
        out << ", all strategies; mean over replications of each summary outcome.\n";
        out << "# Written by: civicsim_sim_tests \"regenerate the case reference summaries\"\n";
        for (const auto& [key, value] : values)
            out << quoted(key.first) << ',' << key.second << ',' << format(value) << '\n';
        REQUIRE(out.good());
    }
}
