#pragma once
// The mechanisms of models/mechanisms/, in the order the engine runs them each day. Adding a
// mechanism is a folder under models/mechanisms/, its include below and its name in the list
// (docs/architecture.md).

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "models/mechanism.hpp"

namespace civicsim::models {

template <mechanism_unit... M>
struct mechanism_list {
    static constexpr std::size_t size = sizeof...(M);
    /// Every mechanism's parameters, one member each (parameters::mechanisms).
    using params = std::tuple<typename M::params...>;
    /// Every mechanism's state for one neighbourhood.
    using state = std::tuple<typename M::state...>;
};

/// Calls f.template operator()<M, position>() for each mechanism of the list, in order.
template <mechanism_unit... M, class F>
constexpr void for_each_mechanism(mechanism_list<M...>, F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f.template operator()<M, I>(), ...); }
    (std::index_sequence_for<M...>{});
}

/// The position of mechanism M in a list (the key of its random streams).
template <class M, mechanism_unit... Ms>
constexpr std::size_t position_in(mechanism_list<Ms...>) {
    std::size_t position = 0, found = sizeof...(Ms);
    ((found = std::is_same_v<M, Ms> && found == sizeof...(Ms) ? position : found, ++position), ...);
    return found;
}

}  // namespace civicsim::models

// The list. Order is schedule order.
#include "models/mechanisms/intelligence/intelligence.hpp"
#include "models/mechanisms/watchdog/watchdog.hpp"

namespace civicsim::models {
using all_mechanisms = mechanism_list<watchdog, intelligence>;
}  // namespace civicsim::models
