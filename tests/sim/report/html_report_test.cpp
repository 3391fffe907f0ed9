// The planners' HTML report: self-contained, complete, escaped, and its command's errors.

#include "sim/report/html_report.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/exposure.hpp"
#include "models/metrics.hpp"
#include "sim/engine/experiment.hpp"
#include "sim/engine/synthetic.hpp"
#include "sim/report/chartjs.hpp"
#include "sim/results/exposure_effects.hpp"
#include "sim/results/findings.hpp"
#include "sim/results/hdf5_reader.hpp"
#include "sim/results/headline.hpp"
#include "sim/results/statistics.hpp"
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

/// The chart data the page's script reads: the text of the <script id="civicsim-data"> element, up
/// to the first "</script" (where a browser ends it), parsed.
nlohmann::json embedded_data(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"civicsim-data\">";
    const auto start = html.find(open);
    REQUIRE(start != std::string::npos);
    const auto begin = start + open.size();
    const auto end = html.find("</script", begin);
    REQUIRE(end != std::string::npos);
    return nlohmann::json::parse(html.substr(begin, end - begin));
}

/// The chart in `charts` whose title begins with `title`.
const nlohmann::json& chart_titled(const nlohmann::json& charts, const std::string& title) {
    const auto chart = std::find_if(charts.begin(), charts.end(), [&](const nlohmann::json& c) {
        return c.at("title").get<std::string>().starts_with(title);
    });
    REQUIRE(chart != charts.end());
    return *chart;
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
    // Every headline outcome of the engine; a mechanism's only when it was on (none is here).
    for (const auto& family : civicsim::sim::headline_outcomes())
        for (const auto metric : family.metrics) {
            const bool shown = html.find("<code>" + std::string(metrics[metric].name) +
                                         "</code>") != std::string::npos;
            CHECK(shown == (metric < civicsim::models::core_summary_metric_count));
        }
    // The best value is marked only among strategies that improve on the baseline by a
    // difference that matters (the expired reports of more officer time and rule triage), and
    // differences from the baseline are shown.
    CHECK(count_of(html, "class=\"best\"") >= 1);
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
    CHECK(html.find("\"a\\u003cb>\"") != std::string::npos);  // in the JSON data
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
    CHECK(refused.exit_code == 2);
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

TEST_CASE("report embeds the chart data as JSON that parses back: null for NaN, names intact",
          "[report]") {
    using civicsim::models::daily_metric;
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    auto results = civicsim::sim::read_results(comparison_file());
    // A name that would end the <script> element, or open a comment in it, if put in raw.
    const std::string tricky = "say \"no\" </script><script>alert(1)</script> <!-- \\ end";
    results.strategies[1].first = tricky;
    for (auto& run : results.runs)
        if (run.strategy == "no campaigns") run.strategy = tricky;
    // trust_mean: 0.5 everywhere on day 0, undefined everywhere on day 3.
    const auto trust = static_cast<std::size_t>(daily_metric::trust_mean);
    for (auto& run : results.runs)
        for (std::size_t k = 0; k < run.neighbourhoods; ++k) {
            run.timeseries[(trust * run.days + 0) * run.neighbourhoods + k] = 0.5f;
            run.timeseries[(trust * run.days + 3) * run.neighbourhoods + k] = nan;
        }
    // The first group metric of the second community: undefined on the last day.
    const std::size_t communities = results.communities.size();
    REQUIRE(communities >= 2);
    for (auto& run : results.runs)
        for (std::size_t k = 0; k < run.neighbourhoods; ++k)
            run.by_community[((0 * run.days + run.days - 1) * run.neighbourhoods + k) *
                                 communities +
                             1] = nan;

    const std::string html = civicsim::sim::report::render_html(results);
    const auto data = embedded_data(html);

    CHECK(html.find("</script><script>alert") == std::string::npos);
    CHECK(html.find("<!-- \\") == std::string::npos);
    CHECK(data.at("days") == 30);
    std::vector<std::string> strategies;
    for (const auto& [name, description] : results.strategies) strategies.push_back(name);
    CHECK(data.at("strategies").get<std::vector<std::string>>() == strategies);
    CHECK(data.at("strategies").at(1) == tricky);

    // One line chart per charted daily metric and the cost, each drawn on its canvas.
    CHECK(data.at("series").size() == 21);
    for (const auto& chart : data.at("series")) {
        CHECK(html.find("<canvas id=\"" + chart.at("id").get<std::string>() + "\"") !=
              std::string::npos);
        REQUIRE(chart.at("values").size() == strategies.size());
        for (const auto& values : chart.at("values")) CHECK(values.size() == 30);
    }
    const auto& trust_chart = chart_titled(data.at("series"), "trust_mean: ");
    CHECK(trust_chart.at("unit") == "score [0,1]");
    for (const auto& values : trust_chart.at("values")) {
        CHECK(values.at(0) == 0.5);
        CHECK(values.at(3).is_null());  // JSON has no NaN; Chart.js draws null as a gap
        CHECK(values.at(4).is_number());
        CHECK(values.at(4).get<double>() > 0.0);
    }

    // A bar chart per group metric and breakdown, its groups labelled.
    CHECK(data.at("groups").size() == 2 * civicsim::models::group_metrics().size());
    const std::string first_group_metric(civicsim::models::group_metrics()[0].name);
    const auto& by_community =
        chart_titled(data.at("groups"), first_group_metric + " by community, last day");
    CHECK(by_community.at("groups").get<std::vector<std::string>>() == results.communities);
    REQUIRE(by_community.at("values").size() == strategies.size());
    for (const auto& values : by_community.at("values")) {
        REQUIRE(values.size() == communities);
        CHECK(values.at(0).is_number());
        CHECK(values.at(1).is_null());
    }
}

TEST_CASE("report shows a mechanism's outcomes and charts only when it was on", "[report]") {
    const auto out = scratch("watchdog-" + std::to_string(::getpid()) + ".h5", "report");
    const auto html_path = scratch("watchdog-" + std::to_string(::getpid()) + ".html", "report");
    const auto r =
        run_cli("compare " + source("scenarios/workshop_town.toml") +
                " --days 120 --replications 2 --threads 2 --set behaviour.watchdog.enabled=true"
                " --out " +
                out.string() + " --report " + html_path.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("== police accountability ==") != std::string::npos);
    std::ifstream in(html_path);
    const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const std::string name :
         {"watchdog_published", "watchdog_actions", "watchdog_stop_factor"})
        CHECK(html.find("<code>" + name + "</code>") != std::string::npos);
    CHECK(count_of(html, "<h3>police accountability</h3>") == 1);  // its charts
    CHECK(html.find("watchdog_events: ") != std::string::npos);
    // Off (the comparison file of the other cases): none of it.
    const auto plain = scratch("plain-" + std::to_string(::getpid()) + ".html", "report");
    REQUIRE(
        run_cli("report " + comparison_file().string() + " --html " + plain.string()).exit_code ==
        0);
    std::ifstream in_plain(plain);
    const std::string other((std::istreambuf_iterator<char>(in_plain)),
                            std::istreambuf_iterator<char>());
    CHECK(other.find("watchdog") == std::string::npos);
    CHECK(other.find("police accountability") == std::string::npos);
}

