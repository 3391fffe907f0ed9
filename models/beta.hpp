#pragma once
// Gamma and Beta variates for the initial attitudes of every resident.
//
// Boost.Random's gamma_distribution draws with a Cauchy proposal that costs a tan() and about
// 700 instructions a draw; three Beta draws a resident made it the larger part of building a
// city of 1,000,000. Marsaglia & Tsang's method (ACM TOMS 26(3), 2000) needs one normal (Boost's
// ziggurat) and one uniform, accepts about 98 % of proposals for shapes >= 1 and mostly without a
// logarithm. The draws are exact in law; which numbers a stream yields differs from Boost's.

#include <boost/random/normal_distribution.hpp>

#include <cmath>

#include "models/random.hpp"

namespace civicsim::models {

/// Gamma(shape, 1), shape > 0. Shapes below 1 use Gamma(shape + 1) * U^(1 / shape).
inline double gamma_variate(stream& s, double shape) {
    const double boosted = shape < 1.0 ? shape + 1.0 : shape;
    const double d = boosted - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    boost::random::normal_distribution<double> normal;
    double value = 0.0;
    for (;;) {
        const double x = normal(s);
        const double cube_root = 1.0 + c * x;
        if (cube_root <= 0.0) continue;
        const double v = cube_root * cube_root * cube_root;
        const double u = s.uniform();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) {
            value = d * v;
            break;
        }
    }
    if (shape < 1.0) value *= std::pow(1.0 - s.uniform(), 1.0 / shape);  // U in (0, 1]
    return value;
}

/// Beta(a, b), a, b > 0, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
inline double beta_variate(stream& s, double a, double b) {
    const double x = gamma_variate(s, a);
    const double y = gamma_variate(s, b);
    return x + y > 0.0 ? x / (x + y) : 0.5;
}

/// Beta with mean m (kept inside (0, 1)) and concentration k: Beta(m k, (1 - m) k).
inline double beta_from_mean(stream& s, double mean, double concentration) {
    const double m = mean < 1e-6 ? 1e-6 : (mean > 1.0 - 1e-6 ? 1.0 - 1e-6 : mean);
    return beta_variate(s, m * concentration, (1.0 - m) * concentration);
}

}  // namespace civicsim::models
