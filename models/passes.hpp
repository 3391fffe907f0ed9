#pragma once
// The daily passes over a run of residents' float columns: fear's drift, alerts and prejudice's
// drift, each the per-resident law of its own header (models/attitudes.hpp, information.hpp,
// prejudice.hpp) applied to n residents at once. They are the hottest loops of a day, so they
// live in one file compiled for speed (see models/CMakeLists.txt): every value is a finite
// number in [0, 1], which lets the compiler turn each clamp into two vector min/max instructions.

#include <cstddef>

#include "models/parameters.hpp"

namespace civicsim::models {

/// fear[k] = after_day(fear[k], resting[k], decay, exposure) for k in [0, n).
void drift_fear(float* fear, const float* resting, std::size_t n, double decay,
                double exposure) noexcept;

/// fear[k] = after_alerts(fear[k], alerts[k], p) where alerts[k] > 0, for k in [0, n).
void take_alerts(float* fear, const float* alerts, std::size_t n,
                 const information_params& p) noexcept;

/// trust[k] = relaxed(trust[k], resting[k], share) for k in [0, n).
void relax_trust(float* trust, const float* resting, std::size_t n, float share) noexcept;

/// prejudice[k] = after_fear(prejudice[k], fear[k], p) for k in [0, n).
void drift_prejudice(float* prejudice, const float* fear, std::size_t n,
                     const prejudice_params& p) noexcept;

}  // namespace civicsim::models
