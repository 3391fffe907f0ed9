#include "sim/results/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace civicsim::sim {

interval_estimate estimate_mean(std::span<const double> values) {
    interval_estimate e;
    double sum = 0.0;
    for (const double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++e.n;
        }
    if (e.n == 0) {
        e.mean = e.low = e.high = std::numeric_limits<double>::quiet_NaN();
        return e;
    }
    e.mean = sum / static_cast<double>(e.n);
    e.low = e.high = e.mean;
    if (e.n < 2) return e;
    double squares = 0.0;
    for (const double v : values)
        if (std::isfinite(v)) squares += (v - e.mean) * (v - e.mean);
    const double n = static_cast<double>(e.n);
    const double standard_error = std::sqrt(squares / (n - 1.0) / n);
    const boost::math::students_t t(n - 1.0);
    const double half_width =
        boost::math::quantile(boost::math::complement(t, 0.025)) * standard_error;
    e.low = e.mean - half_width;
    e.high = e.mean + half_width;
    return e;
}

std::vector<run_result> runs_of(const std::vector<run_result>& runs, const std::string& strategy) {
    std::vector<run_result> own;
    for (const auto& r : runs)
        if (r.strategy == strategy) own.push_back(r);
    std::sort(own.begin(), own.end(), [](const run_result& a, const run_result& b) {
        return a.replication < b.replication;
    });
    return own;
}

interval_estimate paired_difference(const std::vector<run_result>& runs, std::size_t metric,
                                    const std::string& strategy, const std::string& baseline) {
    std::map<std::uint32_t, double> base;
    for (const auto& r : runs)
        if (r.strategy == baseline) base[r.replication] = r.summary.at(metric);
    std::vector<double> differences;
    for (const auto& r : runs) {
        if (r.strategy != strategy) continue;
        const auto b = base.find(r.replication);
        if (b == base.end()) continue;
        differences.push_back(r.summary.at(metric) - b->second);
    }
    return estimate_mean(differences);
}

interval_estimate estimate_summary(const std::vector<run_result>& runs, std::size_t metric) {
    std::vector<double> values;
    values.reserve(runs.size());
    for (const auto& r : runs) values.push_back(r.summary.at(metric));
    return estimate_mean(values);
}

interval_estimate estimate_of(std::span<const run_result> runs, const run_value& value) {
    std::vector<double> values;
    values.reserve(runs.size());
    for (const auto& r : runs) values.push_back(value(r));
    return estimate_mean(values);
}

interval_estimate paired_difference_of(const std::vector<run_result>& runs, const run_value& value,
                                       const std::string& strategy, const std::string& baseline) {
    std::map<std::uint32_t, double> base;
    for (const auto& r : runs)
        if (r.strategy == baseline) base[r.replication] = value(r);
    std::vector<double> differences;
    for (const auto& r : runs) {
        if (r.strategy != strategy) continue;
        const auto b = base.find(r.replication);
        if (b == base.end()) continue;
        differences.push_back(value(r) - b->second);
    }
    return estimate_mean(differences);
}

std::string format_number(double value) {
    if (std::isnan(value)) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, std::fabs(value) >= 1000.0 ? "%.0f" : "%.4g", value);
    return text;
}

}  // namespace civicsim::sim
