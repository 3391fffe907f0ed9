// libFuzzer target: any bytes as a scenario file's text. The loader must either return a checked
// scenario or throw scenario_error (every problem located); anything else (a crash, a sanitizer
// report, another exception, a hang) is a bug, and the input becomes a case of tests/data/bad/.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)civicsim::sim::parse_scenario(text, "fuzz.toml");
    } catch (const civicsim::sim::scenario_error&) {
        // Refused with located problems: what bad input must get.
    }
    return 0;
}
