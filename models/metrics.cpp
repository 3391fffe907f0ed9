#include "models/metrics.hpp"

#include <array>

namespace civicsim::models {

namespace {

constexpr std::array<metric_info, daily_metric_count> daily{{
    {"trust_mean", "score [0,1]", "mean trust in the police"},
    {"trusting_share", "share", "share of residents whose trust exceeds the trusting threshold"},
    {"fear_mean", "score [0,1]", "mean fear of crime"},
    {"worried_share", "share", "share of residents whose fear exceeds the worried threshold"},
    {"victimised_share", "share", "share of residents victimised in the last 365 days"},
    {"incidents", "incidents/day", "true incidents, all categories"},
    {"incidents_serious_crime", "incidents/day", "true serious crimes"},
    {"incidents_minor_offence", "incidents/day", "true minor offences"},
    {"incidents_incivility", "incidents/day", "true incivilities (anti-social behaviour)"},
    {"incidents_public_service", "incidents/day", "true public-service issues (municipal)"},
    {"incidents_hate_crime", "incidents/day", "true hate crimes"},
    {"reports", "reports/day", "reports filed, all categories and channels"},
    {"reports_serious_crime", "reports/day", "reports of serious crime"},
    {"reports_minor_offence", "reports/day", "reports of minor offences"},
    {"reports_incivility", "reports/day", "reports of incivility"},
    {"reports_public_service", "reports/day", "reports of public-service issues"},
    {"reports_hate_crime", "reports/day", "reports of hate crime"},
    {"reports_app", "reports/day", "reports filed through the app"},
    {"reports_phone_desk", "reports/day", "reports filed by phone or at the desk"},
    {"queue_length", "reports", "reports from the neighbourhood waiting at the end of the day"},
    {"handled", "reports/day", "reports answered by an officer"},
    {"expired", "reports/day", "reports that waited past their limit unanswered"},
    {"response_time_mean", "hours", "mean response time of the reports handled that day"},
    {"officer_hours", "hours/day", "officer hours spent on the neighbourhood's reports"},
    {"aware_share", "share", "share of residents aware of the app"},
    {"adoption_share", "share", "share of residents who adopted the app"},
    {"adoption_share_16_29", "share", "app adoption among residents aged 16-29"},
    {"adoption_share_30_49", "share", "app adoption among residents aged 30-49"},
    {"adoption_share_50_64", "share", "app adoption among residents aged 50-64"},
    {"adoption_share_65_plus", "share", "app adoption among residents aged 65 and over"},
    {"campaign_cost", "euros/day", "outreach spending attributed to the neighbourhood"},
}};

constexpr std::array<metric_info, summary_metric_count> summary{{
    {"trust_mean", "score [0,1]", "mean trust in the police on the last day"},
    {"trusting_share", "share", "share trusting the police on the last day"},
    {"fear_mean", "score [0,1]", "mean fear of crime on the last day"},
    {"worried_share", "share", "share worried about crime on the last day"},
    {"victimised_share", "share", "share victimised in the last 365 days, on the last day"},
    {"incidents", "incidents", "true incidents over the run"},
    {"reports", "reports", "reports filed over the run"},
    {"reporting_rate", "reports/incident", "reports filed per true incident"},
    {"app_report_share", "share", "share of reports filed through the app"},
    {"handled", "reports", "reports handled over the run"},
    {"expired", "reports", "reports expired over the run"},
    {"open_at_end", "reports", "reports still queued when the run ended"},
    {"response_time_median", "hours", "median response time of handled reports"},
    {"response_time_p90", "hours", "90th percentile response time of handled reports"},
    {"officer_utilisation", "share", "officer hours used on reports / hours available for them"},
    {"aware_share", "share", "share aware of the app on the last day"},
    {"adoption_share", "share", "share who adopted the app, on the last day"},
    {"campaign_cost", "euros", "outreach spending over the run"},
}};

}  // namespace

std::span<const metric_info> daily_metrics() noexcept { return daily; }
std::span<const metric_info> summary_metrics() noexcept { return summary; }

}  // namespace civicsim::models
