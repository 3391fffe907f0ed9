#include "models/attitudes.hpp"

#include <algorithm>
#include <cmath>

#include "models/victimisation.hpp"

namespace civicsim::models {

double contact_step(contact_kind kind, const trust_params& params) noexcept {
    const double bad = -params.positive_contact * params.negative_weight;
    switch (kind) {
        case contact_kind::good: return params.positive_contact;
        case contact_kind::late: return bad * params.late_weight;
        case contact_kind::bad: return bad;
        case contact_kind::none: break;
    }
    return 0.0;
}

float after_contact(float trust, contact_kind kind, const trust_params& params) noexcept {
    return static_cast<float>(
        std::clamp(static_cast<double>(trust) + contact_step(kind, params), 0.0, 1.0));
}

contact_kind as_experienced(contact_kind kind, const trust_params& params, stream& s) noexcept {
    const bool fair = s.bernoulli(params.procedural_quality);
    if (kind == contact_kind::good || kind == contact_kind::late)
        return fair ? kind : contact_kind::bad;
    return kind;
}

double trust_relaxation(double days, const trust_params& params) noexcept {
    if (params.half_life_days <= 0.0) return 1.0;
    return -std::expm1(-std::log(2.0) * days / params.half_life_days);
}

double neighbourhood_exposure(const per_category<int>& incidents, std::uint32_t population,
                              double fear_mean, const fear_params& params) noexcept {
    if (population == 0) return 0.0;
    const int alarming = incidents[to_index(incident_category::serious_crime)] +
                         incidents[to_index(incident_category::hate_crime)];
    const double alarming_per_thousand = per_thousand * alarming / population;
    return std::min(1.0,
                    params.exposure_shock * alarming_per_thousand + params.contagion * fear_mean);
}

double neighbourhood_decay(double patrol_hours_per_1000, const fear_params& params) noexcept {
    return std::min(1.0, params.decay + params.patrol_reassurance * patrol_hours_per_1000);
}

victimisation_count apply_incidents(const incident_batch& batch, residents& people,
                                    std::uint32_t day, const fear_params& params) noexcept {
    const auto stamp = victimisation_stamp(day);
    victimisation_count count;
    for (std::size_t k = 0; k < batch.size(); ++k) {
        if (const auto v = batch.victim[k]; v != no_index) {
            people.fear[v] = after_shock(people.fear[v], params.victim_shock);
            ++count.victims;
            count.repeats += victimised_within_year(people.victimised_on[v], day) ? 1U : 0U;
            people.victimised_on[v] = stamp;
        }
        for (auto w = batch.witness_begin[k]; w < batch.witness_begin[k + 1]; ++w) {
            const auto who = batch.witnesses[w];
            people.fear[who] = after_shock(people.fear[who], params.witness_shock);
        }
    }
    return count;
}

}  // namespace civicsim::models
