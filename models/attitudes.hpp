#pragma once
// Trust in the police and fear of crime.
//
// Trust moves after contacts, with negative contacts weighing `negative_weight` times more than
// positive ones (Skogan 2006): an answer in time and fairly handled is good; one late, or not
// experienced as fair, or no answer at all, is bad. Without events it returns to each resident's
// resting level with a half-life. Fear decays towards each resident's resting level, faster where
// patrols are seen, and is raised by victimisation, witnessing, exposure to crime in the
// neighbourhood and talk with fearful neighbours (Prieto Curiel & Bishop 2017). Every update
// keeps values in [0, 1].

#include <algorithm>
#include <cstdint>

#include "models/incidents.hpp"
#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"

namespace civicsim::models {

/// What a contact with the police is to a resident: a report answered within its grade's target
/// (good), answered after it (late), or not answered, a genuine police matter dropped, a stop
/// of an innocent person (bad); none for reports that involve no police contact.
enum class contact_kind : std::uint8_t { none, good, late, bad };

/// The trust change of a contact: good +positive_contact; bad -positive_contact *
/// negative_weight; late that times late_weight. The asymmetry is the same at every level.
double contact_step(contact_kind kind, const trust_params& params) noexcept;

/// Trust after a contact, clamped to [0, 1].
float after_contact(float trust, contact_kind kind, const trust_params& params) noexcept;

/// An answer is experienced as fair with probability procedural_quality; if not, it is a bad
/// contact. Takes exactly one draw, whatever the kind.
contact_kind as_experienced(contact_kind kind, const trust_params& params, stream& s) noexcept;

/// Trust relaxes to its resting level every this many days (a full recount of the day's trust
/// figures follows): often enough against a half-life of months, rarely enough to cost little.
inline constexpr std::uint32_t trust_relaxation_days = 7;

/// Share of the gap to resting trust closed in `days` days: 1 - 2^(-days / half_life_days).
double trust_relaxation(double days, const trust_params& params) noexcept;

/// One relaxation step of trust towards its resting level. In float, four at a time.
inline float relaxed(float trust, float resting, float share) noexcept {
    return clamp_unit(trust + share * (resting - trust));
}

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

/// A neighbourhood's expected daily pull on fear, for starting residents where the dynamics
/// settle rather than at rest (mean field: every shock at its expected daily rate).
struct fear_field {
    double decay = 0.0;      ///< decay plus reassurance at the start's patrol hours
    double exposure = 0.0;   ///< exposure_shock times alarming incidents per 1,000 a day
    double victim = 0.0;     ///< victim_shock times victimisations a day per unit of risk
    double witness = 0.0;    ///< witness_shock times witness listings per resident a day
    double contagion = 0.0;  ///< contagion times the mean fear the neighbourhood settles at
};

/// The fear at which decay towards `resting` balances shocks closing `pull` of the distance to 1
/// each day: F = ((1 - pull) decay R + pull) / (1 - (1 - pull)(1 - decay)).
double settled_fear(double resting, double pull, double decay) noexcept;

/// The field of neighbourhood `home` with its incident rates, witnesses and victims per resident,
/// and `patrol_per_1000` patrol hours per 1,000 residents; its contagion term is solved by
/// iterating the neighbourhood's mean settled fear (residents' resting fear and risk at their
/// age bands' means) to a fixed point.
fear_field settled_field(const neighbourhood_params& home, double patrol_per_1000,
                         const parameters& params);

/// A resident's starting fear: settled_fear under the field, with their own resting fear and risk.
float starting_fear(float resting, double risk, const fear_field& field) noexcept;

/// Today's exposure in a neighbourhood: exposure_shock per serious or hate incident per 1,000
/// residents, plus contagion times yesterday's mean fear (talk with fearful neighbours).
double neighbourhood_exposure(const per_category<int>& incidents, std::uint32_t population,
                              double fear_mean, const fear_params& params) noexcept;

/// Today's fear decay in a neighbourhood: decay plus patrol_reassurance per patrol hour per
/// 1,000 residents (visible patrols reassure where they go).
double neighbourhood_decay(double patrol_hours_per_1000, const fear_params& params) noexcept;

/// Victimisations of a day, and how many of them hit someone already victimised in the year.
struct victimisation_count {
    std::uint32_t victims = 0;
    std::uint32_t repeats = 0;
};

/// Victims and witnesses of today's incidents: fear shocks, and victims' day stamps.
victimisation_count apply_incidents(const incident_batch& batch, residents& people,
                                    std::uint32_t day, const fear_params& params) noexcept;

}  // namespace civicsim::models
