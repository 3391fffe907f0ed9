#include "sim/results/findings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>
#include <utility>

#include "sim/results/headline.hpp"

namespace civicsim::sim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

const models::metric_info& info(std::size_t metric) { return models::summary_metrics()[metric]; }

bool is_share(std::size_t metric) { return info(metric).unit == "share"; }
bool is_euros(std::size_t metric) { return info(metric).unit == "euros"; }

std::size_t total_cost_metric() {
    return static_cast<std::size_t>(models::summary_metric::total_cost);
}

outcome_effect effect_of(const std::vector<run_result>& runs, const std::vector<run_result>& base,
                         const std::vector<run_result>& own, const std::string& strategy,
                         const std::string& baseline, std::size_t metric,
                         const models::report_settings& report) {
    outcome_effect e;
    e.metric = metric;
    e.baseline = estimate_summary(base, metric);
    e.strategy = estimate_summary(own, metric);
    e.difference = paired_difference(runs, metric, strategy, baseline);
    e.smallest = smallest_difference(report, metric, e.baseline.mean);
    e.marked = mark_of(e.difference, e.baseline.mean, better_direction(metric), e.smallest);
    return e;
}

/// Significant and at least the smallest difference that matters, whichever way is better.
bool matters(const outcome_effect& e) {
    return significant(e.difference) && std::fabs(e.difference.mean) >= e.smallest;
}

std::string euros(double amount) { return "€" + plain_number(std::fabs(amount), 3); }

std::string cost_clause(const strategy_findings& f, const models::report_settings& report) {
    const auto& c = f.cost;
    if (std::isnan(c.difference.mean)) return "";
    // Money is stated whenever the difference is real, however small: the budget decides.
    if (!significant(c.difference)) return ", at no clear difference in cost";
    std::string text = c.difference.mean > 0.0 ? ", at an extra " + euros(c.difference.mean)
                                               : ", and saves " + euros(c.difference.mean);
    text += " over the run (" + plain_percent_change(c.relative_change()) + ")";
    if (f.over_budget) text += ", more than the budget of " + euros(report.budget) + " allows";
    return text;
}

}  // namespace

std::string interval_words(std::size_t metric, const interval_estimate& d) {
    return "95 % interval " + plain_difference(metric, d.low) + " to " +
           plain_difference(metric, d.high);
}

std::string change_clause(const outcome_effect& e) {
    std::string text = std::string(e.difference.mean > 0.0 ? "raises " : "cuts ") +
                       plain_name(e.metric) + " from " + plain_value(e.metric, e.baseline.mean) +
                       " to " + plain_value(e.metric, e.strategy.mean) + " (" +
                       plain_difference(e.metric, e.difference.mean);
    if (const double r = e.relative_change(); std::isfinite(r) && !is_share(e.metric))
        text += ", " + plain_percent_change(r);
    return text + "; " + interval_words(e.metric, e.difference) + ")";
}

bool significant(const interval_estimate& difference) noexcept {
    return difference.n >= 2 && std::isfinite(difference.mean) &&
           (difference.low > 0.0 || difference.high < 0.0);
}

mark mark_of(const interval_estimate& difference, double baseline, models::better direction,
             double smallest) noexcept {
    if (direction == models::better::none || !significant(difference)) return mark::none;
    // A NaN threshold (an undefined baseline for a relative one) never lets a difference matter.
    if (!(std::fabs(difference.mean) >= smallest)) return mark::none;
    bool improves = false;
    switch (direction) {
        case models::better::higher: improves = difference.mean > 0.0; break;
        case models::better::lower: improves = difference.mean < 0.0; break;
        case models::better::nearer_zero:
            if (std::isnan(baseline)) return mark::none;
            improves = std::fabs(baseline + difference.mean) < std::fabs(baseline);
            break;
        case models::better::none: return mark::none;
    }
    return improves ? mark::better : mark::worse;
}

double smallest_difference(const models::report_settings& report, std::size_t metric,
                           double baseline) {
    if (metric < report.smallest_difference.size() &&
        !std::isnan(report.smallest_difference[metric]))
        return report.smallest_difference[metric];
    return info(metric).smallest_difference.threshold(baseline);
}

