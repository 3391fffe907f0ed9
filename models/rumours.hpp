#pragma once
// Rumours in a neighbourhood: Maki–Thompson contacts (Daley & Kendall 1965; Maki & Thompson 1973)
// over the neighbourhood's contact structure (docs/ODD.md §7.12).
//
// Network (behaviour.rumours.structure = "network", the default). A spreader passes the rumour on
// through three channels:
// - social media: once, on their first day of spreading, a user posts it; the post is seen by the
//   user's followers in the neighbourhood, whose number is heavy-tailed (Lomax; Kwak et al. 2010
//   on follower counts);
// - their group, if they are in one: once, on the same day, a post that every member reads
//   (WhatsApp-style), unless the group's facilitator stops it;
// - word of mouth: every day, a few contacts with other residents of the neighbourhood, online or
//   not, with Maki–Thompson's rule (a spreader who meets someone who already knows stops).
// Whoever hears it passes it on with the share probability (false_multiplier times more for a
// false rumour: Vosoughi, Roy & Aral 2018), else keeps it to themselves; spreaders forget at a
// daily rate. Most rumours die within a few generations and a few reach far (Goel et al. 2016).
// The follower network is implicit: a user's follower count and k-th follower are the draws of a
// counter-based stream keyed by that user alone, so the network is the same every day, nothing is
// stored per link, and only the followers of those who post are ever drawn.
//
// Official debunking (network): the police see each public post about a false rumour with a
// probability growing with officers' online hours per 1,000 residents; on the day they first see
// one they post a correction, read by the share of social-media users who follow the police:
// those among the current spreaders stop, and those who have not heard it yet will not believe it
// (they are immunised: when told they count as knowing, and never as reached).
//
// Well mixed (structure = "well_mixed"): the rumour's audience is the neighbourhood's online
// residents (group members and social-media users), fixed at its start; every contact is with a
// uniform other member of the audience, every hearer spreads, nobody forgets, false rumours make
// false_multiplier times more contacts, facilitators can block any contact and official online
// presence debunks each spreader with a daily probability. This is Maki–Thompson's process: on a
// large audience the share that never hears tends to 0.203 (Sudbury 1985).

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/streams.hpp"

