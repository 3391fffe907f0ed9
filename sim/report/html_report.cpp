#include "sim/report/html_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <span>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/metrics.hpp"
#include "sim/report/chartjs.hpp"
#include "sim/results/atomic_file.hpp"
#include "sim/results/exposure_effects.hpp"
#include "sim/results/findings.hpp"
#include "sim/results/headline.hpp"
#include "sim/results/neighbourhood_values.hpp"
#include "sim/results/statistics.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/version.hpp"

namespace civicsim::sim::report {

namespace fs = std::filesystem;

namespace {

using daily = models::daily_metric;
using summary = models::summary_metric;
// Keys in the order they are set, so that the page's data reads in the order the page does.
using json = nlohmann::ordered_json;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// ------------------------------------------------------------------------------------------------
// Text: everything that comes from a scenario or a results file is escaped before it goes in.

std::string html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

/// A value for a chart: JSON has no NaN, so an undefined value is null, which Chart.js draws as a
/// gap (a missing bar). Six significant digits are all a chart shows, and keep a page of many
/// long series small.
json chart_value(double value) {
    if (!std::isfinite(value)) return nullptr;
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return std::strtod(text, nullptr);
}

/// `data` as JSON text that cannot end the <script> element it is put in: '<' can only occur
/// inside JSON strings, where \u003c means the same, so no "</script", "<!--" or "<script" is left.
std::string script_json(const json& data) {
    // Text from a results file need not be valid UTF-8: replace what is not rather than fail.
    const std::string text = data.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '<')
            out += "\\u003c";
        else
            out += c;
    }
    return out;
}

/// Numbers on the page: four significant digits in plain notation, never an exponent.
std::string number(double value) { return plain_number(value, 4); }

std::string interval_text(const interval_estimate& e) {
    if (std::isnan(e.mean)) return "n/a";
    if (e.n < 2) return number(e.mean);
    return number(e.mean) + " <span class=\"ci\">[" + number(e.low) + ", " + number(e.high) +
           "]</span>";
}

// ------------------------------------------------------------------------------------------------
// What the report is about: the results, and the scenario they came from when it can be read.

struct context {
    const results_set& results;
    std::optional<models::parameters> params;   ///< the resolved scenario; absent if unreadable
    std::vector<std::string> strategies;        ///< names, baseline first
    std::vector<std::vector<run_result>> runs;  ///< per strategy, by replication
    std::uint32_t days = 0;
};

context make_context(const results_set& results) {
    context c{results, std::nullopt, {}, {}, results.runs.empty() ? 0 : results.runs.front().days};
    try {
        c.params = parse_scenario(results.scenario_toml, "the results file's scenario").params;
    } catch (const scenario_error&) {
        // A scenario this version cannot read back (written by another version): the report
        // leaves out what only the scenario knows, and says so.
    }
    for (const auto& [name, description] : results.strategies) c.strategies.push_back(name);
    for (const auto& r : results.runs)
        if (std::find(c.strategies.begin(), c.strategies.end(), r.strategy) == c.strategies.end())
            c.strategies.push_back(r.strategy);
    for (const auto& name : c.strategies) c.runs.push_back(runs_of(results.runs, name));
    return c;
}

const models::metric_info& info(std::size_t summary_metric) {
    return models::summary_metrics()[summary_metric];
}
const models::metric_info& info(summary metric) { return info(static_cast<std::size_t>(metric)); }

// ------------------------------------------------------------------------------------------------
// City-wide daily series: counts are summed over neighbourhoods; shares, scores, rates and times
// are population-weighted means (NaN neighbourhoods left out).

bool is_count(const models::metric_info& metric) {
    const std::string_view unit = metric.unit;
    if (unit == "reports" || unit == "residents" || unit == "groups") return true;
    return unit.ends_with("/day") && unit != "alerts/resident/day";
}

std::vector<double> city_series(const context& c, const run_result& run, std::size_t m) {
    const bool sum = is_count(models::daily_metrics()[m]);
    std::vector<double> series(run.days, nan);
    for (std::size_t day = 0; day < run.days; ++day) {
        double total = 0.0;
        double weights = 0.0;
        for (std::size_t k = 0; k < run.neighbourhoods; ++k) {
            const double v = run.at(m, day, k);
            if (std::isnan(v)) continue;
            const double w = sum ? 1.0 : c.results.neighbourhoods[k].population;
            total += w * v;
            weights += w;
        }
        if (weights > 0.0) series[day] = sum ? total : total / weights;
    }
    return series;
}
std::vector<double> city_series(const context& c, const run_result& run, daily metric) {
    return city_series(c, run, static_cast<std::size_t>(metric));
}

/// The daily outcomes behind the mechanisms' headline outcomes shown, by family, in table order:
/// what a mechanism's summaries are reduced from is what is charted for it.
std::vector<std::pair<std::string_view, std::vector<std::size_t>>> mechanism_series(
    const std::vector<outcome_family>& families) {
    const auto reductions = models::mechanism_summary_reductions();
    std::vector<std::pair<std::string_view, std::vector<std::size_t>>> out;
    for (const auto& family : families) {
        std::vector<std::size_t> series;
        for (const auto m : family.metrics) {
            if (m < models::core_summary_metric_count) continue;
            const auto& r = reductions[m - models::core_summary_metric_count];
            const auto add = [&](std::size_t d) {
                if (std::find(series.begin(), series.end(), d) == series.end()) series.push_back(d);
            };
            add(r.of);
            if (static_cast<models::reduction>(r.how) == models::reduction::ratio_of_totals)
                add(r.per);
        }
        if (!series.empty()) out.emplace_back(family.title, std::move(series));
    }
    return out;
}

/// Mean over the runs of each day, NaN runs left out.
std::vector<double> mean_over_runs(const std::vector<std::vector<double>>& per_run,
                                   std::size_t days) {
    std::vector<double> mean(days, nan);
    for (std::size_t day = 0; day < days; ++day) {
        double total = 0.0;
        std::size_t n = 0;
        for (const auto& series : per_run)
            if (day < series.size() && std::isfinite(series[day])) {
                total += series[day];
                ++n;
            }
        if (n > 0) mean[day] = total / static_cast<double>(n);
    }
    return mean;
}

/// The daily series charted for each headline family (by family title).
struct chart_family {
    std::string_view family;
    std::vector<daily> metrics;
};

const std::vector<chart_family>& charted_series() {
    static const std::vector<chart_family> families{
        {"trust", {daily::trust_mean, daily::trusting_share}},
        {"fear of crime", {daily::fear_mean, daily::worried_share, daily::victimised_share}},
        {"response load",
         {daily::reports, daily::handled, daily::expired, daily::missed_genuine,
          daily::queue_length, daily::response_time_mean, daily::non_police_hours}},
        {"bias", {daily::interventions_on_innocents, daily::adoption_gap_language}},
        {"misinformation", {daily::rumour_reach, daily::shaming_posts, daily::vigilante_acts}},
        {"channels and community",
         {daily::adoption_share, daily::group_member_share, daily::cohesion}},
        {"cost", {}},  // cumulative total cost, below
    };
    return families;
}

constexpr std::array cost_series{daily::campaign_cost, daily::training_cost,
                                 daily::translation_cost, daily::officer_cost,
                                 daily::participation_cost};

std::vector<double> cumulative_cost(const context& c, const run_result& run) {
    std::vector<double> total(run.days, 0.0);
    for (const auto metric : cost_series) {
        const auto series = city_series(c, run, metric);
        for (std::size_t day = 0; day < run.days; ++day)
            if (std::isfinite(series[day])) total[day] += series[day];
    }
    for (std::size_t day = 1; day < total.size(); ++day) total[day] += total[day - 1];
    return total;
}

