#pragma once
// Chart.js (Debian's libjs-chart.js), embedded at build time by sim/report/embed_chartjs.cmake so
// that a report drawn with it opens without a network and the binary needs no file at run time.

#include <string_view>

namespace civicsim::sim::report {

/// The minified Chart.js library, its licence banner included.
std::string_view chartjs_source() noexcept;

}  // namespace civicsim::sim::report
