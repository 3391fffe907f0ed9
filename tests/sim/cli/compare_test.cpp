// civicsim compare: the baseline and every strategy with common random numbers, the paired table,
// the results file and the report.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/results/statistics.hpp"
#include "tests/sim/cli/run_cli.hpp"
#include "tests/sim/results/hdf5_file.hpp"

namespace fs = std::filesystem;
using civicsim::sim::test::hdf5_reader;
using civicsim::test::read_text;
using civicsim::test::run_cli;
using civicsim::test::scratch;
using civicsim::test::source;

namespace {

const std::vector<std::string> workshop_strategies{"baseline",         "no campaigns",
                                                   "multilingual app", "more officer time",
                                                   "rule triage",      "no facilitators"};

/// One metric of one run of a (run, day, neighbourhood) dataset.
std::vector<float> run_slice(const std::vector<float>& values, std::size_t run,
                             std::size_t per_run) {
    return {values.begin() + static_cast<std::ptrdiff_t>(run * per_run),
            values.begin() + static_cast<std::ptrdiff_t>((run + 1) * per_run)};
}

}  // namespace

TEST_CASE("compare runs every strategy with common random numbers and prints the paired table",
          "[compare]") {
    const auto out = scratch("workshop-compare.h5", "compare");
    const auto report = scratch("workshop-compare.html", "compare");
    const auto r = run_cli("compare " + source("scenarios/workshop_town.toml") +
                           " --days 60 --replications 3 --threads 2 --out " + out.string() +
                           " --report " + report.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);

    // (strategies + 1) x replications runs, strategy-major, and the strategies baseline first.
    const hdf5_reader file(out);
    CHECK(file.strings("/strategies/name") == workshop_strategies);
    const auto descriptions = file.strings("/strategies/description");
    REQUIRE(descriptions.size() == workshop_strategies.size());
    CHECK(descriptions[2] ==
          "Translate the app into Polish, so that the Polish campaign can lead to use.");
    const auto strategy_of_run = file.strings("/runs/strategy");
    REQUIRE(strategy_of_run.size() == 18);
    const auto replication = file.values<std::uint32_t>("/runs/replication", H5T_NATIVE_UINT32);
    for (std::size_t run = 0; run < 18; ++run) {
        CHECK(strategy_of_run[run] == workshop_strategies[run / 3]);
        CHECK(replication[run] == run % 3);
    }
    CHECK(file.shape("/timeseries/trust_mean") == std::vector<hsize_t>{18, 60, 4});

    // Common random numbers: campaigns change who adopts the app, not which incidents happen,
    // so replication r of "no campaigns" meets exactly the incidents of replication r of the
    // baseline, while different replications differ.
    const auto incidents = file.values<float>("/timeseries/incidents", H5T_NATIVE_FLOAT);
    const std::size_t per_run = 60 * 4;
    for (std::size_t rep = 0; rep < 3; ++rep) {
        INFO("replication " << rep);
        CHECK(run_slice(incidents, rep, per_run) == run_slice(incidents, 3 + rep, per_run));
    }
    CHECK(run_slice(incidents, 0, per_run) != run_slice(incidents, 1, per_run));
    // ... and the strategy does change what it should.
    const auto adoption = file.values<float>("/timeseries/adoption_share", H5T_NATIVE_FLOAT);
    CHECK(run_slice(adoption, 0, per_run) != run_slice(adoption, 3, per_run));

    // The paired table: each strategy's mean and difference from the baseline, per outcome.
    CHECK(r.output.find("vs baseline") != std::string::npos);
    CHECK(r.output.find("95% interval") != std::string::npos);
    CHECK(r.output.find("\ntrust_mean (score [0,1]; higher is better)") != std::string::npos);
    for (const auto& name : workshop_strategies)
        CHECK(r.output.find("  " + name + " ") != std::string::npos);
    CHECK(r.output.find(" * ") != std::string::npos);  // some difference excludes 0
    CHECK(r.output.find("excludes 0") != std::string::npos);
    // Effects where they act: app users and the campaigns' targets against the others; no
    // members yet (the town's groups start on day 60, after these 60 days).
    CHECK(
        r.output.find("== effects where they act: app users vs others (last day, city-wide) ==") !=
        std::string::npos);
    CHECK(r.output.find("== effects where they act: targets vs others (last day, city-wide) ==") !=
          std::string::npos);
    CHECK(r.output.find("effects where they act: members") == std::string::npos);
    // The baseline's app users' trust: the mean of its three runs' city-wide last-day values.
    const auto users_trust =
        file.values<double>("/exposure_summary/by_app_use/trust_mean", H5T_NATIVE_DOUBLE);
    REQUIRE(users_trust.size() == 18 * 2);
    const std::vector<double> baseline_users{users_trust[0], users_trust[2], users_trust[4]};
    const std::string users_line =
        "app users  " +
        std::string(
            12 - civicsim::sim::format_number(civicsim::sim::estimate_mean(baseline_users).mean)
                     .size(),
            ' ') +
        civicsim::sim::format_number(civicsim::sim::estimate_mean(baseline_users).mean) + "\n";
    CHECK(r.output.find(users_line) != std::string::npos);
    CHECK(r.output.find("wrote " + out.string() + " (18 runs") != std::string::npos);
    CHECK(r.output.find("wrote " + report.string()) != std::string::npos);
    CHECK(read_text(report).find("<!DOCTYPE html>") == 0);
}

