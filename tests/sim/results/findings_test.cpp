// The findings: the rule that marks a difference (significant and at least the smallest
// difference that matters), the thresholds, plain notation, and the sentences.

#include "sim/results/findings.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <string>

using namespace civicsim;
using models::better;
using models::summary_metric;
using sim::mark;

namespace {

constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

constexpr std::size_t index(summary_metric m) { return static_cast<std::size_t>(m); }

sim::interval_estimate difference(double mean, double low, double high, std::size_t n = 4) {
    return {mean, low, high, n};
}

/// One outcome's effect with every figure given, marked by the rule.
sim::outcome_effect effect(summary_metric m, double base, double diff, double low, double high,
                           double smallest) {
    sim::outcome_effect e;
    e.metric = index(m);
    e.baseline = {base, base, base, 4};
    e.strategy = {base + diff, base + diff, base + diff, 4};
    e.difference = difference(diff, low, high);
    e.smallest = smallest;
    e.marked =
        sim::mark_of(e.difference, base, models::summary_metrics()[e.metric].direction, smallest);
    return e;
}

}  // namespace

TEST_CASE("A difference below the smallest that matters is never marked, however significant",
          "[findings]") {
    // Cohesion -0.00005 with a tight interval: significant, but far below one point.
    const auto tiny = difference(-0.00005, -0.00006, -0.00004);
    CHECK(sim::significant(tiny));
    CHECK(sim::mark_of(tiny, 0.48, better::higher, 0.01) == mark::none);
    // A cost difference of 0.004 %: significant, below 1 % of the baseline.
    const auto euros = difference(643.0, 600.0, 686.0);
    CHECK(sim::mark_of(euros, 15'000'000.0, better::lower, 0.01 * 15'000'000.0) == mark::none);
    // At or above the threshold, significant: marked, in the outcome's better direction.
    CHECK(sim::mark_of(difference(-0.02, -0.03, -0.01), 0.48, better::higher, 0.01) == mark::worse);
    CHECK(sim::mark_of(difference(0.01, 0.005, 0.015), 0.48, better::higher, 0.01) == mark::better);
    CHECK(sim::mark_of(difference(-40.0, -50.0, -30.0), 200.0, better::lower, 10.0) ==
          mark::better);
    // Large but not significant (the interval spans 0), or one replication: not marked.
    CHECK(sim::mark_of(difference(0.2, -0.1, 0.5), 0.48, better::higher, 0.01) == mark::none);
    CHECK(sim::mark_of(difference(0.2, 0.2, 0.2, 1), 0.48, better::higher, 0.01) == mark::none);
    // No better direction: never marked.
    CHECK(sim::mark_of(difference(500.0, 400.0, 600.0), 1000.0, better::none, 1.0) == mark::none);
    // Nearer zero: a gap of 0.03 closing to 0.005 is better; one widening past -0.06 worse.
    CHECK(sim::mark_of(difference(-0.025, -0.03, -0.02), 0.03, better::nearer_zero, 0.01) ==
          mark::better);
    CHECK(sim::mark_of(difference(-0.09, -0.1, -0.08), 0.03, better::nearer_zero, 0.01) ==
          mark::worse);
    // An undefined threshold (a relative one of an undefined baseline) never lets one matter.
    CHECK(sim::mark_of(difference(5.0, 4.0, 6.0), undefined, better::lower, undefined) ==
          mark::none);
}

