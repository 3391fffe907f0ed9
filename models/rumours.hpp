#pragma once
// Rumours in a neighbourhood, Maki–Thompson style (Daley & Kendall 1965; Maki & Thompson 1973).
//
// The audience of a neighbourhood's rumour is its online residents (group members and social-media
// users), treated as well mixed. Contacts are processed one at a time: a uniform current spreader
// tells a uniform other member of the audience; an ignorant partner becomes a spreader, a partner
// who already knows (spreader or stifler) turns the initiator into a stifler. On a large
// well-mixed audience the share that never hears the rumour tends to 0.203 (Sudbury 1985). False
// rumours make `false_multiplier` times more contacts (Vosoughi, Roy & Aral 2018, 2nd), group
// facilitators can block contacts, and official online presence debunks spreaders.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"

namespace civicsim::models {

/// The current (or last) rumour of one neighbourhood.
struct rumour {
    bool active = false;
    bool is_false = false;
    bool about_outgroup = false;  ///< blames a minority community (false rumours only)
    std::uint32_t started_day = 0;
    std::uint32_t heard = 0;      ///< audience members who have heard it, the seed included
    std::uint32_t spreaders = 0;  ///< spreaders in the audience after the last update
};

/// Whether a new rumour starts in a neighbourhood today: only when none is active and rumours are
/// enabled, with daily probability start_rate * population / 10,000 / 30. A new rumour is false
/// with probability false_share and, if false, about the out-group with probability
/// outgroup_share. Draws from the neighbourhood's stream `s`; no draw when a rumour is active.
bool maybe_start_rumour(rumour& r, std::uint32_t population, std::uint32_t day,
                        const rumour_params& p, stream& s);

/// A resident is in the rumour audience when online: in a group or a social-media user.
constexpr bool in_rumour_audience(std::uint8_t flags, std::uint32_t group) noexcept {
    return group != no_index || (flags & resident_flag::social_media) != 0;
}

/// The audience of neighbourhood `range`: indices of its online residents, in index order.
void collect_audience(const residents& people, resident_range range,
                      std::vector<std::uint32_t>& out);

/// Seeds a rumour on its start day: every resident of `range` (and of `audience`) is reset to
/// ignorant, then one uniform audience member becomes the spreader. `states` is indexed by
/// resident index (the residents::rumour column). Returns the seed; with an empty audience nobody
/// hears it, the rumour ends (active = false) and nullopt is returned.
std::optional<std::uint32_t> seed_rumour(rumour& r, std::span<rumour_state> states,
                                         resident_range range,
                                         std::span<const std::uint32_t> audience, stream& s);

/// What one contact did.
enum class contact_result : std::uint8_t {
    none,       ///< the initiator was not a spreader: nothing happens
    converted,  ///< the ignorant partner became a spreader
    stifled,    ///< the partner already knew: the initiator became a stifler
};

/// The Maki–Thompson rules for one contact initiated by `initiator`.
contact_result meet(rumour_state& initiator, rumour_state& partner) noexcept;

/// Decides whether a contact (initiator, partner), as resident indices, is stopped by a
/// facilitator; empty means nothing is blocked. It is called once per contact, in a fixed order,
/// before the rules apply, so it may draw from a stream of its own.
using contact_filter = std::function<bool(std::uint32_t, std::uint32_t)>;

/// Summary of one day of spreading in one neighbourhood.
struct spread_day {
    std::uint32_t contacts = 0;  ///< contacts made (blocked ones included)
    std::uint32_t newly_heard = 0;
    std::uint32_t stopped_by_moderation = 0;
    std::uint32_t debunked = 0;
    bool ended = false;           ///< no spreader left: the rumour ended today
    std::uint32_t ended_day = 0;  ///< `day` when ended; time to debunk = ended_day - started_day
};

/// One day of spreading among `audience` (resident indices, distinct, well mixed); `states` is
/// indexed by resident index. The number of contacts is Poisson(contact_rate * m * spreaders in
/// the audience at the start of the day), m = false_multiplier for false rumours; each picks a
/// uniform current spreader and a uniform other audience member, and stops early if no spreader is
/// left. A blocked contact turns the initiator into a stifler. Then each spreader stops with
/// probability min(1, debunk_per_online_hour * online_hours_per_1000). An audience of fewer than
/// two has nobody to tell, so its spreaders stop. Residents who heard it today are written to
/// `newly_heard_out` (cleared first), in the order they heard it. Does nothing if `r` is inactive.
spread_day spread_rumour(rumour& r, std::span<rumour_state> states,
                         std::span<const std::uint32_t> audience, std::uint32_t day,
                         double online_hours_per_1000, const rumour_params& p, stream& s,
                         const contact_filter& blocked,
                         std::vector<std::uint32_t>& newly_heard_out);

}  // namespace civicsim::models
