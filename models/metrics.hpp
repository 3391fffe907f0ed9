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
    trusting_share,
    fear_mean,
    worried_share,
    victimised_share,
    incidents,
    incidents_serious_crime,
    incidents_minor_offence,
    incidents_incivility,
    incidents_public_service,
    incidents_hate_crime,
    reports,
    reports_serious_crime,
    reports_minor_offence,
    reports_incivility,
    reports_public_service,
    reports_hate_crime,
    reports_app,
    reports_phone_desk,
    queue_length,
    handled,
    expired,
    response_time_mean,
    officer_hours,
    aware_share,
    adoption_share,
    adoption_share_16_29,
    adoption_share_30_49,
    adoption_share_50_64,
    adoption_share_65_plus,
    campaign_cost,
    count_
};

/// Outcomes recorded once per run; indexes `summary_metrics()`.
enum class summary_metric : std::size_t {
    trust_mean,
    trusting_share,
    fear_mean,
    worried_share,
    victimised_share,
    incidents,
    reports,
    reporting_rate,
    app_report_share,
    handled,
    expired,
    open_at_end,
    response_time_median,
    response_time_p90,
    officer_utilisation,
    aware_share,
    adoption_share,
    campaign_cost,
    count_
};

inline constexpr std::size_t daily_metric_count = static_cast<std::size_t>(daily_metric::count_);
inline constexpr std::size_t summary_metric_count =
    static_cast<std::size_t>(summary_metric::count_);

std::span<const metric_info> daily_metrics() noexcept;
std::span<const metric_info> summary_metrics() noexcept;

}  // namespace civicsim::models
