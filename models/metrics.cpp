#include "models/metrics.hpp"

#include <array>
#include <utility>

#include "models/mechanisms.hpp"

namespace civicsim::models {

// The engine's tables give name, unit and description; direction and family where they apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

constexpr std::array<metric_info, core_daily_metric_count> daily{{
    {"trust_mean", "score [0,1]", "mean trust in the police"},
    {"trust_p10", "score [0,1]", "10th percentile of trust"},
    {"trust_p50", "score [0,1]", "median trust"},
    {"trust_p90", "score [0,1]", "90th percentile of trust"},
    {"trusting_share", "share", "share of residents whose trust exceeds the trusting threshold"},
    {"fear_mean", "score [0,1]", "mean fear of crime"},
    {"worried_share", "share", "share of residents whose fear exceeds the worried threshold"},
    {"victimised_share", "share", "share of residents victimised in the last 365 days"},
    {"fear_risk_gap", "share", "worried share minus victimised share"},
    {"prejudice_mean", "score [0,1]", "mean out-group suspicion"},
    {"alerts_mean", "alerts/resident/day",
     "crime alerts seen per resident (groups and social media)"},
    {"incidents", "incidents/day", "true incidents, all categories"},
    {"incidents_serious_crime", "incidents/day", "true serious crimes"},
    {"incidents_minor_offence", "incidents/day", "true minor offences"},
    {"incidents_incivility", "incidents/day", "true incivilities (anti-social behaviour)"},
    {"incidents_public_service", "incidents/day", "true public-service issues (municipal)"},
    {"incidents_hate_crime", "incidents/day", "true hate crimes"},
    {"incidents_reported_share", "share", "share of today's true incidents reported at least once"},
    {"reported_serious_crime", "incidents/day", "true serious crimes reported at least once"},
    {"reported_minor_offence", "incidents/day", "true minor offences reported at least once"},
    {"reported_incivility", "incidents/day", "true incivilities reported at least once"},
    {"reported_public_service", "incidents/day",
     "true public-service issues reported at least once"},
    {"reported_hate_crime", "incidents/day", "true hate crimes reported at least once"},
    {"incidents_discovered", "incidents/day", "true police-matter incidents discovered by patrols"},
    {"victimisations", "victims/day", "incidents with a victim (hate crime included)"},
    {"repeat_victimisations", "victims/day",
     "of those, victims already victimised in the 365 days before"},
    {"reports", "reports/day", "reports filed, all categories and channels"},
    {"reports_serious_crime", "reports/day", "reports of serious crime"},
    {"reports_minor_offence", "reports/day", "reports of minor offences"},
    {"reports_incivility", "reports/day", "reports of incivility"},
    {"reports_public_service", "reports/day", "reports of public-service issues"},
    {"reports_hate_crime", "reports/day", "reports of hate crime"},
    {"reports_suspicious_person", "reports/day",
     "suspicious-person reports (no incident behind them)"},
    {"reports_phone_desk", "reports/day", "reports filed by phone or at the desk"},
    {"reports_app", "reports/day", "reports filed through the app"},
    {"reports_group", "reports/day", "reports posted in a neighbourhood group"},
    {"reports_social_media", "reports/day", "reports posted on public social media"},
    {"queue_length", "reports", "reports from the neighbourhood waiting at the end of the day"},
    {"handled", "reports/day", "reports answered by an officer"},
    {"expired", "reports/day", "reports that waited past their limit unanswered"},
    {"moderated", "reports/day", "reports dropped by a group facilitator"},
    {"filtered", "reports/day", "reports dropped by police triage"},
    {"routed_municipal", "reports/day", "reports sent to municipal services"},
    {"merged", "reports/day", "duplicate reports merged by triage"},
    {"ignored", "reports/day", "social-media reports the police never saw"},
    {"missed_genuine", "reports/day", "reports of police matters dropped, filtered or never seen"},
    {"response_time_mean", "hours", "mean response time of the reports handled that day"},
    {"officer_hours", "hours/day", "officer hours spent handling the neighbourhood's reports"},
    {"non_police_hours", "hours/day", "of which on matters that are not police matters"},
    {"triage_hours", "hours/day", "officer hours spent triaging the neighbourhood's reports"},
    {"patrol_hours", "hours/day", "patrol hours allocated to the neighbourhood"},
    {"patrol_share", "share", "neighbourhood's share of the city's patrol hours"},
    {"crime_share", "share",
     "neighbourhood's share of the city's true police-matter incidents so far"},
    {"interventions_on_innocents", "interventions/day",
     "police actions on innocent people after suspicious-person reports"},
    {"rumours_started", "rumours/day", "rumours started in the neighbourhood"},
    {"rumour_reach", "share",
     "share of residents who have heard the neighbourhood's current or last rumour"},
    {"rumour_spreaders", "residents", "residents spreading a rumour at the end of the day"},
    {"rumours_debunked", "rumours/day",
     "false rumours the police saw and corrected that day (network structure)"},
    {"shaming_posts", "posts/day", "naming-and-shaming posts published (not removed)"},
    {"shaming_removed", "posts/day", "naming-and-shaming posts removed by facilitators"},
    {"vigilante_acts", "acts/day", "physical vigilante acts"},
    {"acts_on_innocents", "acts/day", "shaming posts and vigilante acts that hit innocent people"},
    {"aware_share", "share", "share of residents aware of the app"},
    {"adoption_share", "share", "share of residents who adopted the app"},
    {"adoption_share_16_29", "share", "app adoption among residents aged 16-29 (NaN if none)"},
    {"adoption_share_30_49", "share", "app adoption among residents aged 30-49 (NaN if none)"},
    {"adoption_share_50_64", "share", "app adoption among residents aged 50-64 (NaN if none)"},
    {"adoption_share_65_plus", "share",
     "app adoption among residents aged 65 and over (NaN if none)"},
    {"adoption_gap_language", "share",
     "adoption share of first-language speakers minus that of other speakers; NaN where either "
     "group has no residents"},
    {"adoption_gap_literacy", "share",
     "adoption share of residents with digital skills minus that of those without; NaN where "
     "either group has no residents"},
    {"group_member_share", "share", "share of residents in a neighbourhood group"},
    {"groups", "groups", "neighbourhood groups"},
    {"facilitated_groups", "groups", "groups with a facilitator"},
    {"facilitator_burnout", "score [0,1]", "mean burnout of the neighbourhood's facilitators"},
    {"cohesion", "score [0,1]", "neighbourhood cohesion"},
    {"volunteer_share", "share", "share of residents volunteering"},
    {"participants", "residents/day", "residents taking part in a consultation that day"},
    {"campaign_cost", "euros/day", "outreach spending attributed to the neighbourhood"},
    {"training_cost", "euros/day", "facilitator training spending"},
    {"translation_cost", "euros/day", "translation spending for reports and supported languages"},
    {"officer_cost", "euros/day",
     "officer hours on reports, triage, online presence and patrol, in euros"},
    {"participation_cost", "euros/day", "consultation spending attributed to the neighbourhood"},
}};

// Headline outcomes name their better direction and family. Reports, handled reports and officer
// utilisation are headline outcomes with no better direction: more of them is more information
// and more load at once.
constexpr std::array<metric_info, core_summary_metric_count> summary{{
    {"trust_mean", "score [0,1]", "mean trust in the police on the last day", better::higher,
     outcome_family::trust},
    {"trusting_share", "share", "share trusting the police on the last day", better::higher,
     outcome_family::trust},
    {"fear_mean", "score [0,1]", "mean fear of crime on the last day", better::lower,
     outcome_family::fear},
    {"worried_share", "share", "share worried about crime on the last day", better::lower,
     outcome_family::fear},
    {"victimised_share", "share", "share victimised in the last 365 days, on the last day",
     better::lower, outcome_family::fear},
    {"repeat_victimisation_share", "share",
     "share of victimisations over the run that hit someone victimised in the year before"},
    {"fear_risk_gap", "share", "worried share minus victimised share, on the last day"},
    {"prejudice_mean", "score [0,1]", "mean out-group suspicion on the last day"},
    {"incidents", "incidents", "true incidents over the run"},
    {"reports", "reports", "reports filed over the run", better::none, outcome_family::load},
    {"hate_crime_reports", "reports",
     "reports of hate crime filed over the run (half of hate crime goes unreported)",
     better::higher},
    {"reporting_rate", "reports/incident",
     "reports filed (suspicious-person reports included) per true incident; NaN without incidents"},
    {"incidents_reported_share", "share",
     "share of true incidents reported at least once; NaN without incidents"},
    {"reported_share_serious_crime", "share",
     "share of true serious crimes reported at least once (what a crime survey calls reported to "
     "the police); NaN without any"},
    {"reported_share_minor_offence", "share",
     "share of true minor offences reported at least once; NaN without any"},
    {"reported_share_incivility", "share",
     "share of true incivilities reported at least once; NaN without any"},
    {"reported_share_public_service", "share",
     "share of true public-service issues reported at least once; NaN without any"},
    {"reported_share_hate_crime", "share",
     "share of true hate crimes reported at least once (the rest is the dark figure); NaN "
     "without any"},
    {"app_report_share", "share", "share of reports filed through the app; NaN without reports"},
    {"reports_per_year_phone_desk", "reports per year",
     "reports filed by phone or at the desk, over the run scaled to 365 days"},
    {"reports_per_year_app", "reports per year",
     "reports filed through the app, over the run scaled to 365 days"},
    {"reports_per_year_group", "reports per year",
     "reports posted in neighbourhood groups, over the run scaled to 365 days"},
    {"reports_per_year_social_media", "reports per year",
     "reports posted on public social media, over the run scaled to 365 days"},
    {"app_public_service_share", "share",
     "share of the app's reports that are public-service issues (bins, cleaning, pavements); "
     "NaN without app reports"},
    {"handled", "reports", "reports handled over the run", better::none, outcome_family::load},
    {"expired", "reports", "reports expired over the run", better::lower, outcome_family::load},
    {"moderated", "reports", "reports dropped by facilitators over the run"},
    {"filtered", "reports", "reports dropped by triage over the run"},
    {"routed_municipal", "reports", "reports sent to municipal services over the run"},
    {"missed_genuine", "reports", "police-matter reports dropped, filtered or unseen over the run",
     better::lower, outcome_family::load},
    {"open_at_end", "reports", "reports still queued when the run ended"},
    {"response_time_median", "hours", "median response time of handled reports", better::lower,
     outcome_family::load},
    {"response_time_p90", "hours", "90th percentile response time of handled reports"},
    {"response_time_median_emergency", "hours",
     "median response time of handled emergency-grade reports (target 15 min); NaN if none"},
    {"response_time_median_priority", "hours",
     "median response time of handled priority-grade reports (target 60 min); NaN if none"},
    {"response_time_median_scheduled", "hours",
     "median response time of handled scheduled-grade reports (target 48 h); NaN if none"},
    {"response_time_p90_emergency", "hours",
     "90th percentile response time of handled emergency-grade reports; NaN if none"},
    {"response_time_p90_priority", "hours",
     "90th percentile response time of handled priority-grade reports; NaN if none"},
    {"response_time_p90_scheduled", "hours",
     "90th percentile response time of handled scheduled-grade reports; NaN if none"},
    {"on_target_share_emergency", "share",
     "share of emergency-grade reports queued that were handled within their target "
     "(expired ones count as missed); NaN if none",
     better::higher, outcome_family::load},
    {"on_target_share_priority", "share",
     "share of priority-grade reports queued that were handled within their target "
     "(expired ones count as missed); NaN if none",
     better::higher, outcome_family::load},
    {"on_target_share_scheduled", "share",
     "share of scheduled-grade reports queued that were handled within their target "
     "(expired ones count as missed); NaN if none",
     better::higher, outcome_family::load},
    {"officer_utilisation", "share",
     "officer hours used on reports and triage / hours available for them (NaN if none)",
     better::none, outcome_family::load},
    {"non_police_hours_share", "share",
     "share of officer report hours spent on non-police matters (NaN if none were used)",
     better::lower, outcome_family::load},
    {"triage_hours", "hours", "officer hours spent on triage over the run"},
    {"patrol_crime_gap", "share",
     "half the sum over neighbourhoods of |patrol share - true crime share|, last day",
     better::lower, outcome_family::bias},
    {"interventions_on_innocents", "interventions", "interventions on innocents over the run",
     better::lower, outcome_family::bias},
    {"innocent_intervention_disparity", "ratio",
     "largest over communities of its interventions on innocents / those it would have had if "
     "each had fallen on any resident of its neighbourhood (1: stops follow where people live); "
     "NaN without interventions"},
    {"rumours_started", "rumours", "rumours started over the run"},
    {"rumour_reach", "share", "mean share of residents reached per rumour", better::lower,
     outcome_family::misinformation},
    {"time_to_debunk", "days", "mean days from a rumour's start until nobody spreads it"},
    {"rumour_reach_false", "share",
     "mean share of residents reached per false rumour, over the false rumours that ended; NaN "
     "without any",
     better::lower, outcome_family::misinformation},
    {"rumour_reach_true", "share",
     "mean share of residents reached per true rumour, over the true rumours that ended; NaN "
     "without any"},
    {"rumour_reach_p90", "share",
     "90th percentile of the share of residents reached, over the rumours that ended; NaN "
     "without any"},
    {"rumours_far_share", "share",
     "share of the rumours that ended that reached more than 10 % of their neighbourhood's "
     "residents; NaN without any",
     better::lower, outcome_family::misinformation},
    {"rumours_debunked", "rumours",
     "false rumours the police saw and corrected over the run (network structure)"},
    {"shaming_posts", "posts", "naming-and-shaming posts published over the run", better::lower,
     outcome_family::misinformation},
    {"shaming_removed", "posts", "naming-and-shaming posts facilitators removed over the run"},
    {"vigilante_acts", "acts", "physical vigilante acts over the run", better::lower,
     outcome_family::misinformation},
    {"acts_on_innocents", "acts", "shaming posts and acts that hit innocents over the run"},
    {"aware_share", "share", "share aware of the app on the last day"},
    {"adoption_share", "share", "share who adopted the app, on the last day", better::higher,
     outcome_family::community},
    {"adoption_gap_age", "share",
     "adoption 16-29 minus adoption 65+, last day; NaN when a band has no residents",
     better::nearer_zero, outcome_family::bias},
    {"adoption_gap_language", "share",
     "adoption of first-language speakers minus others, last day, over the neighbourhoods with "
     "both; NaN where none has both",
     better::nearer_zero, outcome_family::bias},
    {"group_member_share", "share", "share in a neighbourhood group on the last day",
     better::higher, outcome_family::community},
    {"groups", "groups", "neighbourhood groups on the last day"},
    {"cohesion", "score [0,1]", "mean cohesion on the last day, weighted by population",
     better::higher, outcome_family::community},
    {"volunteer_share", "share", "share volunteering on the last day"},
    {"participants", "residents", "consultation participations over the run"},
    {"campaign_cost", "euros", "outreach spending over the run"},
    {"training_cost", "euros", "facilitator training spending over the run"},
    {"translation_cost", "euros", "translation spending over the run"},
    {"officer_cost", "euros",
     "officer hours on reports, triage, online presence and patrol, in euros"},
    {"participation_cost", "euros", "consultation spending over the run"},
    {"total_cost", "euros", "all spending over the run", better::lower, outcome_family::cost},
}};

// The smallest difference that matters, per summary outcome: what a planner would act on, in
// the outcome's unit (a point of a share or a score, an hour of response time) or, for counts and
// costs whose size follows the town's, a share of the baseline's value. Judgements to be replaced
// by a case's own (the scenario's report.smallest_difference.<outcome>); the report shows which.
constexpr auto smallest_differences = [] {
    std::array<difference_that_matters, core_summary_metric_count> d{};
    d.fill(relative_to_baseline(0.05));  // counts, hours and euros: 5 % of the baseline
    const auto set = [&d](summary_metric m, difference_that_matters what) {
        d[static_cast<std::size_t>(m)] = what;
    };
    using m = summary_metric;
    const auto point = absolute_difference(0.01);  // one percentage point of a share or score
    for (const auto share : {m::trust_mean,
                             m::trusting_share,
                             m::fear_mean,
                             m::worried_share,
                             m::victimised_share,
                             m::repeat_victimisation_share,
                             m::fear_risk_gap,
                             m::prejudice_mean,
                             m::incidents_reported_share,
                             m::app_report_share,
                             m::app_public_service_share,
                             m::on_target_share_emergency,
                             m::on_target_share_priority,
                             m::on_target_share_scheduled,
                             m::officer_utilisation,
                             m::non_police_hours_share,
                             m::patrol_crime_gap,
                             m::rumour_reach,
                             m::rumour_reach_false,
                             m::rumour_reach_true,
                             m::rumour_reach_p90,
                             m::rumours_far_share,
                             m::aware_share,
                             m::adoption_share,
                             m::adoption_gap_age,
                             m::adoption_gap_language,
                             m::group_member_share,
                             m::cohesion,
                             m::volunteer_share})
        set(share, point);
    set(m::reporting_rate, absolute_difference(0.02));       // reports per incident
    set(m::response_time_median, absolute_difference(1.0));  // hours: the priority target
    set(m::response_time_p90, absolute_difference(1.0));
    set(m::response_time_median_emergency, absolute_difference(0.25));  // hours: its target
    set(m::response_time_median_priority, absolute_difference(0.25));
    set(m::response_time_median_scheduled, absolute_difference(1.0));
    set(m::response_time_p90_emergency, absolute_difference(0.25));
    set(m::response_time_p90_priority, absolute_difference(0.25));
    set(m::response_time_p90_scheduled, absolute_difference(1.0));
    set(m::innocent_intervention_disparity, absolute_difference(0.1));  // ratio
    set(m::time_to_debunk, absolute_difference(1.0));                   // days
    set(m::total_cost, relative_to_baseline(0.01));                     // 1 % of the budget
    return d;
}();

constexpr auto summary_with_thresholds = [] {
    auto out = summary;
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k].smallest_difference = smallest_differences[k];
    return out;
}();

