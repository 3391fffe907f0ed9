#pragma once
// Out-group suspicion (prejudice) and the "suspicious person" reports it drives.
//
// Prejudice starts from a Beta, moves by bounded-confidence encounters inside groups (Deffuant et
// al. 2000: about 1/(2 epsilon) opinion clusters, consensus for epsilon >= 0.5, Fortunato 2004)
// and is raised by fear. Fear times prejudice makes majority members report minority members as
// "suspicious persons"; a police intervention on such an innocent person costs trust across the
// whole targeted community of the neighbourhood. Every update keeps values in [0, 1].

#include <cstdint>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/random.hpp"

namespace civicsim::models {

/// A resident's initial prejudice: Beta with mean initial_mean and concentration
/// initial_concentration (alpha = m k, beta = (1 - m) k).
float initial_prejudice(stream& s, const prejudice_params& p);

/// One day of Deffuant bounded-confidence encounters inside one group: Poisson(
/// interactions_per_member * members.size()) encounters, each between two distinct members drawn
/// uniformly; if |x_i - x_j| < epsilon both move by mu times the gap towards the other (from the
/// values before the encounter, so a pair's sum is kept). Encounters run in draw order, so call
/// it once per group with that group's own stream. `members` index into `prejudice`.
void deffuant_day(std::span<const std::uint32_t> members, std::vector<float>& prejudice,
                  const prejudice_params& p, stream& s);

/// Fear raises prejudice and time brings it back: x + fear_effect * fear * (1 - x) +
/// decay * (initial_mean - x), clamped to [0, 1].
float after_fear(float prejudice, float fear, const prejudice_params& p) noexcept;

/// Whether a resident files a "suspicious person" report today: only majority members (community
/// 0) do, with probability suspicious_rate * fear * prejudice, and only if prejudice is enabled.
/// Always takes exactly one draw, whoever the resident is.
bool files_suspicious_report(float fear, float prejudice, std::uint8_t community,
                             const prejudice_params& p, stream& s);

/// The community a suspicious-person report describes: a minority (index >= 1) drawn in
/// proportion to the minority shares of `community_shares` (index 0 is the majority). Returns 0,
/// meaning "file nothing", when the neighbourhood has no minority. Always takes exactly one draw.
std::uint8_t target_of_suspicion(std::span<const double> community_shares, stream& s);

/// Trust of a member of a community after a police intervention on an innocent member of it:
/// max(0, trust - innocent_intervention_loss).
float after_innocent_intervention(float trust, const trust_params& p) noexcept;

}  // namespace civicsim::models