// ------------------------------------------------------------------------------------------------
// Fairness: last-day group metrics, city-wide, weighting each neighbourhood by the group's
// residents there (from the scenario's shares; by population if the scenario is unreadable).

double group_weight(const context& c, std::size_t neighbourhood, std::size_t group,
                    bool by_community) {
    const double population = c.results.neighbourhoods[neighbourhood].population;
    if (!c.params || neighbourhood >= c.params->neighbourhoods.size()) return population;
    const auto& n = c.params->neighbourhoods[neighbourhood];
    if (by_community)
        return group < n.community_shares.size() ? population * n.community_shares[group]
                                                 : population;
    return group < n.age_shares.size() ? population * n.age_shares[group] : population;
}

/// Mean and interval over the strategy's runs of the last-day, city-wide value of group metric
/// `metric` for group `group`.
interval_estimate last_day_group_value(const context& c, std::size_t strategy, std::size_t metric,
                                       std::size_t group, bool by_community) {
    const std::size_t groups =
        by_community ? c.results.communities.size() : c.results.age_bands.size();
    std::vector<double> per_run;
    for (const auto& run : c.runs[strategy]) {
        const auto& values = by_community ? run.by_community : run.by_age_band;
        const std::size_t day = run.days - 1;
        double total = 0.0;
        double weights = 0.0;
        for (std::size_t k = 0; k < run.neighbourhoods; ++k) {
            const double v =
                values[((metric * run.days + day) * run.neighbourhoods + k) * groups + group];
            const double w = group_weight(c, k, group, by_community);
            if (std::isnan(v) || w <= 0.0) continue;
            total += w * v;
            weights += w;
        }
        per_run.push_back(weights > 0.0 ? total / weights : nan);
    }
    return estimate_mean(per_run);
}

// ------------------------------------------------------------------------------------------------
// The page.

