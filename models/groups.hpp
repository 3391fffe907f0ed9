#pragma once
// Neighbourhood chat groups and the police-trained residents who facilitate them (FA-TAMTAM,
// DESIGN.md §3 step 5): joining, moderation of members' reports, stopping rumours and shaming
// posts, load and burnout, and the activities that build cohesion and recruit volunteers.
//
// Notation used below, for a group g and moderation parameters p:
//   L = training_level(g.training_hours, p)           = 1 - exp(-training_hours / training_scale)
//   O = overload_penalty(g.load, p.capacity)          = min(1, max(0, load / capacity - 1))
//   q = facilitator_quality(g, p)                     = base + (max - base) L (1 - O) (1 - burnout)
// An unfacilitated group (an open chat) has no facilitator, so nothing it does depends on L or q.

#include <cstdint>
#include <span>
#include <vector>

#include "models/parameters.hpp"
#include "models/population.hpp"
#include "models/random.hpp"
#include "models/types.hpp"

namespace civicsim::models {

/// One neighbourhood chat group.
struct group {
    neighbourhood_id home{};
    std::uint32_t members = 0;
    bool facilitated = false;       ///< has a facilitator
    std::uint32_t facilitator = 0;  ///< resident index; valid when facilitated (kept after a quit)
    double training_hours = 0.0;    ///< hours of training its facilitator received
    double burnout = 0.0;           ///< [0, 1]
    double load = 0.0;              ///< messages received on the last day

    friend bool operator==(const group&, const group&) = default;
};

/// All groups of the city. Ids are indices into `groups`, so they depend on the order in which
/// groups were opened: the engine opens them serially, in neighbourhood order.
struct group_registry {
    std::vector<group> groups;
    /// Group ids per neighbourhood, in creation order.
    std::vector<std::vector<std::uint32_t>> by_neighbourhood;

    friend bool operator==(const group_registry&, const group_registry&) = default;
};

/// The group channel is switched on and launched on `day` (rollout phases may still gate it).
constexpr bool group_channel_live(const group_channel_params& channel, std::uint32_t day) noexcept {
    return channel.enabled && day >= channel.launch_day;
}

/// Training level L in [0, 1]: 1 - exp(-training_hours / training_scale) (0 for no hours; 1 for
/// any hours when training_scale <= 0).
double training_level(double training_hours, const moderation_params& p) noexcept;

/// Overload penalty O in [0, 1]: min(1, max(0, load / capacity - 1)), i.e. 0 up to capacity and 1
/// from twice the capacity (1 for any load when capacity <= 0).
double overload_penalty(double load, double capacity) noexcept;

/// A facilitator's precision and recall today, from yesterday's load:
/// q = base_quality + (max_quality - base_quality) * L * (1 - O) * (1 - burnout).
/// Training, overload and burnout scale only the gain over an untrained facilitator, so
/// base_quality <= q <= max_quality. 0 for an unfacilitated group.
double facilitator_quality(const group& g, const moderation_params& p) noexcept;

/// One day of joining for the residents [range) of neighbourhood `home`. When `groups_live`, each
/// literate resident not in a group joins with probability 1 - exp(-join_rate / days_per_year):
/// an exponential clock (models/clocks.hpp) that spends join_rate / days_per_year a day from the
/// resident's join_clock, drawing nothing until they join. Joiners are placed, in resident order,
/// into the neighbourhood's first group (in creation order) with fewer than
/// min(target_size, size_cap) members; if there is none, the joiner opens a new group and, when
/// `facilitators_live`, becomes its facilitator with probability facilitated_share (a draw from
/// streams::group_joining): it gets resident_flag::facilitator and the group
/// training_hours = moderation.training_hours. Nobody joins when size_cap is 0 or when
/// !groups_live (no draws then). Mutates the shared registry: call serially, once per
/// neighbourhood with its full range, in neighbourhood order. Returns the training hours given
/// today (their cost is hours * cost_per_training_hour).
/// When `joined` is given, today's joiners are appended to it in the order they joined.
double join_groups(residents& people, resident_range range, neighbourhood_id home,
                   group_registry& registry, std::uint32_t day, bool groups_live,
                   bool facilitators_live, const group_channel_params& channel,
                   const moderation_params& moderation, stream_key key,
                   std::vector<std::uint32_t>* joined = nullptr);

/// What a group does with a member's report (DESIGN §3 step 5), with q = facilitator_quality:
/// police matters are forwarded (report_status::filed) with probability q, else dropped
/// (moderated); public-service issues are routed_municipal with probability q, else forwarded;
/// suspicious-person reports are moderated with probability q, else forwarded. An unfacilitated
/// group forwards everything. Always exactly one draw from `s`.
report_status moderate(incident_category category, const group& g, const moderation_params& p,
                       stream& s);

/// The facilitator stops a rumour in the group today: probability rumour_stop * L * (1 - O);
/// false for an unfacilitated group. Always exactly one draw from `s`.
bool stops_rumour(const group& g, const moderation_params& p, stream& s);

/// The facilitator removes a shaming post today: probability shaming_removal * L * (1 - O);
/// false for an unfacilitated group. Always exactly one draw from `s`.
bool removes_shaming(const group& g, const moderation_params& p, stream& s);

/// End of day for a group: load = messages (members * messages_per_member + reports + rumour and
/// shaming posts, computed by the caller). For a facilitated group, burnout += burnout_rate *
/// (load / capacity - 1) when load > capacity, else burnout -= recovery_rate, clamped to [0, 1].
/// At burnout >= 1 the facilitator quits: the group becomes unfacilitated, its burnout and
/// training hours reset to 0, and g.facilitator still names the resident so that the caller can
/// clear their resident_flag::facilitator. Returns true when the facilitator quit today.
bool end_facilitator_day(group& g, double messages, const moderation_params& p) noexcept;

/// Activities of the facilitated groups for one neighbourhood-day, over the neighbourhood's full
/// range. Returns the cohesion gain
///   cohesion_gain * (members of facilitated groups / population) * mean L,
/// where the mean of the facilitators' training levels is weighted by their groups' members
/// found in [range), i.e. cohesion_gain * (sum over those members of their facilitator's L) /
/// population; 0 when population is 0. Recruits volunteers: each member of a facilitated group
/// who is not yet a volunteer becomes one with probability volunteer_rate * L, drawn from
/// streams::volunteering.
double group_activities(residents& people, resident_range range, const group_registry& registry,
                        std::uint32_t population, std::uint32_t day, const moderation_params& p,
                        stream_key key);

/// The same, over the members of each group of the registry as listed in members[g]: for the
/// daily loop, which then looks at no resident outside a group. The gain is the same up to
/// rounding (a group's members count times its level here, each member's level added above).
double group_activities(residents& people, std::span<const std::vector<std::uint32_t>> members,
                        const group_registry& registry, std::uint32_t population, std::uint32_t day,
                        const moderation_params& p, stream_key key);

/// Trust gained by each member of a group when a report posted in it is answered, the facilitator
/// having followed it up: answer_trust_gain * L * (1 - O); 0 for an unfacilitated group.
double answered_trust_gain(const group& g, const moderation_params& p) noexcept;

}  // namespace civicsim::models