std::vector<std::size_t> case_outcomes(const models::report_settings& report,
                                       const std::vector<run_result>& runs) {
    std::vector<std::size_t> out;
    for (const auto& name : report.outcomes)
        if (const auto m = models::index_of(models::summary_metrics(), name)) out.push_back(*m);
    if (!out.empty()) return out;
    for (const auto& family : headline_outcomes(runs))
        for (const auto m : family.metrics)
            if (m != total_cost_metric()) out.push_back(m);  // cost has a clause of its own
    return out;
}

double outcome_effect::relative_change() const noexcept {
    if (!std::isfinite(baseline.mean) || baseline.mean == 0.0) return nan;
    return difference.mean / std::fabs(baseline.mean);
}

bool outcome_effect::below_threshold() const noexcept {
    return significant(difference) && std::fabs(difference.mean) < smallest;
}

std::vector<strategy_findings> find_effects(const std::vector<run_result>& runs,
                                            const std::vector<std::string>& strategies,
                                            const models::report_settings& report) {
    std::vector<strategy_findings> out;
    if (strategies.size() < 2) return out;
    const auto& baseline = strategies.front();
    const auto base = runs_of(runs, baseline);
    const auto outcomes = case_outcomes(report, runs);
    for (std::size_t s = 1; s < strategies.size(); ++s) {
        const auto own = runs_of(runs, strategies[s]);
        strategy_findings f{strategies[s], {}, {}, false};
        for (const auto m : outcomes)
            f.effects.push_back(effect_of(runs, base, own, strategies[s], baseline, m, report));
        f.cost = effect_of(runs, base, own, strategies[s], baseline, total_cost_metric(), report);
        f.over_budget = !std::isnan(report.budget) && f.cost.difference.mean > report.budget;
        out.push_back(std::move(f));
    }
    return out;
}

std::optional<double> cost_per_unit_gained(const outcome_effect& effect,
                                           const outcome_effect& cost) {
    if (effect.marked != mark::better || !significant(cost.difference) ||
        effect.metric == cost.metric)
        return std::nullopt;
    const double scale = is_share(effect.metric) || info(effect.metric).unit == "score [0,1]"
                             ? 100.0  // per percentage point
                             : 1.0;
    const double gained = std::fabs(effect.difference.mean) * scale;
    if (gained <= 0.0) return std::nullopt;
    return cost.difference.mean / gained;
}

std::string gain_unit(std::size_t metric) {
    const auto& m = info(metric);
    const std::string name = plain_name(metric);
    if (m.unit == "share" || m.unit == "score [0,1]") return "per point of " + name;
    const std::string unit(m.unit);
    std::string one = unit;  // "reports" -> "report": one of them
    if (one.size() > 1 && one.back() == 's' && one.find(' ') == std::string::npos) one.pop_back();
    const bool gained = m.direction != models::better::lower;
    // "reports of hate crime filed" -> "per extra report of hate crime filed".
    if (name.starts_with(unit + " "))
        return gained ? "per extra " + one + name.substr(unit.size())
                      : "per " + one + name.substr(unit.size()) + " avoided";
    return "per " + one + (gained ? " gained (" : " avoided (") + name + ")";
}

std::string plain_name(std::size_t metric) {
    // Outcomes whose description is a formula get words a planner reads at a glance; the others
    // read well as their description without the fine print.
    static constexpr std::array<std::pair<models::summary_metric, std::string_view>, 4> words{{
        {models::summary_metric::patrol_crime_gap,
         "the mismatch between where patrols go and where crime is"},
        {models::summary_metric::adoption_gap_age,
         "the app adoption gap between ages 16-29 and 65+"},
        {models::summary_metric::adoption_gap_language,
         "the app adoption gap between first-language speakers and others"},
        {models::summary_metric::non_police_hours_share,
         "the share of officer report hours spent on non-police matters"},
    }};
    for (const auto& [m, text] : words)
        if (static_cast<std::size_t>(m) == metric) return std::string(text);
    std::string text(info(metric).description);
    for (const std::string_view cut : {" (", ";", ", NaN", ", on the last day", ", last day",
                                       " on the last day", " over the run"}) {
        const auto at = text.find(cut);
        if (at != std::string::npos) text.erase(at);
    }
    while (!text.empty() && (text.back() == ',' || text.back() == ' ')) text.pop_back();
    return text;
}

