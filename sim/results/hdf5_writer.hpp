#pragma once
// The results file: one HDF5 file per command, laid out as docs/results-format.md describes.

#include <filesystem>
#include <stdexcept>

#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// A results file that cannot be written: the message names the file and the reason.
class results_error : public std::runtime_error {
  public:
    using runtime_error::runtime_error;
};

/// Version of the layout in docs/results-format.md, stored as the root attribute `format_version`.
/// 2 added /by_community and /by_age_band (and many daily and summary metrics).
inline constexpr int results_format_version = 2;

/// Writes `results` to `path` atomically: to a temporary name in the same directory, renamed when
/// complete. Refuses to replace an existing file unless `overwrite`. Creates missing parent
/// directories. Throws results_error for a file that cannot be written and std::invalid_argument
/// for an inconsistent `results`.
void write_results(const std::filesystem::path& path, const results_set& results, bool overwrite);

/// Checked before a long run starts, so that a run is not wasted: throws results_error if `path`
/// exists and !overwrite, or its directory cannot be created/written.
void check_writable(const std::filesystem::path& path, bool overwrite);

}  // namespace civicsim::sim
