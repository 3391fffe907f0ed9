#include "models/outreach.hpp"

#include <algorithm>
#include <cmath>

namespace civicsim::models {

bool has_app_access(std::uint8_t flags, std::uint8_t language, const app_params& app) noexcept {
    if ((flags & resident_flag::literate) == 0) return false;
    return std::find(app.languages.begin(), app.languages.end(), language) != app.languages.end();
}

bool campaign_targets(const campaign_params& c, neighbourhood_id n) noexcept {
    return index(n) < c.neighbourhood_targeted.size() && c.neighbourhood_targeted[index(n)] != 0;
}

bool campaign_active(const campaign_params& c, neighbourhood_id n, std::uint32_t day) noexcept {
    return campaign_running(c, day) && campaign_targets(c, n);
}

double daily_probability(double yearly_hazard) noexcept {
    return -std::expm1(-yearly_hazard / 365.0);
}

void update_adoption(residents& people, resident_range range, neighbourhood_id home,
                     const adoption_day& today, const parameters& params, stream_key key) {
    std::vector<const campaign_params*> running;
    for (const auto& c : params.policy.outreach.campaigns)
        if (campaign_active(c, home, today.day)) running.push_back(&c);
    if (running.empty() && !today.app_live) return;

    const auto& app = params.channels.app;
    const double base_hazard = params.adoption.p + params.adoption.q * today.adopter_share;
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        auto& flags = people.flags[i];
        if ((flags & resident_flag::adopter) != 0) continue;
        stream s(key, phase::outreach, today.day, i);
        double hazard = base_hazard;
        const auto band_bit = static_cast<std::uint8_t>(1U << to_index(people.age[i]));
        const auto language_bit = 1U << people.language[i];
        for (const auto* c : running) {
            if ((c->age_band_mask & band_bit) == 0 || (c->language_mask & language_bit) == 0)
                continue;
            if ((flags & resident_flag::aware) == 0 && s.bernoulli(c->daily_reach))
                flags |= resident_flag::aware;
            if ((flags & resident_flag::aware) != 0) hazard += c->adoption_boost;
        }
        if (!today.app_live || !has_app_access(flags, people.language[i], app)) continue;
        if (s.bernoulli(daily_probability(hazard)))
            flags |= resident_flag::aware | resident_flag::adopter;
    }
}

std::vector<double> campaign_cost_by_neighbourhood(const parameters& params, std::uint32_t day) {
    std::vector<double> cost(params.neighbourhoods.size(), 0.0);
    const auto targets = [](const campaign_params& c, std::size_t n) {
        return campaign_targets(c, neighbourhood_id{static_cast<std::uint16_t>(n)});
    };
    for (const auto& c : params.policy.outreach.campaigns) {
        if (!campaign_running(c, day)) continue;
        double targeted_population = 0.0;
        for (std::size_t n = 0; n < cost.size(); ++n)
            if (targets(c, n)) targeted_population += params.neighbourhoods[n].population;
        if (targeted_population <= 0.0) continue;
        for (std::size_t n = 0; n < cost.size(); ++n)
            if (targets(c, n))
                cost[n] += c.cost_per_day * params.neighbourhoods[n].population / targeted_population;
    }
    return cost;
}

}  // namespace civicsim::models