namespace civicsim::models {

/// The current (or last) rumour of one neighbourhood.
struct rumour {
    bool active = false;
    bool is_false = false;
    bool about_outgroup = false;  ///< blames a minority community (false rumours only)
    bool detected = false;        ///< network: the police saw it and posted a correction
    std::uint32_t started_day = 0;
    std::uint32_t detected_day = 0;  ///< when `detected`
    std::uint32_t heard = 0;         ///< residents who have heard it, the seed included
    std::uint32_t spreaders = 0;     ///< current spreaders, after the last update
};

/// A reach above this share of the neighbourhood's residents counts as far (outcome
/// rumours_far_share): Vosoughi, Roy & Aral's false cascades that reached thousands of people
/// against truth that rarely did, at the scale of a neighbourhood.
inline constexpr double far_reach_share = 0.1;

/// A current spreader, and whether they have posted the rumour yet (network: posts go out once,
/// on the first day a resident spreads it).
struct spreader_entry {
    std::uint32_t resident = 0;
    bool posted = false;
    bool operator==(const spreader_entry&) const = default;
};

/// The spreaders of a neighbourhood's current rumour, carried from one day to the next, in the
/// order they started; whoever started today spreads from tomorrow.
struct rumour_spread {
    std::vector<spreader_entry> spreaders;
};

/// The spreaders among `audience` (resident indices), in that order, none of whom has posted:
/// for a rumour whose states were set by hand.
rumour_spread spreaders_among(std::span<const rumour_state> states,
                              std::span<const std::uint32_t> audience);

/// Whether a new rumour starts in a neighbourhood today: only when none is active and rumours are
/// enabled, with daily probability start_rate * population / 10,000 / 30. A new rumour is false
/// with probability false_share and, if false, about the out-group with probability
/// outgroup_share. Draws from the neighbourhood's stream `s`; no draw when a rumour is active.
bool maybe_start_rumour(rumour& r, std::uint32_t population, std::uint32_t day,
                        const rumour_params& p, stream& s);

/// A resident is in the well-mixed audience when online: in a group or a social-media user.
constexpr bool in_rumour_audience(std::uint8_t flags, std::uint32_t group) noexcept {
    return group != no_index || (flags & resident_flag::social_media) != 0;
}

/// Well mixed: the audience of neighbourhood `range`, its online residents, in index order.
void collect_audience(const residents& people, resident_range range,
                      std::vector<std::uint32_t>& out);

/// Well mixed: seeds a rumour on its start day. Every resident of `range` (and of `audience`) is
/// reset to ignorant, then one uniform audience member becomes the spreader. `states` is indexed
/// by resident index (the residents::rumour column). Returns the seed; with an empty audience
/// nobody hears it, the rumour ends (active = false) and nullopt is returned.
std::optional<std::uint32_t> seed_rumour(rumour& r, rumour_spread& spread,
                                         std::span<rumour_state> states, resident_range range,
                                         std::span<const std::uint32_t> audience, stream& s);

/// Network: seeds a rumour on its start day. The residents of `reached` (those the last rumour
/// reached) are reset to ignorant and the list cleared; one uniform resident of `range`, online
/// or not, becomes the spreader and the first of `reached`. Returns the seed; nullopt (and the
/// rumour ends) when `range` is empty.
std::optional<std::uint32_t> seed_network_rumour(rumour& r, rumour_spread& spread,
                                                 std::span<rumour_state> states,
                                                 resident_range range,
                                                 std::vector<std::uint32_t>& reached, stream& s);

/// What one contact did.
enum class contact_result : std::uint8_t {
    none,       ///< the initiator was not a spreader: nothing happens
    converted,  ///< the ignorant partner became a spreader
    stifled,    ///< the partner already knew: the initiator became a stifler
};

/// The Maki–Thompson rules for one contact initiated by `initiator`.
contact_result meet(rumour_state& initiator, rumour_state& partner) noexcept;

/// A neighbourhood's contact structure, as the rumour sees it: nothing is stored per link.
struct contact_structure {
    resident_range range;                 ///< word of mouth: any other resident of the range
    std::span<const std::uint8_t> flags;  ///< residents.flags, indexed by resident
    /// Social-media users in `range`; 0 when the channel is off: nobody posts or follows.
    std::uint32_t social_media_users = 0;
    std::span<const std::uint32_t> group_of;              ///< residents.group (empty: no groups)
    std::span<const std::vector<std::uint32_t>> members;  ///< each group's members
    stream_key key;                                       ///< keys the follower network

