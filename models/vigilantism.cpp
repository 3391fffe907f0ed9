#include "models/vigilantism.hpp"

#include <algorithm>
#include <cmath>

namespace civicsim::models {

double grievance(float fear, float trust) noexcept {
    return static_cast<double>(fear) * (1.0 - static_cast<double>(trust));
}

double officers_present(double patrol_hours_per_day) noexcept {
    return std::max(0.0, patrol_hours_per_day) / 24.0;
}

double arrest_probability(double officers_per_resident, double actors_per_resident,
                          const vigilantism_params& p) noexcept {
    const double officers = std::max(0.0, officers_per_resident) * p.vision_residents;
    const double actors = 1.0 + std::max(0.0, actors_per_resident) * p.vision_residents;
    return -std::expm1(-p.k * officers / actors);
}

double risk_aversion_of(const vigilantism_params& p, stream& trait) noexcept {
    return 2.0 * p.risk_aversion * trait.uniform();
}

bool over_threshold(float fear, float trust, double risk_aversion, double arrest_p,
                    const vigilantism_params& p) noexcept {
    return grievance(fear, trust) - risk_aversion * arrest_p > p.threshold;
}

std::optional<act> maybe_act(float fear, float trust, double risk_aversion, double arrest_p,
                             bool rumour_is_false, const vigilantism_params& p, stream& s) {
    if (!p.enabled || !over_threshold(fear, trust, risk_aversion, arrest_p, p)) return std::nullopt;
    if (!s.bernoulli(p.act_probability)) return std::nullopt;
    act a;
    a.shaming_post = s.bernoulli(p.shaming_share);
    // Drawn even for false rumours so that the draw count does not depend on the branch.
    const bool innocent_anyway = s.bernoulli(p.innocent_share);
    a.on_innocent = rumour_is_false || innocent_anyway;
    return a;
}

std::uint32_t act_target(std::uint32_t actor, bool about_outgroup, resident_range range,
                         std::span<const resident_id> minority, stream& s) noexcept {
    if (about_outgroup && !minority.empty()) {
        const auto who = index(minority[s.below(minority.size())]);
        return who != actor ? who : no_index;
    }
    if (range.size() < 2) return no_index;
    auto who = range.begin + static_cast<std::uint32_t>(s.below(range.size() - 1));
    if (who >= actor) ++who;  // anyone but the actor
    return who;
}

}  // namespace civicsim::models
