// The planners' HTML report: self-contained, complete, escaped, and its command's errors.

#include "sim/report/html_report.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "models/metrics.hpp"
#include "sim/report/chartjs.hpp"
#include "sim/results/hdf5_reader.hpp"
#include "sim/results/headline.hpp"
#include "tests/sim/cli/run_cli.hpp"

namespace fs = std::filesystem;
using civicsim::test::read_text;
using civicsim::test::run_cli;
using civicsim::test::scratch;
using civicsim::test::source;

namespace {

/// A small comparison of the workshop town, written once per test process.
fs::path comparison_file() {
    static const fs::path path = [] {
        // Test cases run as parallel processes: each writes its own input.
        const auto out = scratch("report-input-" + std::to_string(::getpid()) + ".h5", "report");
        const auto r = run_cli("compare " + source("scenarios/workshop_town.toml") +
                               " --days 30 --replications 2 --threads 2 --out " + out.string());
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        return out;
    }();
    return path;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("report writes one self-contained page that names every strategy and outcome",
          "[report]") {
    const auto html_path = scratch("workshop.html", "report");
    const auto r =
        run_cli("report " + comparison_file().string() + " --html " + html_path.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("wrote " + html_path.string()) != std::string::npos);
    const std::string html = read_text(html_path);

    // Nothing is fetched from the network: no remote scripts, styles, images or links.
    CHECK_FALSE(std::regex_search(
        html, std::regex(R"((src|href)\s*=\s*["']?\s*(https?:)?//)", std::regex::icase)));
    CHECK(html.find("<script src") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    // Chart.js is inside, whole, and the data as JSON.
    const std::string library(civicsim::sim::report::chartjs_source());
    CHECK(library.size() > 100000);
    CHECK(html.find(library) != std::string::npos);
    CHECK(html.find("<script type=\"application/json\" id=\"civicsim-data\">") !=
          std::string::npos);
    CHECK(html.find("\"series\":[{\"id\":") != std::string::npos);
    CHECK(html.find("new Chart(") != std::string::npos);

    // The scenario in words, every strategy and every headline outcome.
    CHECK(html.find("<h1>Workshop Town</h1>") != std::string::npos);
    CHECK(html.find("Four neighbourhoods, two languages") != std::string::npos);
    CHECK(html.find("Millbrook Estate") != std::string::npos);
    CHECK(html.find("english, polish") != std::string::npos);
    for (const std::string name : {"baseline", "no campaigns", "multilingual app",
                                   "more officer time", "rule triage", "no facilitators"})
        CHECK(html.find(name) != std::string::npos);
    CHECK(html.find("Translate the app into Polish") != std::string::npos);
    const auto metrics = civicsim::models::summary_metrics();
    for (const auto& family : civicsim::sim::headline_outcomes())
        for (const auto metric : family.metrics)
            CHECK(html.find("<code>" + std::string(metrics[static_cast<std::size_t>(metric)].name) +
                            "</code>") != std::string::npos);
    // The best value per outcome is marked, and differences from the baseline are shown. Outcomes
    // on which every strategy ties (under common random numbers, victimisation for one) have none.
    CHECK(count_of(html, "class=\"best\"") >= 8);
    CHECK(html.find("Differences from the baseline") != std::string::npos);
    // Fairness by community, age band and language, and the costs.
    CHECK(html.find("By community") != std::string::npos);
    CHECK(html.find("By age band") != std::string::npos);
    CHECK(html.find("65+") != std::string::npos);
    CHECK(html.find("adoption_gap_language") != std::string::npos);
    for (const std::string cost : {"campaign_cost", "training_cost", "translation_cost",
                                   "officer_cost", "participation_cost", "total_cost"})
        CHECK(html.find("<code>" + cost + "</code>") != std::string::npos);
}

TEST_CASE("report escapes every text that comes from the scenario or the results file",
          "[report]") {
    auto results = civicsim::sim::read_results(comparison_file());
    results.strategies[1].second = "<script>alert('x')</script> & \"more\"";
    results.strategies[1].first = "a<b>";
    for (auto& run : results.runs)
        if (run.strategy == "no campaigns") run.strategy = "a<b>";
    results.scenario_name = "Town </script><img src=x>";
    const std::string html = civicsim::sim::report::render_html(results);
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;") !=
          std::string::npos);
    CHECK(html.find("<img src=x>") == std::string::npos);
    CHECK(html.find("Town &lt;/script&gt;&lt;img src=x&gt;") != std::string::npos);
    CHECK(html.find("a&lt;b&gt;") != std::string::npos);
    CHECK(html.find("\"a\\u003cb\\u003e\"") != std::string::npos);  // in the JSON data
}

TEST_CASE("report on a missing or foreign file says so, exits with 2 and writes nothing",
          "[report]") {
    const auto html_path = scratch("never.html", "report");

    const auto missing = run_cli("report " + scratch("missing.h5", "report").string() + " --html " +
                                 html_path.string());
    CHECK(missing.exit_code == 2);
    CHECK(missing.output.find("missing.h5' does not exist") != std::string::npos);

    const auto text_file = scratch("text.h5", "report");
    std::ofstream(text_file) << "not HDF5";
    const auto text = run_cli("report " + text_file.string() + " --html " + html_path.string());
    CHECK(text.exit_code == 2);
    CHECK(text.output.find("is not an HDF5 file") != std::string::npos);

    const auto foreign = scratch("foreign.h5", "report");
    const hid_t file = H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(file >= 0);
    H5Fclose(file);
    const auto other = run_cli("report " + foreign.string() + " --html " + html_path.string());
    INFO(other.output);
    CHECK(other.exit_code == 2);
    CHECK(other.output.find("not a civicsim results file") != std::string::npos);
    CHECK(other.output.find("nothing was written") != std::string::npos);
    CHECK_FALSE(fs::exists(html_path));

    const auto no_html = run_cli("report " + comparison_file().string());
    CHECK(no_html.exit_code == 2);
    CHECK(no_html.output.find("html") != std::string::npos);
}

TEST_CASE("report refuses to replace an existing page without --force", "[report]") {
    const auto html_path = scratch("exists.html", "report");
    std::ofstream(html_path) << "earlier";
    const auto refused =
        run_cli("report " + comparison_file().string() + " --html " + html_path.string());
    CHECK(refused.exit_code == 1);
    CHECK(refused.output.find("--force") != std::string::npos);
    CHECK(read_text(html_path) == "earlier");
    const auto forced = run_cli("report " + comparison_file().string() + " --html " +
                                html_path.string() + " --force");
    CHECK(forced.exit_code == 0);
    CHECK(read_text(html_path).find("<!DOCTYPE html>") == 0);
}

TEST_CASE("report refuses to write the page over its own results file, with 2", "[report]") {
    const auto results = scratch("own.h5", "report");
    fs::copy_file(comparison_file(), results);
    const std::string before = read_text(results);
    const auto other_spelling = results.parent_path() / ".." / "report" / results.filename();
    for (const auto& html : {results, other_spelling}) {
        const auto r =
            run_cli("report " + results.string() + " --html " + html.string() + " --force");
        INFO(r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find("is the results file it reports on") != std::string::npos);
        CHECK(r.output.find("Nothing was written") != std::string::npos);
        CHECK(read_text(results) == before);
    }
}
