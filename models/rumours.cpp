#include "models/rumours.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/poisson_distribution.hpp>

namespace civicsim::models {

namespace {

std::uint32_t poisson(double mean, stream& s) {
    if (!(mean > 0.0)) return 0;
    return static_cast<std::uint32_t>(boost::random::poisson_distribution<int, double>(mean)(s));
}

}  // namespace

rumour_spread spreaders_among(std::span<const rumour_state> states,
                              std::span<const std::uint32_t> audience) {
    rumour_spread out;
    for (const auto i : audience)
        if (states[i] == rumour_state::spreader) out.spreaders.push_back({i, false});
    return out;
}

bool maybe_start_rumour(rumour& r, std::uint32_t population, std::uint32_t day,
                        const rumour_params& p, stream& s) {
    if (!p.enabled || r.active) return false;
    const double daily = p.start_rate * population / 10'000.0 / 30.0;
    if (!s.bernoulli(daily)) return false;
    r = rumour{};
    r.active = true;
    r.started_day = day;
    r.is_false = s.bernoulli(p.false_share);
    // One draw either way, so a rumour's truth never shifts the draws that follow.
    const bool blames_outgroup = s.bernoulli(p.outgroup_share);
    r.about_outgroup = r.is_false && blames_outgroup;
    return true;
}

void collect_audience(const residents& people, resident_range range,
                      std::vector<std::uint32_t>& out) {
    out.clear();
    for (std::uint32_t i = range.begin; i < range.end; ++i)
        if (in_rumour_audience(people.flags[i], people.group[i])) out.push_back(i);
}

std::optional<std::uint32_t> seed_rumour(rumour& r, rumour_spread& spread,
                                         std::span<rumour_state> states, resident_range range,
                                         std::span<const std::uint32_t> audience, stream& s) {
    // The whole neighbourhood, not only today's audience, so that residents who come online later
    // do not carry the state of an earlier rumour.
    for (std::uint32_t i = range.begin; i < range.end; ++i) states[i] = rumour_state::ignorant;
    for (const auto i : audience) states[i] = rumour_state::ignorant;
    spread.spreaders.clear();
    if (audience.empty()) {
        r.active = false;
        r.heard = 0;
        r.spreaders = 0;
        return std::nullopt;
    }
    const auto seed = audience[s.below(audience.size())];
    states[seed] = rumour_state::spreader;
    spread.spreaders.push_back({seed, false});
    r.heard = 1;
    r.spreaders = 1;
    return seed;
}

std::optional<std::uint32_t> seed_network_rumour(rumour& r, rumour_spread& spread,
                                                 std::span<rumour_state> states,
                                                 resident_range range,
                                                 std::vector<std::uint32_t>& reached, stream& s) {
    // Only those the last rumour reached carry its state: no pass over the neighbourhood.
    for (const auto i : reached) states[i] = rumour_state::ignorant;
    reached.clear();
    spread.spreaders.clear();
    if (range.size() == 0) {
        r.active = false;
        r.heard = 0;
        r.spreaders = 0;
        return std::nullopt;
    }
    const auto seed = range.begin + static_cast<std::uint32_t>(s.below(range.size()));
    states[seed] = rumour_state::spreader;
    reached.push_back(seed);
    spread.spreaders.push_back({seed, false});
    r.heard = 1;
    r.spreaders = 1;
    return seed;
}

contact_result meet(rumour_state& initiator, rumour_state& partner) noexcept {
    if (initiator != rumour_state::spreader) return contact_result::none;
    if (partner == rumour_state::ignorant) {
        partner = rumour_state::spreader;
        return contact_result::converted;
    }
    initiator = rumour_state::stifler;
    return contact_result::stifled;
}

std::uint32_t follower_count(double u, std::uint32_t users, const rumour_params& p) noexcept {
    if (users < 2) return 0;
    const double cap = static_cast<double>(users - 1);
    // Lomax by inversion: 1 - u is in (0, 1], so the power is finite and at least 1.
    const double x =
        p.followers_scale * (std::pow(1.0 - u, -1.0 / (p.followers_exponent - 1.0)) - 1.0);
    if (!(x < cap)) return users - 1;  // NaN included
    return static_cast<std::uint32_t>(std::max(0.0, x));
}

bool follows_police(std::uint32_t resident, const contact_structure& c, const rumour_params& p) {
    if (!c.posts(resident)) return false;
    auto s = streams::followers.open(c.key, 0, resident);
    s();  // the follower count
    return s.bernoulli(p.police_follower_share);
}

spread_day spread_rumour(rumour& r, rumour_spread& spread, std::span<rumour_state> states,
                         std::vector<std::uint32_t>& audience, const contact_structure& structure,
                         std::uint32_t day, double online_hours_per_1000, const rumour_params& p,
                         stream& s, const rumour_moderation& moderation,
                         std::vector<std::uint32_t>& newly_heard_out) {
    newly_heard_out.clear();
    spread_day out;
    if (!r.active) return out;

    const bool network = p.structure == rumour_structure::network;
    const double multiplier = r.is_false ? p.false_multiplier : 1.0;
    const double pass_on = std::clamp(p.share_probability * multiplier, 0.0, 1.0);
    const double rate = network ? p.contact_rate : p.contact_rate * multiplier;
    // Those who can be told: the range in a network, the audience when well mixed.
    const std::uint32_t n =
        network ? structure.range.size() : static_cast<std::uint32_t>(audience.size());

    std::vector<spreader_entry> still;  // spreaders at the start of the day who carry on
    std::vector<spreader_entry> fresh;  // those who start today: they spread from tomorrow
    still.reserve(spread.spreaders.size());

    // `j` is told. Returns true when they already knew, or would not believe it: the teller's
    // Maki–Thompson stop, for a contact.
    const auto tell = [&](std::uint32_t j) {
        if (states[j] != rumour_state::ignorant) return true;
        if (network && r.detected && follows_police(j, structure, p)) {
            states[j] = rumour_state::stifler;
            audience.push_back(j);
            ++out.immunised;
            return true;
        }
        ++r.heard;
        ++out.newly_heard;
        newly_heard_out.push_back(j);
        if (network) {
            audience.push_back(j);
            if (!s.bernoulli(pass_on)) {
                states[j] = rumour_state::stifler;
                return false;
            }
        }
        states[j] = rumour_state::spreader;
        fresh.push_back({j, false});
        return false;
    };
    // A uniform other resident (network) or audience member (well mixed) than `i`.
    const auto partner_of = [&](std::uint32_t i) {
        if (network) {
            auto j = structure.range.begin + static_cast<std::uint32_t>(s.below(n - 1));
            if (j >= i) ++j;
            return j;
        }
        const auto k = static_cast<std::size_t>(s.below(n - 1));
        return audience[k] == i ? audience[n - 1] : audience[k];
    };

    for (auto entry : spread.spreaders) {
        const auto i = entry.resident;
        if (n < 2) {  // nobody to tell
            states[i] = rumour_state::stifler;
            continue;
        }
        bool stopped = false;
        if (network && !entry.posted) {
            entry.posted = true;
            if (structure.posts(i)) {
                ++out.public_posts;
                for_each_follower(i, structure, p, [&](std::uint32_t j) { tell(j); });
            }
            const auto g = structure.group_of.empty() ? no_index : structure.group_of[i];
            if (g != no_index && g < structure.members.size()) {
                ++out.group_posts;
                if (moderation.group_post && moderation.group_post(i, g)) {
                    stopped = true;
                    ++out.stopped_by_moderation;
                } else {
                    for (const auto j : structure.members[g])
                        if (j != i) tell(j);
                }
            }
        }
        if (!stopped) {
            const auto contacts = poisson(rate, s);
            for (std::uint32_t c = 0; c < contacts; ++c) {
                ++out.contacts;
                const auto j = partner_of(i);
                if (!network && moderation.contact && moderation.contact(i, j)) {
                    stopped = true;
                    ++out.stopped_by_moderation;
                    break;
                }
                if (tell(j)) {
                    stopped = true;
                    break;
                }
            }
        }
        if (!stopped && network && s.bernoulli(p.forget_rate)) {
            stopped = true;
            ++out.forgot;
        }
        if (stopped)
            states[i] = rumour_state::stifler;
        else
            still.push_back(entry);
    }
    still.insert(still.end(), fresh.begin(), fresh.end());

    // The police: in a network, a correction once they see a false rumour's post; well mixed,
    // each spreader stops with the debunking probability.
    const auto stop_where = [&](auto&& stops) {  // in order: `stops` may draw
        std::size_t kept = 0;
        for (const auto& e : still) {
            if (stops(e.resident)) {
                states[e.resident] = rumour_state::stifler;
                ++out.debunked;
            } else {
                still[kept++] = e;
            }
        }
        still.resize(kept);
    };
    if (network) {
        if (r.is_false && !r.detected && out.public_posts > 0) {
            const double seen = -std::expm1(-p.detection_per_online_hour * online_hours_per_1000 *
                                            out.public_posts);
            if (s.bernoulli(seen)) {
                r.detected = true;
                r.detected_day = day;
                out.detected = true;
                stop_where([&](std::uint32_t i) { return follows_police(i, structure, p); });
            }
        }
    } else if (n >= 2) {
        const double debunk =
            std::clamp(p.debunk_per_online_hour * online_hours_per_1000, 0.0, 1.0);
        if (debunk > 0.0) stop_where([&](std::uint32_t) { return s.bernoulli(debunk); });
    }

    spread.spreaders.swap(still);
    r.spreaders = static_cast<std::uint32_t>(spread.spreaders.size());
    if (r.spreaders == 0) {
        r.active = false;
        out.ended = true;
        out.ended_day = day;
    }
    return out;
}

}  // namespace civicsim::models