constexpr std::string_view style = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2em auto;max-width:78em;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #ddd;padding-bottom:.2em}h3{margin-top:1.5em}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .55em;text-align:right;vertical-align:top}
th{background:#f3f3f3}td.name,th.name{text-align:left}tr.family th{text-align:left;background:#e8eef7}
.ci{color:#666;font-size:.88em;white-space:nowrap}.best{background:#dbe8f7;font-weight:600}.meta{color:#555}.note{color:#555;font-size:.92em;max-width:60em}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(22em,1fr));gap:1em}.chart{position:relative;height:16em}
.scroll{overflow-x:auto;max-width:100%}code{overflow-wrap:anywhere}table.decision th,table.decision td{max-width:16em}table.decision th .ci,table.decision .rel{white-space:normal}
.findings li{margin:.4em 0;max-width:60em}.mark{font-weight:700}.rel{color:#444;font-size:.88em;white-space:nowrap}
td.better .mark{color:#1f4e99}td.worse .mark{color:#9a4a00}.better{background:#dbe8f7}.worse{background:#fbe6cf}
.maps{display:flex;flex-wrap:wrap;gap:1em}.map{flex:0 0 auto}.map figcaption{font-size:.85em;color:#444;max-width:17em}
@media print{.chart{break-inside:avoid}}
)css";

constexpr std::string_view script = R"js(
(function () {
  const data = JSON.parse(document.getElementById('civicsim-data').textContent);
  const palette = ['#222222', '#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b',
                   '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  const colour = (i) => palette[i % palette.length];
  const days = Array.from({length: data.days}, (_, d) => d);
  // Each strategy: its band (lowest to highest replication, drawn as two edges filled between)
  // and its mean; only the means are in the legend and tooltips.
  const translucent = (hex) => hex + '33';
  for (const chart of data.series) {
    const datasets = [];
    data.strategies.forEach((name, i) => {
      if (chart.low && chart.high) {
        datasets.push({label: name + ' lowest', band: true, data: chart.low[i], borderWidth: 0,
          pointRadius: 0, fill: false, borderColor: 'transparent'});
        datasets.push({label: name + ' highest', band: true, data: chart.high[i], borderWidth: 0,
          pointRadius: 0, fill: '-1', borderColor: 'transparent', backgroundColor: translucent(colour(i))});
      }
      datasets.push({label: name, data: chart.values[i], borderColor: colour(i), backgroundColor: colour(i),
        borderWidth: i === 0 ? 2.5 : 1.5, borderDash: i === 0 ? [6, 3] : [], pointRadius: 0,
        spanGaps: false, fill: false});
    });
    new Chart(document.getElementById(chart.id), {
      type: 'line',
      data: {labels: days, datasets: datasets},
      options: {animation: false, maintainAspectRatio: false, interaction: {mode: 'index', intersect: false},
        plugins: {title: {display: true, text: chart.title},
                  legend: {labels: {filter: (item, d) => !d.datasets[item.datasetIndex].band}},
                  tooltip: {filter: (item) => !item.dataset.band}},
        scales: {x: {title: {display: true, text: 'day'}, ticks: {maxTicksLimit: 8}},
                 y: {beginAtZero: true, title: {display: true, text: chart.unit}}}}
    });
  }
  // Each bar's 95 % interval over the replications, drawn as a line with caps over the bar.
  const intervals = {id: 'intervals', afterDatasetsDraw(chart, args, options) {
    const ctx = chart.ctx, y = chart.scales.y;
    ctx.save();
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1.2;
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden) return;
      meta.data.forEach((bar, j) => {
        const low = options.low[i][j], high = options.high[i][j];
        if (low === null || high === null) return;
        const top = y.getPixelForValue(high), bottom = y.getPixelForValue(low);
        const cap = Math.min(5, bar.width / 4);
        ctx.beginPath();
        ctx.moveTo(bar.x, bottom); ctx.lineTo(bar.x, top);
        ctx.moveTo(bar.x - cap, top); ctx.lineTo(bar.x + cap, top);
        ctx.moveTo(bar.x - cap, bottom); ctx.lineTo(bar.x + cap, bottom);
        ctx.stroke();
      });
    });
    ctx.restore();
  }};
  const highest = (rows) => {
    const known = rows.flat().filter((v) => v !== null);
    return known.length ? Math.max(...known) : undefined;
  };
  for (const chart of data.groups) {
    new Chart(document.getElementById(chart.id), {
      type: 'bar',
      plugins: [intervals],
      data: {labels: chart.groups, datasets: data.strategies.map((name, i) => ({
        label: name, data: chart.values[i], backgroundColor: colour(i)}))},
      options: {animation: false, maintainAspectRatio: false,
        plugins: {title: {display: true, text: chart.title},
                  intervals: {low: chart.low, high: chart.high}},
        scales: {y: {beginAtZero: true, suggestedMax: highest(chart.high),
                     title: {display: true, text: chart.unit}}}}
    });
  }
})();
)js";

/// Every table inside a box that scrolls sideways, so that a table of many strategies never
/// widens the page.
std::string scrolling_tables(std::string page) {
    const std::string open = "<table", close = "</table>";
    std::string out;
    out.reserve(page.size() + 1024);
    std::size_t at = 0;
    while (true) {
        const auto start = page.find(open, at);
        if (start == std::string::npos) break;
        const auto end = page.find(close, start);
        if (end == std::string::npos) break;
        out.append(page, at, start - at);
        out += "<div class=\"scroll\">";
        out.append(page, start, end + close.size() - start);
        out += "</div>";
        at = end + close.size();
    }
    out.append(page, at, std::string::npos);
    return out;
}

class page {
public:
    page(const results_set& results, const std::vector<explanation>& explanations)
        : c_(make_context(results)), explanations_(explanations) {}

    std::string render() {
        compute_estimates();
        head();
        findings_section();
        decision_table();
        why_section();
        robustness_section();
        scenario_section();
        where_section();
        outcome_table();
        difference_table();
        chart_section();
        fairness_section();
        exposure_section();
        if (!c_.params || c_.params->scenario.languages.size() > 1) language_section();
        cost_section();
        // The tables are wrapped before the script (Chart.js) is added: only the page's own.
        std::string body = scrolling_tables(out_.str());
        out_.str("");
        foot();
        return body + out_.str();
    }

private:
    // Mean and interval per strategy for every summary metric, once.
    void compute_estimates() {
        estimates_.resize(c_.strategies.size());
        for (std::size_t s = 0; s < c_.strategies.size(); ++s)
            for (std::size_t m = 0; m < models::summary_metrics().size(); ++m)
                estimates_[s].push_back(estimate_summary(c_.runs[s], m));
    }

    const interval_estimate& estimate(std::size_t strategy, std::size_t metric) const {
        return estimates_[strategy][metric];
    }
    const interval_estimate& estimate(std::size_t strategy, summary metric) const {
        return estimate(strategy, static_cast<std::size_t>(metric));
    }

    /// The strategy whose mean is best for `metric` among those whose difference from the
    /// baseline is marked better (significant and at least the smallest that matters); none when
    /// no strategy's is, or the outcome has no better direction.
    std::vector<bool> best_of(std::size_t metric) const {
        std::vector<bool> best(c_.strategies.size(), false);
        const auto direction = better_direction(metric);
        if (direction == better::none) return best;
        auto score = [&](std::size_t s) {
            const double mean = estimate(s, metric).mean;
            if (std::isnan(mean)) return std::numeric_limits<double>::infinity();
            switch (direction) {
                case better::higher: return -mean;
                case better::lower: return mean;
                case better::nearer_zero: return std::fabs(mean);
                case better::none: break;
            }
            return 0.0;
        };
        double top = std::numeric_limits<double>::infinity();
        std::size_t winner = best.size();
        for (std::size_t s = 1; s < best.size(); ++s)
            if (mark_against_baseline(s, metric) == mark::better && score(s) < top) {
                top = score(s);
                winner = s;
            }
        if (winner < best.size()) best[winner] = true;
        return best;
    }

    /// The mark of strategy `s`'s paired difference from the baseline on summary outcome
    /// `metric` (findings.hpp: significant and at least the smallest difference that matters).
    mark mark_against_baseline(std::size_t s, std::size_t metric) const {
        if (s == 0) return mark::none;
        const auto d =
            paired_difference(c_.results.runs, metric, c_.strategies[s], c_.strategies[0]);
        const double base = estimate(0, metric).mean;
        return mark_of(d, base, better_direction(metric),
                       smallest_difference(report_settings(), metric, base));
    }

    const models::report_settings& report_settings() const {
        static const models::report_settings defaults;
        return c_.params ? c_.params->report : defaults;
    }

    std::string name_of(std::size_t s) const { return html(c_.strategies[s]); }

    void strategy_header_row(bool with_baseline, std::string_view first = "outcome") {
        out_ << "<tr><th class=\"name\">" << first << "</th>";
        for (std::size_t s = with_baseline ? 0 : 1; s < c_.strategies.size(); ++s)
            out_ << "<th>" << name_of(s) << "</th>";
        out_ << "</tr>\n";
    }

    void head() {
        const auto& r = c_.results;
        out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             << "<meta name=\"generator\" content=\"civicsim " << html(civicsim::version) << "\">\n"
             << "<title>" << html(r.scenario_name) << " — civicsim report</title>\n<style>" << style
             << "</style>\n</head>\n<body>\n"
             << "<h1>" << html(r.scenario_name) << "</h1>\n<p class=\"meta\">civicsim "
             << html(civicsim::version) << " (commit " << html(civicsim::git_commit)
             << ") report on <code>" << html(r.command_line) << "</code></p>\n";
    }

    void scenario_section() {
        const auto& r = c_.results;
        out_ << "<h2>The scenario</h2>\n";
        if (c_.params && !c_.params->scenario.description.empty())
            out_ << "<p>" << html(c_.params->scenario.description) << "</p>\n";
        const std::size_t replications = c_.runs.empty() ? 0 : c_.runs.front().size();
        std::uint64_t residents = 0;
        for (const auto& n : r.neighbourhoods) residents += n.population;
        out_ << "<ul>\n<li>" << c_.days << " days, " << replications
             << " replication(s) of every strategy, base seed " << r.base_seed << "</li>\n<li>"
             << residents << " residents in " << r.neighbourhoods.size()
             << " neighbourhood(s)</li>\n";
        if (c_.params) {
            out_ << "<li>languages: ";
            const auto& languages = c_.params->scenario.languages;
            for (std::size_t i = 0; i < languages.size(); ++i)
                out_ << (i ? ", " : "") << html(languages[i]);
            out_ << " (the first is the majority's)</li>\n";
        }
        out_ << "<li>communities: ";
        for (std::size_t i = 0; i < r.communities.size(); ++i)
            out_ << (i ? ", " : "") << html(r.communities[i]);
        out_ << " (the first is the majority)</li>\n</ul>\n";
        if (!c_.params)
            out_
                << "<p class=\"note\">The scenario stored in the results file could not be read "
                   "by this version of civicsim; its description and languages are left out.</p>\n";

        out_ << "<table>\n<tr><th class=\"name\">neighbourhood</th><th>residents</th>"
                "<th class=\"name\">settlement</th><th>density (inhabitants/km²)</th>"
                "<th>deprivation</th><th>cohesion</th>";
        if (c_.params) out_ << "<th class=\"name\">communities</th>";
        out_ << "</tr>\n";
        for (std::size_t k = 0; k < r.neighbourhoods.size(); ++k) {
            const auto& n = r.neighbourhoods[k];
            out_ << "<tr><td class=\"name\">" << html(n.name) << "</td><td>" << n.population
                 << "</td><td class=\"name\">" << html(n.settlement) << "</td><td>"
                 << number(n.density) << "</td><td>" << number(n.deprivation) << "</td><td>"
                 << number(n.cohesion) << "</td>";
            if (c_.params && k < c_.params->neighbourhoods.size()) {
                const auto& shares = c_.params->neighbourhoods[k].community_shares;
                out_ << "<td class=\"name\">";
                for (std::size_t g = 0; g < shares.size() && g < r.communities.size(); ++g)
                    out_ << (g ? ", " : "") << html(r.communities[g]) << " "
                         << number(100.0 * shares[g]) << " %";
                out_ << "</td>";
            }
            out_ << "</tr>\n";
        }
        out_ << "</table>\n<h3>Strategies compared</h3>\n<dl>\n";
        for (std::size_t s = 0; s < c_.strategies.size(); ++s) {
            std::string description;
            for (const auto& [name, text] : r.strategies)
                if (name == c_.strategies[s]) description = text;
            out_ << "<dt><b>" << name_of(s) << "</b></dt><dd>" << html(description) << "</dd>\n";
        }
        out_ << "</dl>\n<p class=\"note\">Every strategy runs the same replications with the same "
                "random numbers as the baseline (common random numbers), so differences between "
                "strategies come from the strategies, not from chance. Intervals are 95 % "
                "Student-t confidence intervals over the replications.</p>\n";
    }

    void outcome_row(std::size_t metric) {
        const auto best = best_of(metric);
        const auto& m = info(metric);
        out_ << "<tr><td class=\"name\"><code>" << html(m.name) << "</code><br><span class=\"ci\">"
             << html(m.description) << " (" << html(m.unit) << ")</span></td><td class=\"name\">"
             << to_string(better_direction(metric)) << "</td>";
        for (std::size_t s = 0; s < c_.strategies.size(); ++s)
            out_ << "<td" << (best[s] ? " class=\"best\"" : "") << ">" << (best[s] ? "★ " : "")
                 << interval_text(estimate(s, metric)) << "</td>";
        out_ << "</tr>\n";
    }

    void outcome_table() {
        out_ << "<h2>Strategies and outcomes</h2>\n<p class=\"note\">Mean over the replications "
                "and its 95 % interval. ★ marks the best mean of each outcome, in the direction "
                "given in the second column, among the strategies that improve on the baseline by "
                "at least the smallest difference that matters with an interval that excludes "
                "zero; outcomes with no better direction (more reports mean both more information "
                "and more work) are not marked.</p>\n<table>\n";
        out_ << "<tr><th class=\"name\">outcome</th><th class=\"name\">better</th>";
        for (std::size_t s = 0; s < c_.strategies.size(); ++s)
            out_ << "<th>" << name_of(s) << "</th>";
        out_ << "</tr>\n";
        const auto columns = c_.strategies.size() + 2;
        for (const auto& family : headline_outcomes(c_.results.runs)) {
            out_ << "<tr class=\"family\"><th colspan=\"" << columns << "\">" << html(family.title)
                 << "</th></tr>\n";
            for (const auto metric : family.metrics) outcome_row(metric);
        }
        out_ << "</table>\n";
    }

    void difference_table() {
        if (c_.strategies.size() < 2) return;
        out_ << "<h2>Differences from the baseline</h2>\n<p class=\"note\">Mean over the "
                "replications of (strategy − baseline), paired by replication, with its relative "
                "change and its 95 % interval. Marked (✔ blue: better, ✘ orange: worse) only where "
                "the interval excludes zero <em>and</em> the difference is at least the smallest "
                "that matters (the scenario's <code>[report]</code> table, or the outcome's "
                "default, shown under its name); a significant difference below it is left "
                "unmarked.</p>\n<table>\n";
        strategy_header_row(false);
        const auto columns = c_.strategies.size();
        for (const auto& family : headline_outcomes(c_.results.runs)) {
            out_ << "<tr class=\"family\"><th colspan=\"" << columns << "\">" << html(family.title)
                 << "</th></tr>\n";
            for (const auto metric : family.metrics) {
                const double base = estimate(0, metric).mean;
                out_ << "<tr><td class=\"name\"><code>" << html(info(metric).name)
                     << "</code><br><span class=\"ci\">matters from "
                     << html(plain_size(metric,
                                        smallest_difference(report_settings(), metric, base)))
                     << "</span></td>";
                for (std::size_t s = 1; s < c_.strategies.size(); ++s) {
                    const auto d = paired_difference(c_.results.runs, metric, c_.strategies[s],
                                                     c_.strategies[0]);
                    out_ << difference_cell(metric, d, base, mark_against_baseline(s, metric),
                                            smallest_difference(report_settings(), metric, base));
                }
                out_ << "</tr>\n";
            }
        }
        out_ << "</table>\n";
    }

    /// A paired difference as a table cell: signed, in plain notation, with its relative change,
    /// its interval and its mark; the figures also as data attributes, for programs.
    static std::string difference_cell(std::size_t metric, const interval_estimate& d, double base,
                                       mark marked, double smallest) {
        std::ostringstream cell;
        const char* css = marked == mark::better  ? " class=\"better\""
                          : marked == mark::worse ? " class=\"worse\""
                                                  : "";
        cell << "<td" << css << " data-metric=\"" << html(info(metric).name)
             << "\" data-difference=\"" << exact(d.mean) << "\" data-low=\"" << exact(d.low)
             << "\" data-high=\"" << exact(d.high) << "\" data-smallest=\"" << exact(smallest)
             << "\">";
        if (std::isnan(d.mean)) {
            cell << "n/a</td>";
            return cell.str();
        }
        if (marked != mark::none)
            cell << "<span class=\"mark\">" << (marked == mark::better ? "✔ " : "✘ ") << "</span>";
        cell << html(plain_difference(metric, d.mean));
        const double relative = std::isfinite(base) && base != 0.0 ? d.mean / std::fabs(base) : nan;
        if (std::isfinite(relative))
            cell << " <span class=\"rel\">(" << html(plain_percent_change(relative)) << ")</span>";
        if (d.n >= 2)
            cell << "<br><span class=\"ci\">[" << html(plain_difference(metric, d.low)) << ", "
                 << html(plain_difference(metric, d.high)) << "]</span>";
        cell << "</td>";
        return cell.str();
    }

    /// A number at full precision for a data attribute ("NaN" where undefined).
    static std::string exact(double value) {
        if (std::isnan(value)) return "NaN";
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", value);
        return text;
    }

    /// The findings: plain sentences, one per strategy, from the case's headline outcomes.
    void findings_section() {
        out_ << "<section id=\"findings\" class=\"findings\">\n<h2>Findings</h2>\n";
        if (c_.strategies.size() < 2) {
            out_ << "<p>One strategy only (the scenario as written): there is nothing to compare. "
                    "Add <code>[[strategy]]</code> tables and run <code>civicsim compare</code> "
                    "for findings.</p>\n</section>\n";
            return;
        }
        const auto findings = find_effects(c_.results.runs, c_.strategies, report_settings());
        out_ << "<ul>\n";
        for (const auto& sentence : finding_sentences(findings, report_settings()))
            out_ << "<li>" << html(sentence) << "</li>\n";
        out_ << "</ul>\n<p class=\"note\">Each strategy against the baseline (the scenario as "
                "written), with common random numbers, over "
             << (c_.runs.empty() ? 0 : c_.runs.front().size()) << " replication(s) of " << c_.days
             << " days. A change is reported as one that matters when its 95 % interval excludes "
                "zero and it is at least the smallest difference that matters for the outcome";
        if (!c_.params || c_.params->report.outcomes.empty())
            out_ << "; the scenario names no headline outcomes (<code>[report] outcomes</code>), "
                    "so every family's are used";
        out_ << ".</p>\n</section>\n";
    }

    /// Why: per explained strategy and outcome, the sentence, then the total effect, each
    /// mechanism's contribution that is not exactly zero and the part left unattributed.
    void why_section() {
        if (explanations_.empty()) return;
        out_ << "<section id=\"why\" class=\"findings\">\n<h2>Why</h2>\n<p class=\"note\">Each "
                "mechanism that is on is switched off in both the baseline and the strategy "
                "(common random numbers); its contribution is the total effect minus the effect "
                "left without it, with the 95 % interval paired over the replications. What the "
                "contributions leave is the mechanisms acting together. "
                "<code>civicsim explain</code> gives the same for any outcome.</p>\n";
        for (const auto& e : explanations_) {
            out_ << "<h3>" << html(e.strategy) << "</h3>\n<ul>\n";
            for (const auto& a : e.outcomes)
                out_ << "<li>" << html(why_sentence(a, e.strategy)) << "</li>\n";
            out_ << "</ul>\n";
            for (const auto& a : e.outcomes) {
                const auto m = a.metric;
                out_
                    << "<table class=\"why\" data-outcome=\"" << html(info(m).name)
                    << "\">\n<caption>" << html(info(m).name) << " (" << html(info(m).unit)
                    << ")</caption>\n<tr><th>part</th><th>effect</th><th>95 % interval</th></tr>\n";
                const auto row = [&](const std::string& part, const interval_estimate& x) {
                    out_ << "<tr><td class=\"name\">" << html(part) << "</td><td>"
                         << plain_difference(m, x.mean) << (significant(x) ? " *" : "")
                         << "</td><td>" << plain_difference(m, x.low) << " to "
                         << plain_difference(m, x.high) << "</td></tr>\n";
                };
                row("total", a.total);
                for (const auto& p : a.parts)
                    if (p.contribution.mean != 0.0 || p.contribution.low != 0.0 ||
                        p.contribution.high != 0.0)
                        row(p.mechanism, p.contribution);
                row("not attributed", a.not_attributed);
                out_ << "</table>\n";
            }
        }
        out_ << "<p class=\"note\">* the 95 % interval excludes zero.</p>\n</section>\n";
    }

    /// Each strategy (a row) against the case's headline outcomes and cost (columns).
    void decision_table() {
        if (c_.strategies.size() < 2) return;
        const auto& report = report_settings();
        const auto findings = find_effects(c_.results.runs, c_.strategies, report);
        const auto outcomes = case_outcomes(report, c_.results.runs);
        const auto cost = static_cast<std::size_t>(summary::total_cost);
        out_ << "<h2 id=\"decision\">Decision table</h2>\n<p class=\"note\">The baseline's mean "
                "(95 % interval) in the first row; below, each strategy's difference from it, "
                "paired by replication, with its relative change and 95 % interval. ✔ (better) "
                "and ✘ (worse) only where the interval excludes zero and the difference is at "
                "least the smallest that matters, given under each outcome. Under an improvement "
                "that costs more, what each unit gained costs.";
        if (!std::isnan(report.budget))
            out_ << " Budget: " << html(plain_value(cost, report.budget))
                 << " over the run beyond the baseline's; a strategy over it is flagged.";
        out_ << "</p>\n<table class=\"decision\">\n<tr><th class=\"name\">strategy</th>";
        std::vector<std::size_t> columns = outcomes;
        columns.push_back(cost);
        for (const auto m : columns) {
            const double base = estimate(0, m).mean;
            out_ << "<th><code>" << html(info(m).name) << "</code><br><span class=\"ci\">"
                 << html(plain_name(m)) << "; matters from "
                 << html(plain_size(m, smallest_difference(report, m, base))) << "; better "
                 << to_string(better_direction(m)) << "</span></th>";
        }
        out_ << "</tr>\n<tr><td class=\"name\">" << name_of(0) << "</td>";
        for (const auto m : columns) {
            const auto& e = estimate(0, m);
            out_ << "<td data-strategy=\"" << name_of(0) << "\" data-metric=\""
                 << html(info(m).name) << "\" data-mean=\"" << exact(e.mean) << "\">"
                 << html(plain_value(m, e.mean));
            if (e.n >= 2 && std::isfinite(e.mean))
                out_ << "<br><span class=\"ci\">[" << html(plain_value(m, e.low)) << ", "
                     << html(plain_value(m, e.high)) << "]</span>";
            out_ << "</td>";
        }
        out_ << "</tr>\n";
        for (std::size_t s = 1; s < c_.strategies.size(); ++s) {
            const auto& f = findings[s - 1];
            out_ << "<tr><td class=\"name\">" << name_of(s)
                 << (f.over_budget ? " <span class=\"mark\">(over budget)</span>" : "") << "</td>";
            auto cells = f.effects;
            cells.push_back(f.cost);
            for (const auto& e : cells) {
                std::string cell =
                    difference_cell(e.metric, e.difference, e.baseline.mean, e.marked, e.smallest);
                std::string attributes = " data-strategy=\"" + name_of(s) + "\" data-mean=\"" +
                                         exact(e.strategy.mean) + "\"";
                cell.insert(cell.find(" data-metric"), attributes);
                if (const auto per = cost_per_unit_gained(e, f.cost)) {
                    const auto at = cell.rfind("</td>");
                    cell.insert(at, "<br><span class=\"rel\">" +
                                        html(plain_value(cost, std::fabs(*per))) + " " +
                                        (*per > 0 ? "" : "saved ") + html(gain_unit(e.metric)) +
                                        "</span>");
                }
                out_ << cell;
            }
            out_ << "</tr>\n";
        }
        out_ << "</table>\n";
    }

    /// Robustness (compare --robust): the draws' parameters and ranges, then per strategy (a
    /// row) and tallied outcome (a column) the share of draws in which it was best and in which
    /// it came within the smallest difference that matters of the best.
    void robustness_section() {
        const auto& r = c_.results.robustness;
        if (r.draws() == 0) return;
        out_ << "<section id=\"robustness\">\n<h2>Robustness</h2>\n<p class=\"note\">The "
                "whole comparison again at "
             << r.draws() << " Latin-hypercube draws of what the scenario declares uncertain, "
             << r.replications
             << " replication(s) per strategy and draw, with the same random numbers in every "
                "strategy and draw. In each draw the strategy with the best mean on an outcome is "
                "best (ties are all best); those less than the smallest difference that matters "
                "from it are near the best. A strategy that is best, or near it, in most draws "
                "holds up whatever the assumptions.</p>\n<table class=\"uncertain\">\n"
                "<tr><th class=\"name\">uncertain parameter</th><th>from</th><th>to</th></tr>\n";
        for (std::size_t j = 0; j < r.parameters.size(); ++j)
            out_ << "<tr><td class=\"name\"><code>" << html(r.parameters[j]) << "</code></td><td>"
                 << html(format_number(r.low[j])) << "</td><td>" << html(format_number(r.high[j]))
                 << "</td></tr>\n";
        out_ << "</table>\n<table class=\"robustness\">\n<tr><th class=\"name\">strategy</th>";
        for (const auto m : r.outcomes)
            out_ << "<th><code>" << html(info(m).name) << "</code><br><span class=\"ci\">better "
                 << to_string(better_direction(m)) << "</span></th>";
        out_ << "</tr>\n";
        const auto percent = [](double share) {
            return std::isnan(share) ? std::string("n/a")
                                     : std::to_string(std::lround(100.0 * share)) + " %";
        };
        for (std::size_t s = 0; s < r.strategies.size(); ++s) {
            out_ << "<tr><td class=\"name\">" << html(r.strategies[s]) << "</td>";
            for (std::size_t o = 0; o < r.outcomes.size(); ++o) {
                const auto at = s * r.outcomes.size() + o;
                out_ << "<td data-strategy=\"" << html(r.strategies[s]) << "\" data-metric=\""
                     << html(info(r.outcomes[o]).name) << "\" data-best=\""
                     << exact(r.best_share[at]) << "\" data-near-best=\""
                     << exact(r.near_best_share[at]) << "\">best in " << percent(r.best_share[at])
                     << "<br><span class=\"rel\">near it in " << percent(r.near_best_share[at])
                     << "</span></td>";
            }
            out_ << "</tr>\n";
        }
        out_ << "</table>\n</section>\n";
    }

    /// Where: for each headline outcome that has a per-neighbourhood value, a table (the
    /// baseline's value and each strategy's difference, per neighbourhood) and small maps.
    void where_section() {
        std::vector<std::size_t> outcomes;
        for (const auto m : case_outcomes(report_settings(), c_.results.runs))
            if (has_neighbourhood_value(m) && outcomes.size() < 4) outcomes.push_back(m);
        if (outcomes.empty() || c_.results.neighbourhoods.empty()) return;
        out_ << "<h2 id=\"where\">Where</h2>\n<p class=\"note\">The headline outcomes per "
                "neighbourhood: the baseline's mean (95 % interval), and each strategy's "
                "difference from it, paired by replication, marked as in the decision table. In "
                "the maps each neighbourhood is a tile whose area is its population; the "
                "baseline's map is coloured by value (dark: low, yellow: high), each strategy's by "
                "its effect (blue: better, orange: worse, deeper for a larger multiple of the "
                "smallest difference that matters; grey: no difference that matters). The "
                "colours can be told apart with any common colour-vision deficiency.</p>\n";
        for (const auto m : outcomes) {
            const auto& metric = info(m);
            out_ << "<h3><code>" << html(metric.name) << "</code>: " << html(plain_name(m))
                 << "</h3>\n<table>\n<tr><th class=\"name\">neighbourhood</th><th>residents</th>"
                 << "<th>" << name_of(0) << "</th>";
            for (std::size_t s = 1; s < c_.strategies.size(); ++s)
                out_ << "<th>" << name_of(s) << " − " << name_of(0) << "</th>";
            out_ << "</tr>\n";
            const std::size_t count = c_.results.neighbourhoods.size();
            std::vector<double> base_values(count);
            std::vector<std::vector<mark>> marks(c_.strategies.size(), std::vector<mark>(count));
            std::vector<std::vector<double>> sizes(c_.strategies.size(),
                                                   std::vector<double>(count, 0.0));
            for (std::size_t h = 0; h < count; ++h) {
                const auto value = neighbourhood_value_of(m, h);
                const auto base = estimate_of(c_.runs[0], value);
                base_values[h] = base.mean;
                out_ << "<tr><td class=\"name\">" << html(c_.results.neighbourhoods[h].name)
                     << "</td><td>" << plain_number(c_.results.neighbourhoods[h].population, 6)
                     << "</td><td>" << html(plain_value(m, base.mean));
                if (base.n >= 2 && std::isfinite(base.mean))
                    out_ << "<br><span class=\"ci\">[" << html(plain_value(m, base.low)) << ", "
                         << html(plain_value(m, base.high)) << "]</span>";
                out_ << "</td>";
                for (std::size_t s = 1; s < c_.strategies.size(); ++s) {
                    const auto d = paired_difference_of(c_.results.runs, value, c_.strategies[s],
                                                        c_.strategies[0]);
                    const double smallest = smallest_difference(report_settings(), m, base.mean);
                    marks[s][h] = mark_of(d, base.mean, better_direction(m), smallest);
                    sizes[s][h] = smallest > 0.0 ? std::fabs(d.mean) / smallest : 1.0;
                    out_ << difference_cell(m, d, base.mean, marks[s][h], smallest);
                }
                out_ << "</tr>\n";
            }
            out_ << "</table>\n<div class=\"maps\">\n";
            map_of_values(m, base_values);
            for (std::size_t s = 1; s < c_.strategies.size(); ++s)
                map_of_effects(s, marks[s], sizes[s]);
            out_ << "</div>\n";
        }
    }

    /// Tiles of area proportional to population, in rows, as an inline SVG; `colours` and
    /// `titles` per neighbourhood.
    void tile_map(const std::string& caption, const std::vector<std::string>& colours,
                  const std::vector<std::string>& titles) {
        const auto& hoods = c_.results.neighbourhoods;
        double largest = 1.0;
        for (const auto& n : hoods) largest = std::max(largest, static_cast<double>(n.population));
        constexpr double width = 260.0, biggest = 110.0, gap = 4.0;
        struct tile {
            double x, y, side;
        };
        std::vector<tile> tiles;
        double x = 0.0, y = 0.0, row = 0.0;
        for (const auto& n : hoods) {
            const double side = std::max(18.0, biggest * std::sqrt(n.population / largest));
            if (x > 0.0 && x + side > width) {
                x = 0.0;
                y += row + gap;
                row = 0.0;
            }
            tiles.push_back({x, y, side});
            x += side + gap;
            row = std::max(row, side);
        }
        const double height = y + row;
        out_ << "<figure class=\"map\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
             << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height
             << "\" role=\"img\" aria-label=\"" << html(caption) << "\">";
        for (std::size_t h = 0; h < tiles.size(); ++h) {
            const auto& t = tiles[h];
            out_ << "<g><title>" << html(titles[h]) << "</title><rect x=\"" << t.x << "\" y=\""
                 << t.y << "\" width=\"" << t.side << "\" height=\"" << t.side << "\" fill=\""
                 << colours[h] << "\" stroke=\"#555\" stroke-width=\"0.5\"/>";
            if (t.side >= 44.0) {
                std::string label = hoods[h].name;
                const auto fits = static_cast<std::size_t>(t.side / 6.0);
                if (label.size() > fits) label = label.substr(0, fits > 1 ? fits - 1 : 1) + "…";
                out_ << "<text x=\"" << t.x + 3 << "\" y=\"" << t.y + 12
                     << "\" font-size=\"10\" fill=\"" << text_colour(colours[h]) << "\">"
                     << html(label) << "</text>";
            }
            out_ << "</g>";
        }
        out_ << "</svg><figcaption>" << html(caption) << "</figcaption></figure>\n";
    }

    /// Black or white, whichever reads on `background` (#rrggbb).
    static const char* text_colour(const std::string& background) {
        const auto channel = [&](std::size_t at) {
            return std::stoi(background.substr(at, 2), nullptr, 16) / 255.0;
        };
        const double luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        return luminance > 0.45 ? "#000" : "#fff";
    }

    /// The baseline's values on a sequential, colour-blind-safe scale (viridis), low to high.
    void map_of_values(std::size_t m, const std::vector<double>& values) {
        static constexpr std::array<std::array<int, 3>, 5> viridis{
            {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (const double v : values)
            if (std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
        std::vector<std::string> colours, titles;
        for (std::size_t h = 0; h < values.size(); ++h) {
            titles.push_back(c_.results.neighbourhoods[h].name + ": " + plain_value(m, values[h]));
            if (!std::isfinite(values[h])) {
                colours.emplace_back("#ffffff");
                continue;
            }
            const double t = high > low ? (values[h] - low) / (high - low) : 0.5;
            const double at = t * (viridis.size() - 1);
            const auto k = std::min<std::size_t>(static_cast<std::size_t>(at), viridis.size() - 2);
            const double f = at - static_cast<double>(k);
            char colour[8];
            std::snprintf(
                colour, sizeof colour, "#%02x%02x%02x",
                static_cast<int>(std::lround(viridis[k][0] * (1 - f) + viridis[k + 1][0] * f)),
                static_cast<int>(std::lround(viridis[k][1] * (1 - f) + viridis[k + 1][1] * f)),
                static_cast<int>(std::lround(viridis[k][2] * (1 - f) + viridis[k + 1][2] * f)));
            colours.emplace_back(colour);
        }
        tile_map(c_.strategies[0] + ": " + plain_value(m, low) + " (darkest) to " +
                     plain_value(m, high) + " (yellow)",
                 colours, titles);
    }

    /// Strategy `s`'s effect: blue where better, orange where worse (deeper for a larger multiple
    /// of the smallest difference that matters), grey where no difference matters.
    void map_of_effects(std::size_t s, const std::vector<mark>& marks,
                        const std::vector<double>& multiples) {
        static constexpr std::array<const char*, 3> blues{"#c6dbef", "#6baed6", "#2171b5"};
        static constexpr std::array<const char*, 3> oranges{"#fdd0a2", "#fd8d3c", "#d94801"};
        std::vector<std::string> colours, titles;
        for (std::size_t h = 0; h < marks.size(); ++h) {
            const std::size_t depth = multiples[h] >= 5.0 ? 2 : multiples[h] >= 2.0 ? 1 : 0;
            colours.emplace_back(marks[h] == mark::better  ? blues[depth]
                                 : marks[h] == mark::worse ? oranges[depth]
                                                           : "#e6e6e6");
            titles.push_back(c_.results.neighbourhoods[h].name + ": " +
                             (marks[h] == mark::better  ? "better"
                              : marks[h] == mark::worse ? "worse"
                                                        : "no difference that matters"));
        }
        tile_map(c_.strategies[s] + " − " + c_.strategies[0], colours, titles);
    }

    /// Adds one chart to the page's data (`series_`) and its canvas to the page: per strategy,
    /// the mean over its runs of each day and the band from the lowest to the highest run.
    void line_chart(const std::string& title, std::string_view unit,
                    const std::vector<std::vector<std::vector<double>>>& per_strategy_runs) {
        const std::string id = "series-" + std::to_string(chart_count_++);
        out_ << "<div class=\"chart\"><canvas id=\"" << id << "\" role=\"img\" aria-label=\""
             << html(title) << "\"></canvas></div>\n";
        json values = json::array(), low = json::array(), high = json::array();
        for (const auto& per_run : per_strategy_runs) {
            json& mean = values.emplace_back(json::array());
            json& lowest = low.emplace_back(json::array());
            json& highest = high.emplace_back(json::array());
            for (const double value : mean_over_runs(per_run, c_.days))
                mean.push_back(chart_value(value));
            for (std::size_t day = 0; day < c_.days; ++day) {
                double a = std::numeric_limits<double>::infinity(), b = -a;
                for (const auto& series : per_run)
                    if (day < series.size() && std::isfinite(series[day])) {
                        a = std::min(a, series[day]);
                        b = std::max(b, series[day]);
                    }
                lowest.push_back(chart_value(std::isfinite(a) ? a : nan));
                highest.push_back(chart_value(std::isfinite(b) ? b : nan));
            }
        }
        series_.push_back({{"id", id},
                           {"title", title},
                           {"unit", std::string(unit)},
                           {"values", std::move(values)},
                           {"low", std::move(low)},
                           {"high", std::move(high)}});
    }

    /// One chart of daily outcome `metric`, city-wide, each strategy's runs.
    void daily_chart(std::size_t metric) {
        std::vector<std::vector<std::vector<double>>> per_strategy;
        for (const auto& runs : c_.runs) {
            auto& per_run = per_strategy.emplace_back();
            for (const auto& run : runs) per_run.push_back(city_series(c_, run, metric));
        }
        const auto& m = models::daily_metrics()[metric];
        line_chart(std::string(m.name) + ": " + std::string(m.description), m.unit, per_strategy);
    }

    void chart_section() {
        out_ << "<h2>Over time</h2>\n<p class=\"note\">City-wide daily values, mean over the "
                "replications, in a band from the lowest to the highest replication: counts are "
                "summed over the neighbourhoods, shares, scores and times are "
                "population-weighted means. The baseline is the dashed black line. Every axis "
                "starts at zero, so that a line's height shows its size; the tables above give "
                "differences too small to see.</p>\n";
        for (const auto& family : charted_series()) {
            out_ << "<h3>" << html(family.family) << "</h3>\n<div class=\"charts\">\n";
            for (const auto metric : family.metrics) daily_chart(static_cast<std::size_t>(metric));
            if (family.metrics.empty()) {
                std::vector<std::vector<std::vector<double>>> per_strategy;
                for (const auto& runs : c_.runs) {
                    auto& per_run = per_strategy.emplace_back();
                    for (const auto& run : runs) per_run.push_back(cumulative_cost(c_, run));
                }
                line_chart(
                    "total cost so far: campaigns, training, translation, officers and "
                    "participation",
                    "euros", per_strategy);
            }
            out_ << "</div>\n";
        }
        for (const auto& [title, series] : mechanism_series(headline_outcomes(c_.results.runs))) {
            out_ << "<h3>" << html(title) << "</h3>\n<div class=\"charts\">\n";
            for (const auto metric : series) daily_chart(metric);
            out_ << "</div>\n";
        }
    }

    void group_breakdown(bool by_community) {
        const auto& labels = by_community ? c_.results.communities : c_.results.age_bands;
        const auto metrics = models::group_metrics();
        out_ << "<h3>By " << (by_community ? "community" : "age band") << "</h3>\n";
        out_ << "<div class=\"charts\">\n";
        std::string tables;
        for (std::size_t metric = 0; metric < metrics.size(); ++metric) {
            const std::string id = "group-" + std::to_string(chart_count_++);
            const std::string title = std::string(metrics[metric].name) + " by " +
                                      (by_community ? "community" : "age band") + ", last day";
            out_ << "<div class=\"chart\"><canvas id=\"" << id << "\" role=\"img\" aria-label=\""
                 << html(title) << "\"></canvas></div>\n";
            std::ostringstream table;
            table << "<table>\n<tr><th class=\"name\"><code>" << html(metrics[metric].name)
                  << "</code> (" << html(metrics[metric].unit) << ")</th>";
            for (const auto& label : labels) table << "<th>" << html(label) << "</th>";
            table << "</tr>\n";
            json values = json::array(), lows = json::array(), highs = json::array();
            for (std::size_t s = 0; s < c_.strategies.size(); ++s) {
                table << "<tr><td class=\"name\">" << name_of(s) << "</td>";
                json& strategy = values.emplace_back(json::array());
                json& low = lows.emplace_back(json::array());
                json& high = highs.emplace_back(json::array());
                for (std::size_t g = 0; g < labels.size(); ++g) {
                    const auto v = last_day_group_value(c_, s, metric, g, by_community);
                    table << "<td>" << interval_text(v) << "</td>";
                    strategy.push_back(chart_value(v.mean));
                    low.push_back(chart_value(v.low));
                    high.push_back(chart_value(v.high));
                }
                table << "</tr>\n";
            }
            table << "</table>\n";
            tables += table.str();
            groups_.push_back({{"id", id},
                               {"title", title},
                               {"unit", std::string(metrics[metric].unit)},
                               {"groups", labels},
                               {"values", std::move(values)},
                               {"low", std::move(lows)},
                               {"high", std::move(highs)}});
        }
        out_ << "</div>\n" << tables;
    }

    void fairness_section() {
        out_ << "<h2>Fairness</h2>\n<p class=\"note\">Trust, fear, app adoption, reporting rate "
                "and interventions on innocent people for each community and age band on the last "
                "day: the bars are the mean over the replications and the lines on them its 95 % "
                "interval (the tables give both); each neighbourhood counts with the group's "
                "residents in it.</p>\n";
        // One community has no breakdown by community to show.
        if (c_.results.communities.size() > 1) group_breakdown(true);
        group_breakdown(false);
    }

    /// The smallest difference that matters in group metric `m` (findings.hpp): a point of a
    /// share or score, or 5 % of the baseline's interventions on innocents.
    static double group_smallest(std::size_t m, double base) {
        if (m == static_cast<std::size_t>(models::group_metric::interventions_on_innocents))
            return models::relative_to_baseline(0.05).threshold(base);
        return models::absolute_difference(0.01).threshold(base);
    }

    /// A paired difference from the baseline: signed, * where its interval excludes zero and it
    /// is at least `smallest`.
    static std::string difference_text(const interval_estimate& d, double smallest) {
        if (std::isnan(d.mean)) return "n/a";
        const bool matters = significant(d) && std::fabs(d.mean) >= smallest;
        return (d.mean > 0 ? "+" : "") + number(d.mean) + (matters ? "*" : "") +
               " <span class=\"ci\">[" + number(d.low) + ", " + number(d.high) + "]</span>";
    }

    /// The baseline's value (mean and interval) and every other strategy's paired difference
    /// from it, one cell each, of `value`.
    void exposure_cells(std::size_t m, const run_value& value) {
        const auto base = estimate_of(c_.runs[0], value);
        out_ << "<td>" << interval_text(base) << "</td>";
        for (std::size_t s = 1; s < c_.strategies.size(); ++s)
            out_ << "<td>"
                 << difference_text(paired_difference_of(c_.results.runs, value, c_.strategies[s],
                                                         c_.strategies[0]),
                                    group_smallest(m, base.mean))
                 << "</td>";
    }

    /// Effects where they act: for each exposure with anyone exposed in some run, each outcome
    /// for the exposed and the others, city-wide and per neighbourhood.
    void exposure_section() {
        const auto observed = observed_exposures(c_.results.runs);
        if (observed.empty()) return;
        const auto metrics = models::group_metrics();
        out_ << "<h2 id=\"exposure\">Effects where they act</h2>\n<p class=\"note\">The "
                "outcomes on the last day among the residents a strategy reaches and among the "
                "others: group members, app users, and the residents whose neighbourhood, age "
                "band and language a campaign of the scenario targets (whether or not it is "
                "switched on in that strategy). For the baseline, the mean over the replications "
                "and its 95 % interval; for every other strategy, its difference from the "
                "baseline, paired by replication, with its 95 % interval (* where it excludes "
                "zero and is at least the smallest difference that matters: a point of a share "
                "or score, 5 % of the baseline's interventions on innocents). City-wide values are "
                "each group's own mean over the whole city. Only "
                "exposures with anyone exposed in some run are shown.</p>\n";
        for (const auto e : observed) {
            const auto& exposure = models::exposures[models::to_index(e)];
            const std::string exposed(exposure.labels[exposed_group]),
                others(exposure.labels[others_group]);
            out_ << "<h3 id=\"" << html(exposure.name) << "\">" << html(exposed) << " vs "
                 << html(others) << "</h3>\n<p class=\"note\">" << html(exposure.description)
                 << ".</p>\n<table>\n<tr><th class=\"name\">outcome</th><th class=\"name\">"
                    "group</th><th>"
                 << name_of(0) << "</th>";
            for (std::size_t s = 1; s < c_.strategies.size(); ++s)
                out_ << "<th>" << name_of(s) << " − " << name_of(0) << "</th>";
            out_ << "</tr>\n";
            for (const auto m : exposure_metrics(e))
                for (const auto group : {exposed_group, others_group}) {
                    out_ << "<tr><td class=\"name\"><code>" << html(metrics[m].name) << "</code> ("
                         << html(metrics[m].unit) << ")</td><td class=\"name\">"
                         << html(exposure.labels[group]) << "</td>";
                    exposure_cells(m, exposure_value_of(e, m, group));
                    out_ << "</tr>\n";
                }
            out_ << "</table>\n";
            exposure_by_neighbourhood(e);
        }
    }

    /// The same per neighbourhood, one table per outcome: a row per neighbourhood, the exposed
    /// and the others side by side for each strategy.
    void exposure_by_neighbourhood(models::exposure e) {
        const auto& exposure = models::exposures[models::to_index(e)];
        const auto metrics = models::group_metrics();
        out_ << "<h4>" << html(exposure.labels[exposed_group]) << " vs "
             << html(exposure.labels[others_group]) << ", per neighbourhood</h4>\n";
        for (const auto m : exposure_metrics(e)) {
            out_ << "<table>\n<tr><th class=\"name\"><code>" << html(metrics[m].name)
                 << "</code></th>";
            for (std::size_t s = 0; s < c_.strategies.size(); ++s)
                for (const auto group : {exposed_group, others_group})
                    out_ << "<th>" << name_of(s) << (s == 0 ? "" : " − " + name_of(0)) << ": "
                         << html(exposure.labels[group]) << "</th>";
            out_ << "</tr>\n";
            for (std::size_t h = 0; h < c_.results.neighbourhoods.size(); ++h) {
                out_ << "<tr><td class=\"name\">" << html(c_.results.neighbourhoods[h].name)
                     << "</td>";
                for (std::size_t s = 0; s < c_.strategies.size(); ++s)
                    for (const auto group : {exposed_group, others_group}) {
                        const auto value = exposure_value_of(e, m, group, h);
                        const auto base = estimate_of(c_.runs[0], value);
                        out_ << "<td>"
                             << (s == 0 ? interval_text(base)
                                        : difference_text(paired_difference_of(
                                                              c_.results.runs, value,
                                                              c_.strategies[s], c_.strategies[0]),
                                                          group_smallest(m, base.mean)))
                             << "</td>";
                    }
                out_ << "</tr>\n";
            }
            out_ << "</table>\n";
        }
    }

    void language_section() {
        out_ << "<h2>Language</h2>\n<p class=\"note\"><code>adoption_gap_language</code>: app "
                "adoption of first-language speakers minus that of speakers of other languages on "
                "the last day (0 is equal adoption; n/a where nobody, or everybody, speaks another "
                "language).</p>\n<table>\n<tr><th class=\"name\">strategy"
                "</th><th>adoption gap</th><th>difference from the baseline</th></tr>\n";
        for (std::size_t s = 0; s < c_.strategies.size(); ++s) {
            out_ << "<tr><td class=\"name\">" << name_of(s) << "</td><td>"
                 << interval_text(estimate(s, summary::adoption_gap_language)) << "</td><td>";
            if (s == 0) {
                out_ << "—";
            } else {
                const auto d = paired_difference(
                    c_.results.runs, static_cast<std::size_t>(summary::adoption_gap_language),
                    c_.strategies[s], c_.strategies[0]);
                out_ << interval_text(d);
            }
            out_ << "</td></tr>\n";
        }
        out_ << "</table>\n";
    }

    void cost_section() {
        constexpr std::array costs{summary::campaign_cost,      summary::training_cost,
                                   summary::translation_cost,   summary::officer_cost,
                                   summary::participation_cost, summary::total_cost};
        out_ << "<h2>Costs</h2>\n<p class=\"note\">Spending over the whole run, in euros, mean "
                "and 95 % interval over the replications.</p>\n<table>\n";
        out_ << "<tr><th class=\"name\">strategy</th>";
        for (const auto metric : costs)
            out_ << "<th><code>" << html(info(metric).name) << "</code></th>";
        out_ << "</tr>\n";
        for (std::size_t s = 0; s < c_.strategies.size(); ++s) {
            out_ << "<tr><td class=\"name\">" << name_of(s) << "</td>";
            for (const auto metric : costs)
                out_ << "<td>" << interval_text(estimate(s, metric)) << "</td>";
            out_ << "</tr>\n";
        }
        out_ << "</table>\n";
    }

    void foot() {
        // What the page's script reads: data.days, data.strategies (names, baseline first), and
        // per chart its canvas id, title, unit, values[strategy][day or group] (and groups).
        const json data = {{"days", c_.days},
                           {"strategies", c_.strategies},
                           {"series", series_},
                           {"groups", groups_}};
        out_ << "<p class=\"meta\">Charts drawn with Chart.js (MIT licence), included in this "
                "file.</p>\n"
             << "<script type=\"application/json\" id=\"civicsim-data\">\n"
             << script_json(data) << "\n</script>\n<script>\n";
        // A "</script" inside the library would end the element early; in JavaScript source it
        // can only be inside a string, where "<\/script" means the same.
        std::string library(chartjs_source());
        for (auto at = library.find("</script"); at != std::string::npos;
             at = library.find("</script", at + 2))
            library.replace(at, 2, "<\\/");
        out_ << library << "\n</script>\n<script>" << script << "</script>\n</body>\n</html>\n";
    }

    context c_;
    const std::vector<explanation>& explanations_;
    std::vector<std::vector<interval_estimate>> estimates_;
    std::ostringstream out_;
    json series_ = json::array();  ///< the line charts' data
    json groups_ = json::array();  ///< the group breakdowns' data
    std::size_t chart_count_ = 0;
};

output_file report_file(const fs::path& path, bool overwrite) {
    return {path, overwrite, "report"};
}

}  // namespace

std::string render_html(const results_set& results, const std::vector<explanation>& explanations) {
    return page(results, explanations).render();
}

void write_html(const fs::path& path, const std::string& text, bool overwrite) {
    write_atomically(report_file(path, overwrite), text);
}

void check_html_writable(const fs::path& path, bool overwrite) {
    check_output_writable(report_file(path, overwrite));
}

}  // namespace civicsim::sim::report
