// docs/outcome-reference.md is generated from the metric tables (civicsim describe --outcomes);
// these tests keep it true and check that it lists every metric with its unit and description.

#include "sim/results/outcome_reference.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "models/metrics.hpp"

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the outcome reference in docs/ matches the metric tables", "[results]") {
    const std::string generated = civicsim::sim::outcome_reference_markdown();
    if (read(std::string(CIVICSIM_SOURCE_DIR) + "/docs/outcome-reference.md") != generated) {
        const std::string fresh = std::string(CIVICSIM_TEST_TMP) + "/outcome-reference.md";
        std::ofstream(fresh) << generated;
        FAIL(
            "docs/outcome-reference.md is out of date with the metric tables; run `make docs` (or "
            "copy "
            << fresh << ") and commit the result");
    }
}

TEST_CASE("the outcome reference lists every metric with its unit and description", "[results]") {
    const std::string doc = civicsim::sim::outcome_reference_markdown();
    for (const auto table : {civicsim::models::daily_metrics(), civicsim::models::summary_metrics(),
                             civicsim::models::group_metrics()})
        for (const auto& m : table) {
            INFO(m.name);
            CHECK(doc.find("| `" + std::string(m.name) + "` | " + std::string(m.unit) + " | ") !=
                  std::string::npos);
        }
    CHECK(doc.find("| `trust_mean` | score [0,1] | mean trust in the police on the last day | "
                   "higher | trust |") != std::string::npos);
    CHECK(doc.find("| `watchdog_actions` | actions | corrective actions over the run | higher | "
                   "police accountability |") != std::string::npos);
    CHECK(doc.find("| `reports` | reports | reports filed over the run | — | response load |") !=
          std::string::npos);
}
