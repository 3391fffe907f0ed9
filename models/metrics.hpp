#pragma once
// The outcomes a run records: names, units, meanings, and for summary outcomes which way is
// better and the family a planner reads them in. The engine's own outcomes are enumerated here;
// each mechanism of models/mechanisms/ adds its own after them, and daily_metrics() and
// summary_metrics() list both, so the results writer, the summaries, the CLI and the report read
// one table. The results writer names each dataset after `name` and stores `unit` and
// `description` as attributes.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace civicsim::models {

/// Which way an outcome is better. `none` for outcomes that are not good or bad in themselves
/// (more reports mean both more information and more load).
enum class better : std::uint8_t { none, higher, lower, nearer_zero };

/// The families headline outcomes are shown in, in display order; `none`: not a headline outcome.
enum class outcome_family : std::uint8_t {
    none,
    trust,
    fear,
    load,
    bias,
    misinformation,
    community,
    accountability,
    cost,
};
inline constexpr std::size_t outcome_family_count = 9;
inline constexpr std::array<std::string_view, outcome_family_count> outcome_family_titles{
    "",     "trust",          "fear of crime",          "response load",
    "bias", "misinformation", "channels and community", "police accountability",
    "cost"};

/// The smallest difference between two strategies that a planner would act on: an amount in the
/// outcome's unit, or a share of the baseline's value (for counts and costs, whose size follows
/// the town's). A difference below it is reported, but never marked, however significant.
struct difference_that_matters {
    double amount = 0.05;
    bool relative = true;  ///< `amount` is a share of the baseline's value

    /// The threshold for a baseline value of `baseline` (the amount itself when absolute).
    constexpr double threshold(double baseline) const noexcept {
        if (!relative) return amount;
        return amount * (baseline < 0.0 ? -baseline : baseline);
    }
};

/// An amount in the outcome's unit; `relative_to_baseline` a share of the baseline's value.
constexpr difference_that_matters absolute_difference(double amount) noexcept {
    return {amount, false};
}
constexpr difference_that_matters relative_to_baseline(double share) noexcept {
    return {share, true};
}

struct metric_info {
    std::string_view name;
    std::string_view unit;
    std::string_view description;
    better direction = better::none;               ///< summary outcomes only
    outcome_family family = outcome_family::none;  ///< summary outcomes only
    /// Summary outcomes only: the default of the scenario's report.smallest_difference.<name>.
    difference_that_matters smallest_difference{};
};

/// Outcomes recorded per day and neighbourhood; indexes `daily_metrics()`.
enum class daily_metric : std::size_t {
    trust_mean,
    trust_p10,
    trust_p50,
    trust_p90,
    trusting_share,
    fear_mean,
    worried_share,
    victimised_share,
    fear_risk_gap,
    prejudice_mean,
    alerts_mean,
    incidents,
    incidents_serious_crime,
    incidents_minor_offence,
    incidents_incivility,
    incidents_public_service,
    incidents_hate_crime,
    incidents_reported_share,
    reported_serious_crime,
    reported_minor_offence,
    reported_incivility,
    reported_public_service,
    reported_hate_crime,
    incidents_discovered,
    victimisations,
    repeat_victimisations,
    reports,
    reports_serious_crime,
    reports_minor_offence,
    reports_incivility,
    reports_public_service,
    reports_hate_crime,
    reports_suspicious_person,
    reports_phone_desk,
    reports_app,
    reports_group,
    reports_social_media,
    queue_length,
    handled,
    expired,
    moderated,
    filtered,
    routed_municipal,
    merged,
    ignored,
    missed_genuine,
    response_time_mean,
    officer_hours,
    non_police_hours,
    triage_hours,
    patrol_hours,
    patrol_share,
    crime_share,
    interventions_on_innocents,
    rumours_started,
    rumour_reach,
    rumour_spreaders,
    rumours_debunked,
    shaming_posts,
    shaming_removed,
    vigilante_acts,
    acts_on_innocents,
    aware_share,
    adoption_share,
    adoption_share_16_29,
    adoption_share_30_49,
    adoption_share_50_64,
    adoption_share_65_plus,
    adoption_gap_language,
    adoption_gap_literacy,
    group_member_share,
    groups,
    facilitated_groups,
    facilitator_burnout,
    cohesion,
    volunteer_share,
    participants,
    campaign_cost,
    training_cost,
    translation_cost,
    officer_cost,
    participation_cost,
    count_
};

