#include "models/rumours.hpp"

#include <algorithm>

#include <boost/random/poisson_distribution.hpp>

namespace civicsim::models {

namespace {

std::uint32_t poisson(double mean, stream& s) {
    if (!(mean > 0.0)) return 0;
    return static_cast<std::uint32_t>(boost::random::poisson_distribution<int, double>(mean)(s));
}

}  // namespace

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

std::optional<std::uint32_t> seed_rumour(rumour& r, std::span<rumour_state> states,
                                         resident_range range,
                                         std::span<const std::uint32_t> audience, stream& s) {
    // The whole neighbourhood, not only today's audience, so that residents who come online later
    // do not carry the state of an earlier rumour.
    for (std::uint32_t i = range.begin; i < range.end; ++i) states[i] = rumour_state::ignorant;
    for (const auto i : audience) states[i] = rumour_state::ignorant;
    if (audience.empty()) {
        r.active = false;
        r.heard = 0;
        r.spreaders = 0;
        return std::nullopt;
    }
    const auto seed = audience[s.below(audience.size())];
    states[seed] = rumour_state::spreader;
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

spread_day spread_rumour(rumour& r, std::span<rumour_state> states,
                         std::span<const std::uint32_t> audience, std::uint32_t day,
                         double online_hours_per_1000, const rumour_params& p, stream& s,
                         const contact_filter& blocked,
                         std::vector<std::uint32_t>& newly_heard_out) {
    newly_heard_out.clear();
    spread_day out;
    if (!r.active) return out;

    const auto n = static_cast<std::uint32_t>(audience.size());
    // Positions in `audience` of the current spreaders; a stopped spreader is swapped out, so
    // the order depends only on the draws.
    std::vector<std::uint32_t> spreaders;
    for (std::uint32_t pos = 0; pos < n; ++pos)
        if (states[audience[pos]] == rumour_state::spreader) spreaders.push_back(pos);

    const auto stop = [&](std::size_t k) {
        states[audience[spreaders[k]]] = rumour_state::stifler;
        spreaders[k] = spreaders.back();
        spreaders.pop_back();
    };

    if (n < 2) {
        while (!spreaders.empty()) stop(spreaders.size() - 1);
    } else {
        const double multiplier = r.is_false ? p.false_multiplier : 1.0;
        const auto contacts =
            poisson(p.contact_rate * multiplier * static_cast<double>(spreaders.size()), s);
        for (std::uint32_t c = 0; c < contacts && !spreaders.empty(); ++c) {
            ++out.contacts;
            const auto k = static_cast<std::size_t>(s.below(spreaders.size()));
            const auto initiator_pos = spreaders[k];
            auto partner_pos = static_cast<std::uint32_t>(s.below(n - 1));
            if (partner_pos >= initiator_pos) ++partner_pos;  // anyone but the initiator
            const auto initiator = audience[initiator_pos];
            const auto partner = audience[partner_pos];
            if (blocked && blocked(initiator, partner)) {
                stop(k);
                ++out.stopped_by_moderation;
                continue;
            }
            switch (meet(states[initiator], states[partner])) {
                case contact_result::converted:
                    spreaders.push_back(partner_pos);
                    newly_heard_out.push_back(partner);
                    ++out.newly_heard;
                    ++r.heard;
                    break;
                case contact_result::stifled:
                    spreaders[k] = spreaders.back();
                    spreaders.pop_back();
                    break;
                case contact_result::none: break;
            }
        }

        const double debunk =
            std::clamp(p.debunk_per_online_hour * online_hours_per_1000, 0.0, 1.0);
        if (debunk > 0.0) {
            // In audience order, so that the draws do not depend on the contacts' swaps.
            std::sort(spreaders.begin(), spreaders.end());
            std::vector<std::uint32_t> still;
            still.reserve(spreaders.size());
            for (const auto pos : spreaders) {
                if (s.bernoulli(debunk)) {
                    states[audience[pos]] = rumour_state::stifler;
                    ++out.debunked;
                } else {
                    still.push_back(pos);
                }
            }
            spreaders.swap(still);
        }
    }

    r.spreaders = static_cast<std::uint32_t>(spreaders.size());
    if (r.spreaders == 0) {
        r.active = false;
        out.ended = true;
        out.ended_day = day;
    }
    return out;
}

}  // namespace civicsim::models