    bool posts(std::uint32_t resident) const noexcept {
        return social_media_users > 1 && (flags[resident] & resident_flag::social_media) != 0;
    }
};

/// The neighbourhood users who see one post of a user: a Lomax (Pareto II) draw with scale
/// followers_scale and tail exponent followers_exponent (P(X > x) = (1 + x / scale)^-(exponent -
/// 1)), rounded down and at most `users` - 1. `u` is a uniform draw in [0, 1).
std::uint32_t follower_count(double u, std::uint32_t users, const rumour_params& p) noexcept;

/// Whether social-media user `resident` follows the police account (share police_follower_share):
/// the second draw of the resident's follower stream; false for a resident who does not post.
bool follows_police(std::uint32_t resident, const contact_structure& c, const rumour_params& p);

/// Calls f(follower) for each neighbourhood user who sees a post of `user` (who must post): the
/// follower count is the first draw of the user's stream streams::followers (day word 0, so the
/// same on every day), the police-follower draw the second, and each follower a uniform other
/// social-media user of the range, drawn from the range until one is found (at most 64 tries: with
/// the smallest use share of the defaults, 0.3, a miss has probability 1e-10). Followers are drawn
/// with replacement, as in a configuration model: a rare repeat is a second sight of one post.
template <class F>
void for_each_follower(std::uint32_t user, const contact_structure& c, const rumour_params& p,
                       F&& f) {
    auto s = streams::followers.open(c.key, 0, user);
    const auto count = follower_count(s.uniform(), c.social_media_users, p);
    s();  // the police-follower draw
    const std::uint32_t n = c.range.size();
    for (std::uint32_t k = 0; k < count; ++k)
        for (int tries = 0; tries < 64; ++tries) {
            const auto j = c.range.begin + static_cast<std::uint32_t>(s.below(n));
            if (j != user && (c.flags[j] & resident_flag::social_media) != 0) {
                f(j);
                break;
            }
        }
}

/// Well mixed: decides whether a contact (initiator, partner), as resident indices, is stopped by
/// a facilitator; empty means nothing is blocked. Called once per contact, in a fixed order,
/// before the rules apply, so it may draw from a stream of its own.
using contact_filter = std::function<bool(std::uint32_t, std::uint32_t)>;
/// Network: decides whether the facilitator of group `group` stops `spreader`'s post to it;
/// empty means never. Called once per group post, in a fixed order.
using group_post_filter = std::function<bool(std::uint32_t spreader, std::uint32_t group)>;

/// What facilitators do to a rumour: on contacts when well mixed, on group posts in a network.
struct rumour_moderation {
    contact_filter contact;
    group_post_filter group_post;
};

/// Summary of one day of spreading in one neighbourhood.
struct spread_day {
    std::uint32_t contacts = 0;      ///< word-of-mouth (well mixed: all) contacts, blocked included
    std::uint32_t public_posts = 0;  ///< network: spreaders who posted on social media today
    std::uint32_t group_posts = 0;   ///< network: posts to groups, stopped ones included
    std::uint32_t newly_heard = 0;
    std::uint32_t immunised = 0;  ///< told after the correction, by a follower of the police
    std::uint32_t stopped_by_moderation = 0;
    std::uint32_t forgot = 0;
    std::uint32_t debunked = 0;   ///< spreaders stopped by the police
    bool detected = false;        ///< network: the police saw the rumour today and corrected it
    bool ended = false;           ///< no spreader left: the rumour ended today
    std::uint32_t ended_day = 0;  ///< `day` when ended; time to debunk = ended_day - started_day
};

/// One day of spreading of `r` (nothing if it is inactive); `states` is indexed by resident.
///
/// Network: each spreader at the start of the day, in order, (1) if they have not posted yet,
/// posts once: to their followers if they use social media (for_each_follower), and to their
/// group if they are in one, unless moderation.group_post stops it, which makes them a stifler;
/// (2) makes Poisson(contact_rate) word-of-mouth contacts, each with a uniform other resident of
/// the range; a partner who already knows (or is immunised) makes them a stifler; (3) forgets
/// (stifler) with probability forget_rate. Whoever hears it (was ignorant) is reached: counted in
/// r.heard, appended to `audience` and to `newly_heard_out`, and becomes a spreader from tomorrow
/// with probability min(1, share_probability * m), m = false_multiplier for a false rumour, else
/// a stifler. After the correction, a follower of the police who is told becomes a stifler
/// without being reached (appended to `audience` only). Then, for a false rumour not yet
/// detected, the police detect it with probability 1 - exp(-detection_per_online_hour *
/// online_hours_per_1000 * public posts today); on detection every spreader who follows the police
/// stops. A range of fewer than two residents has nobody to tell: its spreaders stop.
///
/// Well mixed: `audience` is the rumour's audience (distinct residents), read only. Each spreader
/// at the start of the day makes Poisson(contact_rate * m) contacts, each with a uniform other
/// audience member; moderation.contact may block one, which makes the initiator a stifler;
/// otherwise Maki–Thompson (`meet`): every hearer becomes a spreader. Then every spreader stops
/// with probability min(1, debunk_per_online_hour * online_hours_per_1000). An audience of fewer
/// than two has nobody to tell, so its spreaders stop.
///
/// Residents who heard it today are written to `newly_heard_out` (cleared first), in the order
/// they heard it; r.spreaders counts the spreaders left.
spread_day spread_rumour(rumour& r, rumour_spread& spread, std::span<rumour_state> states,
                         std::vector<std::uint32_t>& audience, const contact_structure& structure,
                         std::uint32_t day, double online_hours_per_1000, const rumour_params& p,
                         stream& s, const rumour_moderation& moderation,
                         std::vector<std::uint32_t>& newly_heard_out);

}  // namespace civicsim::models
