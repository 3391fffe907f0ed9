#include "sim/results/headline.hpp"

#include <cmath>

namespace civicsim::sim {

namespace {

/// Whether any run has a value other than 0 for any outcome of mechanism `mechanism`.
bool mechanism_active(std::span<const run_result> runs, std::size_t mechanism) {
    const auto reductions = models::mechanism_summary_reductions();
    for (std::size_t k = 0; k < reductions.size(); ++k) {
        if (reductions[k].mechanism != mechanism) continue;
        const std::size_t metric = models::core_summary_metric_count + k;
        for (const auto& run : runs)
            if (metric < run.summary.size() && run.summary[metric] != 0.0 &&
                !std::isnan(run.summary[metric]))
                return true;
    }
    return false;
}

}  // namespace

std::vector<outcome_family> headline_outcomes(std::span<const run_result> runs) {
    const auto metrics = models::summary_metrics();
    const auto reductions = models::mechanism_summary_reductions();
    std::vector<outcome_family> families;
    for (std::size_t f = 1; f < models::outcome_family_count; ++f) {
        outcome_family family{models::outcome_family_titles[f], {}};
        for (std::size_t m = 0; m < metrics.size(); ++m) {
            if (static_cast<std::size_t>(metrics[m].family) != f) continue;
            if (m >= models::core_summary_metric_count && !runs.empty() &&
                !mechanism_active(runs,
                                  reductions[m - models::core_summary_metric_count].mechanism))
                continue;
            family.metrics.push_back(m);
        }
        if (!family.metrics.empty()) families.push_back(std::move(family));
    }
    return families;
}

better better_direction(std::size_t metric) noexcept {
    const auto metrics = models::summary_metrics();
    return metric < metrics.size() ? metrics[metric].direction : better::none;
}

std::string_view to_string(better direction) noexcept {
    switch (direction) {
        case better::higher: return "higher";
        case better::lower: return "lower";
        case better::nearer_zero: return "nearer zero";
        case better::none: break;
    }
    return "";
}

}  // namespace civicsim::sim
