#pragma once
// Which channels and policies are switched on in a neighbourhood on a given day: the scenario's
// settings, then each rollout phase that has started and names the neighbourhood, in file order.

#include <cstdint>

#include "models/parameters.hpp"

namespace civicsim::models {

struct local_policy {
    bool app = false;            ///< the app can be adopted and used
    bool groups = false;         ///< residents can join neighbourhood groups
    bool facilitators = false;   ///< new groups get police-trained facilitators
    bool participation = false;  ///< consultations are held
};

/// The policy in force in neighbourhood `n` on `day`.
local_policy policy_on(const parameters& params, neighbourhood_id n, std::uint32_t day) noexcept;

}  // namespace civicsim::models
