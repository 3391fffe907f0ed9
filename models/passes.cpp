#include "models/passes.hpp"

#include "models/attitudes.hpp"
#include "models/information.hpp"
#include "models/prejudice.hpp"

namespace civicsim::models {

// The parameters are copied to locals: a value read through a reference inside the loop could
// alias the float columns, and the loop would not vectorise.

void drift_fear(float* fear, const float* resting, std::size_t n, double decay,
                double exposure) noexcept {
#pragma omp simd
    for (std::size_t k = 0; k < n; ++k) fear[k] = after_day(fear[k], resting[k], decay, exposure);
}

void take_alerts(float* fear, const float* alerts, std::size_t n,
                 const information_params& p) noexcept {
    const information_params law = p;
#pragma omp simd
    for (std::size_t k = 0; k < n; ++k) {
        const float updated = after_alerts(fear[k], alerts[k], law);
        fear[k] = alerts[k] > 0.0F ? updated : fear[k];
    }
}

void relax_trust(float* trust, const float* resting, std::size_t n, float share) noexcept {
#pragma omp simd
    for (std::size_t k = 0; k < n; ++k) trust[k] = relaxed(trust[k], resting[k], share);
}

void drift_prejudice(float* prejudice, const float* fear, std::size_t n,
                     const prejudice_params& p) noexcept {
    const prejudice_params law = p;
#pragma omp simd
    for (std::size_t k = 0; k < n; ++k) prejudice[k] = after_fear(prejudice[k], fear[k], law);
}

}  // namespace civicsim::models
