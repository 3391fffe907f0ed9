#include "models/attitudes.hpp"

#include <algorithm>

namespace civicsim::models {

float after_contact(float trust, bool positive, const trust_params& params) noexcept {
    const double step =
        positive ? params.positive_contact : -params.positive_contact * params.negative_weight;
    return static_cast<float>(std::clamp(static_cast<double>(trust) + step, 0.0, 1.0));
}

double neighbourhood_exposure(const per_category<int>& incidents, std::uint32_t population,
                              const fear_params& params) noexcept {
    if (population == 0) return 0.0;
    const int alarming = incidents[to_index(incident_category::serious_crime)] +
                         incidents[to_index(incident_category::hate_crime)];
    const double alarming_per_thousand = per_thousand * alarming / population;
    return std::min(1.0, params.exposure_shock * alarming_per_thousand);
}

void apply_incidents(const incident_batch& batch, residents& people, std::uint32_t day,
                     const fear_params& params) noexcept {
    const auto stamp = static_cast<std::uint16_t>(day + 1);
    for (std::size_t k = 0; k < batch.size(); ++k) {
        if (const auto v = batch.victim[k]; v != no_index) {
            people.fear[v] = after_shock(people.fear[v], params.victim_shock);
            people.victimised_on[v] = stamp;
        }
        for (auto w = batch.witness_begin[k]; w < batch.witness_begin[k + 1]; ++w) {
            const auto who = batch.witnesses[w];
            people.fear[who] = after_shock(people.fear[who], params.witness_shock);
        }
    }
}

}  // namespace civicsim::models
