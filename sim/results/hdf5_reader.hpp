#pragma once
// Reading a results file back: everything write_results stores, as a results_set, for reports
// and for the Python package.

#include <filesystem>
#include <string>

#include "sim/results/hdf5_writer.hpp"
#include "sim/results/run_result.hpp"

namespace civicsim::sim {

/// A file that is missing, not HDF5, not a civicsim results file, or of a format this version
/// cannot read. The message names the file and what is wrong with it.
class results_read_error : public results_error {
public:
    using results_error::results_error;
};

/// Root attributes that describe the file rather than the runs (results_set has no place for
/// them: the writer fills them in itself).
struct results_provenance {
    std::string civicsim_version;
    std::string git_commit;
    std::string created;  ///< ISO 8601 UTC
    int format_version = 0;
};

/// Reads a results file written by write_results (format version results_format_version).
/// A version-2 file written before /strategies existed gets its strategies from /runs, in order
/// of first appearance, without descriptions. A file marked `incomplete` (part of a sweep) is
/// refused with a message that says how to finish it. Throws results_read_error.
results_set read_results(const std::filesystem::path& path);

/// Reads a results file as read_results does, except that it also accepts part of a sweep
/// (results_set::partial(): a shard, an interrupted sweep), which read_results refuses.
results_set read_sweep_part(const std::filesystem::path& path);

/// Reads the file once in a child process and throws results_read_error if that fails in any way.
/// libhdf5 1.10 trusts addresses inside the file: one changed byte in a string's heap reference
/// makes it crash (a segfault, not an error) wherever it runs. In a child, that crash, or a hang
/// past `seconds`, becomes a message about the damaged file instead of ending the caller.
/// With `sweep_part`, it reads as read_sweep_part does.
void probe_results_file(const std::filesystem::path& path, unsigned seconds = 120,
                        bool sweep_part = false);

/// The same, also returning the provenance attributes.
results_set read_results(const std::filesystem::path& path, results_provenance& provenance);

}  // namespace civicsim::sim
