#pragma once
// The planners' report: one self-contained HTML file that opens with findings on the case's
// headline outcomes (the scenario's [report] table) and a decision table, then the scenario in
// words, where the effects fall (per neighbourhood, with tile maps), every strategy on every
// headline outcome with intervals, time-series charts, fairness breakdowns and costs; it opens
// without a network, drawn with the Chart.js embedded in the binary.

#include <filesystem>
#include <string>

#include <vector>

#include "sim/results/attribution.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim::report {

/// Why one strategy has its effects (`compare --explain`): its effect on each outcome attributed
/// to the mechanisms switched off in both arms.
struct explanation {
    std::string strategy;
    std::vector<attribution> outcomes;
};

/// The report on `results` as one HTML document; everything it needs is inside it. With
/// `explanations`, a "Why" section follows the decision table.
std::string render_html(const results_set& results,
                        const std::vector<explanation>& explanations = {});

/// Writes `html` to `path` atomically (an atomic_file), refusing to replace an existing file
/// unless `overwrite`, and anything but a regular file at all. Throws results_error.
void write_html(const std::filesystem::path& path, const std::string& html, bool overwrite);

/// Checked before the work that produces the report, so that it is not wasted:
/// check_output_writable for a report.
void check_html_writable(const std::filesystem::path& path, bool overwrite);

}  // namespace civicsim::sim::report