constexpr std::array<metric_info, group_metric_count> group{{
    {"trust_mean", "score [0,1]", "mean trust in the police"},
    {"fear_mean", "score [0,1]", "mean fear of crime"},
    {"adoption_share", "share", "share who adopted the app"},
    {"reporting_rate", "share",
     "share of true incidents whose victim (or first witness) is in the group that were reported "
     "at least once, over the run so far"},
    {"interventions_on_innocents", "per 1,000 residents",
     "interventions on innocent members over the run so far, per 1,000 members"},
}};

#pragma GCC diagnostic pop

// The mechanisms' outcomes, after the engine's, in mechanism-list order.

template <class... M>
constexpr auto mechanism_daily(mechanism_list<M...>) {
    constexpr std::size_t count = (std::size_t{0} + ... + M::daily.size());
    std::array<metric_info, count> out{};
    [[maybe_unused]] std::size_t k = 0;
    (
        [&] {
            for (const auto& d : M::daily) out[k++] = metric_info{d.name, d.unit, d.description};
        }(),
        ...);
    return out;
}

template <class... M>
constexpr auto mechanism_summary(mechanism_list<M...>) {
    constexpr std::size_t count = (std::size_t{0} + ... + M::summary.size());
    std::array<metric_info, count> out{};
    std::array<summary_reduction, count> how{};
    [[maybe_unused]] std::size_t k = 0, first_daily = core_daily_metric_count, mechanism = 0;
    (
        [&] {
            for (const auto& d : M::summary) {
                out[k] = metric_info{d.name,      d.unit,   d.description,
                                     d.direction, d.family, d.smallest_difference};
                how[k++] = {static_cast<std::uint8_t>(d.how), first_daily + d.of,
                            first_daily + d.per, mechanism};
            }
            first_daily += M::daily.size();
            ++mechanism;
        }(),
        ...);
    return std::pair{out, how};
}