/// Outcomes recorded once per run; indexes `summary_metrics()`.
enum class summary_metric : std::size_t {
    trust_mean,
    trusting_share,
    fear_mean,
    worried_share,
    victimised_share,
    repeat_victimisation_share,
    fear_risk_gap,
    prejudice_mean,
    incidents,
    reports,
    hate_crime_reports,
    reporting_rate,
    incidents_reported_share,
    reported_share_serious_crime,
    reported_share_minor_offence,
    reported_share_incivility,
    reported_share_public_service,
    reported_share_hate_crime,
    app_report_share,
    reports_per_year_phone_desk,
    reports_per_year_app,
    reports_per_year_group,
    reports_per_year_social_media,
    app_public_service_share,
    handled,
    expired,
    moderated,
    filtered,
    routed_municipal,
    missed_genuine,
    open_at_end,
    response_time_median,
    response_time_p90,
    response_time_median_emergency,
    response_time_median_priority,
    response_time_median_scheduled,
    response_time_p90_emergency,
    response_time_p90_priority,
    response_time_p90_scheduled,
    on_target_share_emergency,
    on_target_share_priority,
    on_target_share_scheduled,
    officer_utilisation,
    non_police_hours_share,
    triage_hours,
    patrol_crime_gap,
    interventions_on_innocents,
    innocent_intervention_disparity,
    rumours_started,
    rumour_reach,
    time_to_debunk,
    rumour_reach_false,
    rumour_reach_true,
    rumour_reach_p90,
    rumours_far_share,
    rumours_debunked,
    shaming_posts,
    shaming_removed,
    vigilante_acts,
    acts_on_innocents,
    aware_share,
    adoption_share,
    adoption_gap_age,
    adoption_gap_language,
    group_member_share,
    groups,
    cohesion,
    volunteer_share,
    participants,
    campaign_cost,
    training_cost,
    translation_cost,
    officer_cost,
    participation_cost,
    total_cost,
    count_
};

/// Fairness outcomes recorded per day, neighbourhood and group (community, or age band);
/// indexes `group_metrics()`.
enum class group_metric : std::size_t {
    trust_mean,
    fear_mean,
    adoption_share,
    reporting_rate,
    interventions_on_innocents,
    count_
};

/// The engine's own outcomes; the mechanisms' follow them in daily_metrics() and
/// summary_metrics().
inline constexpr std::size_t core_daily_metric_count =
    static_cast<std::size_t>(daily_metric::count_);
inline constexpr std::size_t core_summary_metric_count =
    static_cast<std::size_t>(summary_metric::count_);
inline constexpr std::size_t group_metric_count = static_cast<std::size_t>(group_metric::count_);

/// Every daily outcome: the engine's, in daily_metric order, then each mechanism's.
std::span<const metric_info> daily_metrics() noexcept;
/// Every summary outcome: the engine's, in summary_metric order, then each mechanism's.
std::span<const metric_info> summary_metrics() noexcept;
std::span<const metric_info> group_metrics() noexcept;

/// The index of the outcome called `name` in `metrics` (one of the tables above), if any.
std::optional<std::size_t> index_of(std::span<const metric_info> metrics,
                                    std::string_view name) noexcept;

/// How a mechanism's summary outcome is computed from its daily outcomes (indices into
/// daily_metrics()); one entry per summary outcome after the engine's own.
struct summary_reduction {
    std::uint8_t how = 0;  ///< a models::reduction
    std::size_t of = 0;
    std::size_t per = 0;
    std::size_t mechanism = 0;  ///< position of the mechanism in models::all_mechanisms
};
std::span<const summary_reduction> mechanism_summary_reductions() noexcept;

}  // namespace civicsim::models