TEST_CASE("report shows effects where they act only for the exposures with anyone exposed",
          "[report]") {
    namespace sim = civicsim::sim;
    namespace models = civicsim::models;
    // The workshop town for 30 days: app users and the campaigns' targets, but no group members
    // yet (its groups start on day 60).
    const auto html_path = scratch("exposure-" + std::to_string(::getpid()) + ".html", "report");
    REQUIRE(run_cli("report " + comparison_file().string() + " --html " + html_path.string())
                .exit_code == 0);
    const std::string html = read_text(html_path);
    CHECK(count_of(html, "<h2 id=\"exposure\">Effects where they act</h2>") == 1);
    CHECK(count_of(html, "<h3 id=\"by_app_use\">app users vs others</h3>") == 1);
    CHECK(count_of(html, "<h3 id=\"by_campaign_target\">targets vs others</h3>") == 1);
    CHECK(html.find("id=\"by_group_membership\"") == std::string::npos);
    CHECK(count_of(html, "<h4>targets vs others, per neighbourhood</h4>") == 1);
    CHECK(html.find("<td class=\"name\">Millbrook Estate</td>") != std::string::npos);
    // The baseline's targets' trust, city-wide on the last day, as the results file has it.
    const auto results = sim::read_results(comparison_file());
    const auto baseline = sim::runs_of(results.runs, "baseline");
    const auto trust = static_cast<std::size_t>(models::group_metric::trust_mean);
    const auto targets = sim::estimate_of(
        baseline, sim::exposure_value_of(models::exposure::campaign_target, trust, 0));
    REQUIRE(targets.n == 2);
    CHECK(html.find("<td class=\"name\">targets</td><td>" + sim::plain_number(targets.mean, 4) +
                    " <span class=\"ci\">[" + sim::plain_number(targets.low, 4) + ", " +
                    sim::plain_number(targets.high, 4) + "]</span></td>") != std::string::npos);

    // Nobody exposed to anything (no groups, no app, no campaign): no section.
    auto p = sim::synthetic_city(12000, 10);
    p.channels.groups.enabled = false;
    p.channels.app.enabled = false;
    p.policy.outreach.campaigns.clear();
    p.scenario.replications = 2;
    const auto none = sim::report::render_html(
        sim::run_baseline(std::make_shared<const models::parameters>(std::move(p)), 2));
    CHECK(none.find("<h1>") != std::string::npos);
    CHECK(none.find("Effects where they act") == std::string::npos);
}

