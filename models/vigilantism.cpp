#include "models/vigilantism.hpp"

#include <algorithm>
#include <cmath>

namespace civicsim::models {

double grievance(float fear, float trust) noexcept {
    return static_cast<double>(fear) * (1.0 - static_cast<double>(trust));
}

double arrest_probability(double patrol_per_1000, double actives_per_1000,
                          const vigilantism_params& p) noexcept {
    const double actives = std::max(1.0, actives_per_1000);
    return -std::expm1(-p.k * patrol_per_1000 / actives);
}

bool over_threshold(float fear, float trust, double arrest_p,
                    const vigilantism_params& p) noexcept {
    return grievance(fear, trust) - p.risk_aversion * arrest_p > p.threshold;
}

std::optional<act> maybe_act(float fear, float trust, double arrest_p, bool rumour_is_false,
                             const vigilantism_params& p, stream& s) {
    if (!p.enabled || !over_threshold(fear, trust, arrest_p, p)) return std::nullopt;
    if (!s.bernoulli(p.act_probability)) return std::nullopt;
    act a;
    a.shaming_post = s.bernoulli(p.shaming_share);
    // Drawn even for false rumours so that the draw count does not depend on the branch.
    const bool innocent_anyway = s.bernoulli(p.innocent_share);
    a.on_innocent = rumour_is_false || innocent_anyway;
    return a;
}

}  // namespace civicsim::models