TEST_CASE("The smallest difference that matters: the outcome's default, or the scenario's",
          "[findings]") {
    models::report_settings report;
    // A share's default is one point; an expired-report count's 5 % of the baseline's value;
    // total cost's 1 %.
    CHECK(sim::smallest_difference(report, index(summary_metric::trust_mean), 0.6) == 0.01);
    CHECK(sim::smallest_difference(report, index(summary_metric::expired), 200.0) == Approx(10.0));
    CHECK(sim::smallest_difference(report, index(summary_metric::total_cost), 2'000'000.0) ==
          Approx(20'000.0));
    report.smallest_difference[index(summary_metric::expired)] = 3.0;
    CHECK(sim::smallest_difference(report, index(summary_metric::expired), 200.0) == 3.0);
}

TEST_CASE("Numbers in plain notation: no exponent, thousands separated, percentages for shares",
          "[findings]") {
    CHECK(sim::plain_number(1469244.0) == "1,469,244");
    CHECK(sim::plain_number(0.0001741) == "0.000174");
    CHECK(sim::plain_number(-0.5) == "−0.5");
    CHECK(sim::plain_number(62.0) == "62");
    CHECK(sim::plain_number(0.0) == "0");
    CHECK(sim::plain_number(undefined) == "n/a");
    CHECK(sim::plain_number(1e-12).find('e') == std::string::npos);
    const auto share = index(summary_metric::non_police_hours_share);
    CHECK(sim::plain_value(share, 0.84) == "84 %");
    CHECK(sim::plain_value(share, 0.001) == "0.1 %");
    CHECK(sim::plain_difference(share, -0.839) == "−83.9 points");
    CHECK(sim::plain_value(index(summary_metric::total_cost), 1469244.0) == "€1,469,244");
    CHECK(sim::plain_percent_change(-0.003) == "−0.3 %");
    CHECK(sim::plain_percent_change(0.16) == "+16 %");
    CHECK(sim::plain_percent_change(undefined) == "n/a");
    // Outcomes in words: the description without its fine print, or words for a formula.
    CHECK(sim::plain_name(index(summary_metric::adoption_share)) == "share who adopted the app");
    CHECK(sim::plain_name(index(summary_metric::trust_mean)) == "mean trust in the police");
    CHECK(sim::plain_name(index(summary_metric::patrol_crime_gap)) ==
          "the mismatch between where patrols go and where crime is");
}

TEST_CASE(
    "Findings say what changes by a difference that matters, at what cost, and what does "
    "not matter",
    "[findings]") {
    sim::strategy_findings rules;
    rules.strategy = "rule routing";
    // Officer hours on non-police matters: 84 % -> 0.1 %, far beyond one point.
    rules.effects.push_back(
        effect(summary_metric::non_police_hours_share, 0.84, -0.839, -0.85, -0.83, 0.01));
    // Trust: -0.3 %, significant but below one point.
    rules.effects.push_back(
        effect(summary_metric::trust_mean, 0.6, -0.0018, -0.0025, -0.0011, 0.01));
    // Cost: no clear difference.
    rules.cost = effect(summary_metric::total_cost, 1'000'000.0, 300.0, -500.0, 1100.0, 10'000.0);
    REQUIRE(rules.effects[0].marked == mark::better);
    REQUIRE(rules.effects[1].marked == mark::none);

    sim::strategy_findings campaign;
    campaign.strategy = "awareness campaign";
    // Hate-crime reports +40 (+20 %), beyond 5 %; cost +€20,000, significant.
    campaign.effects.push_back(
        effect(summary_metric::hate_crime_reports, 200.0, 40.0, 30.0, 50.0, 10.0));
    campaign.cost =
        effect(summary_metric::total_cost, 1'000'000.0, 20'000.0, 19'000.0, 21'000.0, 10'000.0);
    campaign.over_budget = true;

    sim::strategy_findings nothing;
    nothing.strategy = "no facilitators";
    nothing.effects.push_back(
        effect(summary_metric::trust_mean, 0.6, 0.00001, -0.0001, 0.0001, 0.01));
    nothing.cost =
        effect(summary_metric::total_cost, 1'000'000.0, -3000.0, -3500.0, -2500.0, 10'000.0);

    models::report_settings report;
    report.budget = 10'000.0;
    const auto sentences = sim::finding_sentences({nothing, rules, campaign}, report);
    REQUIRE(sentences.size() == 3);
    // Those with a change that matters first, in their order; then the rest.
    CHECK(sentences[0] ==
          "Rule routing cuts the share of officer report hours spent on non-police matters from "
          "84 % to 0.1 % (−83.9 points; 95 % interval −85 points to −83 points), at no clear "
          "difference in cost; mean trust in the police falls by 0.0018 (0.3 %), below the "
          "difference that matters (0.01).");
    CHECK(sentences[1] ==
          "Awareness campaign raises reports of hate crime filed from 200 to 240 (+40, +20 %; "
          "95 % interval +30 to +50), at an extra €20,000 over the run (+2 %), more than the "
          "budget of €10,000 allows: €500 per extra report of hate crime filed.");
    CHECK(sentences[2] ==
          "No facilitators changes none of the headline outcomes by as much as the difference "
          "that matters, and saves €3,000 over the run (−0.3 %).");
}

TEST_CASE("Cost per unit gained only for an improvement that matters with a real cost difference",
          "[findings]") {
    const auto gain = effect(summary_metric::trust_mean, 0.6, 0.02, 0.015, 0.025, 0.01);
    const auto cost =
        effect(summary_metric::total_cost, 1'000'000.0, 10'000.0, 9'000.0, 11'000.0, 10'000.0);
    // Two points of trust for €10,000: €5,000 a point.
    REQUIRE(sim::cost_per_unit_gained(gain, cost).has_value());
    CHECK(*sim::cost_per_unit_gained(gain, cost) == Approx(5000.0));
    CHECK(sim::gain_unit(index(summary_metric::trust_mean)) ==
          "per point of mean trust in the police");
    CHECK(sim::gain_unit(index(summary_metric::expired)) == "per report expired avoided");
    CHECK(sim::gain_unit(index(summary_metric::missed_genuine)) ==
          "per report avoided (police-matter reports dropped, filtered or unseen)");
    // Below the smallest difference that matters: no price per unit.
    const auto small = effect(summary_metric::trust_mean, 0.6, 0.005, 0.004, 0.006, 0.01);
    CHECK_FALSE(sim::cost_per_unit_gained(small, cost).has_value());
    // A cost difference that is not significant: none either.
    const auto unclear =
        effect(summary_metric::total_cost, 1'000'000.0, 10'000.0, -1'000.0, 21'000.0, 10'000.0);
    CHECK_FALSE(sim::cost_per_unit_gained(gain, unclear).has_value());
}

TEST_CASE("The case's outcomes are the scenario's, in its order, or every family's", "[findings]") {
    models::report_settings report;
    report.outcomes = {"non_police_hours_share", "trust_mean"};
    CHECK(sim::case_outcomes(report, {}) ==
          std::vector<std::size_t>{index(summary_metric::non_police_hours_share),
                                   index(summary_metric::trust_mean)});
    report.outcomes.clear();
    const auto all = sim::case_outcomes(report, {});
    CHECK(all.size() > 10);
    CHECK(std::find(all.begin(), all.end(), index(summary_metric::total_cost)) == all.end());
}
