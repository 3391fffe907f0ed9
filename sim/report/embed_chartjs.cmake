# Writes a C++ source defining civicsim::sim::report::chartjs_source() as the text of Chart.js,
# so that the HTML report carries the library inside itself and the binary needs no file at run
# time. Run at build time: cmake -DINPUT=chart.min.js -DOUTPUT=chartjs_source.cpp -P this file.
file(READ "${INPUT}" content)
string(FIND "${content}" ")chartjs\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )chartjs\"; change it in ${CMAKE_CURRENT_LIST_FILE}")
endif()
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by sim/report/embed_chartjs.cmake; do not edit.
#include \"sim/report/chartjs.hpp\"

namespace civicsim::sim::report {

namespace {
constexpr char source[] = R\"chartjs(${content})chartjs\";
}  // namespace

std::string_view chartjs_source() noexcept { return {source, sizeof source - 1}; }

}  // namespace civicsim::sim::report
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
