#include "sim/engine/design.hpp"

#include <boost/random/sobol.hpp>
#include <stdexcept>
#include <string>

namespace civicsim::sim {

namespace {

/// A uniform double in [0, 1) from the top 53 bits of a 64-bit value.
double unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace

std::size_t saltelli_max_parameters() {
    return boost::random::detail::qrng_tables::sobol::max_dimension / 2;
}

unit_points saltelli(std::size_t n, std::size_t d) {
    if (d == 0 || d > saltelli_max_parameters())
        throw std::invalid_argument("saltelli: 1 to " + std::to_string(saltelli_max_parameters()) +
                                    " parameters");
    // Boost's engine starts at point 1 of the sequence, past the all-zero point 0. Point 1 is
    // the centre, where A = B and a base row tells nothing: start at point 2^m, the first power
    // of two at least n (and 2), so that the points taken are a balanced block of the sequence.
    boost::random::sobol sequence(2 * d);
    std::size_t start = 2;
    while (start < n) start *= 2;
    sequence.discard(static_cast<std::uintmax_t>(start - 1) * 2 * d);
    unit_points points;
    points.reserve(n * (d + 2));
    std::vector<double> a(d), b(d);
    for (std::size_t i = 0; i < n; ++i) {
        for (auto& x : a) x = unit(sequence());
        for (auto& x : b) x = unit(sequence());
        points.push_back(a);
        for (std::size_t k = 0; k < d; ++k) {
            points.push_back(a);
            points.back()[k] = b[k];
        }
        points.push_back(b);
    }
    return points;
}

std::vector<std::vector<std::size_t>> grid(const std::vector<std::size_t>& levels) {
    std::size_t count = levels.empty() ? 0 : 1;
    for (const auto l : levels) count *= l;
    std::vector<std::vector<std::size_t>> points(count, std::vector<std::size_t>(levels.size()));
    for (std::size_t p = 0; p < count; ++p) {
        std::size_t rest = p;
        for (std::size_t k = levels.size(); k-- > 0;) {
            points[p][k] = rest % levels[k];
            rest /= levels[k];
        }
    }
    return points;
}

}  // namespace civicsim::sim
