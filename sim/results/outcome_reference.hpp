#pragma once
// The outcome reference (docs/outcome-reference.md), generated from the metric tables of
// models/metrics.hpp and the mechanisms', so that no outcome is described twice.

#include <string>

namespace civicsim::sim {

/// Every daily, summary and group outcome as Markdown tables, in the order the engine records
/// them: name, unit and description, and for summary outcomes the better direction and the
/// family a planner reads them in.
std::string outcome_reference_markdown();

}  // namespace civicsim::sim