TEST_CASE("report shows group members against the others once groups exist", "[report]") {
    const auto out = scratch("members-" + std::to_string(::getpid()) + ".h5", "report");
    const auto html_path = scratch("members-" + std::to_string(::getpid()) + ".html", "report");
    const auto r = run_cli("compare " + source("scenarios/workshop_town.toml") +
                           " --days 90 --replications 2 --threads 2 --out " + out.string() +
                           " --report " + html_path.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("== effects where they act: members vs others (last day, city-wide) ==") !=
          std::string::npos);
    const std::string html = read_text(html_path);
    CHECK(count_of(html, "<h3 id=\"by_group_membership\">members vs others</h3>") == 1);
    // "no facilitators" against the baseline, for the members: a paired difference.
    namespace sim = civicsim::sim;
    const auto results = sim::read_results(out);
    const auto trust = static_cast<std::size_t>(civicsim::models::group_metric::trust_mean);
    const auto d = sim::paired_difference_of(
        results.runs,
        sim::exposure_value_of(civicsim::models::exposure::group_membership, trust, 0),
        "no facilitators", "baseline");
    REQUIRE(d.n == 2);
    CHECK(html.find((d.mean > 0 ? "+" : "") + sim::plain_number(d.mean, 4)) != std::string::npos);
}

