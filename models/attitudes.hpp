#pragma once
// Trust in the police and fear of crime.
//
// Trust moves after contacts, with negative contacts weighing `negative_weight` times more than
// positive ones (Skogan 2006). Fear decays towards each resident's resting level and is raised by
// victimisation, witnessing and exposure to crime in the neighbourhood (Prieto Curiel & Bishop
// 2017). Every update keeps values in [0, 1].

#include <algorithm>
#include <cstdint>

#include "models/incidents.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"

namespace civicsim::models {

/// A good contact raises trust by `positive_contact`, a bad one lowers it by
/// `positive_contact * negative_weight`, so that the asymmetry is the same at every level of
/// trust; the result is clamped to [0, 1].
float after_contact(float trust, bool positive, const trust_params& params) noexcept;

/// A shock closes `share` of the distance from fear to 1.
inline float after_shock(float fear, double share) noexcept {
    const double f = fear;
    return static_cast<float>(clamp_unit(f + share * (1.0 - f)));
}

/// Daily drift of fear: decay towards the resting level, then today's neighbourhood exposure.
/// In float, like the state: this runs for every resident every day, four at a time.
inline float after_day(float fear, float resting_fear, double decay, double exposure) noexcept {
    float f = fear;
    f += static_cast<float>(decay) * (resting_fear - f);
    f += static_cast<float>(exposure) * (1.0F - f);
    return clamp_unit(f);
}

/// Today's exposure in a neighbourhood: exposure_shock per serious or hate incident per 1,000
/// residents.
double neighbourhood_exposure(const per_category<int>& incidents, std::uint32_t population,
                              const fear_params& params) noexcept;

/// Victims and witnesses of today's incidents: fear shocks, and victims' day stamps.
void apply_incidents(const incident_batch& batch, residents& people, std::uint32_t day,
                     const fear_params& params) noexcept;

}  // namespace civicsim::models
