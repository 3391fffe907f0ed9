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

double settled_fear(double resting, double pull, double decay) noexcept {
    pull = std::clamp(pull, 0.0, 1.0);
    decay = std::clamp(decay, 0.0, 1.0);
    const double denominator = 1.0 - (1.0 - pull) * (1.0 - decay);
    if (denominator <= 0.0) return resting;  // neither decay nor shocks: fear stays where it is
    return std::clamp(((1.0 - pull) * decay * resting + pull) / denominator, 0.0, 1.0);
}

fear_field settled_field(const neighbourhood_params& home, double patrol_per_1000,
                         const parameters& params) {
    const auto& p = params.fear;
    fear_field f;
    f.decay = neighbourhood_decay(patrol_per_1000, p);
    const double alarming = home.incident_rate[to_index(incident_category::serious_crime)] +
                            home.incident_rate[to_index(incident_category::hate_crime)];
    f.exposure = p.exposure_shock * alarming / days_per_year;
    f.victim = p.victim_shock * yearly_victimisations(home) / days_per_year;
    double listings = 0.0;
    for (std::size_t c = 0; c < category_count; ++c)
        listings += home.incident_rate[c] / per_thousand * params.incidents.witnesses_mean[c];
    f.witness = p.witness_shock * listings / days_per_year;
    // The mean fear the neighbourhood settles at, over its age bands, with contagion from it.
    double mean = 0.0;
    for (int k = 0; k < 200; ++k) {
        f.contagion = p.contagion * mean;
        double next = 0.0;
        for (std::size_t b = 0; b < age_band_count; ++b)
            next += home.age_shares[b] *
                    starting_fear(static_cast<float>(home.fear_baseline * p.age_fear[b]),
                                  params.victimisation.age_risk[b], f);
        if (std::abs(next - mean) < 1e-9) break;
        mean = next;
    }
    f.contagion = p.contagion * mean;
    return f;
}

float starting_fear(float resting, double risk, const fear_field& field) noexcept {
    const double pull = field.exposure + field.contagion + field.witness + risk * field.victim;
    return static_cast<float>(settled_fear(resting, pull, field.decay));
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
