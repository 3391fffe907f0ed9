#pragma once
// Out-group suspicion (prejudice) and the "suspicious person" reports it drives.
//
// Prejudice starts from a Beta, moves by bounded-confidence encounters inside groups (Deffuant et
// al. 2000: about 1/(2 epsilon) opinion clusters, consensus for epsilon >= 0.5, Fortunato 2004)
// and is raised by fear. Fear times prejudice makes majority members report minority members as
// "suspicious persons"; a police stop of such an innocent person is a bad contact for them and
// costs trust among those of their community who hear of it. Every update keeps values in [0, 1].

#include <algorithm>
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
/// In float, like the state: this runs for every resident every day, four at a time.
inline float after_fear(float prejudice, float fear, const prejudice_params& p) noexcept {
    const float x = prejudice;
    return clamp_unit(x + static_cast<float>(p.fear_effect) * fear * (1.0F - x) +
                      static_cast<float>(p.decay) * (static_cast<float>(p.initial_mean) - x));
}

/// Where after_fear settles a resident drawn at `drawn` with steady fear `fear`: the fixed point
/// of x = x + fear_effect fear (1 - x) + decay (m - x), shifted by the resident's own draw,
/// (fear_effect fear + decay drawn) / (fear_effect fear + decay). Its mean over residents is the
/// fixed point's, so prejudice starts where the model keeps it rather than drifting there.
inline float settled_prejudice(float drawn, float fear, const prejudice_params& p) noexcept {
    const double push = p.fear_effect * fear;
    const double total = push + p.decay;
    return total > 0.0 ? clamp_unit(static_cast<float>((push + p.decay * drawn) / total)) : drawn;
}

/// The daily hazard of a "suspicious person" report: suspicious_rate * fear * prejudice for a
/// majority member (community 0), 0 for everyone else and when prejudice is disabled. A resident
/// files a report on a day with probability 1 - exp(-hazard) (about the hazard itself at the small
/// rates the model uses), spent from their suspicion_clock (models/clocks.hpp).
inline float suspicion_hazard(float fear, float prejudice, std::uint8_t community,
                              const prejudice_params& p) noexcept {
    // A product, not a branch on the community: see spend_if in models/clocks.hpp.
    const float rate = p.enabled ? static_cast<float>(p.suspicious_rate) : 0.0F;
    return rate * fear * prejudice * static_cast<float>(community == 0);
}

/// The community a suspicious-person report describes: a minority (index >= 1) drawn in
/// proportion to the minority shares of `community_shares` (index 0 is the majority). Returns 0,
/// meaning "file nothing", when the neighbourhood has no minority. Always takes exactly one draw.
std::uint8_t target_of_suspicion(std::span<const double> community_shares, stream& s);

}  // namespace civicsim::models
