#pragma once
// Naming-and-shaming posts and vigilante acts, after Epstein's civil-violence rule (Epstein 2002,
// doi:10.1073/pnas.092080199): a resident acts when grievance minus their own risk aversion times
// the perceived arrest probability exceeds a threshold. Grievance is fear * (1 - trust)
// (hardship * (1 - legitimacy) in Epstein). The arrest probability counts, as Epstein does, the
// police and the others acting within a resident's sight: officers present in the area against
// residents acting there, so that k = 2.3 keeps its meaning (P = 0.9 with one officer per actor).
// Acts have consequences: a shaming post frightens its target and is seen like any post; a
// physical act is an incident of the next day with its target as victim (a hate crime when the
// rumour blamed the out-group).

#include <cstdint>
#include <optional>
#include <span>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/types.hpp"

namespace civicsim::models {

/// Grievance G = fear * (1 - trust).
double grievance(float fear, float trust) noexcept;

/// Officers on patrol in a neighbourhood at an average moment: its patrol hours of the day over
/// the day's 24 hours.
double officers_present(double patrol_hours_per_day) noexcept;

/// Perceived arrest probability P = 1 - exp(-k * C_v / A_v) (Epstein 2002), with C_v the officers
/// and A_v = 1 + the residents acting within sight of a resident: the neighbourhood's officers
/// present and actors per resident times `vision_residents`.
double arrest_probability(double officers_per_resident, double actors_per_resident,
                          const vigilantism_params& p) noexcept;

/// A resident's risk aversion, a fixed trait: uniform on [0, 2 * risk_aversion] (Epstein's
/// U(0, 1) at the default mean of 0.5). One draw from the resident's own trait stream.
double risk_aversion_of(const vigilantism_params& p, stream& trait) noexcept;

/// Epstein's rule: G - risk_aversion * P > threshold.
bool over_threshold(float fear, float trust, double risk_aversion, double arrest_p,
                    const vigilantism_params& p) noexcept;

/// An act: a naming-and-shaming post or a physical act, against an innocent or not.
struct act {
    bool shaming_post = false;
    bool on_innocent = false;
};

/// Whether a resident acts today: nothing unless enabled and over the threshold; then an act with
/// probability act_probability, a shaming post with probability shaming_share (else physical), on
/// an innocent always if the rumour is false, else with probability innocent_share. One draw over
/// the threshold, two more if it acts, whatever the branches.
std::optional<act> maybe_act(float fear, float trust, double risk_aversion, double arrest_p,
                             bool rumour_is_false, const vigilantism_params& p, stream& s);

/// Whom an act targets: a minority member of the neighbourhood if the rumour blames the out-group
/// (and there is one), else any resident of `range` but the actor. One draw. no_index if nobody
/// else lives there.
std::uint32_t act_target(std::uint32_t actor, bool about_outgroup, resident_range range,
                         std::span<const resident_id> minority, stream& s) noexcept;

/// The incident a physical act becomes: a hate crime when the rumour blamed the out-group (an
/// offence motivated by hostility to the victim's group), else a minor offence (an assault or
/// damage).
constexpr incident_category incident_of_act(bool about_outgroup) noexcept {
    return about_outgroup ? incident_category::hate_crime : incident_category::minor_offence;
}

/// A physical act waiting to enter the next day's incidents.
struct pending_act {
    incident_category category = incident_category::minor_offence;
    std::uint32_t victim = no_index;
};

}  // namespace civicsim::models