TEST_CASE(
    "report opens with findings and a decision table whose marks need a difference that "
    "matters",
    "[report]") {
    const auto html_path = scratch("findings-" + std::to_string(::getpid()) + ".html", "report");
    REQUIRE(run_cli("report " + comparison_file().string() + " --html " + html_path.string())
                .exit_code == 0);
    const std::string html = read_text(html_path);
    // Findings first: before the scenario, one sentence per strategy but the baseline.
    const auto findings = html.find("<section id=\"findings\"");
    REQUIRE(findings != std::string::npos);
    CHECK(findings < html.find("<h2>The scenario</h2>"));
    CHECK(findings < html.find("<h2 id=\"decision\">Decision table</h2>"));
    const auto end = html.find("</section>", findings);
    CHECK(count_of(html.substr(findings, end - findings), "<li>") == 5);
    // The workshop town's [report] outcomes head the decision table's columns, in its order.
    const auto table = html.find("<table class=\"decision\">");
    REQUIRE(table != std::string::npos);
    const auto trust = html.find("<code>trust_mean</code>", table);
    const auto expired = html.find("<code>expired</code>", table);
    CHECK(trust < expired);
    CHECK(expired < html.find("<code>total_cost</code>", table));

    // Every marked cell anywhere: significant and at least the smallest difference that matters.
    const std::regex marked(
        R"re(<td class="(better|worse)"[^>]* data-difference="([^"]+)" data-low="([^"]+)" )re"
        R"re(data-high="([^"]+)" data-smallest="([^"]+)")re");
    std::size_t marks = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), marked);
         it != std::sregex_iterator(); ++it, ++marks) {
        const double difference = std::stod((*it)[2]), low = std::stod((*it)[3]),
                     high = std::stod((*it)[4]), smallest = std::stod((*it)[5]);
        INFO((*it)[0]);
        CHECK(std::fabs(difference) >= smallest);
        CHECK((low > 0.0 || high < 0.0));
    }
    CHECK(marks >= 1);
    // No number is written with an exponent in the findings or the decision table.
    const auto tables_end = html.find("<h2>The scenario</h2>");
    CHECK_FALSE(std::regex_search(html.substr(findings, tables_end - findings),
                                  std::regex(R"(>[^<]*\d[eE][-+]?\d)")));
    // One tile per neighbourhood in each map of the "Where" section.
    CHECK(html.find("<h2 id=\"where\">Where</h2>") != std::string::npos);
    CHECK(count_of(html, "<figure class=\"map\">") >= 6);

    // With the smallest difference in the median response time raised beyond any, nothing on it
    // is marked (more officer time and rule triage cut it by more than the default hour).
    const auto out = scratch("threshold-" + std::to_string(::getpid()) + ".h5", "report");
    const auto raised = scratch("threshold-" + std::to_string(::getpid()) + ".html", "report");
    const auto r = run_cli("compare " + source("scenarios/workshop_town.toml") +
                           " --days 30 --replications 2 --threads 2 --set "
                           "report.smallest_difference.response_time_median=1000 --out " +
                           out.string() + " --report " + raised.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const std::string other = read_text(raised);
    CHECK(other.find("data-smallest=\"1000\"") != std::string::npos);
    const std::regex response_marked(
        R"re(<td class="(better|worse)"[^>]* data-metric="response_time_median")re");
    CHECK_FALSE(std::regex_search(other, response_marked));
    CHECK(std::regex_search(html, response_marked));
}

TEST_CASE("report has a Why section only when given explanations, with escaped names",
          "[report][explain]") {
    const auto results = civicsim::sim::read_results(comparison_file());
    CHECK(civicsim::sim::report::render_html(results).find("id=\"why\"") == std::string::npos);
    civicsim::sim::attribution a;
    a.metric = *civicsim::models::index_of(civicsim::models::summary_metrics(), "expired");
    a.baseline = {100.0, 90.0, 110.0, 3};
    a.total = {-30.0, -35.0, -25.0, 3};
    a.parts = {{"<triage>", {-2.0, -4.0, 0.0, 3}, {-28.0, -31.0, -25.0, 3}},
               {"app", {-30.0, -35.0, -25.0, 3}, {0.0, 0.0, 0.0, 3}}};
    a.not_attributed = {-2.0, -5.0, 1.0, 3};
    const auto html = civicsim::sim::report::render_html(results, {{"rule triage", {a}}});
    INFO(html.substr(html.find("id=\"why\""), 3000));
    REQUIRE(html.find("<section id=\"why\"") != std::string::npos);
    CHECK(html.find("Rule triage cuts reports expired from 100 to 70") != std::string::npos);
    CHECK(html.find("mostly through &lt;triage&gt; (−28") != std::string::npos);
    CHECK(html.find("<td class=\"name\">not attributed</td>") != std::string::npos);
    // A mechanism with exactly no contribution has no row.
    CHECK(html.find("<td class=\"name\">app</td>") == std::string::npos);
    // After the decision table, before the scenario.
    CHECK(html.find("id=\"why\"") > html.find("id=\"decision\""));
    CHECK(html.find("id=\"why\"") < html.find("<h2>The scenario</h2>"));
}