template <class T, std::size_t A, std::size_t B>
constexpr std::array<T, A + B> concatenate(const std::array<T, A>& a, const std::array<T, B>& b) {
    std::array<T, A + B> out{};
    for (std::size_t k = 0; k < A; ++k) out[k] = a[k];
    for (std::size_t k = 0; k < B; ++k) out[A + k] = b[k];
    return out;
}

constexpr auto all_daily = concatenate(daily, mechanism_daily(all_mechanisms{}));
constexpr auto mechanism_summaries = mechanism_summary(all_mechanisms{});
constexpr auto all_summary = concatenate(summary_with_thresholds, mechanism_summaries.first);

/// No two outcomes of a table may share a name: the results file names datasets after them.
template <std::size_t N>
constexpr bool unique_names(const std::array<metric_info, N>& table) {
    for (std::size_t a = 0; a < N; ++a)
        for (std::size_t b = a + 1; b < N; ++b)
            if (table[a].name == table[b].name) return false;
    return true;
}
static_assert(unique_names(all_daily), "two daily outcomes share a name");
static_assert(unique_names(all_summary), "two summary outcomes share a name");

}  // namespace

std::span<const metric_info> daily_metrics() noexcept { return all_daily; }
std::span<const metric_info> summary_metrics() noexcept { return all_summary; }
std::span<const metric_info> group_metrics() noexcept { return group; }

std::optional<std::size_t> index_of(std::span<const metric_info> metrics,
                                    std::string_view name) noexcept {
    for (std::size_t m = 0; m < metrics.size(); ++m)
        if (metrics[m].name == name) return m;
    return std::nullopt;
}
std::span<const summary_reduction> mechanism_summary_reductions() noexcept {
    return mechanism_summaries.second;
}

}  // namespace civicsim::models
