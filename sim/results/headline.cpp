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

}  // namespace

std::span<const outcome_family> headline_outcomes() noexcept { return families; }

}  // namespace civicsim::sim
