#pragma once
// The outcomes a run records: names, units and meanings. The engine fills them; the results
// writer names each dataset after `name` and stores `unit` and `description` as attributes.

#include <cstddef>
#include <span>
#include <string_view>

namespace civicsim::models {

struct metric_info {
    std::string_view name;
    std::string_view unit;
    std::string_view description;
};

/// Metrics recorded per day and neighbourhood, in the order of `daily_metric`.
std::span<const metric_info> daily_metrics() noexcept;
/// Metrics recorded once per run, in the order of `summary_metric`.
std::span<const metric_info> summary_metrics() noexcept;

}  // namespace civicsim::models