TEST_CASE("compare on a scenario without strategies exits with 2 and says what to do",
          "[compare]") {
    // The workshop town without its [[strategy]] tables.
    std::string text = read_text(source("scenarios/workshop_town.toml"));
    text = text.substr(0, text.find("[[strategy]]"));
    const auto scenario = scratch("no_strategies.toml", "compare");
    std::ofstream(scenario) << text;
    const auto out = scratch("no_strategies.h5", "compare");

    const auto r = run_cli("compare " + scenario.string() + " --days 5 --out " + out.string());
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("no [[strategy]] tables") != std::string::npos);
    CHECK(r.output.find("civicsim run") != std::string::npos);
    CHECK(r.output.find("Nothing was run or written") != std::string::npos);
    CHECK_FALSE(fs::exists(out));

    // run accepts the same file.
    CHECK(run_cli("run " + scenario.string() + " --days 5 --replications 1 --out " + out.string())
              .exit_code == 0);
}

TEST_CASE("compare refuses existing files without --force before running anything", "[compare]") {
    const auto out = scratch("exists-compare.h5", "compare");
    const auto report = scratch("exists-compare.html", "compare");
    std::ofstream(report) << "an earlier report";
    const auto r = run_cli("compare " + source("scenarios/workshop_town.toml") +
                           " --days 5 --replications 2 --out " + out.string() + " --report " +
                           report.string());
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--force") != std::string::npos);
    CHECK(r.output.find("vs baseline") == std::string::npos);  // nothing was run
    CHECK_FALSE(fs::exists(out));
    CHECK(read_text(report) == "an earlier report");
}

TEST_CASE("compare refuses one path for --out and --report with 2 before running anything",
          "[compare]") {
    const auto out = scratch("same.h5", "compare");
    std::ofstream(out) << "earlier results";
    // The same file under another spelling is the same file.
    const auto other_spelling = out.parent_path() / "." / out.filename();
    for (const auto& report : {out, other_spelling}) {
        const auto r = run_cli("compare " + source("scenarios/workshop_town.toml") +
                               " --days 5 --replications 2 --force --out " + out.string() +
                               " --report " + report.string());
        INFO(r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find("are the same file") != std::string::npos);
        CHECK(r.output.find("Nothing was run or written") != std::string::npos);
        CHECK(r.output.find("vs baseline") == std::string::npos);  // nothing was run
        CHECK(read_text(out) == "earlier results");
    }
}

