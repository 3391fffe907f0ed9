#include "models/outreach.hpp"

#include "models/clocks.hpp"

#include <algorithm>
#include <cmath>

namespace civicsim::models {

bool has_app_access(std::uint8_t flags, std::uint8_t language, const app_params& app) noexcept {
    if ((flags & resident_flag::literate) == 0) return false;
    return supports(app.languages, language);
}

bool campaign_targets(const campaign_params& c, neighbourhood_id n) noexcept {
    return index(n) < c.neighbourhood_targeted.size() && c.neighbourhood_targeted[index(n)] != 0;
}

bool campaign_active(const campaign_params& c, neighbourhood_id n, std::uint32_t day) noexcept {
    return campaign_running(c, day) && campaign_targets(c, n);
}

void update_adoption(residents& people, std::span<const stratum> strata, neighbourhood_id home,
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
    const auto daily = [](double yearly) { return static_cast<float>(yearly / days_per_year); };
    for (const auto& st : strata) {
        // Constant over the stratum: what the campaigns add (summed in file order), and whether
        // the app speaks its language. Literacy is left to vary by resident.
        const auto band = to_index(st.age);
        float reach = 0.0F;
        double boost = 0.0;
        for (const auto& c : running) {
            const bool targeted =
                targets_band_and_language(c.age_band_mask, c.language_mask, band, st.language);
            reach += c.reach_hazard * static_cast<float>(targeted);
            boost += c.boost * static_cast<double>(targeted);
        }
        const float unaware_hazard = daily(base_hazard), aware_hazard = daily(base_hazard + boost);
        const bool app_speaks = today.app_live && access(resident_flag::literate, st.language);
        if (reach == 0.0F && !app_speaks) continue;

        const std::uint32_t begin = st.range.begin, n = st.range.size();
        std::uint8_t* const flags = people.flags.data() + begin;
        float* const awareness = people.awareness_clock.data() + begin;
        float* const adoption = people.adoption_clock.data() + begin;
        const float adoption_on = app_speaks ? 1.0F : 0.0F;
        static_assert(resident_flag::literate == 1, "the passes below use the bit as a 0/1 factor");
        const auto adopt = [&](std::size_t k) {
            flags[k] |= resident_flag::aware | resident_flag::adopter;
            adoption[k] = retired_clock;
        };
        if (reach == 0.0F) {  // most days: spend the adoption clocks, settle the few that ran out
            spend_run(
                adoption, n,
                [&](std::size_t k) {
                    const float hazard =
                        (flags[k] & resident_flag::aware) != 0 ? aware_hazard : unaware_hazard;
                    return hazard * static_cast<float>(flags[k] & resident_flag::literate);
                },
                adopt);
            continue;
        }
        // A campaign day: awareness first, which sets the adoption hazard. Every clock is spent
        // in one vectorised pass (an aware resident's awareness clock is retired, an adopter's
        // adoption clock too); the few that ran out are settled after.
#pragma omp simd
        for (std::uint32_t k = 0; k < n; ++k) {
            const float left = awareness[k] - reach;
            const bool aware = (flags[k] & resident_flag::aware) != 0 || left <= 0.0F;
            awareness[k] = aware ? retired_clock : left;
            flags[k] = static_cast<std::uint8_t>(flags[k] | (aware ? resident_flag::aware : 0));
            const float hazard = aware ? aware_hazard : unaware_hazard;
            const float eligible =
                static_cast<float>(flags[k] & resident_flag::literate) * adoption_on;
            adoption[k] -= hazard * eligible;
        }
        for (std::uint32_t k = 0; k < n; ++k)
            if (adoption[k] <= 0.0F) adopt(k);
    }
}

void update_adoption(residents& people, resident_range range, neighbourhood_id home,
                     const adoption_day& today, const parameters& params) {
    update_adoption(people, strata_of(people, range), home, today, params);
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
                cost[n] +=
                    c.cost_per_day * params.neighbourhoods[n].population / targeted_population;
    }
    return cost;
}

}  // namespace civicsim::models
