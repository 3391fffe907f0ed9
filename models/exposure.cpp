#include "models/exposure.hpp"

#include "models/outreach.hpp"

namespace civicsim::models {

bool campaign_targets(const campaign_params& c, neighbourhood_id n, age_band band,
                      std::uint8_t language) noexcept {
    return campaign_targets(c, n) &&
           targets_band_and_language(c.age_band_mask, c.language_mask, to_index(band), language);
}

bool campaign_target(const parameters& params, neighbourhood_id n, age_band band,
                     std::uint8_t language) noexcept {
    for (const auto& c : params.policy.outreach.campaigns)
        if (campaign_targets(c, n, band, language)) return true;
    return false;
}

bool exposed(const parameters& params, const residents& people, std::uint32_t i,
             exposure e) noexcept {
    switch (e) {
        case exposure::group_membership: return people.group[i] != no_index;
        case exposure::app_use: return (people.flags[i] & resident_flag::adopter) != 0;
        case exposure::campaign_target:
            return campaign_target(params, neighbourhood_id{people.neighbourhood[i]}, people.age[i],
                                   people.language[i]);
        case exposure::count_: break;
    }
    return false;
}

}  // namespace civicsim::models
