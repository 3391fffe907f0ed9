#include "sim/engine/latin_hypercube.hpp"

#include <numeric>
#include <utility>

#include "models/streams.hpp"

namespace civicsim::sim {

std::vector<std::vector<double>> latin_hypercube(std::size_t points, std::size_t dimensions,
                                                 std::uint64_t seed) {
    std::vector<std::vector<double>> design(points, std::vector<double>(dimensions));
    std::vector<std::size_t> stratum(points);
    for (std::size_t j = 0; j < dimensions; ++j) {
        auto s = models::streams::uncertainty_design.open({seed, 0}, 0, j);
        // Fisher-Yates: point p lies in stratum stratum[p].
        std::iota(stratum.begin(), stratum.end(), std::size_t{0});
        for (std::size_t i = points; i > 1; --i) std::swap(stratum[i - 1], stratum[s.below(i)]);
        for (std::size_t p = 0; p < points; ++p)
            design[p][j] =
                (static_cast<double>(stratum[p]) + s.uniform()) / static_cast<double>(points);
    }
    return design;
}

}  // namespace civicsim::sim
