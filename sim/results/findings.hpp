#pragma once
// What a comparison found, in the terms a planner decides in: each strategy against the baseline
// on the case's headline outcomes (the scenario's [report] table), with the size of the change,
// its paired interval, whether it is both significant and at least the smallest difference that
// matters, and what it costs per unit gained; and the same as a few plain sentences. The report
// opens with these; the rule that marks a difference lives here so that it is tested once.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/metrics.hpp"
#include "models/parameters.hpp"
#include "sim/results/run_result.hpp"
#include "sim/results/statistics.hpp"

namespace civicsim::sim {

/// How a difference from the baseline is marked in the decision table.
enum class mark : std::uint8_t {
    none,    ///< not significant, too small to matter, or the outcome has no better direction
    better,  ///< significant, at least the smallest difference that matters, and an improvement
    worse,   ///< the same, and a deterioration
};

/// Whether the 95 % interval of a paired difference excludes 0 (it needs two replications).
bool significant(const interval_estimate& difference) noexcept;

/// The marking rule: `better` or `worse` only where `difference` is significant and its mean is at
/// least `smallest` in size; `none` otherwise, and for outcomes without a better direction.
/// `baseline` is the baseline's mean (for outcomes better nearer zero).
mark mark_of(const interval_estimate& difference, double baseline, models::better direction,
             double smallest) noexcept;

/// The smallest difference that matters for summary outcome `metric`, in its unit, given the
/// baseline's mean: the scenario's override if it gives one, else the outcome's default.
double smallest_difference(const models::report_settings& report, std::size_t metric,
                           double baseline);

/// The headline outcomes of the case: the scenario's report.outcomes (indices into
/// models::summary_metrics()), or, when it names none, every family's headline outcomes.
std::vector<std::size_t> case_outcomes(const models::report_settings& report,
                                       const std::vector<run_result>& runs);

/// One strategy against the baseline on one outcome.
struct outcome_effect {
    std::size_t metric = 0;
    interval_estimate baseline;    ///< the baseline's mean over replications
    interval_estimate strategy;    ///< the strategy's
    interval_estimate difference;  ///< strategy − baseline, paired by replication
    double smallest = 0.0;         ///< the smallest difference that matters, in the unit
    mark marked = mark::none;

    /// difference / |baseline| (NaN where the baseline is 0 or undefined).
    double relative_change() const noexcept;
    /// Significant, but smaller than the smallest difference that matters.
    bool below_threshold() const noexcept;
};

/// One strategy against the baseline on every headline outcome, and on cost.
struct strategy_findings {
    std::string strategy;
    std::vector<outcome_effect> effects;  ///< in case_outcomes() order
    outcome_effect cost;                  ///< total_cost
    bool over_budget = false;             ///< costs more than the baseline plus the budget
};

/// Every strategy but the baseline (the first) against it. `strategies` are names, baseline first.
std::vector<strategy_findings> find_effects(const std::vector<run_result>& runs,
                                            const std::vector<std::string>& strategies,
                                            const models::report_settings& report);

/// Euros spent (positive) or saved (negative) per unit of outcome gained (a point of a share or
/// score, else one of its unit), where the strategy improves the outcome by at least the smallest
/// difference that matters and its difference in cost is significant; nullopt otherwise.
std::optional<double> cost_per_unit_gained(const outcome_effect& effect,
                                           const outcome_effect& cost);

/// "per point of ..." or "per report": the unit of cost_per_unit_gained for `metric`.
std::string gain_unit(std::size_t metric);

/// The outcome in words, for sentences: its description without the fine print.
std::string plain_name(std::size_t metric);

/// A value of `metric` in plain notation: shares as percentages, counts and euros with thousands
/// separators, never an exponent; "n/a" for NaN.
std::string plain_value(std::size_t metric, double value);

/// A difference in `metric`, signed: percentage points for shares, else the unit's own.
std::string plain_difference(std::size_t metric, double difference);

/// The size of a difference, unsigned: "1 point", "5.83", "€47,649".
std::string plain_size(std::size_t metric, double size);

/// A number in plain notation with `digits` significant digits (thousands separated, no
/// exponent, "−" for minus); "n/a" for NaN.
std::string plain_number(double value, int digits = 3);

/// A relative change as "+12 %" or "−0.3 %"; "n/a" for NaN.
std::string plain_percent_change(double relative);

/// "95 % interval −84.1 points to −82.1 points": a difference's interval in plain notation.
std::string interval_words(std::size_t metric, const interval_estimate& difference);

/// "cuts the share ... from 84 % to 0.1 % (−83.9 points, −99.9 %; 95 % interval ...)": the change
/// an effect makes, as the findings sentences say it.
std::string change_clause(const outcome_effect& e);

/// The findings as plain sentences, one per strategy, strongest first: what changes by at least
/// the smallest difference that matters (from, to, interval), at what cost, and what changes
/// significantly but too little to matter.
std::vector<std::string> finding_sentences(const std::vector<strategy_findings>& findings,
                                           const models::report_settings& report);

}  // namespace civicsim::sim
