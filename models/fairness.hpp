#pragma once
// How evenly the police's stops of innocent people fall on the communities: the one figure that
// compares each community's stops with its presence where the stops happened.

#include <cstddef>
#include <span>

namespace civicsim::models {

/// Disparity of stops of innocent people. For each community c, its stops are compared with the
/// stops it would have had if every stop had fallen on a resident of the neighbourhood where it
/// happened, whatever their community:
///
///     ratio_c = stops_c / Σ_h stops_h · residents_{h,c} / residents_h
///
/// and the disparity is the largest ratio_c: 1 when stops follow where people live, k when a
/// community is stopped k times as often as its share of the residents where the stops happened
/// would give. NaN when there were no stops. `stops_by_community` has one entry per community,
/// `stops_by_neighbourhood` one per neighbourhood, `residents` one row of one entry per community
/// for each neighbourhood ([neighbourhood][community]).
double stop_disparity(std::span<const double> stops_by_community,
                      std::span<const double> stops_by_neighbourhood,
                      std::span<const double> residents) noexcept;

}  // namespace civicsim::models
