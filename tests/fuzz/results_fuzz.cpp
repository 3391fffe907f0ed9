// libFuzzer target: any bytes as a results file, read the way `report` and open_results read one:
// probed in a child process first (libhdf5 1.10 crashes on some damaged heap addresses, and the
// probe turns that into results_read_error), then read in this process. Both must either succeed
// or throw results_read_error; a crash or sanitizer report in this process, or another exception,
// is a bug, and the input becomes a case of tests/data/bad/.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/results/hdf5_reader.hpp"

namespace {

/// This process's scratch file: libFuzzer runs one input at a time per process.
const std::filesystem::path& scratch_file() {
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("civicsim-fuzz-" + std::to_string(::getpid()) + ".h5");
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = scratch_file();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        civicsim::sim::probe_results_file(path, 3);  // a read of the seed takes well under 1 s
        (void)civicsim::sim::read_results(path);
    } catch (const civicsim::sim::results_read_error&) {
        // Refused as damaged or foreign: what a bad file must get.
    }
    return 0;
}
