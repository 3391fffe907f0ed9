#pragma once
// The outcomes a run records: names, units and meanings. The engine fills them; the results
// writer names each dataset after `name` and stores `unit` and `description` as attributes.

#include <cstddef>
#include <span>
#include <string_view>

namespace civicsim::models {

struct metric_info {
    std::string_view name;
    std::string_view unit;
    std::string_view description;
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
    incidents_discovered,
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
    fear_risk_gap,
    prejudice_mean,
    incidents,
    reports,
    reporting_rate,
    incidents_reported_share,
    app_report_share,
    handled,
    expired,
    moderated,
    filtered,
    routed_municipal,
    missed_genuine,
    open_at_end,
    response_time_median,
    response_time_p90,
    officer_utilisation,
    non_police_hours_share,
    triage_hours,
    patrol_crime_gap,
    interventions_on_innocents,
    innocent_intervention_disparity,
    rumours_started,
    rumour_reach,
    time_to_debunk,
    shaming_posts,
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

inline constexpr std::size_t daily_metric_count = static_cast<std::size_t>(daily_metric::count_);
inline constexpr std::size_t summary_metric_count =
    static_cast<std::size_t>(summary_metric::count_);
inline constexpr std::size_t group_metric_count = static_cast<std::size_t>(group_metric::count_);

std::span<const metric_info> daily_metrics() noexcept;
std::span<const metric_info> summary_metrics() noexcept;
std::span<const metric_info> group_metrics() noexcept;

}  // namespace civicsim::models