TEST_CASE("compare shows an undefined outcome as n/a, in the table and in the report",
          "[compare]") {
    // Everybody speaks one language: the language gap has no second group.
    const auto scenario = scratch("one-language.toml", "compare");
    std::ofstream(scenario) << "[scenario]\nname = \"one language\"\ndays = 30\nreplications = 2\n"
                               "[[neighbourhood]]\nname = \"A\"\npopulation = 2000\ndensity = 100\n"
                               "[[strategy]]\nname = \"more officers\"\n"
                               "set = { \"police.residents_per_officer\" = 300.0 }\n";
    const auto out = scratch("one-language.h5", "compare");
    const auto report = scratch("one-language.html", "compare");
    const auto r = run_cli("compare " + scenario.string() + " --out " + out.string() +
                           " --report " + report.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const auto at = r.output.find("adoption_gap_language");
    REQUIRE(at != std::string::npos);
    const auto table = r.output.substr(at, r.output.find("\n\n", at) - at);
    CHECK_THAT(table, Catch::Matchers::Contains("\n  baseline               n/a\n"));
    CHECK_THAT(table,
               Catch::Matchers::Contains("\n  more officers          n/a   n/a           n/a"));
    CHECK(r.output.find("nan") == std::string::npos);
    const auto html = read_text(report);
    // One language: the report's language section does not apply and is left out; the outcome
    // table shows the gap as n/a.
    CHECK(html.find("<h2>Language</h2>") == std::string::npos);
    const auto row = html.find("<tr><td class=\"name\"><code>adoption_gap_language</code><br>");
    REQUIRE(row != std::string::npos);
    CHECK(html.find("<td>n/a</td>", row) < html.find("</tr>", row));
    CHECK(html.find(">nan<") == std::string::npos);
}

TEST_CASE("compare --robust works on every case under scenarios/", "[compare][robust]") {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(source("scenarios")))
        if (entry.path().extension() == ".toml" &&
            read_text(entry.path()).find("[[strategy]]") != std::string::npos)
            cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 7);
    for (const auto& scenario : cases) {
        const auto out = scratch(scenario.stem().string() + "-robust.h5", "compare");
        const auto r =
            run_cli("compare " + scenario.string() +
                    " --robust 2 --days 10 --replications 1 --threads 2 --out " + out.string());
        INFO(scenario.filename().string() << "\n" << r.output);
        REQUIRE(r.exit_code == 0);
        CHECK(r.output.find("== robustness: 2 Latin-hypercube draw(s)") != std::string::npos);
        const hdf5_reader file(out);
        const auto strategies = file.strings("/robustness/strategy");
        const auto outcomes = file.strings("/robustness/outcome");
        CHECK(strategies == file.strings("/strategies/name"));
        REQUIRE(!outcomes.empty());
        CHECK(file.strings("/robustness/parameter").size() >= 2);
        const auto best = file.values<double>("/robustness/best_share", H5T_NATIVE_DOUBLE);
        const auto near = file.values<double>("/robustness/near_best_share", H5T_NATIVE_DOUBLE);
        REQUIRE(best.size() == strategies.size() * outcomes.size());
        // Someone is best in every draw of every outcome, and near the best counts the best.
        for (std::size_t o = 0; o < outcomes.size(); ++o) {
            double sum = 0.0;
            for (std::size_t s = 0; s < strategies.size(); ++s) {
                const auto at = s * outcomes.size() + o;
                CHECK(near[at] >= best[at]);
                CHECK(near[at] <= 1.0);
                sum += best[at];
            }
            INFO(outcomes[o]);
            CHECK(sum >= 1.0);
        }
    }
}

TEST_CASE("compare --robust refuses a scenario without [[uncertain]] tables, and no draws",
          "[compare][robust]") {
    const auto scenario = scratch("certain.toml", "compare");
    {
        std::ofstream file(scenario);
        file << "[scenario]\nname = \"certain\"\ndays = 5\n\n[[neighbourhood]]\nname = \"A\"\n"
                "population = 200\ndensity = 100\n\n[[strategy]]\nname = \"more time\"\n"
                "set = { \"police.report_share\" = 0.08 }\n";
    }
    const auto out = scratch("certain.h5", "compare");
    const auto r = run_cli("compare " + scenario.string() + " --robust 3 --out " + out.string());
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("[[uncertain]]") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    for (const std::string draws : {"0", "-2", "many"}) {
        const auto bad = run_cli("compare " + source("scenarios/workshop_town.toml") +
                                 " --robust " + draws + " --out " + out.string());
        INFO(bad.output);
        CHECK(bad.exit_code == 2);
        CHECK(bad.output.find("--robust") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
}
