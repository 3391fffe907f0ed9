#include "models/prejudice.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>

#include "models/population.hpp"

namespace civicsim::models {

float initial_prejudice(stream& s, const prejudice_params& p) {
    const double m = std::clamp(p.initial_mean, 1e-6, 1.0 - 1e-6);
    boost::random::beta_distribution<double> dist(m * p.initial_concentration,
                                                  (1.0 - m) * p.initial_concentration);
    return static_cast<float>(dist(s));
}

void deffuant_day(std::span<const std::uint32_t> members, std::vector<float>& prejudice,
                  const prejudice_params& p, stream& s) {
    const std::uint64_t n = members.size();
    if (n < 2) return;
    const double mean = p.interactions_per_member * static_cast<double>(n);
    if (!(mean > 0.0)) return;
    const auto encounters = boost::random::poisson_distribution<std::uint64_t, double>(mean)(s);
    for (std::uint64_t e = 0; e < encounters; ++e) {
        const std::uint64_t a = s.below(n);
        std::uint64_t b = s.below(n - 1);
        if (b >= a) ++b;  // a distinct partner, uniform over the other n - 1 members
        float& xi = prejudice[members[a]];
        float& xj = prejudice[members[b]];
        const double gap = static_cast<double>(xj) - static_cast<double>(xi);
        if (!(std::abs(gap) < p.epsilon)) continue;
        const double step = p.mu * gap;
        xi = static_cast<float>(static_cast<double>(xi) + step);
        xj = static_cast<float>(static_cast<double>(xj) - step);
    }
}

float after_fear(float prejudice, float fear, const prejudice_params& p) noexcept {
    const double x = prejudice;
    const double next = x + p.fear_effect * static_cast<double>(fear) * (1.0 - x) +
                        p.decay * (p.initial_mean - x);
    return static_cast<float>(std::clamp(next, 0.0, 1.0));
}

bool files_suspicious_report(float fear, float prejudice, std::uint8_t community,
                             const prejudice_params& p, stream& s) {
    const double u = s.uniform();
    if (!p.enabled || community != 0) return false;
    return u < p.suspicious_rate * static_cast<double>(fear) * static_cast<double>(prejudice);
}

std::uint8_t target_of_suspicion(std::span<const double> community_shares, stream& s) {
    const double u = s.uniform();
    if (community_shares.size() < 2) return 0;
    const auto minorities = community_shares.subspan(1);
    double total = 0.0;
    for (const double share : minorities)
        if (share > 0.0) total += share;
    if (!(total > 0.0)) return 0;
    // draw_category walks the positive shares; scaling u by their total draws in proportion.
    return static_cast<std::uint8_t>(1 + draw_category(minorities, u * total));
}

float after_innocent_intervention(float trust, const trust_params& p) noexcept {
    return static_cast<float>(
        std::max(0.0, static_cast<double>(trust) - p.innocent_intervention_loss));
}

}  // namespace civicsim::models
