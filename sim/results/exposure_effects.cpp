#include "sim/results/exposure_effects.hpp"

#include <cmath>
#include <limits>

#include "models/metrics.hpp"

namespace civicsim::sim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr auto trust_mean = static_cast<std::size_t>(models::group_metric::trust_mean);

}  // namespace

std::vector<models::exposure> observed_exposures(std::span<const run_result> runs) {
    std::vector<models::exposure> observed;
    for (std::size_t e = 0; e < models::exposure_count; ++e) {
        const auto exposure = static_cast<models::exposure>(e);
        // Trust is defined for every resident: its mean is NaN exactly where nobody is in the
        // group.
        for (const auto& run : runs)
            if (std::isfinite(exposure_value(run, exposure, trust_mean, exposed_group))) {
                observed.push_back(exposure);
                break;
            }
    }
    return observed;
}

std::vector<std::size_t> exposure_metrics(models::exposure e) {
    std::vector<std::size_t> metrics;
    for (std::size_t m = 0; m < models::group_metric_count; ++m)
        if (!(e == models::exposure::app_use &&
              m == static_cast<std::size_t>(models::group_metric::adoption_share)))
            metrics.push_back(m);
    return metrics;
}

double exposure_value(const run_result& run, models::exposure e, std::size_t metric,
                      std::size_t group) {
    const auto& values = run.exposure_summary[models::to_index(e)];
    const std::size_t at = metric * models::exposure_groups + group;
    return at < values.size() ? values[at] : nan;
}

double exposure_value(const run_result& run, models::exposure e, std::size_t metric,
                      std::size_t group, std::size_t neighbourhood) {
    const auto& values = run.by_exposure[models::to_index(e)];
    if (run.days == 0) return nan;
    const std::size_t at =
        ((metric * run.days + run.days - 1) * run.neighbourhoods + neighbourhood) *
            models::exposure_groups +
        group;
    return at < values.size() ? values[at] : nan;
}

run_value exposure_value_of(models::exposure e, std::size_t metric, std::size_t group) {
    return [=](const run_result& run) { return exposure_value(run, e, metric, group); };
}

run_value exposure_value_of(models::exposure e, std::size_t metric, std::size_t group,
                            std::size_t neighbourhood) {
    return
        [=](const run_result& run) { return exposure_value(run, e, metric, group, neighbourhood); };
}

}  // namespace civicsim::sim
