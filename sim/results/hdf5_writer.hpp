#pragma once
// The results file: one HDF5 file per command, laid out as docs/results-format.md describes.

#include <filesystem>
#include <string>

#include "sim/results/results_error.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// Version of the layout in docs/results-format.md, stored as the root attribute `format_version`.
/// 2 added /by_community and /by_age_band (and many daily and summary metrics).
inline constexpr int results_format_version = 2;

/// Writes `results` to `path` atomically (an atomic_file): refuses to replace an existing file
/// unless `overwrite`, and anything but a regular file at all. Creates missing parent
/// directories. Throws results_error (an output_error for the file system's part) for a file that
/// cannot be written and std::invalid_argument for an inconsistent `results`.
void write_results(const std::filesystem::path& path, const results_set& results, bool overwrite);

/// What the root attribute `incomplete` of a part (results.partial(): of a sweep, a comparison
/// or a run) says: how many of the runs it holds, and how to finish it (the command that wrote
/// it, with --resume) or join it (civicsim merge).
std::string incomplete_note(const results_set& results);

/// Checked before a long run starts, so that a run is not wasted: check_output_writable for a
/// results file.
void check_writable(const std::filesystem::path& path, bool overwrite);

}  // namespace civicsim::sim
