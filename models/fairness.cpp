#include "models/fairness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace civicsim::models {

double stop_disparity(std::span<const double> stops_by_community,
                      std::span<const double> stops_by_neighbourhood,
                      std::span<const double> residents) noexcept {
    const std::size_t communities = stops_by_community.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (communities == 0 || residents.size() != stops_by_neighbourhood.size() * communities)
        return nan;
    double worst = nan;
    for (std::size_t c = 0; c < communities; ++c) {
        double expected = 0.0;
        for (std::size_t h = 0; h < stops_by_neighbourhood.size(); ++h) {
            const auto row = residents.subspan(h * communities, communities);
            double living = 0.0;
            for (const double r : row) living += r;
            if (living > 0.0) expected += stops_by_neighbourhood[h] * row[c] / living;
        }
        if (expected > 0.0) {
            const double ratio = stops_by_community[c] / expected;
            worst = std::isnan(worst) ? ratio : std::max(worst, ratio);
        }
    }
    return worst;
}

}  // namespace civicsim::models
