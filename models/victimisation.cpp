#include "models/victimisation.hpp"

#include <algorithm>
#include <cmath>

#include "models/beta.hpp"
#include "models/incidents.hpp"

namespace civicsim::models {

float initial_risk(stream& s, age_band band, const victimisation_params& p) {
    const double shape = p.risk_shape;
    return static_cast<float>(gamma_variate(s, shape) / shape * p.age_risk[to_index(band)]);
}

double yearly_victimisations(const neighbourhood_params& home) noexcept {
    double rate = 0.0;
    for (std::size_t c = 0; c < category_count; ++c)
        if (has_victim[c] && static_cast<incident_category>(c) != incident_category::hate_crime)
            rate += home.incident_rate[c];
    return rate / per_thousand;
}

std::uint16_t initial_victimisation(stream& s, double rate) noexcept {
    const double u = s.uniform(), v = s.uniform();
    const double p_any = -std::expm1(-rate);
    if (rate <= 0.0 || u >= p_any) return never;
    // Years since the last event, given one within the year: the inverse of the truncated
    // exponential's distribution function, 1 - exp(-rate t) = v (1 - exp(-rate)).
    const double years = -std::log1p(-v * p_any) / rate;
    const auto days_ago = std::min<std::int64_t>(
        history_days - 2, static_cast<std::int64_t>(years * static_cast<double>(days_per_year)));
    return victimisation_stamp(-1 - days_ago);
}

risk_table::risk_table(std::span<const float> risk, std::uint32_t begin, std::uint32_t end)
    : first_(begin) {
    cumulative_.reserve(end - begin);
    double total = 0.0;
    for (auto i = begin; i < end; ++i) cumulative_.push_back(total += risk[i]);
}

risk_table::risk_table(std::span<const float> risk, std::span<const resident_id> members) {
    cumulative_.reserve(members.size());
    who_.reserve(members.size());
    double total = 0.0;
    for (const auto m : members) {
        cumulative_.push_back(total += risk[index(m)]);
        who_.push_back(index(m));
    }
}

std::uint32_t risk_table::draw(stream& s) const noexcept {
    const double target = s.uniform() * cumulative_.back();
    const auto k = static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin());
    const auto at = std::min(k, cumulative_.size() - 1);
    return who_.empty() ? first_ + static_cast<std::uint32_t>(at) : who_[at];
}

per_category<double> prevention_factor(double patrol_hours_per_1000, double member_share,
                                       const prevention_params& p) noexcept {
    per_category<double> factor;
    factor.fill(1.0);
    if (!p.enabled) return factor;
    const double limit = std::max(1.0, p.patrol_ratio_limit);
    const double patrol_ratio =
        p.reference_patrol_hours > 0.0
            ? std::clamp(patrol_hours_per_1000 / p.reference_patrol_hours, 1.0 / limit, limit)
            : 1.0;
    const double coverage =
        p.watch_full_coverage > 0.0 ? std::min(1.0, member_share / p.watch_full_coverage) : 0.0;
    for (std::size_t c = 0; c < category_count; ++c)
        factor[c] = std::pow(patrol_ratio, p.patrol_elasticity[c]) *
                    (1.0 - p.watch_reduction[c] * coverage);
    return factor;
}

}  // namespace civicsim::models
