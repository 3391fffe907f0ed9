#pragma once
// Exposure: whether a resident is where a strategy acts (in a neighbourhood group, using the app,
// targeted by an outreach campaign), for the breakdowns of outcomes by exposure. Each exposure
// splits the residents in two: the exposed (group 0) and the others (group 1). The results file
// names its groups and axes after this table (docs/results-format.md).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/types.hpp"

namespace civicsim::models {

/// The exposures outcomes are broken down by; indexes `exposures`.
enum class exposure : std::size_t { group_membership, app_use, campaign_target, count_ };
inline constexpr std::size_t exposure_count = static_cast<std::size_t>(exposure::count_);
/// Every exposure splits the residents into the exposed (0) and the others (1).
inline constexpr std::size_t exposure_groups = 2;

struct exposure_info {
    std::string_view name;                                 ///< the results file's group
    std::string_view axis;                                 ///< its last dimension
    std::array<std::string_view, exposure_groups> labels;  ///< the exposed, the others
    std::string_view description;
};

inline constexpr std::array<exposure_info, exposure_count> exposures{{
    {"by_group_membership",
     "membership",
     {"members", "others"},
     "residents in a neighbourhood group that day, and the others"},
    {"by_app_use",
     "app_use",
     {"app users", "others"},
     "residents who had adopted the app by that day, and the others"},
    {"by_campaign_target",
     "campaign_target",
     {"targets", "others"},
     "residents whose neighbourhood, age band and language a campaign of the scenario targets "
     "(switched on or not, whether it runs that day or not), and the others"},
}};

/// A campaign's target group: neighbourhood `n`, age band `band`, language `language`. The same
/// rule as the adoption step's (models/outreach.hpp), regardless of whether it is switched on.
bool campaign_targets(const campaign_params& c, neighbourhood_id n, age_band band,
                      std::uint8_t language) noexcept;

/// Whether any campaign of the scenario targets residents of `n` in `band` speaking `language`,
/// switched on or not: a strategy that switches a campaign on is compared with a baseline on the
/// same residents.
bool campaign_target(const parameters& params, neighbourhood_id n, age_band band,
                     std::uint8_t language) noexcept;

/// Whether resident `i` is exposed: in a group, an adopter, or a campaign's target.
bool exposed(const parameters& params, const residents& people, std::uint32_t i,
             exposure e) noexcept;

}  // namespace civicsim::models
