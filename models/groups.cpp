#include "models/groups.hpp"

#include "models/clocks.hpp"
#include "models/streams.hpp"

#include <algorithm>
#include <cmath>

namespace civicsim::models {

namespace {

// The share of a facilitator's possible effect left after training and overload: L * (1 - O).
double effectiveness(const group& g, const moderation_params& p) noexcept {
    return training_level(g.training_hours, p) * (1.0 - overload_penalty(g.load, p.capacity));
}

}  // namespace

double training_level(double training_hours, const moderation_params& p) noexcept {
    if (training_hours <= 0.0) return 0.0;
    if (p.training_scale <= 0.0) return 1.0;
    return -std::expm1(-training_hours / p.training_scale);
}

double overload_penalty(double load, double capacity) noexcept {
    if (capacity <= 0.0) return 1.0;
    return std::clamp(load / capacity - 1.0, 0.0, 1.0);
}

double facilitator_quality(const group& g, const moderation_params& p) noexcept {
    if (!g.facilitated) return 0.0;
    const double fresh = 1.0 - std::clamp(g.burnout, 0.0, 1.0);
    return p.base_quality + (p.max_quality - p.base_quality) * effectiveness(g, p) * fresh;
}

double join_groups(residents& people, resident_range range, neighbourhood_id home,
                   group_registry& registry, std::uint32_t day, bool groups_live,
                   bool facilitators_live, const group_channel_params& channel,
                   const moderation_params& moderation, stream_key key,
                   std::vector<std::uint32_t>* joined) {
    const std::uint32_t fill_limit = std::min(channel.target_size, channel.size_cap);
    if (!groups_live || channel.size_cap == 0) return 0.0;
    if (registry.by_neighbourhood.size() <= index(home))
        registry.by_neighbourhood.resize(index(home) + std::size_t{1});

    const auto join_hazard = static_cast<float>(channel.join_rate / days_per_year);
    double hours = 0.0;
    // Groups fill in creation order and never empty, so every group before `open` is full: the
    // search for a free place resumes where the last joiner found one.
    std::size_t open = 0;
    const auto join = [&](std::uint32_t i) {
        people.join_clock[i] = retired_clock;
        stream s = streams::group_joining.open(key, day, i);

        auto& ids = registry.by_neighbourhood[index(home)];
        while (open < ids.size() && registry.groups[ids[open]].members >= fill_limit) ++open;
        if (open == ids.size()) {
            group opened;
            opened.home = home;
            if (facilitators_live && s.bernoulli(moderation.facilitated_share)) {
                opened.facilitated = true;
                opened.facilitator = i;
                opened.training_hours = moderation.training_hours;
                people.flags[i] |= resident_flag::facilitator;
                hours += moderation.training_hours;
            }
            ids.push_back(static_cast<std::uint32_t>(registry.groups.size()));
            registry.groups.push_back(opened);
        }
        ++registry.groups[ids[open]].members;
        people.group[i] = ids[open];
        if (joined != nullptr) joined->push_back(i);
    };
    // A member's join clock is retired, so only the literate need picking out.
    static_assert(resident_flag::literate == 1, "the bit is used as a 0/1 factor");
    const std::uint8_t* const flags = people.flags.data() + range.begin;
    spend_run(
        people.join_clock.data() + range.begin, range.size(),
        [&](std::size_t k) {
            return join_hazard * static_cast<float>(flags[k] & resident_flag::literate);
        },
        [&](std::size_t k) { join(range.begin + static_cast<std::uint32_t>(k)); });
    return hours;
}

report_status moderate(incident_category category, const group& g, const moderation_params& p,
                       stream& s) {
    const bool acts = s.bernoulli(facilitator_quality(g, p));
    if (!g.facilitated) return report_status::filed;
    if (is_police_matter(category)) return acts ? report_status::filed : report_status::moderated;
    if (category == incident_category::public_service)
        return acts ? report_status::routed_municipal : report_status::filed;
    return acts ? report_status::moderated : report_status::filed;  // suspicious person
}

bool stops_rumour(const group& g, const moderation_params& p, stream& s) {
    const bool stops = s.bernoulli(p.rumour_stop * effectiveness(g, p));
    return g.facilitated && stops;
}

bool removes_shaming(const group& g, const moderation_params& p, stream& s) {
    const bool removes = s.bernoulli(p.shaming_removal * effectiveness(g, p));
    return g.facilitated && removes;
}

bool end_facilitator_day(group& g, double messages, const moderation_params& p) noexcept {
    g.load = messages;
    if (!g.facilitated) return false;
    const bool overloaded = p.capacity <= 0.0 ? messages > 0.0 : messages > p.capacity;
    const double overload = p.capacity <= 0.0 ? 1.0 : messages / p.capacity - 1.0;
    g.burnout = overloaded ? g.burnout + p.burnout_rate * overload : g.burnout - p.recovery_rate;
    g.burnout = std::clamp(g.burnout, 0.0, 1.0);
    if (g.burnout < 1.0) return false;
    g.facilitated = false;
    g.burnout = 0.0;
    g.training_hours = 0.0;
    return true;
}

namespace {

/// A member of a facilitated group with training level `level` may become a volunteer.
void recruit_volunteer(residents& people, std::uint32_t i, double level, std::uint32_t day,
                       const moderation_params& p, stream_key key) {
    if ((people.flags[i] & resident_flag::volunteer) != 0) return;
    stream s = streams::volunteering.open(key, day, i);
    if (s.bernoulli(p.volunteer_rate * level)) people.flags[i] |= resident_flag::volunteer;
}

}  // namespace

double group_activities(residents& people, resident_range range, const group_registry& registry,
                        std::uint32_t population, std::uint32_t day, const moderation_params& p,
                        stream_key key) {
    double trained_members = 0.0;  // sum over members of facilitated groups of their L
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        const auto id = people.group[i];
        if (id == no_index || !registry.groups[id].facilitated) continue;
        const double level = training_level(registry.groups[id].training_hours, p);
        trained_members += level;
        recruit_volunteer(people, i, level, day, p, key);
    }
    if (population == 0) return 0.0;
    return p.cohesion_gain * trained_members / population;
}

double group_activities(residents& people, std::span<const std::vector<std::uint32_t>> members,
                        const group_registry& registry, std::uint32_t population, std::uint32_t day,
                        const moderation_params& p, stream_key key) {
    double trained_members = 0.0;
    for (std::size_t g = 0; g < members.size(); ++g) {
        if (!registry.groups[g].facilitated) continue;
        const double level = training_level(registry.groups[g].training_hours, p);
        trained_members += level * static_cast<double>(members[g].size());
        for (const auto i : members[g]) recruit_volunteer(people, i, level, day, p, key);
    }
    if (population == 0) return 0.0;
    return p.cohesion_gain * trained_members / population;
}

double answered_trust_gain(const group& g, const moderation_params& p) noexcept {
    if (!g.facilitated) return 0.0;
    return p.answer_trust_gain * effectiveness(g, p);
}

}  // namespace civicsim::models
