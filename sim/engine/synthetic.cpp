#include "sim/engine/synthetic.hpp"

#include <algorithm>
#include <string>

namespace civicsim::sim {

models::parameters synthetic_city(std::uint32_t residents, std::uint32_t days) {
    models::parameters p;
    p.scenario.name = "synthetic_city";
    p.scenario.days = days;
    p.scenario.languages = {"majority", "minority"};
    p.scenario.communities = {"majority", "minority"};
    const std::uint32_t count = std::max<std::uint32_t>(1, residents / 10000);
    for (std::uint32_t h = 0; h < count; ++h) {
        models::neighbourhood_params n;
        n.name = "n" + std::to_string(h);
        n.population = residents / count + (h < residents % count ? 1 : 0);
        switch (h % 3) {
            case 0:  // dense, young, deprived, diverse
                n.density = 8000.0;
                n.age_shares = {0.32, 0.38, 0.18, 0.12};
                n.deprivation = 0.55;
                n.language_shares = {0.75, 0.25};
                n.community_shares = {0.7, 0.3};
                break;
            case 1:  // suburban
                n.density = 1500.0;
                n.language_shares = {0.9, 0.1};
                n.community_shares = {0.88, 0.12};
                break;
            default:  // rural, ageing
                n.density = 120.0;
                n.age_shares = {0.15, 0.27, 0.28, 0.30};
                n.deprivation = 0.25;
                n.cohesion = 0.65;
                n.language_shares = {0.98, 0.02};
                n.community_shares = {0.97, 0.03};
                break;
        }
        p.neighbourhoods.push_back(n);
    }
    models::campaign_params seniors;
    seniors.name = "seniors";
    seniors.neighbourhood_targeted.assign(count, 1);
    seniors.age_band_mask = 1U << models::to_index(models::age_band::y65_plus);
    seniors.start_day = 30;
    seniors.end_day = 90;
    p.policy.outreach.campaigns.push_back(seniors);

    // Every mechanism on, so that benchmarks and engine tests exercise the whole model.
    p.channels.groups.enabled = true;
    p.channels.groups.join_rate = 0.05;
    p.policy.filtering.mode = models::triage_mode::rules;
    p.policy.participation.enabled = true;
    p.police.patrol.allocation = models::patrol_allocation::predictive;
    p.vigilantism.enabled = true;  // off by default (its act rate is an assumption)
    return p;
}

}  // namespace civicsim::sim
