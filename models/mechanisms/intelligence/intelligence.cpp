#include "models/mechanisms/intelligence/intelligence.hpp"

#include <algorithm>

#include "models/parameters.hpp"
#include "models/police.hpp"
#include "models/population.hpp"

namespace civicsim::models {

double monitoring_hours_per_day(const parameters& params) noexcept {
    const auto& p = params_of<intelligence>(params);
    return p.enabled ? officer_hours_per_day(params) * p.monitoring_share : 0.0;
}

double monitoring_hours_per_1000(const parameters& params) noexcept {
    const auto residents = static_cast<double>(total_population(params));
    return residents > 0.0 ? monitoring_hours_per_day(params) * per_thousand / residents : 0.0;
}

double monitoring_coverage(double hours, double posts, double posts_per_hour) noexcept {
    if (posts <= 0.0 || hours <= 0.0) return 0.0;
    return std::min(1.0, hours * posts_per_hour / posts);
}

double chilled_access(const intelligence_params& p) noexcept { return 1.0 - p.chilling_effect; }

// The reading and the leads were decided at intake; here each author read today is marked as
// monitored (once: the mark is the account of distinct residents), with no draw and no pass over
// the residents who were not read.
void intelligence::step(const params& /*p*/, state& s, neighbourhood_day& today) {
    std::uint32_t newly = 0;
    for (const auto i : today.events.authors_read) {
        auto& flags = today.people.flags[i];
        if ((flags & resident_flag::monitored) != 0) continue;
        flags |= resident_flag::monitored;
        ++newly;
    }
    s.monitored += newly;
    const auto population = today.last - today.first;
    today.metrics[daily_index::hours] = static_cast<float>(today.events.monitoring_hours);
    today.metrics[daily_index::posts_read] = static_cast<float>(today.events.posts_read);
    today.metrics[daily_index::leads] = static_cast<float>(today.events.leads);
    today.metrics[daily_index::newly_monitored] = static_cast<float>(newly);
    today.metrics[daily_index::monitored_share] =
        population > 0 ? static_cast<float>(static_cast<double>(s.monitored) / population) : 0.0F;
}

}  // namespace civicsim::models
