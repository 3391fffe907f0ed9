#include "models/patrol.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace civicsim::models {

namespace {

std::vector<double> normalised(std::vector<double> weights) {
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (total <= 0.0) {
        // No population at all: share equally rather than divide by zero.
        const double equal = weights.empty() ? 0.0 : 1.0 / static_cast<double>(weights.size());
        for (auto& w : weights) w = equal;
        return weights;
    }
    for (auto& w : weights) w /= total;
    return weights;
}

std::vector<double> with_prior(const std::vector<double>& counts) {
    std::vector<double> weights(counts.size());
    for (std::size_t h = 0; h < counts.size(); ++h) weights[h] = counts[h] + 1.0;
    return weights;
}

}  // namespace

patrol_state initial_patrol_state(std::size_t neighbourhoods) {
    return {std::vector<double>(neighbourhoods, 0.0), std::vector<double>(neighbourhoods, 0.0)};
}

std::vector<double> patrol_shares(const patrol_state& state,
                                  const std::vector<std::uint32_t>& populations,
                                  const patrol_params& params) {
    switch (params.allocation) {
        case patrol_allocation::predictive:
            if (state.recorded.size() != populations.size())
                throw std::invalid_argument(
                    "patrol_shares: recorded has " + std::to_string(state.recorded.size()) +
                    " neighbourhoods, populations " + std::to_string(populations.size()));
            return normalised(with_prior(state.recorded));
        case patrol_allocation::corrected:
            if (state.weighted.size() != populations.size())
                throw std::invalid_argument(
                    "patrol_shares: weighted has " + std::to_string(state.weighted.size()) +
                    " neighbourhoods, populations " + std::to_string(populations.size()));
            return normalised(with_prior(state.weighted));
        case patrol_allocation::uniform: break;
    }
    return normalised(std::vector<double>(populations.begin(), populations.end()));
}

double discovery_probability(double hours, std::uint32_t population,
                             const patrol_params& params) noexcept {
    if (hours <= 0.0 || population == 0) return 0.0;
    return -std::expm1(-params.discovery_rate * hours * per_thousand / population);
}

void record_day(patrol_state& state, const std::vector<int>& discovered,
                const std::vector<int>& reported, const std::vector<double>& discovery_probability,
                const patrol_params& params) {
    const std::size_t n = state.recorded.size();
    if (state.weighted.size() != n || discovered.size() != n || reported.size() != n ||
        discovery_probability.size() != n)
        throw std::invalid_argument(
            "record_day: recorded, weighted, discovered, reported and discovery_probability "
            "must have one entry per neighbourhood");
    for (std::size_t h = 0; h < n; ++h) {
        const double from_reports = params.use_reports ? reported[h] : 0.0;
        state.recorded[h] = params.memory * state.recorded[h] + discovered[h] + from_reports;
        const double p = discovery_probability[h];
        state.weighted[h] =
            params.memory * state.weighted[h] + (p > 0.0 ? discovered[h] / p : 0.0) + from_reports;
    }
}

}  // namespace civicsim::models