std::string plain_number(double value, int digits) {
    if (std::isnan(value)) return "n/a";
    if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
    const bool negative = value < 0.0;
    const double magnitude = std::fabs(value);
    char text[64];
    if (magnitude >= 1000.0) {
        std::snprintf(text, sizeof text, "%.0f", magnitude);
        std::string whole(text), grouped;
        for (std::size_t k = 0; k < whole.size(); ++k) {
            if (k > 0 && (whole.size() - k) % 3 == 0) grouped += ',';
            grouped += whole[k];
        }
        return (negative ? "−" : "") + grouped;
    }
    int decimals = 0;
    if (magnitude > 0.0) {
        const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
        decimals = std::clamp(digits - 1 - exponent, 0, 9);
    }
    std::snprintf(text, sizeof text, "%.*f", decimals, magnitude);
    std::string out(text);
    // Trailing zeros after the point say nothing here: 0.50 -> 0.5, 2.0 -> 2.
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    if (out == "0") return "0";
    return (negative ? "−" : "") + out;
}

std::string plain_percent_change(double relative) {
    if (!std::isfinite(relative)) return "n/a";
    const std::string number = plain_number(100.0 * relative, 2);
    return (relative > 0.0 ? "+" : "") + number + " %";
}

std::string plain_value(std::size_t metric, double value) {
    if (std::isnan(value)) return "n/a";
    if (is_share(metric)) return plain_number(100.0 * value, 3) + " %";
    if (is_euros(metric)) return (value < 0 ? "−€" : "€") + plain_number(std::fabs(value), 4);
    // Times need their unit; counts are named by the outcome ("reports expired").
    const auto unit = info(metric).unit;
    if (unit == "hours" || unit == "days") return plain_number(value, 3) + " " + std::string(unit);
    return plain_number(value, 3);
}

std::string plain_difference(std::size_t metric, double difference) {
    if (std::isnan(difference)) return "n/a";
    const std::string sign = difference > 0.0 ? "+" : "";
    if (is_share(metric))
        return sign + plain_number(100.0 * difference, 3) +
               (std::fabs(difference) == 0.01 ? " point" : " points");
    if (is_euros(metric))
        return (difference < 0 ? "−€" : "+€") + plain_number(std::fabs(difference), 3);
    return sign + plain_number(difference, 3);
}

std::string plain_size(std::size_t metric, double size) {
    const std::string written = plain_difference(metric, std::fabs(size));
    return written.starts_with("+") ? written.substr(1) : written;
}

std::vector<std::string> finding_sentences(const std::vector<strategy_findings>& findings,
                                           const models::report_settings& report) {
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& f : findings) {
        // Marked changes (better or worse) first, then those of outcomes without a direction.
        std::vector<const outcome_effect*> big, small;
        for (const auto& e : f.effects)
            if (matters(e) && e.marked != mark::none) big.push_back(&e);
        for (const auto& e : f.effects) {
            if (matters(e) && e.marked == mark::none)
                big.push_back(&e);
            else if (e.below_threshold())
                small.push_back(&e);
        }
        std::string text = f.strategy;
        if (big.empty()) {
            text +=
                " changes none of the headline outcomes by as much as the difference that "
                "matters";
        } else {
            const std::size_t shown = std::min<std::size_t>(big.size(), 4);
            for (std::size_t k = 0; k < shown; ++k)
                text += (k == 0 ? " " : k + 1 == shown ? " and " : ", ") + change_clause(*big[k]);
        }
        text += cost_clause(f, report);
        // Cost per unit gained, for the first improvement that has one.
        for (const auto* e : big)
            if (const auto per = cost_per_unit_gained(*e, f.cost)) {
                text += *per > 0.0 ? ": " + euros(*per) + " " + gain_unit(e->metric)
                                   : ": it saves " + euros(*per) + " " + gain_unit(e->metric);
                break;
            }
        for (std::size_t k = 0; k < small.size() && k < 2; ++k) {
            const auto& e = *small[k];
            const double r = e.relative_change();
            text += "; " + plain_name(e.metric) + (e.difference.mean > 0.0 ? " rises" : " falls") +
                    " by " + plain_size(e.metric, e.difference.mean);
            if (std::isfinite(r) && !is_share(e.metric))
                text += " (" + plain_number(100.0 * std::fabs(r), 2) + " %)";
            text +=
                ", below the difference that matters (" + plain_size(e.metric, e.smallest) + ")";
        }
        text += ".";
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        ranked.emplace_back(big.size(), std::move(text));
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (auto& [count, text] : ranked) out.push_back(std::move(text));
    return out;
}

}  // namespace civicsim::sim
