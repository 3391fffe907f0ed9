#include "sim/results/neighbourhood_values.hpp"

#include <cmath>
#include <limits>

#include "models/mechanism.hpp"
#include "models/metrics.hpp"

namespace civicsim::sim {

namespace {

using models::reduction;
using daily = models::daily_metric;
using summary = models::summary_metric;

struct counterpart {
    reduction how;
    std::size_t of;
    std::size_t per = 0;
};

constexpr std::size_t index(daily d) { return static_cast<std::size_t>(d); }

/// The engine's summaries that reduce one daily outcome over days and neighbourhoods, as
/// sim/engine/run.cpp computes them.
std::optional<counterpart> core_counterpart(summary m) {
    switch (m) {
        case summary::trust_mean:
            return counterpart{reduction::final_share, index(daily::trust_mean)};
        case summary::trusting_share:
            return counterpart{reduction::final_share, index(daily::trusting_share)};
        case summary::fear_mean:
            return counterpart{reduction::final_share, index(daily::fear_mean)};
        case summary::worried_share:
            return counterpart{reduction::final_share, index(daily::worried_share)};
        case summary::victimised_share:
            return counterpart{reduction::final_share, index(daily::victimised_share)};
        case summary::aware_share:
            return counterpart{reduction::final_share, index(daily::aware_share)};
        case summary::adoption_share:
            return counterpart{reduction::final_share, index(daily::adoption_share)};
        case summary::adoption_gap_language:
            return counterpart{reduction::final_share, index(daily::adoption_gap_language)};
        case summary::group_member_share:
            return counterpart{reduction::final_share, index(daily::group_member_share)};
        case summary::cohesion: return counterpart{reduction::final_share, index(daily::cohesion)};
        case summary::volunteer_share:
            return counterpart{reduction::final_share, index(daily::volunteer_share)};
        case summary::incidents: return counterpart{reduction::total, index(daily::incidents)};
        case summary::reports: return counterpart{reduction::total, index(daily::reports)};
        case summary::hate_crime_reports:
            return counterpart{reduction::total, index(daily::reports_hate_crime)};
        case summary::reporting_rate:
            return counterpart{reduction::ratio_of_totals, index(daily::reports),
                               index(daily::incidents)};
        case summary::app_report_share:
            return counterpart{reduction::ratio_of_totals, index(daily::reports_app),
                               index(daily::reports)};
        case summary::handled: return counterpart{reduction::total, index(daily::handled)};
        case summary::expired: return counterpart{reduction::total, index(daily::expired)};
        case summary::moderated: return counterpart{reduction::total, index(daily::moderated)};
        case summary::filtered: return counterpart{reduction::total, index(daily::filtered)};
        case summary::routed_municipal:
            return counterpart{reduction::total, index(daily::routed_municipal)};
        case summary::missed_genuine:
            return counterpart{reduction::total, index(daily::missed_genuine)};
        case summary::open_at_end:
            return counterpart{reduction::final_sum, index(daily::queue_length)};
        case summary::triage_hours:
            return counterpart{reduction::total, index(daily::triage_hours)};
        case summary::interventions_on_innocents:
            return counterpart{reduction::total, index(daily::interventions_on_innocents)};
        case summary::rumours_started:
            return counterpart{reduction::total, index(daily::rumours_started)};
        case summary::shaming_posts:
            return counterpart{reduction::total, index(daily::shaming_posts)};
        case summary::shaming_removed:
            return counterpart{reduction::total, index(daily::shaming_removed)};
        case summary::rumours_debunked:
            return counterpart{reduction::total, index(daily::rumours_debunked)};
        case summary::vigilante_acts:
            return counterpart{reduction::total, index(daily::vigilante_acts)};
        case summary::acts_on_innocents:
            return counterpart{reduction::total, index(daily::acts_on_innocents)};
        case summary::groups: return counterpart{reduction::final_sum, index(daily::groups)};
        case summary::participants:
            return counterpart{reduction::total, index(daily::participants)};
        default: return std::nullopt;
    }
}

std::optional<counterpart> counterpart_of(std::size_t metric) {
    if (metric < models::core_summary_metric_count)
        return core_counterpart(static_cast<summary>(metric));
    const auto reductions = models::mechanism_summary_reductions();
    const std::size_t k = metric - models::core_summary_metric_count;
    if (k >= reductions.size()) return std::nullopt;
    return counterpart{static_cast<reduction>(reductions[k].how), reductions[k].of,
                       reductions[k].per};
}

double total_in(const run_result& run, std::size_t daily_metric, std::size_t neighbourhood) {
    double sum = 0.0;
    for (std::size_t d = 0; d < run.days; ++d) sum += run.at(daily_metric, d, neighbourhood);
    return sum;
}

}  // namespace

bool has_neighbourhood_value(std::size_t metric) { return counterpart_of(metric).has_value(); }

double neighbourhood_value(const run_result& run, std::size_t metric, std::size_t neighbourhood) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const auto c = counterpart_of(metric);
    if (!c || run.days == 0 || neighbourhood >= run.neighbourhoods) return nan;
    switch (c->how) {
        case reduction::total: return total_in(run, c->of, neighbourhood);
        case reduction::final_sum:
        case reduction::final_share: return run.at(c->of, run.days - 1, neighbourhood);
        case reduction::ratio_of_totals: {
            const double per = total_in(run, c->per, neighbourhood);
            return per > 0.0 ? total_in(run, c->of, neighbourhood) / per : nan;
        }
    }
    return nan;
}

run_value neighbourhood_value_of(std::size_t metric, std::size_t neighbourhood) {
    return [metric, neighbourhood](const run_result& run) {
        return neighbourhood_value(run, metric, neighbourhood);
    };
}

}  // namespace civicsim::sim
