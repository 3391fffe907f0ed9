#include "models/prejudice.hpp"

#include <algorithm>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>

#include "models/beta.hpp"
#include "models/population.hpp"

namespace civicsim::models {

float initial_prejudice(stream& s, const prejudice_params& p) {
    return static_cast<float>(beta_from_mean(s, p.initial_mean, p.initial_concentration));
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

}  // namespace civicsim::models
