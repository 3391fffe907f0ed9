#include "models/outreach.hpp"

#include "models/clocks.hpp"

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

app_access::app_access(const app_params& app) noexcept {
    for (const auto language : app.languages) supported_[language] = true;
}

void update_adoption(residents& people, resident_range range, neighbourhood_id home,
                     const adoption_day& today, const parameters& params) {
    // The running campaigns that target this neighbourhood, with their reach as a daily hazard.
    struct running_campaign {
        std::uint8_t age_band_mask;
        std::uint32_t language_mask;
        float reach_hazard;  // -log(1 - daily_reach)
        double boost;
    };
    std::vector<running_campaign> running;
    for (const auto& c : params.policy.outreach.campaigns)
        if (campaign_active(c, home, today.day))
            running.push_back({c.age_band_mask, c.language_mask,
                               static_cast<float>(-std::log1p(-std::min(1.0, c.daily_reach))),
                               c.adoption_boost});
    if (running.empty() && !today.app_live) return;

    const app_access access(params.channels.app);
    const double base_hazard = params.adoption.p + params.adoption.q * today.adopter_share;
    const auto daily = [](double yearly) { return static_cast<float>(yearly / 365.0); };
    if (running.empty()) {  // most days: the Bass hazard alone, the same for everyone here
        const float hazard = daily(base_hazard);
        for (std::uint32_t i = range.begin; i < range.end; ++i) {
            // An adopter's clock is retired, so only residents with access need excluding.
            if (!spend_if(people.adoption_clock[i], hazard, access(people.flags[i], people.language[i])))
                continue;
            people.flags[i] |= resident_flag::aware | resident_flag::adopter;
            people.adoption_clock[i] = retired_clock;
        }
        return;
    }
    // What the running campaigns add depends only on the age band and the language: worked out
    // once per pair (in file order, as the sum for each resident would be), then looked up.
    struct targeting {
        float reach = 0.0F;           // summed reach hazards of the campaigns that target the pair
        float unaware_hazard = 0.0F;  // daily adoption hazard without the campaigns' boost
        float aware_hazard = 0.0F;    // and with it
    };
    constexpr std::size_t languages = 256;
    std::vector<targeting> by_pair(age_band_count * languages);
    for (std::size_t band = 0; band < age_band_count; ++band)
        for (std::size_t language = 0; language < languages; ++language) {
            float reach = 0.0F;
            double boost = 0.0;
            for (const auto& c : running) {
                const bool targeted = (c.age_band_mask & (1U << band)) != 0 && language < 32 &&
                                      (c.language_mask & (1U << language)) != 0;
                reach += c.reach_hazard * static_cast<float>(targeted);
                boost += c.boost * static_cast<double>(targeted);
            }
            by_pair[band * languages + language] = {reach, daily(base_hazard),
                                                    daily(base_hazard + boost)};
        }
    // Adopters are aware and their adoption clock is retired, so nobody needs skipping.
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        auto& flags = people.flags[i];
        const auto& pair = by_pair[to_index(people.age[i]) * languages + people.language[i]];
        if (spend_if(people.awareness_clock[i], pair.reach, (flags & resident_flag::aware) == 0)) {
            flags |= resident_flag::aware;
            people.awareness_clock[i] = retired_clock;
        }
        const float hazard = (flags & resident_flag::aware) != 0 ? pair.aware_hazard : pair.unaware_hazard;
        if (!spend_if(people.adoption_clock[i], hazard, today.app_live && access(flags, people.language[i])))
            continue;
        flags |= resident_flag::aware | resident_flag::adopter;
        people.adoption_clock[i] = retired_clock;
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
