#pragma once
// The design of a robustness comparison: Latin-hypercube points over the uncertain parameters,
// drawn from the registry's own stream so that one seed always gives one design.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace civicsim::sim {

/// `points` points of a Latin hypercube in [0, 1]^dimensions, [point][dimension]: in every
/// dimension each of the `points` strata [k/points, (k+1)/points) holds exactly one point, at a
/// uniform place inside it, and which point falls in which stratum is a uniform permutation,
/// independent between dimensions (McKay, Beckman & Conover 1979,
/// doi:10.1080/00401706.1979.10489755). Dimension j draws from the stream
/// models::streams::uncertainty_design of (seed, 0) for entity j: the same seed gives the same
/// design, and adding a dimension leaves the others' values as they were.
std::vector<std::vector<double>> latin_hypercube(std::size_t points, std::size_t dimensions,
                                                 std::uint64_t seed);

}  // namespace civicsim::sim
