#include "sim/results/headline.hpp"

namespace civicsim::sim {

namespace {

using m = models::summary_metric;

constexpr std::array trust{m::trust_mean, m::trusting_share};
constexpr std::array fear{m::fear_mean, m::worried_share, m::victimised_share};
constexpr std::array load{m::reports, m::handled, m::expired, m::missed_genuine,
                          m::response_time_median, m::officer_utilisation, m::non_police_hours_share};
constexpr std::array bias{m::interventions_on_innocents, m::patrol_crime_gap, m::adoption_gap_age,
                          m::adoption_gap_language};
constexpr std::array misinformation{m::rumour_reach, m::shaming_posts, m::vigilante_acts};
constexpr std::array community{m::adoption_share, m::group_member_share, m::cohesion};
constexpr std::array cost{m::total_cost};

constexpr std::array<outcome_family, 7> families{{
    {"trust", trust},
    {"fear of crime", fear},
    {"response load", load},
    {"bias", bias},
    {"misinformation", misinformation},
    {"channels and community", community},
    {"cost", cost},
}};

// Which way is better, for every headline outcome above; kept here so that adding a headline
// outcome means deciding its direction in the same place. Reports, handled reports and officer
// utilisation have no good direction: more of them is more information and more load at once.
struct direction_entry {
    m metric;
    better direction;
};

constexpr std::array<direction_entry, 23> directions{{
    {m::trust_mean, better::higher},
    {m::trusting_share, better::higher},
    {m::fear_mean, better::lower},
    {m::worried_share, better::lower},
    {m::victimised_share, better::lower},
    {m::reports, better::none},
    {m::handled, better::none},
    {m::expired, better::lower},
    {m::missed_genuine, better::lower},
    {m::response_time_median, better::lower},
    {m::officer_utilisation, better::none},
    {m::non_police_hours_share, better::lower},
    {m::interventions_on_innocents, better::lower},
    {m::patrol_crime_gap, better::lower},
    {m::adoption_gap_age, better::nearer_zero},
    {m::adoption_gap_language, better::nearer_zero},
    {m::rumour_reach, better::lower},
    {m::shaming_posts, better::lower},
    {m::vigilante_acts, better::lower},
    {m::adoption_share, better::higher},
    {m::group_member_share, better::higher},
    {m::cohesion, better::higher},
    {m::total_cost, better::lower},
}};

}  // namespace

std::span<const outcome_family> headline_outcomes() noexcept { return families; }

better better_direction(models::summary_metric metric) noexcept {
    for (const auto& entry : directions)
        if (entry.metric == metric) return entry.direction;
    return better::none;
}

std::string_view to_string(better direction) noexcept {
    switch (direction) {
        case better::higher: return "higher";
        case better::lower: return "lower";
        case better::nearer_zero: return "nearer zero";
        case better::none: break;
    }
    return "";
}

}  // namespace civicsim::sim
