#pragma once
// The points of a sweep's design besides the Latin hypercube (sim/engine/latin_hypercube.hpp):
// Saltelli's sample for Sobol indices (SALib's layout, the one civicsim.sensitivity reads), and a
// full grid. Neither draws at random: the same points on every machine and build.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace civicsim::sim {

/// One row per point, one value per parameter, each in [0, 1).
using unit_points = std::vector<std::vector<double>>;

/// Saltelli's sample for first-order and total indices (Saltelli et al. 2010,
/// doi:10.1016/j.cpc.2009.09.018): base rows A and B are the first and last d coordinates of the
/// `n` points of the 2d-dimensional Sobol sequence (Boost's, Joe and Kuo's directions,
/// unscrambled), starting at point 2^m, the first power of two at least n and 2: past the
/// all-zero point and the centre, where A = B; rows in SALib's layout: for each base row i,
/// A_i, then A_i with parameter k from B_i for k = 1..d, then B_i. n * (d + 2) rows.
unit_points saltelli(std::size_t n, std::size_t d);

/// The largest d saltelli() takes (Boost's table covers 2d dimensions).
std::size_t saltelli_max_parameters();

/// Every combination of `levels[k]` indices of each parameter, the first parameter varying
/// slowest (as itertools.product).
std::vector<std::vector<std::size_t>> grid(const std::vector<std::size_t>& levels);

}  // namespace civicsim::sim
