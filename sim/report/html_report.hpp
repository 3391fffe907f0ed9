#pragma once
// The planners' report: one self-contained HTML file (the scenario in words, strategies compared
// on the headline outcomes with intervals, time-series charts, fairness breakdowns and costs)
// that opens without a network, drawn with the Chart.js embedded in the binary.

#include <filesystem>
#include <string>

#include "sim/results/run_result.hpp"

namespace civicsim::sim::report {

/// The report on `results` as one HTML document; everything it needs is inside it.
std::string render_html(const results_set& results);

/// Writes `html` to `path` atomically (a temporary name in the same directory, then a rename),
/// refusing to replace an existing file unless `overwrite`. Throws results_error.
void write_html(const std::filesystem::path& path, const std::string& html, bool overwrite);

}  // namespace civicsim::sim::report
