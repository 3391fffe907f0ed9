#pragma once
// Decidim/CitizenLab-style consultations: every period_days residents may take part; participants
// ask for patrols where they are afraid, and the last vote steers part of the patrol hours.
// Taking part gains trust. Access follows the app's gates (digital skills, adoption, language);
// outreach raises participation of the age bands or residents without skills it targets.

#include <cstdint>
#include <vector>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/types.hpp"

namespace civicsim::models {

/// Consultations fall on `day` (day > 0 and day % period_days == 0) wherever they are switched on;
/// whether a neighbourhood holds them is its local policy (models/rollout.hpp).
bool consultation_day(std::uint32_t day, const participation_params& p) noexcept;

/// The outreach of consultations reaches this resident: their band is in
/// outreach_age_band_mask, or outreach_low_literacy is set and they lack digital skills.
bool reached_by_outreach(age_band a, bool literate, const participation_params& p) noexcept;

/// P(take part) = base_rate * age_factor[a]
///              * (literate && app_user && language_supported ? 1 : offline_factor)
///              * (reached by outreach ? outreach_boost : 1), clamped to [0, 1].
double participation_probability(age_band a, bool literate, bool app_user, bool language_supported,
                                 const participation_params& p) noexcept;

/// The result of one consultation, per neighbourhood.
struct vote {
    std::vector<double> weight;               ///< sum of participants' fear
    std::vector<std::uint32_t> participants;  ///< number of participants
};

/// An empty vote for `neighbourhoods` neighbourhoods; size it before calling take_part for
/// several neighbourhoods in parallel.
vote empty_vote(std::size_t neighbourhoods);

/// One consultation for residents [range.begin, range.end) of neighbourhood `home`: each takes
/// part with participation_probability (one draw each, from
/// streams::consultation); "app user" is the adopter flag and the language is supported when it is
/// in `supported_languages`. A participant adds their fear to out.weight[home], counts in
/// out.participants[home] and gains trust_gain (trust capped at 1). Adds to `out`, so a range
/// split in parts gives the same vote; throws std::out_of_range if `out` has no entry for `home`.
void take_part(residents& people, resident_range range, neighbourhood_id home, std::uint32_t day,
               const std::vector<std::uint8_t>& supported_languages, const parameters& params,
               stream_key key, vote& out);

/// Patrol shares steered by the last vote: (1 - v) * allocation + v * weight / sum(weight), with
/// v = patrol_vote_share clamped to [0, 1]. The allocation is returned unchanged when there has
/// been no vote (empty weights) or every weight is 0. Sums to 1 when the allocation does.
/// Throws std::invalid_argument when a non-empty vote covers a different number of
/// neighbourhoods than the allocation.
std::vector<double> blend_patrol_shares(const std::vector<double>& allocation_shares,
                                        const vote& last_vote, double patrol_vote_share);

}  // namespace civicsim::models
